package ui

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"

	"quarterdash/data"
)

// alphabetData is the shipped Alphabet peer, converted by the importer
// from its SEC companyfacts (see package peers).
var alphabetData = sync.OnceValues(func() (*data.Dataset, error) {
	b, err := os.ReadFile("../peers/googl.json")
	if err != nil {
		return nil, err
	}
	return data.Parse(b, "googl.json")
})

func twoCompanies(tb testing.TB) []*data.Dataset {
	tb.Helper()
	g, err := alphabetData()
	if err != nil {
		tb.Fatalf("load ../peers/googl.json: %v", err)
	}
	return []*data.Dataset{loadData(tb), g}
}

func newTestWorkspace(tb testing.TB, w, h int) Workspace {
	cfg := Config{Companies: CompaniesOf(twoCompanies(tb)), Renderer: plainRenderer()}
	next, _ := NewWorkspace(cfg).Update(tea.WindowSizeMsg{Width: w, Height: h})
	return next.(Workspace)
}

// pressW sends keys to a workspace and returns it with the last command.
func pressW(w Workspace, keys ...string) (Workspace, tea.Cmd) {
	var cmd tea.Cmd
	for _, k := range keys {
		var next tea.Model
		next, cmd = w.Update(keyMsg(k))
		w = next.(Workspace)
	}
	return w, cmd
}

// position is one company's place: tab, quarter label, focus.
type position struct {
	tab     int
	quarter string
	focus   int
}

func positionOf(m Model) position {
	return position{tab: m.tabs.Active, quarter: m.d.Quarters[m.quarter].Label(), focus: m.currentFocus()}
}

func TestWorkspaceSwitching(t *testing.T) {
	d := twoCompanies(t)
	metaLatest, googLatest := d[0].Quarters[d[0].Latest()].Label(), d[1].Quarters[d[1].Latest()].Label()
	metaStart := position{0, metaLatest, 0}
	googStart := position{0, googLatest, 0}
	metaTabs := len(d[0].Segments) + 2 // Overview, segments, Guidance
	tests := []struct {
		name      string
		keys      []string
		cur       int
		comparing bool
		picking   bool
		meta      position
		goog      position
	}{
		{"starts on the first company", nil, 0, false, false, metaStart, googStart},
		{"] shows the next company", []string{"]"}, 1, false, false, metaStart, googStart},
		{"[ wraps to the last", []string{"["}, 1, false, false, metaStart, googStart},
		{"] wraps to the first", []string{"]", "]"}, 0, false, false, metaStart, googStart},
		{"each company keeps its tab, quarter and focus",
			[]string{"2", "down", "left", "]", "2", "j", "j", "h", "h", "["}, 0, false, false,
			position{1, "2026-Q1", 1}, position{1, "2025-Q3", 2}},
		{"and finds them again on the way back",
			[]string{"2", "down", "left", "]", "2", "j", "j", "h", "h", "[", "]"}, 1, false, false,
			position{1, "2026-Q1", 1}, position{1, "2025-Q3", 2}},
		{"tab past the last tab opens Compare", append(repeat("tab", metaTabs-1), "tab"), 0, true, false,
			position{metaTabs - 1, metaLatest, 0}, googStart},
		{"shift+tab from the first tab opens Compare", []string{"shift+tab"}, 0, true, false, metaStart, googStart},
		{"its number opens Compare", []string{"9"}, 0, true, false, metaStart, googStart},
		{"tab from Compare goes to the first tab", []string{"3", "9", "tab"}, 0, false, false,
			position{0, metaLatest, 0}, googStart},
		{"shift+tab from Compare goes to the last tab", []string{"9", "shift+tab"}, 0, false, false,
			position{metaTabs - 1, metaLatest, 0}, googStart},
		{"a number from Compare opens that tab", []string{"9", "2"}, 0, false, false, position{1, metaLatest, 0}, googStart},
		{"Compare stays open while switching company", []string{"9", "]"}, 1, true, false, metaStart, googStart},
		{"quarter keys on Compare leave the companies alone", []string{"9", "left", "up", "down"}, 0, true, false, metaStart, googStart},
		{"help from Compare comes back to Compare", []string{"9", "?", "?"}, 0, true, false, metaStart, googStart},
		{"help is modal: ] does nothing under it", []string{"?", "]"}, 0, false, false, metaStart, googStart},
		{"c opens the picker", []string{"c"}, 0, false, true, metaStart, googStart},
		{"esc closes the picker without switching", []string{"c", "esc"}, 0, false, false, metaStart, googStart},
		{"down, enter in the picker switches", []string{"c", "down", "enter"}, 1, false, false, metaStart, googStart},
		{"the picker over Compare goes back to Compare", []string{"9", "c", "down", "enter"}, 1, true, false, metaStart, googStart},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, cmd := pressW(newTestWorkspace(t, 100, 30), tt.keys...)
			if w.cur != tt.cur || w.comparing != tt.comparing || w.picking != tt.picking {
				t.Errorf("after %v: company %d comparing %v picking %v; want %d %v %v",
					tt.keys, w.cur, w.comparing, w.picking, tt.cur, tt.comparing, tt.picking)
			}
			if got := positionOf(w.companies[0]); got != tt.meta {
				t.Errorf("after %v: META at %+v, want %+v", tt.keys, got, tt.meta)
			}
			if got := positionOf(w.companies[1]); got != tt.goog {
				t.Errorf("after %v: GOOGL at %+v, want %+v", tt.keys, got, tt.goog)
			}
			if cmd != nil && !w.picking {
				t.Errorf("after %v: unexpected command", tt.keys)
			}
		})
	}
}

