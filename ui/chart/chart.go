// Package chart draws the dashboard's small charts as plain strings:
// a one-line Sparkline (with its Marker and Scale legend), a larger bar
// Chart built on the ntcharts canvas, and a one-line RangeBar for
// guidance ranges.
//
// Every function is pure: styles come in through Styles (built by the
// caller from its per-session lipgloss renderer), nothing is cached at
// package level, and every output line is exactly the requested width.
// Input is sanitised before any drawing: a missing or non-finite point is
// a visible gap, never a zero bar, and a loss is drawn below zero, never
// as a flat line (ntcharts' own sparkline and barchart clamp negatives to
// zero, so neither is used for values).
package chart

import (
	"math"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"quarterdash/data"
)

// Styles are the looks a chart uses. Set only colours and text
// attributes: padding, margins, borders and sizes are removed before use,
// since they would break the exact widths. The zero value draws plain
// text, which stays readable because no meaning is carried by colour
// alone (gaps, losses and the selection all have their own glyphs).
type Styles struct {
	Bar      lipgloss.Style // a positive bar
	Negative lipgloss.Style // a bar below zero (a loss)
	Selected lipgloss.Style // the selected quarter's bar
	Gap      lipgloss.Style // a missing quarter
	Axis     lipgloss.Style // axis lines and ticks
	Zero     lipgloss.Style // the zero line, and zero values
	Label    lipgloss.Style // tick and quarter labels
}

// Glyphs shared by the charts.
const (
	gapGlyph    = "·" // a quarter with no figure
	markerGlyph = "▲" // under the selected quarter
	actualGlyph = "◆" // an actual figure on a range bar
)

// levels are the eight bar heights of a one-line cell, lowest first.
var levels = [...]string{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}

// maxMagnitude bounds every value before it is scaled. Real figures are
// far smaller; the bound keeps an outlier like 1e300 from turning a range
// into Inf or NaN.
const maxMagnitude = 1e15

// maxSide bounds a chart's width and height. Terminal sizes come from
// clients (an SSH client may claim 65535 columns); beyond this the output
// is clamped rather than allocating gigabytes.
const maxSide = 1024

// styleID names one of the styles a cell can take, so that runs of equal
// cells are rendered with one Style.Render call instead of one per cell.
type styleID uint8

const (
	sPlain styleID = iota
	sBar
	sNegative
	sSelected
	sSelectedNegative
	sSelectedGap
	sGap
	sAxis
	sZero
	sLabel
	sCount
)

// palette holds the caller's styles, indexed by styleID, and the escape
// sequences each one wraps text in, worked out on first use.
type palette struct {
	st    Styles
	ready [sCount]bool
	open  [sCount]string
	close [sCount]string
}

func newPalette(st Styles) *palette { return &palette{st: st} }

// style is the cleaned style for id.
func (p *palette) style(id styleID) lipgloss.Style {
	switch id {
	case sBar:
		return clean(p.st.Bar)
	case sNegative:
		return clean(p.st.Negative)
	case sSelected:
		return clean(p.st.Selected)
	case sSelectedNegative:
		return clean(p.st.Selected).Inherit(clean(p.st.Negative))
	case sGap:
		return clean(p.st.Gap)
	case sSelectedGap:
		return clean(p.st.Selected).Inherit(clean(p.st.Gap))
	case sAxis:
		return clean(p.st.Axis)
	case sZero:
		return clean(p.st.Zero)
	case sLabel:
		return clean(p.st.Label)
	}
	return lipgloss.Style{}
}

