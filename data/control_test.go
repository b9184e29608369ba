package data

import (
	"testing"
	"unicode/utf8"
)

// TestControlRuneMatchesRuneScan: the byte scan in controlRune refuses
// exactly the characters a plain rune-by-rune check would, for every
// character up to U+2FFFF, wherever it stands in a text.
func TestControlRuneMatchesRuneScan(t *testing.T) {
	refused := func(r rune) bool {
		return r < 0x20 || (r >= 0x7f && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
	}
	for r := rune(0); r < 0x30000; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		for _, s := range []string{string(r), "ab" + string(r), string(r) + "é", "é" + string(r) + "c"} {
			got, ok := controlRune(s)
			if ok != refused(r) || (ok && got != r) {
				t.Fatalf("%U in %q: got %U, %v; want refused=%v", r, s, got, ok, refused(r))
			}
		}
	}
}