func TestCompareKeys(t *testing.T) {
	w := newTestWorkspace(t, 100, 30)
	w, _ = pressW(w, "9")
	start := w.cmp.calendar()
	if start.String() != "2026-Q1" {
		t.Errorf("Compare opens on %s, want 2026-Q1 (the latest both companies have)", start)
	}
	w, _ = pressW(w, "left", "left", "down", "down")
	if got := w.cmp.calendar().String(); got != "2025-Q3" || w.cmp.metricID() != "operating_income" {
		t.Errorf("after ← ← ↓ ↓: %s %s, want 2025-Q3 operating_income (Meta's order: revenue, costs_and_expenses, ...)", got, w.cmp.metricID())
	}
	w, _ = pressW(w, "end", "right", "right")
	if got := w.cmp.calendar().String(); got != "2026-Q2" {
		t.Errorf("end → →: %s, want 2026-Q2 (the last calendar quarter)", got)
	}
	if v := w.View(); !strings.Contains(v, "GOOGL") || !strings.Contains(v, "not yet") {
		t.Errorf("2026-Q2: Alphabet has not reported; want a 'not yet' gap:\n%s", v)
	}
	w, _ = pressW(w, "home", "up", "up", "up")
	if got := w.cmp.calendar().String(); got != "2014-Q3" || w.cmp.metricID() != "revenue" {
		t.Errorf("home ↑↑↑: %s %s, want 2014-Q3 (Alphabet's first) revenue", got, w.cmp.metricID())
	}
	w, _ = pressW(w, "enter")
	if !w.cmp.chart || !strings.Contains(w.View(), "every company on one axis") {
		t.Error("enter does not open the all-companies chart")
	}
	w, _ = pressW(w, "esc")
	if w.cmp.chart {
		t.Error("esc does not close the chart")
	}
	// s: every company's figure with its source; ↑/↓ scroll it, and the
	// scroll stops at its end, so ↑ moves at once after a long ↓.
	w, _ = pressW(newTestWorkspace(t, 80, 24), "9", "s")
	if v := w.View(); !w.cmp.sources || !strings.Contains(v, "Sources · Revenue") || !strings.Contains(v, "META") ||
		!strings.Contains(v, "esc closes the sources") {
		t.Errorf("s does not open the Compare sources:\n%s", v)
	}
	w, _ = pressW(w, repeat("down", 200)...)
	end := w.cmp.scroll
	if v := w.View(); end == 0 || !strings.Contains(v, "more above") || strings.Contains(v, "more below") {
		t.Errorf("200 × ↓ (scroll %d) does not reach the end of the sources:\n%s", end, v)
	}
	w, _ = pressW(w, "up")
	if w.cmp.scroll != end-1 || w.cmp.metricID() != "revenue" {
		t.Errorf("↑ in the sources: scroll %d (from %d), metric %s; want one line up, metric unchanged", w.cmp.scroll, end, w.cmp.metricID())
	}
	next, _ := w.Update(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelUp})
	if w = next.(Workspace); w.cmp.scroll != end-4 {
		t.Errorf("the wheel up: scroll %d, want %d (three lines a notch)", w.cmp.scroll, end-4)
	}
	w, _ = pressW(w, "s")
	if w.cmp.sources {
		t.Error("s again does not close the sources")
	}
	if _, cmd := pressW(w, "q"); cmd == nil {
		t.Error("q on Compare does not quit")
	}
}

