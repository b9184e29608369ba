package ui

import (
	"strconv"
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

// tabStyle is one way of writing the labels, tried widest first.
type tabStyle int

const (
	tabsNumbered    tabStyle = iota // "1 Overview │ 2 Financials"
	tabsPlain                       // "Overview │ Financials"
	tabsFirstWord                   // "Overview │ Market" for "Market reaction"
	tabsNumbersOnly                 // "1 Overview │ 2 │ 3": the active tab keeps its name
)

// View draws the bar within w cells and returns each tab's [start, end)
// columns, for mouse hit-testing. Labels shorten step by step until the
// bar fits: numbers go, then second words, then inactive names.
func (t Tabs) View(st *Styles, w int) (string, [][2]int) {
	var s string
	var spans [][2]int
	for _, ts := range []tabStyle{tabsNumbered, tabsPlain, tabsFirstWord, tabsNumbersOnly} {
		s, spans = t.render(st, ts)
		if lipgloss.Width(s) <= w {
			break
		}
	}
	return s, spans
}

func (t Tabs) render(st *Styles, ts tabStyle) (string, [][2]int) {
	var b strings.Builder
	spans := make([][2]int, len(t.Labels))
	sep := tabSep
	x := 1
	b.WriteString(" ")
	for i, l := range t.Labels {
		if i > 0 {
			b.WriteString(st.TabSep.Render(sep))
			x += lipgloss.Width(sep)
		}
		num := strconv.Itoa(i + 1)
		text := l
		switch {
		case ts == tabsNumbered && i < 9:
			text = num + " " + l
		case ts == tabsFirstWord, ts == tabsNumbersOnly && i == t.Active:
			if f := strings.Fields(l); len(f) > 0 {
				text = f[0]
			}
		case ts == tabsNumbersOnly:
			text = num
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
