package ui

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"quarterdash/data"
)

// hostileData builds a valid file whose figures are as unkind to charts and
// formatting as the format allows: the extremes the validator accepts
// (data.MaxMagnitude, data.MinMagnitude), signs flipping every
// quarter, near-zero values, gaps everywhere, a ratio over a zero
// denominator, labels with wide characters, and n quarters.
func hostileData(t *testing.T, n int) *data.Dataset {
	t.Helper()
	d := data.Dataset{
		SchemaVersion: data.SchemaVersion,
		Company:       data.Company{Name: "Hostile 株式会社 with a very long name indeed", Ticker: "HOST", Currency: "XYZ", FiscalYearEndMonth: 12},
		Metrics: []data.Metric{
			{ID: "revenue", Label: "Revenue with an extraordinarily long label", Unit: data.UnitCurrencyMillions, Kind: data.KindFlow, Good: data.GoodUp},
			{ID: "huge", Label: "Huge swings", Unit: data.UnitCurrencyMillions, Kind: data.KindFlow, Good: data.GoodUp},
			{ID: "tiny", Label: "Tiny", Unit: data.UnitPercent, Kind: data.KindPoint, Good: data.GoodDown},
			{ID: "losses", Label: "Losses", Unit: data.UnitCurrencyMillions, Kind: data.KindFlow, Good: data.GoodUp},
			{ID: "sparse", Label: "Sparse 利用者", Unit: data.UnitPeopleMillions, Kind: data.KindPoint, Good: data.GoodUp},
			{ID: "zero", Label: "Zero", Unit: data.UnitCount, Kind: data.KindPoint, Good: data.GoodNeutral},
			{ID: "margin", Label: "Margin over zero", Unit: data.UnitPercent, Kind: data.KindPoint, Good: data.GoodUp,
				Ratio: &data.Ratio{Numerator: "huge", Denominator: "zero"}},
		},
		Segments: []data.Segment{
			{ID: "all", Label: "Everything", Metrics: []string{"revenue", "huge", "tiny", "losses", "sparse", "zero", "margin"}},
			{ID: "overview", Label: "A segment named overview", Metrics: []string{"losses"}},
		},
	}
	src := "test"
	for i := range n {
		y, q := 1990+i/4, i%4+1
		endMonth := []string{"03-31", "06-30", "09-30", "12-31"}[q-1]
		vals := map[string]data.Value{
			"revenue": {Value: float64(i+1) * 1000, Source: src},
			"huge":    {Value: math.Copysign(data.MaxMagnitude/float64(i+1), float64(i%2*2-1)), Source: src, Approx: i%3 == 0},
			"tiny":    {Value: data.MinMagnitude * float64(i), Source: src},
			"losses":  {Value: -1e12 * float64(i%5+1), Source: src},
			"zero":    {Value: 0, Source: src},
		}
		if i%7 == 3 {
			vals["sparse"] = data.Value{Value: 123.456, Source: src, StatedAs: strings.Repeat("almost ", 40)}
		}
		qt := data.Quarter{FiscalYear: y, FiscalQuarter: q, PeriodEnd: fmt.Sprintf("%d-%s", y, endMonth), Values: vals}
		if i%5 == 0 {
			qt.Notes = []data.Note{{Text: strings.Repeat("a one-off with a long text ", 20), Kind: data.NoteOneOff, Source: "https://example.invalid/" + strings.Repeat("x", 300)}}
		}
		d.Quarters = append(d.Quarters, qt)
		if i+1 < n {
			next := fmt.Sprintf("%d-Q%d", 1990+(i+1)/4, (i+1)%4+1)
			d.Guidance = append(d.Guidance, data.Guidance{Metric: "revenue", GivenWith: fmt.Sprintf("%d-Q%d", y, q), Target: next,
				Low: -data.MaxMagnitude, High: data.MaxMagnitude, Source: src})
		}
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := data.Parse(b, "hostile.json")
	if err != nil {
		t.Fatalf("hostile data does not parse: %v", err)
	}
	return parsed
}

// TestHostileDataNeverBreaksTheView renders every view of hostile data at
// many sizes. A hang fails through the watchdog; a panic fails the test;
// every frame must fit its terminal.
func TestHostileDataNeverBreaksTheView(t *testing.T) {
	for _, n := range []int{1, 2, 9, 160} {
		d := hostileData(t, n)
		// The drawing runs in a goroutine under a watchdog: a hang fails the
		// test instead of stalling it. Problems are collected and reported
		// from the test goroutine, which may have given up on a hung one.
		done := make(chan []string, 1)
		go func() {
			var problems []string
			for _, sz := range [][2]int{{0, 0}, {1, 1}, {60, 16}, {80, 24}, {133, 41}, {250, 70}} {
				for _, view := range Views(d) {
					out, err := Render(d, plainRenderer(), RenderOptions{View: view, Width: sz[0], Height: sz[1]})
					if err != nil {
						problems = append(problems, fmt.Sprintf("%s at %v: %v", view, sz, err))
						continue
					}
					for i, l := range strings.Split(out, "\n") {
						if w := lipgloss.Width(l); w > sz[0] {
							problems = append(problems, fmt.Sprintf("%s at %v: line %d is %d wide", view, sz, i, w))
							break
						}
					}
					if strings.Contains(out, "NaN") || strings.Contains(out, "Inf") {
						problems = append(problems, fmt.Sprintf("%s at %v: NaN or Inf reached the screen", view, sz))
					}
				}
			}
			done <- problems
		}()
		select {
		case problems := <-done:
			for _, p := range problems {
				t.Errorf("%d quarters, %s", n, p)
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("%d quarters: rendering did not finish in 60s (a hang)", n)
		}
	}
}

func TestReservedSegmentIDGetsItsOwnView(t *testing.T) {
	d := hostileData(t, 3)
	names := viewTabs(d)
	want := []string{"overview", "all", "segment-overview", "guidance"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("view tabs %v, want %v", names, want)
	}
	out, err := Render(d, plainRenderer(), RenderOptions{View: "segment-overview", Width: 100, Height: 30})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Losses") {
		t.Errorf("segment-overview does not show its segment:\n%s", out)
	}
}

// TestExtremesAtTheBoundsShowNumbers: the largest and smallest figures the
// validator accepts, a guidance range whose middle is tiny and one whose
// middle is zero, never bring Inf, NaN or a doubled sign to any view.
func TestExtremesAtTheBoundsShowNumbers(t *testing.T) {
	src, err := os.ReadFile("../data/testdata/valid/minimal.json")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(src), `"revenue": {"value": 131,`, `"revenue": {"value": 1e15,`, 1)
	s = strings.Replace(s, `"low": 130,
      "high": 138,`, `"low": 0,
      "high": 1e-9,`, 1)
	s = strings.Replace(s, `"low": 540,
      "high": 570,`, `"low": -1e15,
      "high": 1e15,`, 1)
	d, err := data.Parse([]byte(s), "extremes.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, view := range Views(d) {
		for qi := range d.Quarters {
			out, err := Render(d, plainRenderer(), RenderOptions{View: view, Quarter: d.Quarters[qi].Label(), Width: 160, Height: 50})
			if err != nil {
				t.Fatal(err)
			}
			for _, bad := range []string{"Inf", "NaN", "++", "+-", "-+"} {
				if strings.Contains(out, bad) {
					t.Errorf("%s at %s shows %q:\n%s", view, d.Quarters[qi].Label(), bad, out)
				}
			}
		}
	}
}
