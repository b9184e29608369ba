package ui

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"quarterdash/data"
)

// testData loads the real default data set once.
var testData = sync.OnceValues(func() (*data.Dataset, error) {
	b, err := os.ReadFile("../quarters.json")
	if err != nil {
		return nil, err
	}
	return data.Parse(b, "quarters.json")
})

func loadData(tb testing.TB) *data.Dataset {
	tb.Helper()
	d, err := testData()
	if err != nil {
		tb.Fatalf("load ../quarters.json: %v", err)
	}
	return d
}

// plainRenderer has a pinned colourless profile so golden files are the
// same on every machine and terminal.
func plainRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return r
}

func newTestModel(tb testing.TB, w, h int, quarter string) Model {
	m := New(Config{Data: loadData(tb), Renderer: plainRenderer(), Quarter: quarter})
	return step(m, tea.WindowSizeMsg{Width: w, Height: h})
}

// press sends keys in order and returns the model and the last command.
func press(m Model, keys ...string) (Model, tea.Cmd) {
	var cmd tea.Cmd
	for _, k := range keys {
		var next tea.Model
		next, cmd = m.Update(keyMsg(k))
		m = next.(Model)
	}
	return m, cmd
}

func TestUpdateKeys(t *testing.T) {
	d := loadData(t)
	nTabs := len(d.Segments) + 2
	latest := d.Latest()
	tests := []struct {
		name    string
		keys    []string
		tab     int
		quarter int
		focus   int
		overlay overlay
	}{
		{"starts on the latest quarter and overview", nil, 0, latest, 0, overlayNone},
		{"tab moves right", []string{"tab"}, 1, latest, 0, overlayNone},
		{"shift+tab wraps to the last tab", []string{"shift+tab"}, nTabs - 1, latest, 0, overlayNone},
		{"tab wraps to the first", repeat("tab", nTabs), 0, latest, 0, overlayNone},
		{"number keys jump", []string{"3"}, 2, latest, 0, overlayNone},
		{"a number past the tabs is ignored", []string{"9"}, 0, latest, 0, overlayNone},
		{"left moves a quarter back", []string{"left", "h"}, 0, latest - 2, 0, overlayNone},
		{"right clamps at the latest", []string{"right", "l"}, 0, latest, 0, overlayNone},
		{"home and left clamp at the first", []string{"home", "left"}, 0, 0, 0, overlayNone},
		{"g then G", []string{"g", "G"}, 0, latest, 0, overlayNone},
		{"down moves focus", []string{"2", "down", "j"}, 1, latest, 2, overlayNone},
		{"up clamps at the top", []string{"2", "up", "k"}, 1, latest, 0, overlayNone},
		{"down clamps at the bottom", append([]string{"2"}, repeat("down", 40)...), 1, latest, len(d.Segments[0].Metrics) - 1, overlayNone},
		{"enter opens the chart", []string{"enter"}, 0, latest, 0, overlayChart},
		{"enter again closes it", []string{"enter", "enter"}, 0, latest, 0, overlayNone},
		{"s opens sources, esc closes", []string{"s", "esc"}, 0, latest, 0, overlayNone},
		{"s opens sources", []string{"s"}, 0, latest, 0, overlaySource},
		{"? opens help", []string{"?"}, 0, latest, 0, overlayHelp},
		{"help is modal: tab and quarter keys do nothing under it", []string{"?", "tab", "left"}, 0, latest, 0, overlayHelp},
		{"? closes help", []string{"?", "?"}, 0, latest, 0, overlayNone},
		{"a tab switch closes the chart", []string{"enter", "tab"}, 1, latest, 0, overlayNone},
		{"quarter moves keep the chart open", []string{"enter", "left"}, 0, latest - 1, 0, overlayChart},
		{"focus is per tab", []string{"down", "tab", "shift+tab"}, 0, latest, 1, overlayNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, cmd := press(newTestModel(t, 100, 30, ""), tt.keys...)
			if m.tabs.Active != tt.tab || m.quarter != tt.quarter || m.currentFocus() != tt.focus || m.overlay != tt.overlay {
				t.Errorf("after %v: tab %d quarter %d focus %d overlay %d; want %d %d %d %d",
					tt.keys, m.tabs.Active, m.quarter, m.currentFocus(), m.overlay, tt.tab, tt.quarter, tt.focus, tt.overlay)
			}
			if cmd != nil {
				t.Errorf("after %v: unexpected command", tt.keys)
			}
		})
	}
}

