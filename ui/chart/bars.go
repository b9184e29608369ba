package chart

import (
	"math"
	"strings"

	"github.com/NimbleMarkets/ntcharts/canvas/runes"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"quarterdash/data"
	"quarterdash/ui/format"
)

// maxBar is the widest bar a Chart draws: a few points on a wide screen
// read better as spaced bars than as slabs.
const maxBar = 9

// NeedsRoom is what a chart area says when it is too small to draw in:
// Chart's placeholder, and the callers' wording when they skip a chart.
const NeedsRoom = "(chart needs more room)"

// Minimum size of a Chart; smaller sizes get a placeholder line.
const (
	MinChartWidth  = 20
	MinChartHeight = 5
)

// ChartOptions configures Chart.
type ChartOptions struct {
	Width, Height int // the exact size of the output, in cells
	// Selected is the index in pts of the selected quarter, marked with
	// "▲" under its bar and drawn in the Selected style; -1 for none.
	Selected int
	// Label formats Y-axis tick values, e.g. a closure over
	// format.Compact with the metric's unit. nil uses a plain compact
	// number.
	Label func(float64) string
	// XLabels holds one label per point ("22Q1"). Missing entries are made
	// from the point's period.
	XLabels []string
}

// Chart draws pts as a bar chart of exactly o.Width x o.Height cells, on
// the ntcharts canvas: a Y axis whose ends and ticks are multiples of a
// "nice" step (1, 2, 2.5 or 5 × 10^n; about one tick in three rows, so a
// tall chart gets more), a zero line, bars rising above it for positive
// values and hanging below it for negative ones (so a deeper loss reaches
// lower), quarter labels along the bottom (the selected, last and first
// first, in that order of priority when they cannot all fit, then others
// as they fit), the selected quarter marked with "▲" and its figure under
// its bar, and a missing quarter drawn as "·" on the zero line instead of
// a bar.
//
// The points share the whole width (bars at most maxBar wide, the gaps
// growing instead). When there are more points than columns, the most
// recent ones are shown, keeping the selected one in view. Sizes below MinChartWidth x
// MinChartHeight, and a series with no figures, give a one-line message
// padded to the size. Chart never panics: a failure inside the drawing
// code gives a placeholder instead.
func Chart(pts []data.Point, o ChartOptions, st Styles) (out string) {
	w, h := min(o.Width, maxSide), min(o.Height, maxSide)
	if w <= 0 || h <= 0 {
		return ""
	}
	if w < MinChartWidth || h < MinChartHeight {
		return placeholder(NeedsRoom, w, h)
	}
	vals := sanitise(pts)
	if _, _, ok := extent(vals); !ok {
		return placeholder("(no figures to chart)", w, h)
	}
	defer func() {
		// ntcharts and a caller's Label func are outside this package's
		// control; a panic in either must not take the session down.
		if r := recover(); r != nil {
			out = placeholder("(chart unavailable)", w, h)
		}
	}()
	return drawChart(pts, vals, o, w, h, newPalette(st))
}

// layout is the geometry of one Chart: graph rows 0..rows-1 (the last
// line of the output holds the quarter labels), the zero row, and the
// value range.
type layout struct {
	rows     int     // graph rows, above the label line
	zero     int     // row of the zero line
	up, down int     // rows above and below the zero row
	lo, hi   float64 // value range; lo <= 0 <= hi, each a multiple of step
	step     float64 // the tick step
}

func newLayout(rows int, lo, hi float64) layout {
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	if lo == 0 && hi == 0 {
		hi = 1 // all zeros: draw the zero line at the bottom
	}
	// The axis ends on a tick of a "nice" step (1, 2, 2.5 or 5 × 10^n):
	// at most one tick in three rows, so a tall chart gets more of them,
	// and of those steps the one that stretches the range least.
	step := chooseStep(lo, hi, rows/3+1)
	hi, lo = math.Ceil(hi/step-1e-9)*step, math.Floor(lo/step+1e-9)*step
	l := layout{rows: rows, lo: lo, hi: hi, step: step}
	switch {
	case lo == 0:
		l.zero = rows - 1
	case hi == 0:
		l.zero = 0
	default:
		z := int(math.Round(float64(rows-1) * hi / (hi - lo)))
		l.zero = max(1, min(rows-2, z))
	}
	l.up, l.down = l.zero, rows-1-l.zero
	return l
}

