package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"quarterdash/data"
)

// TestEveryViewScrollsToItsEnd: at 80x24 every tab and overlay that is
// taller than the screen says so ("more below"), and pgdn (or ↓ on the
// text overlays) reaches its last line, pgup its first; nothing is cut
// without a way to read it.
func TestEveryViewScrollsToItsEnd(t *testing.T) {
	d := loadData(t)
	for _, view := range Views(d) {
		for _, sz := range [][2]int{{80, 24}, {60, 16}} {
			m := renderModel(t, view, sz[0], sz[1])
			p := m.page()
			if !p.overflows() {
				continue
			}
			first, last := ansi.Strip(p.lines[0]), ansi.Strip(p.lines[len(p.lines)-1])
			if v := m.View(); !strings.Contains(v, "more below") {
				t.Errorf("%s %dx%d: taller than the screen with no mark:\n%s", view, sz[0], sz[1], v)
			}
			down := "pgdown"
			if m.overlay == overlaySource || m.overlay == overlayHelp {
				down = "down"
			}
			m, _ = press(m, repeat(down, len(p.lines))...)
			v := m.View()
			if !strings.Contains(v, last) {
				t.Errorf("%s %dx%d: %s never reaches the last line %q:\n%s", view, sz[0], sz[1], down, last, v)
			}
			if !strings.Contains(v, "more above") || strings.Contains(v, "more below") {
				t.Errorf("%s %dx%d: at the bottom the marks are wrong:\n%s", view, sz[0], sz[1], v)
			}
			m, _ = press(m, repeat("pgup", len(p.lines))...)
			if v := m.View(); !strings.Contains(v, first) || strings.Contains(v, "more above") {
				t.Errorf("%s %dx%d: pgup does not return to the top:\n%s", view, sz[0], sz[1], v)
			}
		}
	}
}

// renderModel is the model Render draws view with, on 2024-Q2.
func renderModel(t *testing.T, view string, w, h int) Model {
	t.Helper()
	m := newTestModel(t, w, h, "2024-Q2")
	tab, o, _ := strings.Cut(view, "/")
	if tab == "help" {
		m, _ = press(m, "?")
		return m
	}
	for i, name := range viewTabs(m.d) {
		if name == tab {
			m.setTab(i)
		}
	}
	switch o {
	case "chart":
		m, _ = press(m, "enter")
	case "sources":
		m, _ = press(m, "s")
	}
	return m
}