func repeat(k string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = k
	}
	return out
}

// TestKeyBursts: letters that arrive in one read come as one KeyMsg with
// several runes; each must act as its own key press.
func TestKeyBursts(t *testing.T) {
	burst := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	m := newTestModel(t, 100, 30, "2022-Q1")
	next, _ := m.Update(burst("lll"))
	if got := loadData(t).Quarters[next.(Model).quarter].Label(); got != "2022-Q4" {
		t.Errorf("burst lll from 2022-Q1 reached %s, want 2022-Q4", got)
	}
	next, _ = m.Update(burst("3jj"))
	if mm := next.(Model); mm.tabs.Active != 2 || mm.currentFocus() != 2 {
		t.Errorf("burst 3jj: tab %d focus %d, want tab 2 focus 2", mm.tabs.Active, mm.currentFocus())
	}
	_, cmd := m.Update(burst("lq"))
	if cmd == nil {
		t.Fatal("burst lq: no quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("burst lq does not quit")
	}
	// A paste is text, not keys: it must not move anything.
	next, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("lll"), Paste: true})
	if next.(Model).quarter != m.quarter {
		t.Error("a pasted lll moved the quarter")
	}
}

// TestHelpScrolls: at 80x24 the help is taller than the screen; ↓ shows
// its last lines, ↑ goes back, and the offset resets when help closes.
func TestHelpScrolls(t *testing.T) {
	m, _ := press(newTestModel(t, 80, 24, ""), "?")
	if strings.Contains(m.View(), "jump to that tab") {
		t.Fatal("the glossary's last entry is already visible: the test needs a taller help")
	}
	m, _ = press(m, repeat("down", 40)...)
	if v := m.View(); !strings.Contains(v, "jump to that tab") {
		t.Errorf("after scrolling down the last entry is not shown:\n%s", v)
	}
	m, _ = press(m, repeat("up", 40)...)
	if v := m.View(); !strings.Contains(v, "Keys") {
		t.Errorf("after scrolling back up the top is not shown:\n%s", v)
	}
	m, _ = press(m, "down", "esc", "?")
	if m.scroll != 0 {
		t.Errorf("help reopened at offset %d, want 0", m.scroll)
	}
	// No dead zone: after scrolling far past the end, one ↑ moves the text.
	m, _ = press(m, repeat("down", 100)...)
	bottom := m.View()
	m, _ = press(m, "up")
	if m.View() == bottom {
		t.Error("one ↑ after scrolling past the end did not move the help")
	}
}

func TestQuitKeys(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		_, cmd := press(newTestModel(t, 100, 30, ""), k)
		if cmd == nil {
			t.Fatalf("%s: no command", k)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%s: command does not quit", k)
		}
	}
}

func TestShutdownShowsReasonAndQuits(t *testing.T) {
	m := newTestModel(t, 100, 30, "")
	next, cmd := m.Update(ShutdownMsg{Reason: "server going down"})
	if cmd == nil {
		t.Fatal("no quit command")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("ShutdownMsg does not quit")
	}
	if v := next.View(); !strings.Contains(v, "server going down") {
		t.Errorf("last frame lacks the reason:\n%s", v)
	}
}

func TestStartQuarter(t *testing.T) {
	m := newTestModel(t, 100, 30, "2024-Q2")
	if got := loadData(t).Quarters[m.quarter].Label(); got != "2024-Q2" {
		t.Fatalf("started on %s", got)
	}
	if v := m.View(); !strings.Contains(v, "2024-Q2") || !strings.Contains(v, "$39.07B") {
		t.Errorf("2024-Q2 frame lacks its quarter or revenue:\n%s", v)
	}
}

