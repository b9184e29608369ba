package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Minimum terminal size the dashboard lays out in; below it a plain notice
// is shown instead, so nothing wraps or overflows.
const (
	MinWidth  = 60
	MinHeight = 16
)

// fitLine truncates s (which may carry ANSI styling) to at most w cells.
func fitLine(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// padLine truncates or right-pads s to exactly w cells.
func padLine(s string, w int) string {
	s = fitLine(s, w)
	if gap := w - lipgloss.Width(s); gap > 0 {
		s += strings.Repeat(" ", gap)
	}
	return s
}

// block fits text into a w x h box: every line truncated to w cells and the
// line count cut or padded (with empty lines) to exactly h.
func block(text string, w, h int) []string {
	if h <= 0 {
		return nil
	}
	lines := strings.Split(text, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i := range lines {
		lines[i] = fitLine(lines[i], w)
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines
}

// sideBySide joins two blocks of equal height, the left one padded to lw.
func sideBySide(left, right []string, lw int, gap string) []string {
	n := max(len(left), len(right))
	out := make([]string, n)
	for i := range n {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = padLine(l, lw) + gap + r
	}
	return out
}

// wrap breaks plain text into lines of at most w cells, on spaces where it
// can and hard elsewhere (long URLs).
func wrap(text string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line, start := "", len(out)
		for _, word := range strings.Fields(para) {
			for lipgloss.Width(word) > w {
				if line != "" {
					out = append(out, line)
					line = ""
				}
				cut := ansi.Truncate(word, w, "")
				for n := w + 1; cut == ""; n++ {
					// The first grapheme is wider than the line (a
					// double-width character at width 1): it goes on a line
					// of its own, or the loop would never end.
					cut = ansi.Truncate(word, n, "")
				}
				out = append(out, cut)
				word = word[len(cut):]
			}
			if word == "" {
				continue
			}
			switch {
			case line == "":
				line = word
			case lipgloss.Width(line)+1+lipgloss.Width(word) <= w:
				line += " " + word
			default:
				out = append(out, line)
				line = word
			}
		}
		if line != "" || len(out) == start { // a blank paragraph stays a blank line
			out = append(out, line)
		}
	}
	return out
}

// rule is a horizontal line w cells wide.
func rule(st *Styles, w int) string {
	if w <= 0 {
		return ""
	}
	return st.Rule.Render(strings.Repeat("─", w))
}

// part is one piece of a line built by fitParts, with its priority: the
// lower, the longer it stays.
type part struct {
	text string // may carry styling
	prio int
}

// fitParts joins parts with sep in their order, leaving out whole parts,
// the least important first, until the line fits w cells: a key bar or a
// status line never ends in a cut word.
func fitParts(parts []part, sep string, w int) string {
	keep := make([]bool, len(parts))
	for i := range keep {
		keep[i] = parts[i].text != ""
	}
	join := func() string {
		var b strings.Builder
		for i, p := range parts {
			if !keep[i] {
				continue
			}
			if b.Len() > 0 {
				b.WriteString(sep)
			}
			b.WriteString(p.text)
		}
		return b.String()
	}
	for {
		s := join()
		if lipgloss.Width(s) <= w {
			return s
		}
		drop, worst := -1, -1
		for i, p := range parts {
			if keep[i] && p.prio >= worst {
				drop, worst = i, p.prio
			}
		}
		n := 0
		for _, k := range keep {
			if k {
				n++
			}
		}
		if n <= 1 {
			return fitLine(s, w)
		}
		keep[drop] = false
	}
}

// alignRight right-aligns s in w cells (cutting it when wider), so the
// figures of a column end on the same cell and their decimals line up.
func alignRight(s string, w int) string {
	s = fitLine(s, w)
	if gap := w - lipgloss.Width(s); gap > 0 {
		s = strings.Repeat(" ", gap) + s
	}
	return s
}

// wrapStyled breaks styled text into lines of at most w cells on spaces
// (hard where a word is longer), keeping its styling, for sentences that
// must be read whole: a verdict, a summary.
func wrapStyled(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	return strings.Split(ansi.Wrap(s, w, ""), "\n")
}
