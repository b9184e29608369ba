package chart

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"quarterdash/data"
)

func twoSeries(a, b []data.Point) []Series {
	st := colourStyles()
	return []Series{{Name: "META", Points: a, Style: st.Bar}, {Name: "GOOGL", Points: b, Style: st.Negative}}
}

// TestLinesLossBelowZero: a loss is drawn below the zero line, a profit
// above, each series with its own marker, and a gap draws nothing.
func TestLinesLossBelowZero(t *testing.T) {
	s := twoSeries(series(10, -10, math.NaN(), 20), series(5, 5, 5, 5))
	out := ansi.Strip(Lines(s, LinesOptions{Width: 40, Height: 12, Selected: 1}, colourStyles()))
	checkBlock(t, "lines", Lines(s, LinesOptions{Width: 40, Height: 12, Selected: 1}, colourStyles()), 40, 12)
	rows := strings.Split(out, "\n")
	zero := -1
	for r, l := range rows {
		if strings.Count(l, "─") > 10 {
			zero = r
		}
	}
	if zero < 0 {
		t.Fatalf("no zero line:\n%s", out)
	}
	below, above := 0, 0
	for r, l := range rows[:len(rows)-1] {
		n := strings.Count(l, "●")
		if r > zero {
			below += n
		} else if r < zero {
			above += n
		}
	}
	if below != 1 || above != 2 {
		t.Errorf("META markers: %d above zero, %d below; want 2 and 1:\n%s", above, below, out)
	}
	if got := strings.Count(out, "■"); got != 4 {
		t.Errorf("GOOGL markers: %d, want 4:\n%s", got, out)
	}
	if !strings.Contains(rows[len(rows)-1], "▲22Q2") {
		t.Errorf("label line %q does not mark the selected quarter", rows[len(rows)-1])
	}
	if l := LinesLegend(s); ansi.Strip(l) != "● META  ■ GOOGL" {
		t.Errorf("legend %q", ansi.Strip(l))
	}
}

// TestLinesHostile: non-finite values, outliers and every size give an
// exact block and never hang (the NaN trap of ntcharts' line charts).
func TestLinesHostile(t *testing.T) {
	watchdog(t, 10*time.Second, func(tick func()) {
		for name, pts := range hostile() {
			for _, w := range []int{0, 1, 2, 19, 20, 21, 33, 80, 300} {
				for _, h := range []int{0, 1, 4, 5, 6, 12, 40} {
					for _, sel := range []int{-3, 0, 5, 9999} {
						tick()
						s := twoSeries(pts, series(1, -1))
						checkBlock(t, name+" lines", Lines(s, LinesOptions{Width: w, Height: h, Selected: sel,
							XLabels: []string{"a\nb"}}, colourStyles()), w, h)
					}
				}
			}
		}
		tick()
		checkBlock(t, "no series", Lines(nil, LinesOptions{Width: 30, Height: 6}, Styles{}), 30, 6)
	})
}

// TestLinesAxisSpansWhatIsShown: a loss far back in a long history, out of
// the window the width allows, does not stretch the axis below zero; with
// the selection on it, it does.
func TestLinesAxisSpansWhatIsShown(t *testing.T) {
	vals := []float64{-50}
	for range 59 {
		vals = append(vals, 10)
	}
	s := twoSeries(series(vals...), series(vals...))
	latest := ansi.Strip(Lines(s, LinesOptions{Width: 40, Height: 12, Selected: len(vals) - 1}, colourStyles()))
	if strings.Contains(latest, "−") || strings.Contains(latest, "-5") {
		t.Errorf("the axis reaches below zero for a loss out of view:\n%s", latest)
	}
	first := ansi.Strip(Lines(s, LinesOptions{Width: 40, Height: 12, Selected: 0}, colourStyles()))
	if !strings.Contains(first, "−") {
		t.Errorf("the loss in view has no negative axis label:\n%s", first)
	}
}