func TestMouseClickSelectsTab(t *testing.T) {
	m := newTestModel(t, 120, 40, "")
	_, spans := m.tabs.View(m.st, m.width)
	target := 2
	x := spans[target][0] + 1
	next, _ := m.Update(tea.MouseMsg{X: x, Y: m.tabsRow(), Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if got := next.(Model).tabs.Active; got != target {
		t.Errorf("click at x=%d selected tab %d, want %d", x, got, target)
	}
	next, _ = m.Update(tea.MouseMsg{X: x, Y: m.tabsRow() + 5, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if got := next.(Model).tabs.Active; got != 0 {
		t.Errorf("a click below the tab bar changed the tab to %d", got)
	}
	// Help is modal for the mouse too.
	helpOpen, _ := press(m, "?")
	next, _ = helpOpen.Update(tea.MouseMsg{X: x, Y: m.tabsRow(), Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if got := next.(Model).tabs.Active; got != 0 {
		t.Errorf("a click under the help overlay changed the tab to %d", got)
	}
}

// TestEveryViewFollowsQuarter: moving the quarter changes the content of
// every tab, not only the header (which always names the quarter), so no
// view is stuck on the latest quarter.
func TestEveryViewFollowsQuarter(t *testing.T) {
	d := loadData(t)
	content := func(m Model) string {
		lines := strings.Split(m.View(), "\n")
		return strings.Join(lines[3:len(lines)-2], "\n") // below the tab rule, above the footer
	}
	for i := range viewTabs(d) {
		m := newTestModel(t, 120, 40, "")
		m.setTab(i)
		before := content(m)
		m, _ = press(m, "left")
		if after := content(m); after == before {
			t.Errorf("tab %d: content unchanged after moving the quarter", i)
		}
	}
}

// TestFramesFitTheTerminal: no line is wider than the terminal and the
// frame is never taller, at every size from tiny to large, for every tab
// and overlay. This is the no-wrap, no-overflow, no-panic guarantee.
func TestFramesFitTheTerminal(t *testing.T) {
	d := loadData(t)
	sizes := [][2]int{{0, 0}, {1, 1}, {2, 2}, {10, 3}, {59, 15}, {60, 16}, {61, 17}, {70, 20}, {80, 24}, {100, 30},
		{120, 40}, {160, 48}, {200, 60}, {250, 70}, {400, 120}}
	for _, sz := range sizes {
		for _, view := range Views(d) {
			for _, q := range []string{"2022-Q1", "2024-Q2", ""} {
				out, err := Render(d, plainRenderer(), RenderOptions{View: view, Quarter: q, Width: sz[0], Height: sz[1]})
				if err != nil {
					t.Fatalf("%s %v: %v", view, sz, err)
				}
				lines := strings.Split(out, "\n")
				if len(lines) > max(sz[1], 1) {
					t.Errorf("%s %s at %dx%d: %d lines", view, q, sz[0], sz[1], len(lines))
				}
				for i, l := range lines {
					if w := lipgloss.Width(l); w > sz[0] {
						t.Errorf("%s %s at %dx%d: line %d is %d wide: %q", view, q, sz[0], sz[1], i, w, l)
						break
					}
				}
			}
		}
	}
}

func TestTooSmall(t *testing.T) {
	m := newTestModel(t, 50, 10, "")
	if v := strings.Join(strings.Fields(m.View()), " "); !strings.Contains(v, "terminal too small: need at least 60×16, have 50×10") {
		t.Errorf("too-small notice missing:\n%s", v)
	}
}

// TestLossesDrawAsLosses: the Reality Labs chart has its axis below zero
// and its sparkline legend says deeper losses draw lower.
func TestLossesDrawAsLosses(t *testing.T) {
	// Focus the Reality Labs operating income row (4th) and open its chart.
	m := newTestModel(t, 120, 40, "2024-Q2")
	m.setTab(2)
	m, _ = press(m, "down", "down", "down", "enter")
	out := m.View()
	if !strings.Contains(out, "Reality Labs") {
		t.Fatalf("focused chart is not Reality Labs:\n%s", out)
	}
	if !strings.Contains(out, "−$") {
		t.Errorf("Reality Labs chart has no negative axis labels:\n%s", out)
	}
	// The zero line is on top and the deepest loss (2025-Q4, −$6.02B) reaches
	// the bottom axis label: bars hang down from zero.
	lines := strings.Split(out, "\n")
	zero, bottom := -1, -1
	for i, l := range lines {
		if strings.Contains(l, "$0┤") && zero < 0 {
			zero = i
		}
		if strings.Contains(l, "−$6.0B┤") {
			bottom = i
		}
	}
	if zero < 0 || bottom < 0 || bottom <= zero {
		t.Errorf("want the $0 axis above the −$6.0B axis; got rows %d and %d:\n%s", zero, bottom, out)
	}
}

func TestGoldenViews(t *testing.T) {
	d := loadData(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, view := range Views(d) {
			name := fmt.Sprintf("%s_%dx%d", strings.ReplaceAll(view, "/", "_"), size[0], size[1])
			t.Run(name, func(t *testing.T) {
				out, err := Render(d, plainRenderer(), RenderOptions{View: view, Quarter: "2024-Q2", Width: size[0], Height: size[1]})
				if err != nil {
					t.Fatal(err)
				}
				golden.RequireEqual(t, out)
			})
		}
	}
	// The first quarter: no QoQ or YoY, no Threads yet (gaps, not zeros).
	t.Run("overview_first_quarter_120x40", func(t *testing.T) {
		out, err := Render(d, plainRenderer(), RenderOptions{View: "overview", Quarter: "2022-Q1", Width: 120, Height: 40})
		if err != nil {
			t.Fatal(err)
		}
		golden.RequireEqual(t, out)
	})
	// The Guidance tab focused on revenue (beat/within/miss per quarter)
	// and on total expenses (a year below its range).
	for _, tc := range []struct {
		name string
		keys []string
	}{{"guidance_revenue_80x24", []string{"down", "down"}}, {"guidance_expenses_120x40", []string{"down"}}} {
		t.Run(tc.name, func(t *testing.T) {
			w, h := 80, 24
			if strings.HasSuffix(tc.name, "120x40") {
				w, h = 120, 40
			}
			m := newTestModel(t, w, h, "2024-Q2")
			m.setTab(len(viewTabs(d)) - 1)
			m, _ = press(m, tc.keys...)
			golden.RequireEqual(t, m.View())
		})
	}
	// Colour, pinned: true colour on a dark background and 256 colours on a
	// light one, so a style change shows in review like a layout change.
	for _, tc := range []struct {
		name    string
		profile termenv.Profile
		dark    bool
	}{{"overview_truecolor_dark_80x24", termenv.TrueColor, true}, {"segments_ansi256_light_80x24", termenv.ANSI256, false}} {
		t.Run(tc.name, func(t *testing.T) {
			r := lipgloss.NewRenderer(io.Discard)
			r.SetColorProfile(tc.profile)
			r.SetHasDarkBackground(tc.dark)
			view := strings.SplitN(tc.name, "_", 2)[0]
			out, err := Render(d, r, RenderOptions{View: view, Quarter: "2024-Q2", Width: 80, Height: 24})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, "\x1b[") {
				t.Fatal("no colour in a colour profile's frame")
			}
			golden.RequireEqual(t, out)
		})
	}
	t.Run("too_small_50x10", func(t *testing.T) {
		golden.RequireEqual(t, newTestModel(t, 50, 10, "").View())
	})
}

// TestTeaFlow runs the dashboard as a program: start, switch a tab, quit.
func TestTeaFlow(t *testing.T) {
	m := New(Config{Data: loadData(t), Renderer: plainRenderer()})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	tm.Send(keyMsg("tab"))
	tm.Send(keyMsg("right")) // already at the latest: clamps
	tm.Send(keyMsg("left"))
	tm.Send(keyMsg("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
	if final.tabs.Active != 1 {
		t.Errorf("final tab %d, want 1", final.tabs.Active)
	}
	if final.quarter != loadData(t).Latest()-1 {
		t.Errorf("final quarter %d, want %d", final.quarter, loadData(t).Latest()-1)
	}
}

// TestSourcesAreHyperlinks: with colour, every piece of a wrapped source
// URL links to the whole address (OSC 8); plain output has no escapes.
func TestSourcesAreHyperlinks(t *testing.T) {
	d := loadData(t)
	url := d.Quarters[d.QuarterIndex(data.Period{Year: 2024, Quarter: 2})].Values["revenue"].Source
	colour := lipgloss.NewRenderer(io.Discard)
	colour.SetColorProfile(termenv.TrueColor)
	out, err := Render(d, colour, RenderOptions{View: "financials/sources", Quarter: "2024-Q2", Width: 60, Height: 30})
	if err != nil {
		t.Fatal(err)
	}
	link := "\x1b]8;;" + url + "\x1b\\"
	if n := strings.Count(out, link); n < 2 {
		t.Errorf("the wrapped revenue source should link to %s on each of its lines; found %d links", url, n)
	}
	for i, l := range strings.Split(out, "\n") {
		if w := lipgloss.Width(l); w > 60 {
			t.Errorf("line %d is %d wide with links in it", i, w)
		}
	}
	plain, _ := Render(d, plainRenderer(), RenderOptions{View: "financials/sources", Quarter: "2024-Q2", Width: 60, Height: 30})
	if strings.Contains(plain, "\x1b]8") {
		t.Error("plain output carries hyperlink escapes")
	}
}

// TestReload: r rereads the data file in a command; a good file replaces
// the figures and keeps the tab and quarter, a bad one leaves the data and
// says why on the status line, and without a Reload func r does nothing.
func TestReload(t *testing.T) {
	orig, err := os.ReadFile("../quarters.json")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "q.json")
	write := func(b []byte) {
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(orig)
	first, err := data.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	m := New(Config{Data: first, Renderer: plainRenderer(), Quarter: "2024-Q2",
		Reload: func() (*data.Dataset, error) { return data.Load(path) }})
	m = step(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m.setTab(1) // Financials

	reload := func(m Model) Model {
		t.Helper()
		next, cmd := m.Update(keyMsg("r"))
		if cmd == nil {
			t.Fatal("r returned no command")
		}
		return step(next.(Model), cmd())
	}
	// A corrected revenue figure appears after r, on the same tab and quarter.
	write(bytes.Replace(orig, []byte(`"value": 39071`), []byte(`"value": 39999`), 1))
	m = reload(m)
	if v := m.View(); !strings.Contains(v, "$40.00B") || !strings.Contains(v, "reloaded") {
		t.Errorf("after a good reload the new revenue or the notice is missing:\n%s", v)
	}
	if m.tabs.Active != 1 || m.d.Quarters[m.quarter].Label() != "2024-Q2" {
		t.Errorf("reload moved the view: tab %d quarter %s", m.tabs.Active, m.d.Quarters[m.quarter].Label())
	}
	// A broken file keeps the data and says why.
	write([]byte(`{"schema_version": 1,`))
	m = reload(m)
	if v := m.View(); !strings.Contains(v, "reload failed") || !strings.Contains(v, "$40.00B") {
		t.Errorf("after a failed reload the notice or the previous data is missing:\n%s", v)
	}
	// The notice goes with the next key.
	m, _ = press(m, "left")
	if strings.Contains(m.View(), "reload failed") {
		t.Error("the reload notice outlived the next key")
	}
	// No Reload func: r is inert.
	if _, cmd := press(newTestModel(t, 100, 30, ""), "r"); cmd != nil {
		t.Error("r did something without a Reload func")
	}
}

// TestGuidanceRecord: enter on Guidance charts each outcome against the
// middle of its final range. FY2025 capex: 72,215 vs (70,000+72,000)/2 =
// 71,000 is +1.7%; revenue 2025-Q2: 47,516 vs (42,500+45,500)/2 = 44,000
// is +8.0%, a beat.
func TestGuidanceRecord(t *testing.T) {
	m := newTestModel(t, 120, 40, "2024-Q2")
	m.setTab(len(viewTabs(loadData(t))) - 1)
	m, _ = press(m, "enter")
	if v := m.View(); !strings.Contains(v, "FY2025") || !strings.Contains(v, "+1.7% vs mid") || !strings.Contains(v, "▲ above") {
		t.Errorf("capex record lacks FY2025 +1.7%% above:\n%s", v)
	}
	m, _ = press(m, "down", "down", "pgdown") // capex, total expenses, revenue: the file's guidance order; 2025 is below
	if v := m.View(); !strings.Contains(v, "2025-Q2") || !strings.Contains(v, "+8.0% vs mid") || !strings.Contains(v, "▲ beat") {
		t.Errorf("revenue record lacks 2025-Q2 +8.0%% beat:\n%s", v)
	}
}

// TestEmptyDataSet: a data set with no quarters (which Parse refuses, but
// code can build) gets a notice, not a panic, whatever the keys.
func TestEmptyDataSet(t *testing.T) {
	d := &data.Dataset{Company: data.Company{Name: "Empty"}, Metrics: []data.Metric{{ID: "x", Label: "X", Unit: data.UnitCount}},
		Segments: []data.Segment{{ID: "s", Label: "S", Metrics: []string{"x"}}}}
	m := New(Config{Data: d, Renderer: plainRenderer()})
	m = step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = press(m, "tab", "left", "right", "down", "enter", "s", "?", "home", "end")
	if v := m.View(); !strings.Contains(v, "no quarters") {
		t.Errorf("empty data set view:\n%s", v)
	}
}

// TestInitialSizeDrawsLikeAResize: a model built with Config.Width/Height
// (as the SSH server builds one) draws the same first frame as one sized by
// a WindowSizeMsg; the frame is cached and shared, so a difference would
// stick to every later session at that size.
func TestInitialSizeDrawsLikeAResize(t *testing.T) {
	d := loadData(t)
	for _, sz := range [][2]int{{60, 16}, {80, 24}, {120, 40}} {
		built := New(Config{Data: d, Renderer: plainRenderer(), Width: sz[0], Height: sz[1]})
		resized := step(New(Config{Data: d, Renderer: plainRenderer()}), tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		if built.View() != resized.View() {
			t.Errorf("%dx%d: the first frame of a model built at that size differs from one resized to it", sz[0], sz[1])
		}
	}
}

// TestBurstWithACommandKeepsGoing: a key that returns a command (r) does
// not swallow the keys after it in the same burst.
func TestBurstWithACommandKeepsGoing(t *testing.T) {
	d := loadData(t)
	m := New(Config{Data: d, Renderer: plainRenderer(), Quarter: "2024-Q2",
		Reload: func() (*data.Dataset, error) { return d, nil }})
	m = step(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	next, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("rll")})
	if got := d.Quarters[next.(Model).quarter].Label(); got != "2024-Q4" {
		t.Errorf("burst rll from 2024-Q2 reached %s, want 2024-Q4", got)
	}
	if cmd == nil {
		t.Error("the reload command was lost")
	}
}

// TestChangeColourFollowsArrow: a move too small to show (1000.0 to 1000.1,
// "▬ 0.0%") is drawn in the flat colour, not the good one: colour only
// repeats the arrow. A signed figure under 1 keeps its plus sign.
func TestChangeColourFollowsArrow(t *testing.T) {
	d := &data.Dataset{
		Company: data.Company{Name: "T", Ticker: "T", Currency: "USD", FiscalYearEndMonth: 12},
		Metrics: []data.Metric{
			{ID: "revenue", Label: "Revenue", Unit: data.UnitCurrencyMillions, Kind: data.KindFlow, Good: data.GoodUp},
			{ID: "move", Label: "Move", Unit: data.UnitPercent, Kind: data.KindPoint, Good: data.GoodUp, Signed: true},
		},
		Quarters: []data.Quarter{
			{FiscalYear: 2024, FiscalQuarter: 1, Values: map[string]data.Value{"revenue": {Value: 1000, Source: "s"}, "move": {Value: 0.4, Source: "s"}}},
			{FiscalYear: 2024, FiscalQuarter: 2, Values: map[string]data.Value{"revenue": {Value: 1000.1, Source: "s"}, "move": {Value: 0.4, Source: "s"}}},
		},
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	st := NewStyles(r)
	c := viewCtx{d: d, st: st, qi: 1, w: 80, h: 20}
	ch, ok := d.QoQ(1, "revenue")
	if got, want := c.change("revenue", "QoQ", ch, ok, 20), st.Flat.Render("▬ 0.0% QoQ"); got != want {
		t.Errorf("change = %q, want the flat style %q", got, want)
	}
	if got := c.value("move"); !strings.Contains(got, "+0.4%") {
		t.Errorf("signed value below 1 = %q, want +0.4%%", got)
	}
}

// TestReloadKeepsTabAndFocusByName: a reloaded file with a new segment in
// front keeps the user on the same tab and the same focused metric.
func TestReloadKeepsTabAndFocusByName(t *testing.T) {
	d := loadData(t)
	grown := *d
	grown.Segments = append([]data.Segment{{ID: "new", Label: "New", Metrics: []string{"capex", "revenue"}}}, d.Segments...)
	m := New(Config{Data: d, Renderer: plainRenderer(), Reload: func() (*data.Dataset, error) { return &grown, nil }})
	m = step(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m.setTab(1)                                     // Financials
	m, _ = press(m, "down", "down", "down", "down") // net income
	wantFocus := m.panes[1].items()[m.currentFocus()]
	m = step(m, reloadedMsg{d: &grown})
	if got := viewTabs(m.d)[m.tabs.Active]; got != "financials" {
		t.Errorf("after the reload the tab is %q, want financials", got)
	}
	if got := m.panes[m.tabs.Active].items()[m.currentFocus()]; got != wantFocus {
		t.Errorf("after the reload the focus is on %q, want %q", got, wantFocus)
	}
}

// TestGlossaryTermsFit: every glossary term fits its 12-cell column with a
// space to spare, so none is cut with "…".
func TestGlossaryTermsFit(t *testing.T) {
	for _, g := range helpGlossary(9) {
		if w := lipgloss.Width(g[0]); w > 11 {
			t.Errorf("glossary term %q is %d cells wide, want at most 11", g[0], w)
		}
	}
}
