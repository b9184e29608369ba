package chart

import (
	"math"
	"strings"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/graph"
	"github.com/charmbracelet/lipgloss"

	"quarterdash/data"
	"quarterdash/ui/format"
)

// Series is one company's line in Lines: its points (one per column of the
// shared X axis), the glyph that marks each figure and the style that
// colours it.
type Series struct {
	Name   string
	Points []data.Point
	// Marker is drawn at every figure. Give each series its own, so the
	// lines tell apart without colour (NO_COLOR, a colour-blind reader).
	Marker rune
	Style  lipgloss.Style
}

// Markers are distinct one-cell glyphs for series, in the order to hand
// them out. None of them is "▲", the selection mark, or "·", the line.
var Markers = [...]rune{'●', '■', '◆', '○', '□', '◇', '✚', '×'}

// lineGlyph joins a series' consecutive figures.
const lineGlyph = '·'

// LinesOptions configures Lines.
type LinesOptions struct {
	Width, Height int // the exact size of the output, in cells
	// Selected is the index of the selected X position, marked "▲" on
	// the label line; -1 for none.
	Selected int
	// Label formats Y-axis tick values; nil uses a plain compact number.
	Label func(float64) string
	// XLabels holds one label per X position ("24Q2").
	XLabels []string
}

// Lines draws several series on one axis, exactly o.Width x o.Height
// cells: a Y axis with labelled ticks, a zero line (the range always
// includes zero, so a loss is drawn below it and the heights compare
// honestly), each series' figures marked with its own glyph and joined
// by dotted segments in its style, and the X labels along the bottom. A
// gap (no figure, NaN or Inf) breaks the line: nothing is drawn there.
// Points are sanitised first and magnitudes clamped; sizes below
// MinChartWidth x MinChartHeight, and series with no figures at all, give
// a placeholder; a panic inside the drawing gives a placeholder too.
//
// The segments come from ntcharts' line rasteriser (graph.GetLinePoints);
// the cells are rendered here in styled runs, one Render per run, since a
// canvas-sized ntcharts model costs a style per cell.
func Lines(series []Series, o LinesOptions, st Styles) (out string) {
	w, h := min(o.Width, maxSide), min(o.Height, maxSide)
	if w <= 0 || h <= 0 {
		return ""
	}
	if w < MinChartWidth || h < MinChartHeight {
		return placeholder("(chart needs more room)", w, h)
	}
	vals := make([][]value, len(series))
	n := 0
	for i, s := range series {
		vals[i] = sanitise(s.Points)
		n = max(n, len(vals[i]))
	}
	// At least three columns a point, so the markers and their joins
	// read; a longer history shows its latest part, keeping the selection.
	// The window is chosen before the axis (with room for a wide label),
	// so the axis spans what is shown, not a loss twenty years back.
	start, count := window(n, max((w-lineGutter-1)/3, 1), o.Selected)
	lo, hi, have := 0.0, 0.0, false
	for i := range vals {
		shown := vals[i][min(start, len(vals[i])):min(start+count, len(vals[i]))]
		if l, hgh, ok := extent(shown); ok {
			lo, hi, have = math.Min(lo, l), math.Max(hi, hgh), true
		}
	}
	if !have {
		return placeholder("(no figures to chart)", w, h)
	}
	defer func() {
		if r := recover(); r != nil {
			out = placeholder("(chart unavailable)", w, h)
		}
	}()
	return drawLines(series, vals, start, count, lo, hi, o, w, h, st)
}

// lineGutter is the widest axis label Lines gives room for ("−$20.0B").
const lineGutter = 8

// cellID is a Lines cell's style: the chart's own (below sCount) or
// series k's (seriesBase + k).
type cellID int

const seriesBase cellID = 1000