// wrap writes text in style id. A cleaned style only adds escape
// sequences around its text, so they are found once, by rendering a probe
// character, and reused: one Style.Render per style per chart instead of
// one per run of cells (Render costs microseconds, and a chart is redrawn
// for every SSH session).
func (p *palette) wrap(b *strings.Builder, id styleID, text string) {
	if id == sPlain {
		b.WriteString(text)
		return
	}
	if !p.ready[id] {
		p.ready[id] = true
		r := p.style(id).Render(probe)
		if i := strings.Index(r, probe); i >= 0 && strings.Count(r, probe) == 1 {
			p.open[id], p.close[id] = r[:i], r[i+len(probe):]
		}
	}
	b.WriteString(p.open[id])
	b.WriteString(text)
	b.WriteString(p.close[id])
}

// probe is the text rendered to find a style's escape sequences; it
// cannot occur inside an escape sequence.
const probe = "Q"

// clean drops the layout properties that would change a cell's width.
func clean(s lipgloss.Style) lipgloss.Style {
	return s.UnsetPadding().UnsetMargins().UnsetBorderStyle().
		UnsetBorderTop().UnsetBorderRight().UnsetBorderBottom().UnsetBorderLeft().
		UnsetWidth().UnsetHeight().UnsetMaxWidth().UnsetMaxHeight().UnsetAlign().
		UnsetInline().UnsetTransform().UnsetString()
}

// line accumulates one output line as runs of equally styled text.
type line struct {
	b     strings.Builder
	run   strings.Builder
	runID styleID
	pal   *palette
}

func (l *line) add(s string, id styleID) {
	if id != l.runID && l.run.Len() > 0 {
		l.flush()
	}
	l.runID = id
	l.run.WriteString(s)
}

// addRune is add for a single glyph, without allocating a string.
func (l *line) addRune(r rune, id styleID) {
	if id != l.runID && l.run.Len() > 0 {
		l.flush()
	}
	l.runID = id
	l.run.WriteRune(r)
}

func (l *line) flush() {
	if l.run.Len() == 0 {
		return
	}
	l.pal.wrap(&l.b, l.runID, l.run.String())
	l.run.Reset()
}

func (l *line) String() string {
	l.flush()
	return l.b.String()
}

// fit pads or trims s to exactly w cells. Styles are cleaned of layout
// properties, so this is a safety net, not the normal path.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := lipgloss.Width(s)
	switch {
	case n > w:
		s = ansi.Truncate(s, w, "")
		n = lipgloss.Width(s)
	case n == w:
		return s
	}
	if n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// placeholder is a plain w x h block with msg on its first line, for
// sizes too small to chart and for drawing failures.
func placeholder(msg string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	w, h = min(w, maxSide), min(h, maxSide)
	lines := make([]string, h)
	lines[0] = fit(msg, w)
	blank := strings.Repeat(" ", w)
	for i := 1; i < h; i++ {
		lines[i] = blank
	}
	return strings.Join(lines, "\n")
}

// value is a sanitised point: ok false is a gap.
type value struct {
	v      float64
	ok     bool
	approx bool
}

// sanitise turns points into values: a gap, NaN or Inf becomes a gap and
// magnitudes are clamped to maxMagnitude.
func sanitise(pts []data.Point) []value {
	out := make([]value, len(pts))
	for i, p := range pts {
		if !p.OK || math.IsNaN(p.Value) || math.IsInf(p.Value, 0) {
			continue
		}
		out[i] = value{v: math.Max(-maxMagnitude, math.Min(maxMagnitude, p.Value)), ok: true, approx: p.Approx}
	}
	return out
}

// extent is the smallest and largest present value; ok is false when
// there is none.
func extent(vals []value) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range vals {
		if !v.ok {
			continue
		}
		lo, hi, ok = math.Min(lo, v.v), math.Max(hi, v.v), true
	}
	return lo, hi, ok
}

// window picks which of n points are shown in at most width slots: all of
// them when they fit, otherwise the most recent width, moved back just
// far enough to keep selected in view.
func window(n, width, selected int) (start, count int) {
	if n <= 0 || width <= 0 {
		return 0, 0
	}
	if width >= n {
		return 0, n
	}
	start = n - width
	if selected >= 0 && selected < start {
		start = selected
	}
	return start, width
}
