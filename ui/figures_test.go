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

// TestOneFormatPerFigure: a row is called the same at every width, a
// figure column is right-aligned, a percentage reads "38.0%" in the detail
// as in the table, a gap is "n/a" on a card as in a row, and no card
// carries a tag the others lose at 80 columns.
func TestOneFormatPerFigure(t *testing.T) {
	for _, w := range []int{60, 80, 120} {
		m := newTestModel(t, w, 30, "2024-Q2")
		m.setTab(1) // Financials
		v := ansi.Strip(m.View())
		if !strings.Contains(v, "Total expenses") || strings.Contains(lineWith(v, "$24.22B"), "Costs and expenses") {
			t.Errorf("%d columns: the expenses row is not called Total expenses:\n%s", w, v)
		}
		// Value cells end on the same column.
		end := -1
		for _, s := range []string{"$39.07B", "$24.22B", "38.0%"} {
			l := lineWith(v, s)
			e := ansi.StringWidth(l[:strings.Index(l, s)+len(s)])
			if end >= 0 && e != end {
				t.Errorf("%d columns: %s ends at column %d, the one above at %d:\n%s", w, s, e, end, v)
			}
			end = e
		}
	}
	m := newTestModel(t, 100, 30, "2024-Q2")
	m.setTab(1)
	m, _ = press(m, "down", "down", "down") // operating margin
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Value   38.0") || strings.Contains(lineWith(v, "Value   38"), " %") {
		t.Errorf("the detail writes the margin unlike the table:\n%s", v)
	}
	for _, w := range []int{80, 120} {
		v := ansi.Strip(newTestModel(t, w, 24, "2024-Q2").View())
		if strings.Contains(v, "approx.") {
			t.Errorf("%d columns: a card spells approx. (others cannot at 80):\n%s", w, v)
		}
	}
	// Threads MAU in 2024-Q1 is a gap after none; 2025-Q4 follows a
	// reported quarter: the value is a bare n/a and the last figure is on
	// its own line.
	v := ansi.Strip(newTestModel(t, 80, 24, "2025-Q4").View())
	if strings.Contains(v, "n/a (") {
		t.Errorf("a card writes a gap unlike the tables:\n%s", v)
	}
}

// TestOneVerdictRule: the Overview and the Guidance tab judge FY2022 total
// expenses the same way, against the final range, and say so.
func TestOneVerdictRule(t *testing.T) {
	const want = "▲ above final range $85–87B (given 2022-Q3)"
	m := newTestModel(t, 200, 40, "2022-Q1")
	if v := ansi.Strip(m.View()); !strings.Contains(lineWith(v, "Total expenses guidance for FY2022"), want) {
		t.Errorf("Overview at 2022-Q1 does not say %q:\n%s", want, v)
	}
	m.setTab(len(m.panes) - 1)
	m, _ = press(m, "down") // total expenses
	if v := ansi.Strip(m.View()); !strings.Contains(lineWith(v, "FY2022  actual"), want) {
		t.Errorf("Guidance at 2022-Q1 does not say %q:\n%s", want, v)
	}
}

// TestLevelSparklinesShowTheirMoves: daily active people (+25% over the
// period) spans ▁ to █ instead of a flat ▇▇▇███ line; revenue, a flow,
// keeps its zero baseline (no ▁ for a quarter of $27B).
func TestLevelSparklinesShowTheirMoves(t *testing.T) {
	m := newTestModel(t, 120, 40, "2024-Q2")
	m.setTab(4) // Users
	row := lineWith(ansi.Strip(m.View()), "DAP")
	if !strings.Contains(row, "▁") || !strings.Contains(row, "█") {
		t.Errorf("the DAP sparkline does not span ▁ to █: %q", row)
	}
	m.setTab(1)
	if row := lineWith(ansi.Strip(m.View()), "Revenue "); strings.Contains(row, "▁") {
		t.Errorf("the revenue sparkline lost its zero baseline: %q", row)
	}
}

// TestChartAreaNeverBlank: where a tab has no room for its chart it says
// so, on every segment tab and focus, at the small sizes.
func TestChartAreaNeverBlank(t *testing.T) {
	d := loadData(t)
	for _, sz := range [][2]int{{60, 16}, {70, 18}, {80, 20}} {
		for tab := 1; tab <= len(d.Segments); tab++ {
			for f := range d.Segments[tab-1].Metrics {
				m := newTestModel(t, sz[0], sz[1], "2024-Q2")
				m.setTab(tab)
				m, _ = press(m, repeat("down", f)...)
				v := m.View()
				if !strings.Contains(v, "┤") && !strings.Contains(v, "(chart needs more room)") {
					t.Errorf("%dx%d tab %d focus %d: no chart and no word why:\n%s", sz[0], sz[1], tab, f, v)
				}
			}
		}
	}
}