func drawLines(series []Series, vals [][]value, start, count int, lo, hi float64, o LinesOptions, w, h int, st Styles) string {
	lay := newLayout(h-1, lo, hi)
	labelFn := o.Label
	if labelFn == nil {
		labelFn = func(v float64) string { return format.Compact(v, data.UnitCount, "", false) }
	}
	rowLabel, gutter := rowLabels(lay, labelFn, min(w/2, lineGutter))
	plotW := w - gutter - 1
	slot := max(1, plotW/max(1, count))
	p := newLinePlot(lay, plotW, start, count, slot)
	// Segments first, every series, then the markers on top, so that no
	// line hides a figure.
	p.drawJoins(vals)
	p.drawMarkers(series, vals)

	pal := newPalette(st)
	sp := newSeriesPalette(series)
	lines := make([]string, 0, h)
	for r := 0; r < lay.rows; r++ {
		var b strings.Builder
		if gutter > 0 {
			if rowLabel[r] != "" {
				pal.wrap(&b, sLabel, rowLabel[r])
			} else {
				b.WriteString(blank(gutter))
			}
		}
		axis := "│"
		if rowLabel[r] != "" {
			axis = "┤"
		}
		pal.wrap(&b, sAxis, axis)
		p.writeRow(&b, r, pal, sp)
		lines = append(lines, fit(b.String(), w))
	}
	// Labels start under their marker's column.
	lines = append(lines, xLabelLine(xPeriods(series, vals), nil, ChartOptions{Selected: o.Selected, XLabels: o.XLabels}, nil,
		start, count, slot, gutter+1+slot/2, w, pal))
	return strings.Join(lines, "\n")
}

// rowLabels are the Y axis's tick labels by row ("" between ticks), right
// aligned in a gutter as wide as the widest, at most maxWidth cells (0:
// no gutter, and no labels).
func rowLabels(lay layout, labelFn func(float64) string, maxWidth int) (labels []string, gutter int) {
	ticks := lay.ticks()
	texts := make([]string, len(ticks))
	for i, t := range ticks {
		texts[i] = oneLine(labelFn(t.value))
		gutter = max(gutter, lipgloss.Width(texts[i]))
	}
	gutter = min(gutter, maxWidth)
	labels = make([]string, lay.rows)
	for i, t := range ticks {
		if gutter > 0 {
			labels[t.row] = alignRight(texts[i], gutter)
		}
	}
	return labels, gutter
}

// linePlot is Lines' plot area: a glyph (0 for blank) and a style per
// cell, and where the X positions start..start+count-1 and the figures
// fall in it.
type linePlot struct {
	w, rows      int
	lay          layout
	start, count int
	slot         int // columns per X position
	glyph        []rune
	ids          []cellID
}

// newLinePlot is an empty plot w columns wide with its zero line drawn.
func newLinePlot(lay layout, w, start, count, slot int) *linePlot {
	p := &linePlot{w: w, rows: lay.rows, lay: lay, start: start, count: count, slot: slot,
		glyph: make([]rune, w*lay.rows), ids: make([]cellID, w*lay.rows)}
	for x := 0; x < w; x++ {
		p.set(x, lay.zero, '─', cellID(sZero))
	}
	return p
}

// set draws r in style id at (x, y); outside the plot it does nothing.
func (p *linePlot) set(x, y int, r rune, id cellID) {
	if x >= 0 && x < p.w && y >= 0 && y < p.rows {
		p.glyph[y*p.w+x], p.ids[y*p.w+x] = r, id
	}
}

// col is the column of X position i: the middle of its slot.
func (p *linePlot) col(i int) int { return (i-p.start)*p.slot + p.slot/2 }

// row is the row of figure v. The zero row is exact; the rest is linear on
// each side of it, so a loss always sits below the zero line and a profit
// above.
func (p *linePlot) row(v float64) int {
	lay := p.lay
	switch {
	case v > 0 && lay.up > 0:
		return lay.zero - max(1, int(math.Round(v/lay.hi*float64(lay.up))))
	case v < 0 && lay.down > 0:
		return lay.zero + max(1, int(math.Round(v/lay.lo*float64(lay.down))))
	}
	return lay.zero
}

