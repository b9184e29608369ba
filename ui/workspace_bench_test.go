package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func benchWorkspace(b *testing.B, w, h int) Workspace {
	cfg := Config{Companies: CompaniesOf(twoCompanies(b)), Renderer: benchRenderer()}
	next, _ := NewWorkspace(cfg).Update(tea.WindowSizeMsg{Width: w, Height: h})
	return next.(Workspace)
}

// BenchmarkCompanySwitch is one Update+View of ] at 240x70 with the
// company's frame cache cold (its first showing at this state).
func BenchmarkCompanySwitch(b *testing.B) {
	w := benchWorkspace(b, 240, 70)
	b.ReportAllocs()
	for b.Loop() {
		for i := range w.companies {
			w.companies[i].cache = newRenderCache()
		}
		w, _ = pressW(w, "]")
		_ = w.View()
	}
}

// BenchmarkCompareQuarterMove is one Update+View of a calendar-quarter move
// on the Compare tab at 240x70, cold cache (a quarter not seen yet: the
// sparklines and the chart are drawn again).
func BenchmarkCompareQuarterMove(b *testing.B) {
	w := benchWorkspace(b, 240, 70)
	w, _ = pressW(w, "9")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		w.cache = newRenderCache()
		w, _ = pressW(w, benchMoveKey(i))
		_ = w.View()
	}
}
