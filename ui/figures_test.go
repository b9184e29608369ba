package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"quarterdash/data"
)

// lossData is a small file whose segment result goes from a loss to a
// profit and back to a deeper loss: −40, +10, −130, −149.
func lossData() *data.Dataset {
	d := &data.Dataset{
		Name:    "loss.json",
		Company: data.Company{Name: "Acme", Ticker: "ACME", Currency: "USD", FiscalYearEndMonth: 12},
		Metrics: []data.Metric{
			{ID: "op", Label: "Operating income", Unit: data.UnitCurrencyMillions, Kind: data.KindFlow, Good: data.GoodUp},
		},
		Segments: []data.Segment{{ID: "main", Label: "Main", Metrics: []string{"op"}}},
	}
	for i, v := range []float64{-40, 10, -130, -149.11} {
		d.Quarters = append(d.Quarters, data.Quarter{FiscalYear: 2024, FiscalQuarter: i + 1,
			PeriodEnd: []string{"2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"}[i],
			Values:    map[string]data.Value{"op": {Value: v, Source: "s"}}})
	}
	return d
}

// TestChangesAcrossZeroAndLosses: a change across zero shows the amount,
// never a percentage; a deeper loss says it widened, in the table and on
// the Overview card.
func TestChangesAcrossZeroAndLosses(t *testing.T) {
	d := lossData()
	for _, tc := range []struct {
		quarter, want, never string
	}{
		{"2024-Q2", "▲ +$50.0M", "125"},
		{"2024-Q3", "▼ −$140M", "%"},
		{"2024-Q4", "loss", "+14.7%QoQ"},
	} {
		for _, w := range []int{80, 120} {
			m := New(Config{Data: d, Renderer: plainRenderer(), Quarter: tc.quarter})
			m = step(m, tea.WindowSizeMsg{Width: w, Height: 30})
			for _, tab := range []int{0, 1} {
				m.setTab(tab)
				v := ansi.Strip(m.View())
				row := lineWith(v, "Operating income")
				if tab == 0 {
					row = lineWith(v, "QoQ")
				}
				if !strings.Contains(row, tc.want) || strings.Contains(strings.ReplaceAll(row, " ", ""), tc.never) {
					t.Errorf("%s %d cols tab %d: %q lacks %q or has %q", tc.quarter, w, tab, row, tc.want, tc.never)
				}
			}
		}
	}
	m := New(Config{Data: d, Renderer: plainRenderer(), Quarter: "2024-Q4"})
	m = step(m, tea.WindowSizeMsg{Width: 120, Height: 30})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "▼ loss widened 14.7% QoQ") {
		t.Errorf("a 120-column card does not spell out the wider loss:\n%s", v)
	}
}

// lineWith is the first line of v containing s.
func lineWith(v, s string) string {
	for _, l := range strings.Split(v, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}
