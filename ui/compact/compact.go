// Package compact rewrites a finished frame with fewer bytes and the same
// picture. Lipgloss styles every span on its own (set the style, write the
// text, reset), so a row of chart cells in one colour repeats the same
// sequence cell by cell, and styled padding carries colour that a space
// never shows. Bubble Tea's renderer keeps about three copies of each
// session's frame and measures every changed line, so those bytes cost the
// server memory and CPU for every session.
//
// Frame tracks the graphic state (SGR) the input sets and writes each
// character under the same state, changing state only where a character
// needs it, by the shortest sequence that gets there. A space shows no
// foreground: unless it is reversed, underlined or struck through, only its
// background matters, so it is written under whatever state is current if
// that state's background is the same. Every line starts and ends in the
// default state, so Bubble Tea can rewrite any line alone.
package compact

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Frame returns s with the same cells, characters and visible styles in
// fewer bytes. A frame with anything Frame does not understand (control
// characters, escape sequences other than SGR and OSC, characters that
// combine with a neighbouring space) is returned unchanged.
func Frame(s string) string {
	if strings.IndexByte(s, '\x1b') < 0 {
		return s
	}
	c := compactor{out: make([]byte, 0, len(s)/2)}
	for line := range strings.SplitSeq(s, "\n") {
		if c.lines > 0 {
			c.out = append(c.out, '\n')
		}
		c.lines++
		if !c.line(line) {
			return s
		}
	}
	return string(c.out)
}

// Attributes of a pen, one bit each.
const (
	bold uint16 = 1 << iota
	faint
	italic
	underline
	blink
	rapidBlink
	reverse
	conceal
	strike
)

// attrCodes are the SGR codes that set each attribute, in bit order.
var attrCodes = [...]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}

// showsOnBlank are the attributes that make a space's foreground visible:
// reversed, its foreground is its background; underlined or struck
// through, a line is drawn in it.
const showsOnBlank = underline | reverse | strike

// colour is one of the pen's colours, kept in the form the input gave it
// (a terminal may draw 31 and 38;5;1 differently).
type colour struct {
	kind uint8  // 0 default, 1 basic (v is the SGR code), 2 indexed (v is 0-255), 3 RGB (v is 0xRRGGBB)
	v    uint32 // see kind
}

// pen is the graphic state.
type pen struct {
	attrs      uint16
	fg, bg, ul colour
}

// onBlank is what of p a space shows.
func (p pen) onBlank() pen {
	if p.attrs&showsOnBlank != 0 {
		return p
	}
	return pen{bg: p.bg}
}

type compactor struct {
	out   []byte
	lines int
	want  pen // the state the input has set (it carries over lines)
	cur   pen // the state written so far on this line
}

// line compacts one line; false if it holds something Frame leaves alone.
func (c *compactor) line(s string) bool {
	c.cur = pen{}
	for i := 0; i < len(s); {
		b := s[i]
		switch {
		case b == '\x1b':
			n, ok := c.escape(s[i:])
			if !ok {
				return false
			}
			i += n
		case b == ' ':
			j := i + 1
			for j < len(s) && s[j] == ' ' {
				j++
			}
			if c.cur.onBlank() != c.want.onBlank() {
				c.setPen()
			}
			c.out = append(c.out, s[i:j]...)
			i = j
		default:
			j := i
			for j < len(s) && s[j] != ' ' && s[j] != '\x1b' {
				r, size := rune(s[j]), 1
				if r >= utf8.RuneSelf {
					r, size = utf8.DecodeRuneInString(s[j:])
				}
				if !printable(r) {
					return false
				}
				j += size
			}
			if c.cur != c.want {
				c.setPen()
			}
			c.out = append(c.out, s[i:j]...)
			i = j
		}
	}
	if c.cur != (pen{}) {
		c.out = append(c.out, "\x1b[m"...)
	}
	return true
}