// niceSteps are the mantissas of a readable tick step.
var niceSteps = [...]float64{1, 2, 2.5, 5, 10}

// niceStep is the smallest 1, 2, 2.5 or 5 × 10^n at least raw.
func niceStep(raw float64) float64 {
	if !(raw > 0) || math.IsInf(raw, 0) {
		return 1
	}
	exp := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range niceSteps {
		if s := m * exp; s >= raw*(1-1e-9) {
			return s
		}
	}
	return 10 * exp
}

// chooseStep picks the nice step for lo..hi with at most maxTicks steps
// spanning it, stretching the range the least (the larger step on a tie).
func chooseStep(lo, hi float64, maxTicks int) float64 {
	span := hi - lo
	best, bestExt := niceStep(span/float64(maxTicks)), math.Inf(1)
	for s, k := best, 0; k < 6; s, k = niceStep(s*1.0001), k+1 {
		ext := math.Ceil(hi/s-1e-9)*s - math.Floor(lo/s+1e-9)*s
		if ext/s <= float64(maxTicks)+1e-9 && ext < bestExt*(1-1e-9) {
			best, bestExt = s, ext
		}
	}
	return best
}

// tick is a labelled row of the Y axis.
type tick struct {
	row   int
	value float64
}

// ticks labels zero and every multiple of the step within the range, on
// the row each value falls on, leaving out one that would sit on or next
// to a row already labelled.
func (l layout) ticks() []tick {
	t := []tick{{l.zero, 0}}
	used := map[int]bool{l.zero: true}
	add := func(v float64, row int) {
		if row < 0 || row >= l.rows || used[row] || used[row-1] || used[row+1] {
			return
		}
		used[row] = true
		t = append(t, tick{row, v})
	}
	// The ends of the axis first, so they are never the ones left out.
	if l.up > 0 {
		add(l.hi, 0)
	}
	if l.down > 0 {
		add(l.lo, l.rows-1)
	}
	for k := 1; l.up > 0 && float64(k)*l.step <= l.hi*(1+1e-9); k++ {
		v := float64(k) * l.step
		add(v, l.zero-int(math.Round(v/l.hi*float64(l.up))))
	}
	for k := 1; l.down > 0 && -float64(k)*l.step >= l.lo*(1+1e-9); k++ {
		v := -float64(k) * l.step
		add(v, l.zero+int(math.Round(v/l.lo*float64(l.down))))
	}
	return t
}

func drawChart(pts []data.Point, vals []value, o ChartOptions, w, h int, pal *palette) string {
	lo, hi, _ := extent(vals)
	lay := newLayout(h-1, lo, hi)

	// Y labels: measured with lipgloss.Width (ntcharts' linechart measures
	// labels in bytes, which misaligns "−" and currency symbols).
	ticks := lay.ticks()
	labelFn := o.Label
	if labelFn == nil {
		labelFn = func(v float64) string { return format.Compact(v, data.UnitCount, "", false) }
	}
	gutter := 0
	texts := make([]string, len(ticks))
	for i, t := range ticks {
		texts[i] = oneLine(labelFn(t.value))
		gutter = max(gutter, lipgloss.Width(texts[i]))
	}
	gutter = min(gutter, w/2)
	rowLabel := make([]string, lay.rows)
	for i, t := range ticks {
		if gutter > 0 {
			rowLabel[t.row] = alignRight(texts[i], gutter)
		}
	}

	plotW := w - gutter - 1
	n := len(vals)
	start, count := window(n, plotW, o.Selected)
	// The points share the whole width; bars stop widening at maxBar and
	// the space between them grows instead.
	slot := max(1, plotW/max(1, count))
	barW := slot
	if slot >= 2 {
		barW = min(slot-1, maxBar) // at least one blank column between bars
	}

	// The plot is a grid of glyphs and style ids, so that a row renders as
	// a few styled runs. Positive columns come from ntcharts (see drawBar).
	g := newGrid(plotW, lay.rows)
	for x := 0; x < plotW; x++ {
		g.set(x, lay.zero, '─', sZero)
	}
	for i := start; i < start+count; i++ {
		x0 := (i - start) * slot
		drawBar(&g, lay, x0, min(barW, plotW-x0), vals[i], i == o.Selected)
	}

	lines := make([]string, 0, h)
	for r := 0; r < lay.rows; r++ {
		ln := line{pal: pal}
		if gutter > 0 {
			if rowLabel[r] != "" {
				ln.add(rowLabel[r], sLabel)
			} else {
				ln.add(blank(gutter), sPlain)
			}
		}
		axis := "│"
		if rowLabel[r] != "" {
			axis = "┤"
		}
		ln.add(axis, sAxis)
		for x := 0; x < plotW; x++ {
			c := g.glyph[r*plotW+x]
			if c == 0 {
				ln.add(" ", sPlain)
				continue
			}
			ln.addRune(c, g.id[r*plotW+x])
		}
		lines = append(lines, fit(ln.String(), w))
	}
	lines = append(lines, xLabelLine(pts, vals, o, labelFn, start, count, slot, gutter+1, w, pal))
	return strings.Join(lines, "\n")
}