// TestCompareFollowsStartQuarter: --quarter also places Compare.
func TestCompareFollowsStartQuarter(t *testing.T) {
	w := NewWorkspace(Config{Companies: CompaniesOf(twoCompanies(t)), Renderer: plainRenderer(), Quarter: "2024-Q2"})
	if got := w.cmp.calendar().String(); got != "2024-Q2" {
		t.Errorf("Compare starts on %s, want 2024-Q2", got)
	}
}

// TestWorkspaceBurst: letters that arrive together act one by one.
func TestWorkspaceBurst(t *testing.T) {
	w := newTestWorkspace(t, 100, 30)
	next, _ := w.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("]hh")})
	w = next.(Workspace)
	if w.cur != 1 || positionOf(w.companies[1]).quarter != "2025-Q3" {
		t.Errorf("burst ]hh: company %d at %+v; want GOOGL at 2025-Q3", w.cur, positionOf(w.companies[1]))
	}
	// In the picker too: "/alph" typed fast opens the filter and types.
	next, _ = w.Update(keyMsg("c"))
	next, _ = next.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/alph")})
	if p := next.(Workspace).picker.list; p.FilterState() != list.Filtering || p.FilterValue() != "alph" {
		t.Errorf("burst /alph in the picker: filter state %v value %q", p.FilterState(), p.FilterValue())
	}
}

func TestWorkspaceMouse(t *testing.T) {
	w := newTestWorkspace(t, 120, 40)
	_, spans := w.tabs().View(w.st, w.width)
	click := func(w Workspace, x int) Workspace {
		next, _ := w.Update(tea.MouseMsg{X: x, Y: 1, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
		return next.(Workspace)
	}
	w = click(w, spans[len(spans)-1][0])
	if !w.comparing {
		t.Fatal("a click on Compare does not open it")
	}
	w = click(w, spans[2][0])
	if w.comparing || w.companies[0].tabs.Active != 2 {
		t.Errorf("a click on tab 3 from Compare: comparing %v tab %d", w.comparing, w.companies[0].tabs.Active)
	}
}

// TestPickerFilters types a filter as a user would and runs the list's
// filtering command, then opens the match.
func TestPickerFilters(t *testing.T) {
	w := newTestWorkspace(t, 100, 30)
	var cmd tea.Cmd
	for _, k := range []string{"c", "/", "a", "l", "p", "h"} {
		w, cmd = pressW(w, k)
		w = runQuick(t, w, cmd)
	}
	if v := w.View(); !strings.Contains(v, "GOOGL") || strings.Contains(v, "Meta Platforms") {
		t.Errorf("filter 'alph' should leave only Alphabet:\n%s", v)
	}
	w, _ = pressW(w, "enter", "enter")
	if w.picking || w.cur != 1 {
		t.Errorf("enter, enter: picking %v company %d; want GOOGL shown", w.picking, w.cur)
	}
}

// runQuick runs cmd and feeds its message back, unless it takes longer
// than a moment (a cursor's blink timer), which is dropped.
func runQuick(t *testing.T, w Workspace, cmd tea.Cmd) Workspace {
	t.Helper()
	if cmd == nil {
		return w
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				w = runQuick(t, w, c)
			}
			return w
		}
		next, _ := w.Update(msg)
		return next.(Workspace)
	case <-time.After(100 * time.Millisecond):
		return w
	}
}

