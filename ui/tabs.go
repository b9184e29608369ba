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
	tabsTight                       // "Overview│Market": names before numbers
	tabsNumbersOnly                 // "1 Overview │ 2 │ 3": the active tab keeps its name
)

// View draws the bar within w cells and returns each tab's [start, end)
// columns, for mouse hit-testing. Labels shorten step by step until the
// bar fits: numbers go, then second words, then the spaces around the
// separators, then inactive names. When even
// numbers do not fit (dozens of tabs), the bar shows the tabs around the
// active one, with ‹ and › where more are hidden; a hidden tab's span is
// empty.
func (t Tabs) View(st *Styles, w int) (string, [][2]int) {
	n := len(t.Labels)
	for _, ts := range []tabStyle{tabsNumbered, tabsPlain, tabsFirstWord, tabsTight, tabsNumbersOnly} {
		if s, spans := t.render(st, ts, 0, n); lipgloss.Width(s) <= w {
			return s, spans
		}
	}
	// Grow a window from the active tab, one neighbour at a time, while
	// it fits with its marks.
	active := min(max(t.Active, 0), max(n-1, 0))
	from, to := active, min(active+1, n)
	for grown := true; grown; {
		grown = false
		for _, try := range [][2]int{{from, to + 1}, {from - 1, to}} {
			if try[0] < 0 || try[1] > n {
				continue
			}
			if s, _ := t.render(st, tabsNumbersOnly, try[0], try[1]); lipgloss.Width(s) <= w {
				from, to, grown = try[0], try[1], true
			}
		}
	}
	return t.render(st, tabsNumbersOnly, from, to)
}

func (t Tabs) render(st *Styles, ts tabStyle, from, to int) (string, [][2]int) {
	var b strings.Builder
	spans := make([][2]int, len(t.Labels))
	sep := tabSep
	if ts == tabsTight {
		sep = strings.TrimSpace(tabSep)
	}
	x := 1
	b.WriteString(" ")
	if from > 0 {
		b.WriteString(st.TabSep.Render("‹ "))
		x += 2
	}
	for i := from; i < to; i++ {
		l := t.Labels[i]
		if i > from {
			b.WriteString(st.TabSep.Render(sep))
			x += lipgloss.Width(sep)
		}
		num := strconv.Itoa(i + 1)
		text := l
		switch {
		case ts == tabsNumbered && i < 9:
			text = num + " " + l
		case ts == tabsFirstWord, ts == tabsTight, ts == tabsNumbersOnly && i == t.Active:
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
	if to < len(t.Labels) {
		b.WriteString(st.TabSep.Render(" ›"))
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