// printable reports whether r is a character Frame passes through: not a
// control character, and not one that joins a neighbouring space into one
// cell (a combining or enclosing mark, a format character such as a
// zero-width joiner, an emoji modifier, a prepended concatenation mark),
// which would make that space more than a blank.
func printable(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f:
		return false
	case r < 0x300:
		return r < 0x80 || r >= 0xa0
	case r >= 0x2500 && r <= 0x27bf:
		// Box drawing, blocks, geometric shapes, symbols, dingbats: what
		// charts and rules are made of.
		return true
	case r == utf8.RuneError:
		return false
	case r >= 0x1f3fb && r <= 0x1f3ff:
		return false
	}
	return !unicode.In(r, unicode.M, unicode.Cf, unicode.Cc, unicode.Co, unicode.Cs) &&
		!prepend(r)
}

// prepend reports whether r is a prepended concatenation mark, which
// joins the character after it.
func prepend(r rune) bool {
	switch {
	case r >= 0x600 && r <= 0x605, r == 0x6dd, r == 0x70f, r == 0x890, r == 0x891, r == 0x8e2,
		r == 0x110bd, r == 0x110cd, r == 0xd4e, r >= 0x111c2 && r <= 0x111c3:
		return true
	}
	return false
}

// escape handles the escape sequence at the start of s: an SGR sequence
// updates want, an OSC sequence (a hyperlink) is copied. It returns the
// sequence's length, and false for anything else.
func (c *compactor) escape(s string) (int, bool) {
	if len(s) < 2 {
		return 0, false
	}
	switch s[1] {
	case '[':
		for i := 2; i < len(s); i++ {
			switch b := s[i]; {
			case b >= '0' && b <= '9' || b == ';':
				continue
			case b == 'm':
				p, ok := applySGR(c.want, s[2:i])
				if !ok {
					return 0, false
				}
				c.want = p
				return i + 1, true
			default:
				return 0, false
			}
		}
	case ']':
		for i := 2; i < len(s); i++ {
			switch s[i] {
			case '\a':
				c.out = append(c.out, s[:i+1]...)
				return i + 1, true
			case '\x1b':
				if i+1 < len(s) && s[i+1] == '\\' {
					c.out = append(c.out, s[:i+2]...)
					return i + 2, true
				}
				return 0, false
			}
		}
	}
	return 0, false
}

// applySGR returns p changed by the SGR parameters params ("1;38;5;62");
// false for parameters Frame does not know.
func applySGR(p pen, params string) (pen, bool) {
	if params == "" {
		return pen{}, true
	}
	var args [16]int
	n := 0
	for f := range strings.SplitSeq(params, ";") {
		if n == len(args) || len(f) > 3 {
			return p, false
		}
		v := 0
		for i := 0; i < len(f); i++ {
			v = v*10 + int(f[i]-'0')
		}
		args[n] = v
		n++
	}
	for i := 0; i < n; i++ {
		a := args[i]
		switch {
		case a == 0:
			p = pen{}
		case a >= 1 && a <= 9:
			p.attrs |= 1 << (a - 1)
		case a == 22:
			p.attrs &^= bold | faint
		case a == 23:
			p.attrs &^= italic
		case a == 24:
			p.attrs &^= underline
		case a == 25:
			p.attrs &^= blink | rapidBlink
		case a == 27:
			p.attrs &^= reverse
		case a == 28:
			p.attrs &^= conceal
		case a == 29:
			p.attrs &^= strike
		case a >= 30 && a <= 37, a >= 90 && a <= 97:
			p.fg = colour{1, uint32(a)}
		case a >= 40 && a <= 47, a >= 100 && a <= 107:
			p.bg = colour{1, uint32(a)}
		case a == 39:
			p.fg = colour{}
		case a == 49:
			p.bg = colour{}
		case a == 59:
			p.ul = colour{}
		case a == 38, a == 48, a == 58:
			col, used, ok := extended(args[i+1 : n])
			if !ok {
				return p, false
			}
			i += used
			switch a {
			case 38:
				p.fg = col
			case 48:
				p.bg = col
			default:
				p.ul = col
			}
		default:
			return p, false
		}
	}
	return p, true
}

// extended reads the colour after 38, 48 or 58: 5;n or 2;r;g;b.
func extended(args []int) (colour, int, bool) {
	switch {
	case len(args) >= 2 && args[0] == 5 && args[1] <= 255:
		return colour{2, uint32(args[1])}, 2, true
	case len(args) >= 4 && args[0] == 2 && args[1] <= 255 && args[2] <= 255 && args[3] <= 255:
		return colour{3, uint32(args[1]<<16 | args[2]<<8 | args[3])}, 4, true
	}
	return colour{}, 0, false
}