// TestOneCompanyIsTheDashboard: with one company, Open is New, frame for
// frame, so the single-company goldens stand for it.
func TestOneCompanyIsTheDashboard(t *testing.T) {
	d := loadData(t)
	m := Open(Config{Companies: []Company{{Data: d}}, Renderer: plainRenderer(), Quarter: "2024-Q2"})
	if _, ok := m.(Model); !ok {
		t.Fatalf("Open with one company gave %T, want Model", m)
	}
	got, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	want := newTestModel(t, 100, 30, "2024-Q2")
	if got.View() != want.View() {
		t.Error("Open with one company draws differently from New")
	}
}

func TestWorkspaceFramesFit(t *testing.T) {
	for _, size := range [][2]int{{0, 0}, {10, 5}, {59, 30}, {60, 16}, {80, 24}, {120, 40}, {240, 70}} {
		for _, keys := range [][]string{nil, {"]"}, {"9"}, {"9", "enter"}, {"c"}, {"9", "?"}} {
			w, _ := pressW(newTestWorkspace(t, size[0], size[1]), keys...)
			v := w.View()
			lines := strings.Split(v, "\n")
			if size[0] >= MinWidth && size[1] >= MinHeight && len(lines) != size[1] {
				t.Errorf("%dx%d after %v: %d lines", size[0], size[1], keys, len(lines))
			}
			for i, l := range lines {
				if lw := lipgloss.Width(l); lw > max(size[0], 0) {
					t.Errorf("%dx%d after %v: line %d is %d wide", size[0], size[1], keys, i, lw)
					break
				}
			}
			if size[0] < MinWidth && size[0] > 0 && !strings.Contains(v, "too small") && len(v) > 0 {
				t.Errorf("%dx%d after %v: no too-small notice:\n%s", size[0], size[1], keys, v)
			}
		}
	}
}

// TestGoldenCompare: the Compare tab with Meta and Alphabet on calendar
// 2024-Q2, its chart, the picker, and Meta's Segments tab (the Reality
// Labs loss) with the Compare tab in its bar.
func TestGoldenCompare(t *testing.T) {
	ds := twoCompanies(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, view := range []string{CompareView, CompareChartView, CompareSourcesView, "segments"} {
			q := "2024-Q2"
			name := strings.ReplaceAll(view, "/", "_")
			t.Run(name+"_"+itoa(size[0])+"x"+itoa(size[1]), func(t *testing.T) {
				out, err := RenderCompanies(ds, plainRenderer(), RenderOptions{View: view, Quarter: q, Width: size[0], Height: size[1]})
				if err != nil {
					t.Fatal(err)
				}
				golden.RequireEqual(t, []byte(out))
			})
		}
	}
	t.Run("picker_80x24", func(t *testing.T) {
		w, _ := pressW(newTestWorkspace(t, 80, 24), "c", "down")
		golden.RequireEqual(t, []byte(w.View()))
	})
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestSourceInHeader: a shipped company's header says where its figures
// come from.
func TestSourceInHeader(t *testing.T) {
	ds := twoCompanies(t)
	g := *ds[1] // the loaded data set is shared between tests: a copy
	g.Provenance = "SEC XBRL as of 2026-04-30"
	cs := CompaniesOf([]*data.Dataset{ds[0], &g})
	next, _ := NewWorkspace(Config{Companies: cs, Renderer: plainRenderer()}).Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	w, _ := pressW(next.(Workspace), "]")
	if first := strings.Split(w.View(), "\n")[0]; !strings.Contains(first, "SEC XBRL as of 2026-04-30") {
		t.Errorf("header %q", first)
	}
}

// TestHelpCountsTheCompareTab: with several companies the Compare tab is
// one more number key, and the help says so ("1-5" for Alphabet's four
// tabs and Compare, not "1-4").
func TestHelpCountsTheCompareTab(t *testing.T) {
	w, _ := pressW(newTestWorkspace(t, 160, 48), "]", "?")
	n := len(w.companies[w.cur].tabs.Labels)
	if v := w.View(); !strings.Contains(v, "1-"+itoa(n)+" ") {
		t.Errorf("help does not name 1-%d:\n%s", n, v)
	}
	if w, _ = pressW(w, "esc", itoa(n)); !w.comparing {
		t.Errorf("%d does not open Compare", n)
	}
}
