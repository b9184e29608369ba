// Package gridtest decodes frames into the cells a terminal would show,
// for tests that must prove two frames look the same. It decodes with
// charmbracelet/x/cellbuf, not with package compact's own reader, so a
// mistake in one is not repeated in the check.
package gridtest

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/cellbuf"
)

// Cells is a frame as a terminal shows it: one string per cell, in rows,
// of its character, its visible style and its hyperlink.
type Cells [][]string

// Decode draws frame s (lines separated by "\n", each starting where the
// previous one left the style) on an empty screen wide enough for its
// longest line, and returns the cells. A space shows no foreground: unless
// it is reversed, underlined or struck through, only its background is
// kept, which is what makes two frames that differ only there equal.
func Decode(s string) Cells { return decode(s, true) }

// Styles is Decode without hyperlinks: for checks of the graphic state
// alone (a frame may leave a link open from one line to the next).
func Styles(s string) Cells { return decode(s, false) }

func decode(s string, links bool) Cells {
	lines := strings.Split(s, "\n")
	w := 1
	for _, l := range lines {
		w = max(w, ansi.StringWidth(l))
	}
	buf := cellbuf.NewBuffer(w, len(lines))
	cellbuf.SetContent(buf, s)
	out := make(Cells, len(lines))
	for y := range lines {
		row := make([]string, 0, w)
		for x := 0; x < w; x++ {
			c := buf.Cell(x, y)
			if c == nil {
				row = append(row, "<nil>")
				continue
			}
			st := c.Style
			if c.Rune == ' ' && len(c.Comb) == 0 && st.UlStyle == cellbuf.NoUnderline &&
				st.Attrs&(cellbuf.ReverseAttr|cellbuf.StrikethroughAttr) == 0 {
				st = cellbuf.Style{Bg: st.Bg}
			}
			link := c.Link
			if !links {
				link = cellbuf.Link{}
			}
			row = append(row, fmt.Sprintf("%q w%d %q %q %q", c.String(), c.Width, st.Sequence(), link.URL, link.Params))
		}
		out[y] = row
	}
	return out
}

// Diff describes the first cell where a and b differ, or "" when they are
// the same.
func Diff(a, b Cells) string {
	if len(a) != len(b) {
		return fmt.Sprintf("%d rows, want %d", len(b), len(a))
	}
	for y := range a {
		if len(a[y]) != len(b[y]) {
			return fmt.Sprintf("row %d: %d cells, want %d", y, len(b[y]), len(a[y]))
		}
		for x := range a[y] {
			if a[y][x] != b[y][x] {
				return fmt.Sprintf("row %d col %d: %s, want %s", y, x, b[y][x], a[y][x])
			}
		}
	}
	return ""
}

// EndsPlain reports whether every line of s leaves the style at the
// default, so that a renderer can rewrite any one line alone.
func EndsPlain(s string) (int, bool) {
	p := ansi.NewParser()
	for i, l := range strings.Split(s, "\n") {
		var st cellbuf.Style
		var state byte
		for len(l) > 0 {
			seq, _, n, next := ansi.DecodeSequence(l, state, p)
			if ansi.HasCsiPrefix(seq) && p.Command() == 'm' {
				cellbuf.ReadStyle(p.Params(), &st)
			}
			state, l = next, l[n:]
		}
		if !st.Empty() {
			return i, false
		}
	}
	return 0, true
}