// setPen writes the shortest sequence that takes the terminal from cur to
// want: the changes alone, or a reset and want whole.
func (c *compactor) setPen() {
	var a, b [96]byte
	whole := appendWhole(a[:0], c.cur, c.want)
	diff := appendDiff(b[:0], c.cur, c.want)
	if len(diff) < len(whole) {
		whole = diff
	}
	c.out = append(c.out, whole...)
	c.cur = c.want
}

// appendWhole writes want from scratch: a reset (unless cur is already
// the default) and every part of want.
func appendWhole(dst []byte, cur, want pen) []byte {
	if want == (pen{}) {
		return append(dst, "\x1b[m"...)
	}
	dst = append(dst, "\x1b["...)
	sep := false
	if cur != (pen{}) {
		dst = append(dst, '0')
		sep = true
	}
	for i, code := range attrCodes {
		if want.attrs&(1<<i) != 0 {
			dst, sep = param(dst, sep, code)
		}
	}
	for _, l := range [...]struct {
		col  colour
		base int
	}{{want.fg, 30}, {want.bg, 40}, {want.ul, 50}} {
		if l.col.kind != 0 {
			dst, sep = colourParam(dst, sep, l.col, l.base)
		}
	}
	return append(dst, 'm')
}

// appendDiff writes only what differs between cur and want.
func appendDiff(dst []byte, cur, want pen) []byte {
	dst = append(dst, "\x1b["...)
	sep := false
	off := cur.attrs &^ want.attrs
	on := want.attrs &^ cur.attrs
	if off&(bold|faint) != 0 {
		dst, sep = param(dst, sep, "22")
		on |= want.attrs & (bold | faint)
	}
	if off&(blink|rapidBlink) != 0 {
		dst, sep = param(dst, sep, "25")
		on |= want.attrs & (blink | rapidBlink)
	}
	for _, o := range [...]struct {
		bit  uint16
		code string
	}{{italic, "23"}, {underline, "24"}, {reverse, "27"}, {conceal, "28"}, {strike, "29"}} {
		if off&o.bit != 0 {
			dst, sep = param(dst, sep, o.code)
		}
	}
	for i, code := range attrCodes {
		if on&(1<<i) != 0 {
			dst, sep = param(dst, sep, code)
		}
	}
	if cur.fg != want.fg {
		dst, sep = colourParam(dst, sep, want.fg, 30)
	}
	if cur.bg != want.bg {
		dst, sep = colourParam(dst, sep, want.bg, 40)
	}
	if cur.ul != want.ul {
		dst, _ = colourParam(dst, sep, want.ul, 50)
	}
	return append(dst, 'm')
}

func param(dst []byte, sep bool, code string) ([]byte, bool) {
	if sep {
		dst = append(dst, ';')
	}
	return append(dst, code...), true
}

// colourParam writes colour col of the layer whose codes start at base
// (30 foreground, 40 background, 50 underline): base+9 for the default,
// the basic code, or base+8 with 5;n or 2;r;g;b.
func colourParam(dst []byte, sep bool, col colour, base int) ([]byte, bool) {
	switch col.kind {
	case 0:
		return num(dst, sep, base+9)
	case 1:
		return num(dst, sep, int(col.v))
	case 2:
		dst, _ = num(dst, sep, base+8)
		dst = append(dst, ";5"...)
		return num(dst, true, int(col.v))
	}
	dst, _ = num(dst, sep, base+8)
	dst = append(dst, ";2"...)
	dst, _ = num(dst, true, int(col.v>>16))
	dst, _ = num(dst, true, int(col.v>>8&0xff))
	return num(dst, true, int(col.v&0xff))
}

func num(dst []byte, sep bool, v int) ([]byte, bool) {
	if sep {
		dst = append(dst, ';')
	}
	if v >= 100 {
		dst = append(dst, byte('0'+v/100))
	}
	if v >= 10 {
		dst = append(dst, byte('0'+v/10%10))
	}
	return append(dst, byte('0'+v%10)), true
}
