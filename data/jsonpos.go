package data

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// This file is a small JSON reader that keeps positions. encoding/json
// reports where a syntax error is, but not where a decoded value came from,
// and it silently keeps the last of two duplicate keys; the validator needs
// both. The reader is iterative (an explicit stack, never recursion), so a
// deeply nested file cannot exhaust the goroutine stack, and it refuses
// nesting deeper than maxDepth.

// maxDepth is the deepest nesting of objects and arrays accepted. The format
// itself needs six levels; 64 leaves room without letting a hostile file make
// the later (recursive) walks expensive.
const maxDepth = 64

// nodeKind is the JSON type of a node.
type nodeKind uint8

const (
	kindNull nodeKind = iota
	kindBool
	kindNumber
	kindString
	kindObject
	kindArray
)

// node is one JSON value in the tree. Nodes live in one slice (the arena),
// sized by counting the values first, and refer to each other and to their
// text by index and offset, not by pointer or string: a file of a million
// values costs 24 bytes a value and a handful of allocations.
type node struct {
	kind  nodeKind
	flags nodeFlags
	// off is the byte offset of the value's first character.
	off int32
	// keyOff is the byte offset of the opening quote of the key when the
	// node is an object member, else -1.
	keyOff int32
	// keyRef is the key's length in bytes between its quotes, or its index
	// in tree.decoded when it has escapes (keyEscaped).
	keyRef int32
	// ref is, for an object or array, where its children start in
	// tree.kids; for a number, the length of its literal; for a string,
	// its length in bytes between the quotes, or its index in
	// tree.decoded when it has escapes (textEscaped).
	ref int32
	// n is the number of children of an object or array, else 0.
	n int32
}

// nodeFlags are a node's yes-or-no facts.
type nodeFlags uint8

const (
	// truth is a bool node's value.
	truth nodeFlags = 1 << iota
	// badText marks a string that is not valid UTF-8 (or has an unpaired
	// surrogate escape); the checker reports it with its path.
	badText
	keyEscaped
	textEscaped
)

// tree is a parsed JSON document. nodes[0] is the top-level value.
type tree struct {
	src   string
	nodes []node
	kids  []int32
	// decoded holds the strings and keys that have escapes, decoded.
	decoded []string
}

// child returns the index of the i-th child of n.
func (t *tree) child(n int32, i int) int32 { return t.kids[int(t.nodes[n].ref)+i] }

// key is the key of member n ("" when n is not a member). Without escapes
// it is a slice of the source.
func (t *tree) key(n int32) string {
	nd := &t.nodes[n]
	switch {
	case nd.keyOff < 0:
		return ""
	case nd.flags&keyEscaped != 0:
		return t.decoded[nd.keyRef]
	}
	return t.src[nd.keyOff+1 : nd.keyOff+1+nd.keyRef]
}

// text is a string's decoded value or a number's literal ("" for other
// kinds). Without escapes it is a slice of the source.
func (t *tree) text(n int32) string {
	nd := &t.nodes[n]
	switch {
	case nd.kind == kindNumber:
		return t.src[nd.off : nd.off+nd.ref]
	case nd.kind != kindString:
		return ""
	case nd.flags&textEscaped != 0:
		return t.decoded[nd.ref]
	}
	return t.src[nd.off+1 : nd.off+1+nd.ref]
}

// member returns the child of object n whose key is key, or -1. When the
// key appears twice it returns the first, which is where a reader looks.
func (t *tree) member(n int32, key string) int32 {
	if n < 0 || t.nodes[n].kind != kindObject {
		return -1
	}
	for i := 0; i < int(t.nodes[n].n); i++ {
		c := t.child(n, i)
		if t.key(c) == key {
			return c
		}
	}
	return -1
}

// elem returns the i-th element of array n, or -1.
func (t *tree) elem(n int32, i int) int32 {
	if n < 0 || t.nodes[n].kind != kindArray || i < 0 || i >= int(t.nodes[n].n) {
		return -1
	}
	return t.child(n, i)
}

// rawProblem is a problem located by byte offset; offsets become line and
// column only when the error is built, so valid files never pay for it.
type rawProblem struct {
	off  int
	path string
	msg  string
}

// reader turns source text into a tree. Fatal syntax errors stop it; softer
// problems (a key that is not valid UTF-8) are recorded and reading goes on.
type reader struct {
	t *tree
	// stack holds the open objects and arrays, innermost last.
	stack []int32
	pos   int
	probs []rawProblem
	buf   []byte // scratch for strings with escapes
	// bad is set by str when the string it read is not valid text.
	bad bool
}

