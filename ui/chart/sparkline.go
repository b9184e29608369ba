package chart

import (
	"math"
	"strings"

	"quarterdash/data"
)

// scaleKind says how a series maps onto bar heights.
type scaleKind int

const (
	scaleNone     scaleKind = iota // nothing to draw, or all zeros
	scalePositive                  // 0..max: bars rise from zero
	scaleLoss                      // all at or below zero: deeper loss draws lower
	scaleMixed                     // above zero bars stand, below zero they hang
	scaleLevel                     // min..max: a level (people, a price) on its own range
)

func kindOf(vals []value) (k scaleKind, lo, hi float64) {
	lo, hi, ok := extent(vals)
	switch {
	case !ok || (lo == 0 && hi == 0):
		return scaleNone, lo, hi
	case lo >= 0:
		return scalePositive, lo, hi
	case hi <= 0:
		return scaleLoss, lo, hi
	}
	return scaleMixed, lo, hi
}

// Scale is a short legend for how Sparkline draws pts, for the caller to
// print near it: "" when bars rise from zero as readers expect, otherwise
// a sentence that says what height means.
func Scale(pts []data.Point) string {
	k, _, _ := kindOf(sanitise(pts))
	switch k {
	case scaleLoss:
		return "loss scale: lower = deeper loss"
	case scaleMixed:
		return "bars stand above zero and hang below it (▔ ▀ █ deeper)"
	}
	return ""
}

// ScaleLevel is Scale for SparklineLevel.
func ScaleLevel(pts []data.Point) string {
	if k, _, _ := levelKind(sanitise(pts)); k == scaleLevel {
		return "sparkline spans its own low to high"
	}
	return Scale(pts)
}

// Sparkline draws pts as one line of exactly width cells, one cell per
// quarter, oldest on the left. It is for flows (revenue, income), whose
// size is read from zero. When the points fit they are right-aligned
// (padding on the left, so the latest quarter is always at the right
// edge); when they do not, the most recent width quarters are shown,
// moved back if needed to keep selected in view. Use Marker for a line
// that points at the selected cell.
//
// A gap (missing, NaN or Inf) is "·" in the Gap style. An all-positive
// series rises from zero (any positive value is at least ▁); an
// all-negative series uses a loss scale where the deepest loss is the
// shortest bar and a loss near zero the tallest; a mixed series draws a
// win/loss line: values above zero stand (▁ to ▇, against the highest),
// values below zero hang from the top of the cell, deeper the larger the
// loss (▔ up to a third of the deepest, ▀ up to two thirds, █ beyond), so
// the sign and the size read without colour. Scale gives the legend.
// A zero value is ▁ in the Zero style. width <= 0 gives "".
func Sparkline(pts []data.Point, width int, selected int, st Styles) string {
	return sparkline(pts, width, selected, st, false)
}

// SparklineLevel is Sparkline for a level (people, headcount, a price, a
// margin): drawn between the series' own lowest (▁) and highest (█)
// figures, so that +25% over the period is not a flat line near the top.
// A series that crosses zero is drawn as Sparkline draws it, so losses
// still hang. ScaleLevel gives the legend.
func SparklineLevel(pts []data.Point, width int, selected int, st Styles) string {
	return sparkline(pts, width, selected, st, true)
}

// levelKind is kindOf for a level series: scaleLevel unless it crosses zero.
func levelKind(vals []value) (scaleKind, float64, float64) {
	k, lo, hi := kindOf(vals)
	if k == scalePositive || k == scaleLoss {
		k = scaleLevel
	}
	return k, lo, hi
}

func sparkline(pts []data.Point, width int, selected int, st Styles, level bool) string {
	if width <= 0 {
		return ""
	}
	width = min(width, maxSide)
	vals := sanitise(pts)
	k, lo, hi := kindOf(vals)
	if level {
		k, lo, hi = levelKind(vals)
	}
	start, count := window(len(vals), width, selected)

	l := line{pal: newPalette(st)}
	if pad := width - count; pad > 0 {
		l.add(strings.Repeat(" ", pad), sPlain)
	}
	for i := start; i < start+count; i++ {
		glyph, id := sparkCell(vals[i], k, lo, hi)
		if i == selected {
			id = selectedID(id)
		}
		l.add(glyph, id)
	}
	return fit(l.String(), width)
}

// sparkCell is the glyph and style of one value.
func sparkCell(v value, k scaleKind, lo, hi float64) (string, styleID) {
	if !v.ok {
		return gapGlyph, sGap
	}
	if v.v == 0 && (k == scalePositive || k == scaleNone) {
		return levels[0], sZero
	}
	var frac float64 // 0..1 of the cell height
	id := sBar
	switch k {
	case scalePositive:
		frac = v.v / hi
	case scaleLoss:
		// The top of the cell is zero: the distance from the deepest loss
		// sets the height, so the deepest loss is the shortest bar.
		frac = (v.v - lo) / -lo
		id = sNegative
	case scaleMixed:
		switch {
		case v.v < 0 && v.v/lo <= 1.0/3:
			return "▔", sNegative
		case v.v < 0 && v.v/lo <= 2.0/3:
			return "▀", sNegative
		case v.v < 0:
			return "█", sNegative
		case v.v == 0:
			return levels[0], sZero
		}
		// Positive bars stop at ▇: a full block is a deep loss.
		return levels[min(level(v.v/hi, true), len(levels)-2)], sBar
	case scaleLevel:
		id = sBar
		if v.v < 0 {
			id = sNegative
		}
		if hi == lo {
			return levels[len(levels)/2], id
		}
		return levels[level((v.v-lo)/(hi-lo), false)], id
	}
	return levels[level(frac, k == scalePositive)], id
}

// level maps 0..1 to an index into levels. Rising-from-zero bars round
// up so that any positive value shows; the other scales round to nearest.
func level(frac float64, up bool) int {
	if math.IsNaN(frac) {
		return 0
	}
	frac = math.Max(0, math.Min(1, frac))
	var i int
	if up {
		i = int(math.Ceil(frac*float64(len(levels)))) - 1
	} else {
		i = int(math.Round(frac * float64(len(levels)-1)))
	}
	return max(0, min(len(levels)-1, i))
}

// selectedID is the selected variant of a cell's style.
func selectedID(id styleID) styleID {
	switch id {
	case sNegative:
		return sSelectedNegative
	case sGap:
		return sSelectedGap
	}
	return sSelected
}

// Marker is a line of exactly width cells with "▲" under the cell that
// Sparkline(pts, width, selected, ...) draws for the selected quarter,
// where n is len(pts). It is blank when selected is out of range, so the
// selection stays visible without colour.
func Marker(n, width, selected int) string {
	if width <= 0 {
		return ""
	}
	width = min(width, maxSide)
	start, count := window(n, width, selected)
	if selected < start || selected >= start+count {
		return strings.Repeat(" ", width)
	}
	col := width - count + (selected - start)
	return strings.Repeat(" ", col) + markerGlyph + strings.Repeat(" ", width-col-1)
}
