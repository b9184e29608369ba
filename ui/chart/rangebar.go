package chart

import (
	"math"
	"strings"
)

// RangeBar draws a guidance range on one line of exactly width cells: the
// range [low, high] as "├───┤" at its place on the scale [scaleMin,
// scaleMax] (a single "┃" when it is narrower than two cells), and the
// actual, when given, as "◆" at its place, inside the range or not.
// Positions outside the scale are clamped to the ends of the line.
//
// Bad input degrades instead of failing: low > high are swapped, a
// non-finite bound drops the range, a non-finite actual is not drawn, and
// a degenerate or non-finite scale is replaced by one that spans the
// figures given. width <= 0 gives "".
func RangeBar(low, high float64, actual *float64, scaleMin, scaleMax float64, width int, st Styles) string {
	if width <= 0 {
		return ""
	}
	width = min(width, maxSide)
	hasRange := isFinite(low) && isFinite(high)
	if hasRange && low > high {
		low, high = high, low
	}
	hasActual := actual != nil && isFinite(*actual)
	var act float64
	if hasActual {
		act = *actual
	}
	smin, smax := rangeScale(scaleMin, scaleMax, low, high, act, hasRange, hasActual)

	pos := func(v float64) int {
		f := (v - smin) / (smax - smin) * float64(width-1)
		if math.IsNaN(f) {
			return 0
		}
		return int(math.Max(0, math.Min(float64(width-1), math.Round(f))))
	}

	cells := make([]string, width)
	ids := make([]styleID, width)
	for i := range cells {
		cells[i] = " "
	}
	if hasRange {
		a, b := pos(low), pos(high)
		if a == b {
			cells[a], ids[a] = "┃", sBar
		} else {
			cells[a], ids[a] = "├", sBar
			for i := a + 1; i < b; i++ {
				cells[i], ids[i] = "─", sBar
			}
			cells[b], ids[b] = "┤", sBar
		}
	}
	if hasActual {
		p := pos(act)
		if hasRange {
			// An actual outside the range must read as outside: rounding
			// can put it on the bracket's own cell, so step it off.
			a, b := pos(low), pos(high)
			switch {
			case act > high && p <= b:
				p = b + 1
			case act < low && p >= a:
				p = a - 1
			}
			// At the edge of the line there is no cell beyond: the
			// diamond then covers the bracket's end.
			p = max(0, min(width-1, p))
		}
		cells[p], ids[p] = actualGlyph, sSelected
	}

	l := line{pal: newPalette(st)}
	for i, c := range cells {
		l.add(c, ids[i])
	}
	return fit(l.String(), width)
}

// rangeScale returns a usable scale: the given one when it is finite and
// not empty, otherwise one spanning the range and actual, widened when
// those are a single value.
func rangeScale(smin, smax, low, high, act float64, hasRange, hasActual bool) (float64, float64) {
	if isFinite(smin) && isFinite(smax) && smin != smax {
		if smin > smax {
			smin, smax = smax, smin
		}
		return clampMag(smin), clampMag(smax)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	if hasRange {
		lo, hi = math.Min(lo, low), math.Max(hi, high)
	}
	if hasActual {
		lo, hi = math.Min(lo, act), math.Max(hi, act)
	}
	if isFinite(smin) {
		lo, hi = math.Min(lo, smin), math.Max(hi, smin)
	}
	if !isFinite(lo) || !isFinite(hi) {
		return 0, 1
	}
	lo, hi = clampMag(lo), clampMag(hi)
	if lo == hi {
		pad := math.Max(1, math.Abs(lo)*0.1)
		lo, hi = lo-pad, hi+pad
	}
	return lo, hi
}

func clampMag(v float64) float64 { return math.Max(-maxMagnitude, math.Min(maxMagnitude, v)) }

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// blank is a plain run of n spaces.
func blank(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(" ", n)
}