// syntaxError is a fatal reading error at an offset.
type syntaxError struct {
	off int
	msg string
}

// readTree parses src. It returns the tree, the non-fatal problems, and a
// fatal syntax error if there was one (then the tree is incomplete).
func readTree(src string) (*tree, []rawProblem, *syntaxError) {
	// Sized once: growing by appending would allocate the arena several
	// times over on the way (a 27 MB file of 1.8 million values: 264 MB).
	count := countValues(src)
	t := &tree{src: src, nodes: make([]node, 0, count), kids: make([]int32, 0, count-1)}
	r := &reader{t: t, stack: make([]int32, 0, 16)}
	err := r.run()
	return t, r.probs, err
}

// countValues is how many values src holds when it is valid JSON: every
// object, array, string, number and literal, less the strings that are
// keys (one before each ':'). Strings are skipped whole. For a file that
// is not valid JSON it is only a guess, which the reader outgrows by
// appending.
func countValues(src string) int {
	n := 0
	inWord := false
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			n++
			inWord = false
			// The closing quote is the next one not escaped: preceded by
			// an even number of backslashes.
			for {
				j := strings.IndexByte(src[i+1:], '"')
				if j < 0 {
					i = len(src)
					break
				}
				i += 1 + j
				k := i - 1
				for k >= 0 && src[k] == '\\' {
					k--
				}
				if (i-1-k)%2 == 0 {
					break
				}
			}
		case '{', '[':
			n++
			inWord = false
		case ':':
			n--
			inWord = false
		case ',', '}', ']', ' ', '\n', '\r', '\t':
			inWord = false
		default:
			if !inWord {
				n++
				inWord = true
			}
		}
	}
	return min(max(n, 2), len(src)+1)
}

func (r *reader) fail(off int, format string, args ...any) *syntaxError {
	return &syntaxError{off: off, msg: fmt.Sprintf(format, args...)}
}