// grid is the plot area: one glyph (0 for blank) and style per cell.
type grid struct {
	w, h  int
	glyph []rune
	id    []styleID
}

func newGrid(w, h int) grid {
	return grid{w: w, h: h, glyph: make([]rune, w*h), id: make([]styleID, w*h)}
}

func (g *grid) set(x, y int, r rune, id styleID) {
	if x >= 0 && x < g.w && y >= 0 && y < g.h {
		g.glyph[y*g.w+x], g.id[y*g.w+x] = r, id
	}
}

// approxBlock fills the body of an approximate figure's bar, so that it
// reads as approximate without colour (Legend names it).
const approxBlock = '▓'

// Legend explains the glyphs Chart used for pts that a reader may not know:
// the shaded body of approximate figures and the gap dot. Empty when
// neither occurs.
func Legend(pts []data.Point) string {
	var approx, gap bool
	for _, p := range pts {
		if !p.OK || math.IsNaN(p.Value) || math.IsInf(p.Value, 0) {
			gap = true
		} else if p.Approx {
			approx = true
		}
	}
	var parts []string
	if approx {
		parts = append(parts, string(approxBlock)+" approximate figure")
	}
	if gap {
		parts = append(parts, "· not reported")
	}
	return strings.Join(parts, " · ")
}

// drawBar draws v's bar, width cells wide from column x: up from the zero
// row for a positive value, down from it for a negative one (so a deeper
// loss reaches lower), and "·" on the zero row for a gap.
//
// A positive column has eighth-block tops, exactly as ntcharts'
// graph.DrawColumnBottomToTop draws them (columnGlyph; a test holds them
// equal). ntcharts only draws columns upwards, so losses use full and
// upper-half blocks here.
func drawBar(g *grid, lay layout, x, width int, v value, sel bool) {
	switch {
	case !v.ok:
		id := sGap
		if sel {
			id = sSelectedGap
		}
		for k := 0; k < width; k++ {
			g.set(x+k, lay.zero, '·', id)
		}
	case v.v > 0 && lay.up > 0:
		height := math.Max(v.v/lay.hi*float64(lay.up), 1.0/8)
		height = math.Min(height, float64(lay.up))
		id := sBar
		if sel {
			id = sSelected
		}
		for r := 0; r < lay.up; r++ {
			c := columnGlyph(height, lay.up-1-r)
			if c == 0 {
				continue
			}
			if c == '█' && v.approx {
				c = approxBlock
			}
			for k := 0; k < width; k++ {
				g.set(x+k, r, c, id)
			}
		}
	case v.v < 0 && lay.down > 0:
		depth := math.Min(v.v/lay.lo*float64(lay.down), float64(lay.down))
		full := int(depth)
		half := depth-float64(full) >= 0.25
		if depth-float64(full) >= 0.75 {
			full, half = full+1, false
		}
		if full == 0 && !half {
			half = true // a loss is never drawn as nothing
		}
		id := sNegative
		if sel {
			id = sSelectedNegative
		}
		block := '█'
		if v.approx {
			block = approxBlock
		}
		for k := 0; k < width; k++ {
			for d := 1; d <= full; d++ {
				g.set(x+k, lay.zero+d, block, id)
			}
			if half {
				g.set(x+k, lay.zero+full+1, '▀', id)
			}
		}
	}
}

