package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"quarterdash/data"
)

func spansOf(m Model, w int) [][2]int {
	_, spans := m.tabs.View(m.st, w)
	return spans
}

// TestManyTabsAndMetrics: with 60 segments the active tab is always in
// the tab bar, and with 200 metrics the focused row is always on screen.
func TestManyTabsAndMetrics(t *testing.T) {
	d := manySegments(60, 200)
	for _, w := range []int{60, 80, 120} {
		m := New(Config{Data: d, Renderer: plainRenderer()})
		m = step(m, tea.WindowSizeMsg{Width: w, Height: 24})
		for i := range len(m.panes) {
			m.setTab(i)
			bar := strings.Split(ansi.Strip(m.View()), "\n")[1]
			if want := m.panes[i].title(); !strings.Contains(bar, strings.Fields(want)[0]) && !strings.Contains(bar, want) {
				t.Errorf("%d cols, tab %d: the bar does not show the active tab %q: %q", w, i, want, bar)
			}
			if !strings.Contains(ansi.Strip(m.tabRule(spansOf(m, w), w)), "━") {
				t.Errorf("%d cols, tab %d: no rule under the active tab", w, i)
			}
		}
		m.setTab(1)
		for f := 0; f < 200; f += 7 {
			m.focus[1] = 0
			m, _ = press(m, repeat("down", f)...)
			v := ansi.Strip(m.View())
			if row := lineWith(v, fmt.Sprintf("▸ Metric %03d", f)); row == "" {
				t.Fatalf("%d cols: focus on metric %d is off screen:\n%s", w, f, v)
			}
		}
	}
}

// TestOneOffWithALongFirstWord: a one-off note whose first word is wider
// than the line keeps one mark, styled, on a line of its own.
func TestOneOffWithALongFirstWord(t *testing.T) {
	d := loadData(t)
	c := viewCtx{d: d, st: NewStyles(plainRenderer()), w: 30}
	note := data.Note{Kind: data.NoteOneOff, Text: strings.Repeat("x", 60) + " then words", Source: "s"}
	lines := noteLines(c, note, 30, false, 0)
	if n := strings.Count(strings.Join(lines, "\n"), "one-off:"); n != 1 {
		t.Errorf("the mark appears %d times:\n%s", n, strings.Join(lines, "\n"))
	}
}

// TestSegmentDescriptionShown: the segment's description is the first line
// of its tab.
func TestSegmentDescriptionShown(t *testing.T) {
	m := newTestModel(t, 80, 24, "2024-Q2")
	m.setTab(2) // Segments: "Family of Apps vs Reality Labs"
	if got := strings.Split(ansi.Strip(m.View()), "\n")[3]; !strings.Contains(got, "Family of Apps vs Reality Labs") {
		t.Errorf("first content line %q lacks the segment's description", got)
	}
}