func (r *reader) skipSpace() {
	s := r.t.src
	for r.pos < len(s) {
		switch s[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// run reads one top-level value and checks nothing follows it.
func (r *reader) run() *syntaxError {
	src := r.t.src
	if strings.HasPrefix(src, "\ufeff") {
		return r.fail(0, "syntax error: the file starts with a byte-order mark; save it as UTF-8 without one")
	}
	r.skipSpace()
	if r.pos >= len(src) {
		return r.fail(r.pos, "the file is empty; want a JSON object")
	}
	key := noMember
	for {
		opened, err := r.value(key)
		if err != nil {
			return err
		}
		if opened {
			// A non-empty container was opened: read its first member or
			// element.
			if r.topIsObject() {
				if key, err = r.memberKey(); err != nil {
					return err
				}
			} else {
				key = noMember
			}
			continue
		}
		// A value is complete: close containers until one wants more.
		more := false
		for !more {
			if len(r.stack) == 0 {
				r.skipSpace()
				if r.pos < len(src) {
					return r.fail(r.pos, "syntax error: unexpected %s after the end of the top-level value", describeByte(src, r.pos))
				}
				return nil
			}
			top := r.stack[len(r.stack)-1]
			isObj := r.t.nodes[top].kind == kindObject
			r.skipSpace()
			if r.pos >= len(src) {
				return r.fail(r.pos, "syntax error: the file ends before the %s opened at %s is closed", containerName(isObj), r.where(int(r.t.nodes[top].off)))
			}
			c := src[r.pos]
			switch {
			case c == ',':
				commaOff := r.pos
				r.pos++
				r.skipSpace()
				if r.pos < len(src) && (src[r.pos] == '}' || src[r.pos] == ']') {
					return r.fail(commaOff, "syntax error: trailing comma before %q; JSON does not allow one", src[r.pos])
				}
				if isObj {
					if key, err = r.memberKey(); err != nil {
						return err
					}
				} else {
					key = noMember
				}
				more = true
			case c == '}' && isObj, c == ']' && !isObj:
				r.pos++
				r.close()
			default:
				hint := ""
				if c == '"' || c == '{' || c == '[' || c == '-' || (c >= '0' && c <= '9') || isLetter(c) {
					hint = "; is a comma missing?"
				}
				if isObj {
					return r.fail(r.pos, "syntax error: want ',' or '}' after an object member, got %s%s", describeByte(src, r.pos), hint)
				}
				return r.fail(r.pos, "syntax error: want ',' or ']' after an array element, got %s%s", describeByte(src, r.pos), hint)
			}
		}
	}
}

func (r *reader) topIsObject() bool {
	return r.t.nodes[r.stack[len(r.stack)-1]].kind == kindObject
}

func containerName(isObj bool) string {
	if isObj {
		return "object"
	}
	return "array"
}

// where formats an offset as line:col for messages about another place.
func (r *reader) where(off int) string {
	l, c := lineCol(r.t.src, off)
	return fmt.Sprintf("%d:%d", l, c)
}

// close pops the top container and gives it its children. Every node
// after it in the arena lies inside it, so its children are the node after
// it and each one past the end of the one before: no list of children
// has to be kept while it is open.
func (r *reader) close() {
	top := r.stack[len(r.stack)-1]
	r.stack = r.stack[:len(r.stack)-1]
	start := len(r.t.kids)
	for c := top + 1; int(c) < len(r.t.nodes); c = r.t.end(c) {
		r.t.kids = append(r.t.kids, c)
	}
	n := &r.t.nodes[top]
	n.ref = int32(start)
	n.n = int32(len(r.t.kids) - start)
}

// end is the index of the first node after n and everything inside it;
// n must be a closed container or a scalar.
func (t *tree) end(n int32) int32 {
	for {
		nd := &t.nodes[n]
		if (nd.kind != kindObject && nd.kind != kindArray) || nd.n == 0 {
			return n + 1
		}
		n = t.kids[nd.ref+nd.n-1]
	}
}

// memberKey reads `"key" :` and leaves pos at the value. It returns the
// key's offset, and where its text is (see node.keyRef).
func (r *reader) memberKey() (member, *syntaxError) {
	src := r.t.src
	r.skipSpace()
	if r.pos >= len(src) {
		return member{}, r.fail(r.pos, "syntax error: the file ends where an object key should be")
	}
	if src[r.pos] != '"' {
		return member{}, r.fail(r.pos, "syntax error: want an object key in double quotes, got %s", describeByte(src, r.pos))
	}
	off := r.pos
	r.bad = false
	key, escaped, err := r.str()
	if err != nil {
		return member{}, err
	}
	if r.bad {
		r.probs = append(r.probs, rawProblem{off: off, msg: "this key is not valid UTF-8 text"})
	}
	r.skipSpace()
	if r.pos >= len(src) || src[r.pos] != ':' {
		if r.pos >= len(src) {
			return member{}, r.fail(r.pos, "syntax error: the file ends where ':' should follow the key %q", key)
		}
		return member{}, r.fail(r.pos, "syntax error: want ':' after the key %q, got %s", key, describeByte(src, r.pos))
	}
	r.pos++
	return member{off: int32(off), ref: r.textRef(key, escaped), escaped: escaped}, nil
}

// member is where the key of the value about to be read is: keyOff -1
// for an array element or the top-level value.
type member struct {
	off, ref int32
	escaped  bool
}

// noMember is the key of a value that is not an object member.
var noMember = member{off: -1}

// textRef is how a node refers to text s, just read by str: its length
// when it is a slice of the source, its index in tree.decoded when it was
// decoded from escapes.
func (r *reader) textRef(s string, escaped bool) int32 {
	if !escaped {
		return int32(len(s))
	}
	r.t.decoded = append(r.t.decoded, s)
	return int32(len(r.t.decoded) - 1)
}

// value reads one value at pos. For '{' or '[' it pushes a frame and
// reports opened=true unless the container is empty (then it is closed
// at once).
func (r *reader) value(key member) (opened bool, err *syntaxError) {
	src := r.t.src
	r.skipSpace()
	if r.pos >= len(src) {
		return false, r.fail(r.pos, "syntax error: the file ends where a value should be")
	}
	idx := int32(len(r.t.nodes))
	nd := node{off: int32(r.pos), keyOff: key.off, keyRef: key.ref}
	if key.escaped {
		nd.flags |= keyEscaped
	}
	r.t.nodes = append(r.t.nodes, nd)
	n := &r.t.nodes[idx]
	switch c := src[r.pos]; {
	case c == '{' || c == '[':
		if len(r.stack) >= maxDepth {
			return false, r.fail(r.pos, "nesting is deeper than %d levels; the file is refused", maxDepth)
		}
		n.kind = kindArray
		end := byte(']')
		if c == '{' {
			n.kind = kindObject
			end = '}'
		}
		r.stack = append(r.stack, idx)
		r.pos++
		r.skipSpace()
		if r.pos < len(src) && src[r.pos] == end {
			r.pos++
			r.close()
			return false, nil
		}
		return true, nil
	case c == '"':
		n.kind = kindString
		r.bad = false
		s, escaped, err := r.str()
		if err != nil {
			return false, err
		}
		n = &r.t.nodes[idx]
		n.ref = r.textRef(s, escaped)
		if escaped {
			n.flags |= textEscaped
		}
		if r.bad {
			n.flags |= badText
		}
	case c == '-' || (c >= '0' && c <= '9'):
		if c == '-' && r.pos+1 < len(src) && isLetter(src[r.pos+1]) {
			return false, r.word(r.pos, r.pos+1)
		}
		n.kind = kindNumber
		start := r.pos
		for r.pos < len(src) && isNumberByte(src[r.pos]) {
			r.pos++
		}
		lit := src[start:r.pos]
		if !validNumber(lit) {
			return false, r.fail(start, "syntax error: %q is not a valid JSON number", lit)
		}
		n.ref = int32(len(lit))
	case isLetter(c):
		start := r.pos
		end := start
		for end < len(src) && (isLetter(src[end]) || (src[end] >= '0' && src[end] <= '9') || src[end] == '_') {
			end++
		}
		switch src[start:end] {
		case "true", "false":
			n.kind = kindBool
			if src[start:end] == "true" {
				n.flags |= truth
			}
			r.pos = end
		case "null":
			n.kind = kindNull
			r.pos = end
		default:
			return false, r.word(start, start)
		}
	default:
		return false, r.fail(r.pos, "syntax error: want a value, got %s", describeByte(src, r.pos))
	}
	return false, nil
}

// word explains a bare word where a value should be; NaN and Infinity get
// their own message because they are what non-JSON writers emit for
// impossible numbers.
func (r *reader) word(start, letters int) *syntaxError {
	src := r.t.src
	end := letters
	for end < len(src) && (isLetter(src[end]) || (src[end] >= '0' && src[end] <= '9') || src[end] == '_') {
		end++
	}
	w := src[start:end]
	switch strings.ToLower(strings.TrimPrefix(w, "-")) {
	case "nan", "inf", "infinity":
		return r.fail(start, "syntax error: %s is not a JSON value; JSON cannot spell NaN or infinity, and figures must be finite numbers", w)
	}
	if len(w) > 40 {
		w = w[:40] + "..."
	}
	return r.fail(start, "syntax error: unexpected word %q; strings need double quotes, and the only bare words are true, false and null", w)
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

func isNumberByte(c byte) bool {
	return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

// validNumber checks the JSON number grammar:
// -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
func validNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		digits()
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// describeByte names the character at off for a syntax message.
func describeByte(src string, off int) string {
	if off >= len(src) {
		return "the end of the file"
	}
	c := src[off]
	switch {
	case c == '\n':
		return "a line break"
	case c < 0x20 || c == 0x7f:
		return fmt.Sprintf("control character %#02x", c)
	case c < utf8.RuneSelf:
		return fmt.Sprintf("%q", c)
	}
	r, _ := utf8.DecodeRuneInString(src[off:])
	if r == utf8.RuneError {
		return fmt.Sprintf("byte %#02x (not valid UTF-8)", c)
	}
	return fmt.Sprintf("%q", r)
}

// str reads a string literal at pos (which is at the opening quote) and
// returns its decoded value, and whether it had escapes. A string without
// escapes is a slice of the source, so it costs no allocation.
func (r *reader) str() (string, bool, *syntaxError) {
	src := r.t.src
	start := r.pos
	i := start + 1
	ascii := true
	for i < len(src) {
		c := src[i]
		if c == '"' {
			s := src[start+1 : i]
			r.pos = i + 1
			if !ascii && !utf8.ValidString(s) {
				r.bad = true
			}
			return s, false, nil
		}
		if c == '\\' {
			s, err := r.strEscaped(start, i)
			return s, true, err
		}
		if c < 0x20 {
			return "", false, r.control(start, i)
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
		i++
	}
	return "", false, r.fail(start, "syntax error: this string is never closed (no matching '\"')")
}

func (r *reader) control(start, i int) *syntaxError {
	if r.t.src[i] == '\n' {
		return r.fail(i, "syntax error: line break inside the string that starts at %s; write \\n, or close the string", r.where(start))
	}
	return r.fail(i, "syntax error: control character %#02x inside a string; escape it", r.t.src[i])
}

// strEscaped finishes a string that has a backslash at i.
func (r *reader) strEscaped(start, i int) (string, *syntaxError) {
	src := r.t.src
	b := append(r.buf[:0], src[start+1:i]...)
	for i < len(src) {
		c := src[i]
		switch {
		case c == '"':
			r.pos = i + 1
			r.buf = b
			if !utf8.Valid(b) {
				r.bad = true
			}
			return string(b), nil
		case c < 0x20:
			return "", r.control(start, i)
		case c != '\\':
			b = append(b, c)
			i++
			continue
		}
		if i+1 >= len(src) {
			break
		}
		e := src[i+1]
		switch e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			ru, ok := hex4(src, i+2)
			if !ok {
				return "", r.fail(i, "syntax error: \\u must be followed by four hex digits")
			}
			i += 6
			if utf16.IsSurrogate(ru) {
				lo, ok2 := rune(0), false
				if i+1 < len(src) && src[i] == '\\' && src[i+1] == 'u' {
					lo, ok2 = hex4(src, i+2)
				}
				pair := utf16.DecodeRune(ru, lo)
				if !ok2 || pair == utf8.RuneError {
					r.bad = true
					ru = utf8.RuneError
				} else {
					ru = pair
					i += 6
				}
			}
			b = utf8.AppendRune(b, ru)
			continue
		default:
			return "", r.fail(i, "syntax error: \\%s is not a valid escape in a JSON string", describeEscape(e))
		}
		i += 2
	}
	return "", r.fail(start, "syntax error: this string is never closed (no matching '\"')")
}

func describeEscape(e byte) string {
	if e < 0x20 || e >= utf8.RuneSelf {
		return fmt.Sprintf("%#02x", e)
	}
	return string(e)
}

// hex4 reads four hex digits at off.
func hex4(s string, off int) (rune, bool) {
	if off+4 > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(s[off:off+4], 16, 32)
	if err != nil {
		return 0, false
	}
	return rune(v), true
}

// lineCol turns a byte offset into a 1-based line and a 1-based column
// counted in characters (runes), which is what editors show. It scans the
// text, so use a lineTable for more than a few offsets.
func lineCol(src string, off int) (int, int) {
	off = min(max(off, 0), len(src))
	line := 1 + strings.Count(src[:off], "\n")
	ls := strings.LastIndexByte(src[:off], '\n') + 1
	return line, 1 + utf8.RuneCountInString(src[ls:off])
}

// lineTable turns byte offsets into lines and columns. Lines come from a
// binary search over line starts (one pass over the text, then O(log n)
// each). Columns count characters from the line start, which costs the
// length of the line: for a file that is one long line that is the whole
// file, so many columns are computed together by positions, in one pass.
type lineTable struct {
	src    string
	starts []int // byte offset of each line's first byte; nil until needed
}

// line returns the 1-based line of off.
func (lt *lineTable) line(off int) int {
	if lt.starts == nil {
		lt.starts = append(lt.starts, 0)
		for i := 0; i < len(lt.src); {
			j := strings.IndexByte(lt.src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			lt.starts = append(lt.starts, i)
		}
	}
	off = min(max(off, 0), len(lt.src))
	// The last line start at or before off.
	lo, hi := 0, len(lt.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if lt.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1
}

// positions returns the 1-based line and character column of each offset
// in offs, which must be in ascending order. Each column is counted on
// from the one before it when both are on the same line, so the whole call
// reads each byte of the text at most once, however many offsets there are.
func (lt *lineTable) positions(offs []int) (lines, cols []int) {
	lines, cols = make([]int, len(offs)), make([]int, len(offs))
	prevLine, prevOff, prevCol := 0, 0, 0
	for i, off := range offs {
		off = min(max(off, 0), len(lt.src))
		l := lt.line(off)
		from, col := lt.starts[l-1], 1
		// Count on only from a character boundary; every offset the
		// parser records is one, but a count that went wrong quietly
		// would be worse than a slow one.
		if l == prevLine && prevOff >= from && prevOff <= off && (prevOff == len(lt.src) || utf8.RuneStart(lt.src[prevOff])) {
			from, col = prevOff, prevCol
		}
		col += utf8.RuneCountInString(lt.src[from:off])
		lines[i], cols[i] = l, col
		prevLine, prevOff, prevCol = l, off, col
	}
	return lines, cols
}
