package compact

import (
	"strings"
	"testing"

	"quarterdash/ui/compact/gridtest"
)

// check fails t unless out shows what in shows, every line of out ends in
// the default style, and each line of out shows alone the styles it shows
// in place; with shorter, also unless out is no longer than in.
func check(t *testing.T, in, out string, shorter bool) {
	t.Helper()
	if d := gridtest.Diff(gridtest.Decode(in), gridtest.Decode(out)); d != "" {
		t.Fatalf("the compacted frame shows something else: %s\nin:  %q\nout: %q", d, in, out)
	}
	if shorter && len(out) > len(in) {
		t.Fatalf("compacted frame is longer (%d > %d bytes)\nin:  %q\nout: %q", len(out), len(in), in, out)
	}
	if out == in {
		return
	}
	if i, ok := gridtest.EndsPlain(out); !ok {
		t.Fatalf("line %d of the compacted frame does not end in the default style: %q", i, out)
	}
	// Links are passed through as the input has them, open across lines
	// or not; the style is what Frame makes self-contained.
	whole := gridtest.Styles(out)
	for y, l := range strings.Split(out, "\n") {
		alone := gridtest.Styles(l)
		for x, c := range alone[0] {
			if x < len(whole[y]) && whole[y][x] != c {
				t.Fatalf("line %d drawn alone differs at col %d: %s, in place %s\nout: %q", y, x, c, whole[y][x], out)
			}
		}
	}
}

func TestFrame(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"no escapes", "plain  text\n  ", "plain  text\n  "},
		{"cells of one colour", "\x1b[38;5;62m▁\x1b[0m\x1b[38;5;62m▂\x1b[0m", "\x1b[38;5;62m▁▂\x1b[m"},
		{"coloured gaps between bars", "\x1b[38;5;62m█\x1b[0m \x1b[38;5;62m█\x1b[0m", "\x1b[38;5;62m█ █\x1b[m"},
		{"styled padding", "ab\x1b[1;38;5;1m    ▲\x1b[0m", "ab    \x1b[1;38;5;1m▲\x1b[m"},
		{"bold to plain same colour", "\x1b[1;31mA\x1b[0m\x1b[31mB\x1b[0m", "\x1b[1;31mA\x1b[22mB\x1b[m"},
		{"a reversed space keeps its colour", "\x1b[7;31m \x1b[0m \x1b[7;31m \x1b[0m", "\x1b[7;31m \x1b[m \x1b[7;31m \x1b[m"},
		{"background on spaces", "\x1b[41m  \x1b[0m\x1b[41m  \x1b[0m", "\x1b[41m    \x1b[m"},
		{"style carried over a line", "\x1b[31mab\ncd\x1b[0m\n", "\x1b[31mab\x1b[m\n\x1b[31mcd\x1b[m\n"},
		{"hyperlink passes through", "\x1b[31m\x1b]8;;http://x\x1b\\a\x1b]8;;\x1b\\\x1b[0m", "\x1b]8;;http://x\x1b\\\x1b[31ma\x1b]8;;\x1b\\\x1b[m"},
		{"other sequences leave the frame alone", "\x1b[31ma\x1b[0m\x1b[2K", "\x1b[31ma\x1b[0m\x1b[2K"},
		{"a combining mark leaves the frame alone", "\x1b[31ma\x1b[0m \u0301", "\x1b[31ma\x1b[0m \u0301"},
		{"tabs leave the frame alone", "\x1b[31ma\x1b[0m\tb", "\x1b[31ma\x1b[0m\tb"},
		{"unknown SGR leaves the frame alone", "\x1b[21ma\x1b[0m", "\x1b[21ma\x1b[0m"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Frame(tc.in)
			if got != tc.want {
				t.Errorf("Frame(%q)\n = %q\nwant %q", tc.in, got, tc.want)
			}
			_, plain := gridtest.EndsPlain(tc.in)
			check(t, tc.in, got, plain)
		})
	}
}

// tokens are the pieces FuzzFrame builds frames from: what lipgloss
// writes, and what Frame must leave alone.
var tokens = []string{
	" ", " ", "  ", "a", "Q", "█", "▁", "─", "漢", "é", "\n", "\n",
	"\x1b[0m", "\x1b[m", "\x1b[1m", "\x1b[2m", "\x1b[3m", "\x1b[4m", "\x1b[5m", "\x1b[7m", "\x1b[9m",
	"\x1b[22m", "\x1b[23m", "\x1b[24m", "\x1b[27m", "\x1b[39m", "\x1b[49m",
	"\x1b[31m", "\x1b[91m", "\x1b[41m", "\x1b[38;5;62m", "\x1b[38;5;1m", "\x1b[48;5;236m",
	"\x1b[1;38;2;167;139;250m", "\x1b[38;2;78;78;78m", "\x1b[48;2;1;2;3m", "\x1b[58;5;3m", "\x1b[4;58;2;9;9;9m",
	"\x1b[0;1;31;42m", "\x1b[;31m",
	"\x1b]8;;https://example.com/a\x1b\\", "\x1b]8;;\x1b\\", "\x1b]8;id=1;https://example.com/b\a",
	"\x1b[2K", "\t", "\u0301", "\u200d", "\x1b[21m", "\x1b[38;5;300m", "\x1b[?25l",
}

// FuzzFrame checks that a compacted frame shows the same cells and ends
// each line in the default style, on frames built from
// tokens (each input byte picks one) and on the raw input itself.
func FuzzFrame(f *testing.F) {
	f.Add([]byte{0, 20, 5, 12, 5, 0, 28, 3, 1})
	f.Add([]byte{35, 4, 4, 0, 21, 4, 10, 0, 41, 3, 42})
	f.Add([]byte("\x1b[38;5;62m\xe2\x96\x81\x1b[0m \x1b[38;5;62m\xe2\x96\x82\x1b[0m"))
	f.Add([]byte("\x1b]8;;https://example.com/a\x1b\\ \n ")) // a link open across a line
	f.Fuzz(func(t *testing.T, b []byte) {
		var s strings.Builder
		for _, c := range b {
			s.WriteString(tokens[int(c)%len(tokens)])
		}
		// Not always shorter: "\x1b[;31m" is written "\x1b[0;31m", and a
		// line that does not end in the default style gets a reset.
		check(t, s.String(), Frame(s.String()), false)
		check(t, string(b), Frame(string(b)), false)
	})
}