// columnGlyph is the glyph at level i (0 at the bottom) of a column height
// rows tall: full blocks, then the eighth block ntcharts rounds the
// fraction to (runes.LowerBlockElementFromFloat64), then nothing. It is
// what graph.DrawColumnBottomToTop draws on an empty canvas, without the
// canvas: that keeps a lipgloss.Style per cell and cost a megabyte a chart.
func columnGlyph(height float64, i int) rune {
	full := math.Floor(height)
	switch {
	case i < int(full):
		return runes.FullBlock
	case i == int(full):
		if r := runes.LowerBlockElementFromFloat64(height - full); r != runes.Null {
			return r
		}
	}
	return 0
}

// xLabelLine is the bottom line: quarter labels under their bars, placed
// by priority (selected, last, first, then left to right) so that they
// never overlap; the selected one is prefixed with "▲" so the selection
// reads without colour, and followed by its figure.
func xLabelLine(pts []data.Point, vals []value, o ChartOptions, labelFn func(float64) string, start, count, slot, offset, w int, pal *palette) string {
	plotW := w - offset
	cells := make([]rune, plotW)
	used := make([]bool, plotW)
	ids := make([]styleID, plotW)
	for i := range cells {
		cells[i] = ' '
	}
	place := func(i int) {
		if i < start || i >= start+count {
			return
		}
		text := []rune(quarterLabel(pts, o.XLabels, i))
		id := sLabel
		if i == o.Selected {
			text = append([]rune(markerGlyph), text...)
			// The selected bar's figure is read at the cursor; Lines,
			// whose column holds several figures, passes no labelFn.
			if labelFn != nil {
				fig := "n/a"
				if i < len(vals) && vals[i].ok {
					fig = oneLine(labelFn(vals[i].v))
				}
				text = append(text, []rune(" "+fig)...)
			}
			id = sSelected
		}
		if len(text) > plotW {
			text = text[:plotW]
		}
		x := (i - start) * slot
		if x+len(text) > plotW {
			x = plotW - len(text) // the last label ends at the right edge
		}
		// Keep a blank cell between labels so they do not run together.
		for k := x - 1; k <= x+len(text); k++ {
			if k >= 0 && k < plotW && used[k] {
				return
			}
		}
		for k, r := range text {
			cells[x+k], used[x+k], ids[x+k] = r, true, id
		}
	}
	place(o.Selected)
	place(start + count - 1)
	place(start)
	for i := start + 1; i < start+count-1; i++ {
		place(i)
	}

	ln := line{pal: pal}
	ln.add(blank(offset), sPlain)
	for x, r := range cells {
		id := ids[x]
		if !used[x] {
			id = sPlain
		}
		ln.add(string(r), id)
	}
	return fit(ln.String(), w)
}

// quarterLabel is labels[i] or, when absent, a label made from the
// point's period: "22Q1" for a quarter, "FY22" for a year.
func quarterLabel(pts []data.Point, labels []string, i int) string {
	if i < len(labels) && labels[i] != "" {
		return oneLine(labels[i])
	}
	if i < 0 || i >= len(pts) {
		return ""
	}
	if p := pts[i].Period; p != (data.Period{}) {
		return p.Short()
	}
	return ""
}

// alignRight pads s on the left (or trims it) to exactly w cells.
func alignRight(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return blank(w-n) + s
	}
	return fit(s, w)
}

// oneLine strips control characters (and any styling) from a caller's
// label, which must fit on one row.
func oneLine(s string) string {
	s = ansi.Strip(s)
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}