// drawJoins draws the dotted segments between each series' consecutive
// figures in view; a gap breaks the line.
func (p *linePlot) drawJoins(vals [][]value) {
	for k := range vals {
		prev := -1
		for i := p.start; i < p.start+p.count && i < len(vals[k]); i++ {
			if !vals[k][i].ok {
				prev = -1 // a gap breaks the line
				continue
			}
			if prev >= 0 {
				a := canvas.Point{X: p.col(prev), Y: p.row(vals[k][prev].v)}
				b := canvas.Point{X: p.col(i), Y: p.row(vals[k][i].v)}
				for _, pt := range graph.GetLinePoints(a, b) {
					p.set(pt.X, pt.Y, lineGlyph, seriesBase+cellID(k))
				}
			}
			prev = i
		}
	}
}

// drawMarkers draws each series' marker at each of its figures in view.
func (p *linePlot) drawMarkers(series []Series, vals [][]value) {
	for k, s := range series {
		m := s.Marker
		if m == 0 {
			m = Markers[k%len(Markers)]
		}
		for i := p.start; i < p.start+p.count && i < len(vals[k]); i++ {
			if vals[k][i].ok {
				p.set(p.col(i), p.row(vals[k][i].v), m, seriesBase+cellID(k))
			}
		}
	}
}

// writeRow writes row r of the plot to b as runs of equally styled cells,
// one wrap per run: the chart's styles from pal, the series' from sp.
func (p *linePlot) writeRow(b *strings.Builder, r int, pal *palette, sp *seriesPalette) {
	var run strings.Builder
	runID := cellID(-1)
	flush := func() {
		if run.Len() == 0 {
			return
		}
		if runID >= seriesBase {
			sp.wrap(b, int(runID-seriesBase), run.String())
		} else {
			pal.wrap(b, styleID(runID), run.String())
		}
		run.Reset()
	}
	for x := 0; x < p.w; x++ {
		c, id := p.glyph[r*p.w+x], p.ids[r*p.w+x]
		if c == 0 {
			c, id = ' ', cellID(sPlain)
		}
		if id != runID {
			flush()
			runID = id
		}
		run.WriteRune(c)
	}
	flush()
}

// xPeriods is one point per X position, as long as the longest series,
// carrying the period the first series with a point there gives it: what
// the X labels are made from.
func xPeriods(series []Series, vals [][]value) []data.Point {
	n := 0
	for _, v := range vals {
		n = max(n, len(v))
	}
	pts := make([]data.Point, n)
	for k := range series {
		for i, p := range series[k].Points {
			if i < n && pts[i].Period == (data.Period{}) {
				pts[i].Period = p.Period
			}
		}
	}
	return pts
}

// seriesPalette is palette for the series' own styles.
type seriesPalette struct {
	styles      []lipgloss.Style
	ready       []bool
	open, close []string
}

func newSeriesPalette(series []Series) *seriesPalette {
	sp := &seriesPalette{ready: make([]bool, len(series)), open: make([]string, len(series)), close: make([]string, len(series))}
	for _, s := range series {
		sp.styles = append(sp.styles, clean(s.Style))
	}
	return sp
}

func (p *seriesPalette) wrap(b *strings.Builder, k int, text string) {
	if !p.ready[k] {
		p.ready[k] = true
		r := p.styles[k].Render(probe)
		if i := strings.Index(r, probe); i >= 0 && strings.Count(r, probe) == 1 {
			p.open[k], p.close[k] = r[:i], r[i+len(probe):]
		}
	}
	b.WriteString(p.open[k])
	b.WriteString(text)
	b.WriteString(p.close[k])
}

// LinesLegend names each series with its marker, in its style:
// "● META  ■ GOOGL".
func LinesLegend(series []Series) string {
	parts := make([]string, len(series))
	for k, s := range series {
		m := s.Marker
		if m == 0 {
			m = Markers[k%len(Markers)]
		}
		parts[k] = clean(s.Style).Render(string(m) + " " + oneLine(s.Name))
	}
	return strings.Join(parts, "  ")
}
