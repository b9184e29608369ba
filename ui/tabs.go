package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Tabs is a dumb tab bar: labels and the active index. The panes behind it
// live in the root model.
type Tabs struct {
	Labels []string
	Active int
}

const tabSep = " │ "

// View draws the bar within w cells and returns each tab's [start, end)
// columns, for mouse hit-testing. When the labels do not fit, the numbered
// short form ("1 Overview" becomes "1") is used for inactive tabs.
func (t Tabs) View(st *Styles, w int) (string, [][2]int) {
	render := func(short bool) (string, [][2]int) {
		var b strings.Builder
		spans := make([][2]int, len(t.Labels))
		x := 1
		b.WriteString(" ")
		for i, l := range t.Labels {
			if i > 0 {
				b.WriteString(st.TabSep.Render(tabSep))
				x += lipgloss.Width(tabSep)
			}
			text := string(rune('1'+i)) + " " + l
			if i >= 9 {
				text = l
			}
			if short && i != t.Active {
				text = string(rune('1' + i))
			}
			style := st.TabInactive
			if i == t.Active {
				style = st.TabActive
			}
			b.WriteString(style.Render(text))
			spans[i] = [2]int{x, x + lipgloss.Width(text)}
			x += lipgloss.Width(text)
		}
		return b.String(), spans
	}
	s, spans := render(false)
	if lipgloss.Width(s) > w {
		s, spans = render(true)
	}
	return s, spans
}

// HitTest is the tab under column x, or -1.
func (t Tabs) HitTest(st *Styles, x int, w int) int {
	_, spans := t.View(st, w)
	for i, sp := range spans {
		if x >= sp[0] && x < sp[1] {
			return i
		}
	}
	return -1
}