// TestScrollReaches: the cases the issue names. At the smallest size the
// Overview's sources reach the quarter's notes, the guidance sources reach 2022 and
// follow ←/→, and the mouse wheel scrolls.
func TestScrollReaches(t *testing.T) {
	m, _ := press(newTestModel(t, MinWidth, MinHeight, "2026-Q2"), "1", "s")
	if strings.Contains(m.View(), "one-off:") {
		t.Fatal("the notes are already on screen: the test needs a longer overlay")
	}
	reached := false
	for range 40 {
		if reached = strings.Contains(m.View(), "one-off:"); reached {
			break
		}
		m, _ = press(m, "pgdown")
	}
	if !reached {
		t.Errorf("Overview sources never reach the notes:\n%s", m.View())
	}
	m, _ = press(newTestModel(t, 80, 24, "2024-Q2"), "8", "s")
	if v := m.View(); !strings.Contains(v, "Given with 2024-Q2") || !strings.Contains(v, "esc closes") {
		t.Errorf("guidance sources do not start at the selected quarter's calls or lack the esc hint:\n%s", v)
	}
	m, _ = press(m, repeat("pgdown", 20)...)
	if v := m.View(); !strings.Contains(v, "2022-Q") {
		t.Errorf("guidance sources never reach 2022:\n%s", v)
	}
	m, _ = press(m, "left")
	if v := m.View(); m.overlay != overlaySource || !strings.Contains(m.page().lines[2], "2024-Q1") {
		t.Errorf("← in the guidance sources does not move to 2024-Q1's calls:\n%s", v)
	}
	// The wheel scrolls the help, three lines a notch.
	m, _ = press(newTestModel(t, 80, 24, ""), "?")
	next, _ := m.Update(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	if got := next.(Model).scroll; got != 3 {
		t.Errorf("one wheel notch scrolled the help to %d, want 3", got)
	}
	// A tab switch starts the next view at its top.
	m, _ = press(newTestModel(t, 80, 24, ""), "pgdown", "tab")
	if m.scroll != 0 {
		t.Errorf("after a tab switch the scroll is %d, want 0", m.scroll)
	}
}

// TestFooterFitsWhole: the key bar and the status line drop whole entries,
// never cut one, at every width from the minimum up; a reload error is
// shown whole, wrapped, and the frame keeps its height.
func TestFooterFitsWhole(t *testing.T) {
	for _, w := range []int{60, 70, 80, 100, 120} {
		m := newTestModel(t, w, 24, "")
		lines := strings.Split(m.View(), "\n")
		for _, l := range lines[len(lines)-2:] {
			if strings.Contains(l, "…") && !strings.HasSuffix(l, " …") {
				t.Errorf("%d columns: footer line cut inside an entry: %q", w, l)
			}
		}
		if w >= 80 && !strings.Contains(lines[len(lines)-2], "s sources") {
			t.Errorf("%d columns: the key bar lacks s sources: %q", w, lines[len(lines)-2])
		}
		if !strings.Contains(lines[len(lines)-1], "2022-Q1–2026-Q2") {
			t.Errorf("%d columns: the status line lacks the quarter range: %q", w, lines[len(lines)-1])
		}
	}
	problem := "q.json:212:19: quarters[7].values.revenue.value: want a number, got the string \"39,071\" (write numbers without separators or quotes)"
	m := newTestModel(t, 80, 24, "")
	m = step(m, reloadedMsg{err: fmt.Errorf("%s\nq.json:300:1: another problem", problem)})
	v := m.View()
	if got := strings.Join(strings.Fields(v), " "); !strings.Contains(got, problem) {
		t.Errorf("the reload error is not shown whole:\n%s", v)
	}
	if n := len(strings.Split(v, "\n")); n != 24 {
		t.Errorf("with a reload error the frame has %d lines, want 24", n)
	}
	// r works with the help open.
	rm := New(Config{Data: loadData(t), Renderer: plainRenderer(), Reload: func() (*data.Dataset, error) { return loadData(t), nil }})
	rm = step(rm, tea.WindowSizeMsg{Width: 80, Height: 24})
	if _, cmd := press(rm, "?", "r"); cmd == nil {
		t.Error("r does nothing while help is open")
	}
}

// TestGuidanceShowsWholeSectionsAndMarks: on Guidance a section other than
// the focused one is on screen whole or not at all, and the years or
// targets left out of the focused one are named with the key that brings
// them in.
func TestGuidanceShowsWholeSectionsAndMarks(t *testing.T) {
	d := loadData(t)
	g := len(viewTabs(d)) - 1
	for _, sz := range [][2]int{{60, 16}, {80, 24}, {120, 40}, {200, 60}} {
		for focus := range 3 {
			m := newTestModel(t, sz[0], sz[1], "2024-Q2")
			m.setTab(g)
			m, _ = press(m, repeat("down", focus)...)
			v := ansi.Strip(m.View())
			p := m.panes[g].(guidancePane)
			ctx := m.viewCtx(m.contentSize())
			for k := 1; k < len(p.metrics); k++ {
				mm, _ := d.Metric(p.metrics[(focus+k)%len(p.metrics)])
				if !strings.Contains(v, mm.ShortLabel()+" guidance\n") {
					continue
				}
				whole := ansi.Strip(strings.Join(p.section(ctx, mm.ID, 1<<30, true), "\n"))
				if !strings.Contains(v, strings.TrimSpace(whole)) {
					t.Errorf("%dx%d focus %d: the %s section is shown in part:\n%s", sz[0], sz[1], focus, mm.ID, v)
				}
			}
		}
	}
	m := newTestModel(t, 80, 24, "2024-Q2")
	m.setTab(g)
	if v := m.View(); !strings.Contains(v, "▲ FY2022, FY2023 above") || !strings.Contains(v, "▼ FY2026 below") {
		t.Errorf("capex guidance at 80x24 does not name the years above and below:\n%s", v)
	}
}
