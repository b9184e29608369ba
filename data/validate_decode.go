package data

import (
	"fmt"
	"hash/maphash"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file checks a tree against the Go types of model.go and fills a
// Dataset from it in the same walk. The json tags in model.go are the one
// definition of the format: field names, which fields are optional
// (omitempty) and every field's type all come from there by reflection, so a
// field added to the model is accepted here without a second edit.

// fieldInfo is one JSON field of a struct.
type fieldInfo struct {
	name      string
	index     int // Go field index
	omitempty bool
}

// structInfo is what the walk needs about one struct type.
type structInfo struct {
	fields []fieldInfo
	byName map[string]int // JSON name -> position in fields
	what   string         // how messages name an object of this type
}

// pathSeg is one step of a JSON path: an object key or, when idx >= 0, an
// array index.
type pathSeg struct {
	key string
	idx int
}

// checker walks a tree. It is built per Parse call; nothing is shared
// between calls.
type checker struct {
	t       *tree
	lines   *lineTable
	probs   []rawProblem
	structs map[reflect.Type]*structInfo
	path    []pathSeg
	// dropped counts problems not recorded once the list was full.
	dropped int
	// fileMetrics are the metric ids the file defines (noteFileMetrics).
	fileMetrics map[string]struct{}
	// seed and hashes are repeatedKeys's hash seed and scratch.
	seed   maphash.Seed
	hashes []uint64
}

func newChecker(t *tree, lines *lineTable) *checker {
	return &checker{t: t, lines: lines, structs: make(map[reflect.Type]*structInfo), seed: maphash.MakeSeed()}
}

// describeType says how messages name an object of a model type.
func describeType(t reflect.Type) string {
	switch t {
	case reflect.TypeFor[Dataset]():
		return "the top-level object"
	case reflect.TypeFor[Company]():
		return "the company object"
	case reflect.TypeFor[Metric]():
		return "a metric"
	case reflect.TypeFor[Ratio]():
		return "a ratio"
	case reflect.TypeFor[Segment]():
		return "a segment"
	case reflect.TypeFor[Quarter]():
		return "a quarter"
	case reflect.TypeFor[Value]():
		return "a value"
	case reflect.TypeFor[Note]():
		return "a note"
	case reflect.TypeFor[Guidance]():
		return "a guidance entry"
	case reflect.TypeFor[AnnualActual]():
		return "an annual actual"
	}
	return "this object"
}

// info returns (and caches for this call) the JSON fields of struct type t.
func (c *checker) info(t reflect.Type) *structInfo {
	if si, ok := c.structs[t]; ok {
		return si
	}
	si := &structInfo{byName: make(map[string]int), what: describeType(t)}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		si.byName[name] = len(si.fields)
		si.fields = append(si.fields, fieldInfo{name: name, index: i, omitempty: strings.Contains(","+opts+",", ",omitempty,")})
	}
	c.structs[t] = si
	return si
}

// pathString renders the current path, e.g. quarters[3].values.revenue.
func (c *checker) pathString() string {
	return renderPath(c.path)
}

func renderPath(segs []pathSeg) string {
	var b strings.Builder
	for _, s := range segs {
		switch {
		case s.idx >= 0:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.idx))
			b.WriteByte(']')
		case plainKey(s.key):
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.key)
		default:
			b.WriteByte('[')
			b.WriteString(strconv.Quote(s.key))
			b.WriteByte(']')
		}
	}
	return b.String()
}

// plainKey reports whether a key can be written bare in a path.
func plainKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9')) {
			return false
		}
	}
	return true
}

// report records a problem at off for path, with the path leading the
// message.
func (c *checker) report(off int, path, format string, args ...any) {
	if c.full() {
		c.dropped++
		return
	}
	msg := fmt.Sprintf(format, args...)
	if path != "" {
		msg = path + ": " + msg
	}
	c.probs = append(c.probs, rawProblem{off: off, path: path, msg: msg})
}

// MaxMagnitude and MinMagnitude bound every number of a data file (a
// figure, a guidance range, an annual actual) in its unit: at most 1e15
// (a quadrillion: 1e21 in a currency_millions metric), and 0 or at least
// 1e-9. Within them every figure formats, every sum of four quarters,
// ratio and distance from a guidance range is finite, and the screen never
// shows Inf or NaN; beyond them there is no figure a company reports.
const (
	MaxMagnitude = 1e15
	MinMagnitude = 1e-9
)

// nonzeroMantissa reports whether a JSON number's digits before its
// exponent are not all zero: such a number that parses to 0 underflowed.
func nonzeroMantissa(lit string) bool {
	for i := 0; i < len(lit); i++ {
		switch c := lit[i]; {
		case c == 'e' || c == 'E':
			return false
		case c >= '1' && c <= '9':
			return true
		}
	}
	return false
}

// maxProblems caps the problems listed for one file. A hostile file could
// otherwise hold millions (one per unknown key) and the report would cost
// more memory than the file; nobody reads past the first screenful, and
// the count of the rest says how far there is to go.
const maxProblems = 100

// full reports whether the problem list has reached maxProblems; loops
// that would only find more use it to stop early.
func (c *checker) full() bool { return len(c.probs) >= maxProblems }

// at is where messages about node n point: its key when it is an object
// member (so the line shows the field name), else the value itself.
func (c *checker) at(n int32) int {
	if n < 0 || int(n) >= len(c.t.nodes) {
		return 0 // a missing node points at the start of the file
	}
	nd := &c.t.nodes[n]
	if nd.keyOff >= 0 {
		return int(nd.keyOff)
	}
	return int(nd.off)
}

func (c *checker) push(key string, idx int) { c.path = append(c.path, pathSeg{key: key, idx: idx}) }
func (c *checker) pop()                     { c.path = c.path[:len(c.path)-1] }

// decode checks node n against v's type and stores it in v. Wrong types
// are reported and leave v at its zero value. Recursion depth is bounded by
// the reader's nesting limit.
func (c *checker) decode(n int32, v reflect.Value) {
	nd := &c.t.nodes[n]
	t := v.Type()
	switch t.Kind() {
	case reflect.Struct:
		if nd.kind != kindObject {
			c.wrongType(n, "an object")
			return
		}
		c.decodeStruct(n, v)
	case reflect.Pointer:
		if nd.kind == kindNull {
			return
		}
		p := reflect.New(t.Elem())
		c.decode(n, p.Elem())
		v.Set(p)
	case reflect.Slice:
		if nd.kind == kindNull {
			return
		}
		if nd.kind != kindArray {
			c.wrongType(n, "an array")
			return
		}
		c.decodeSlice(n, v)
	case reflect.Map:
		if nd.kind == kindNull {
			return
		}
		if nd.kind != kindObject || t.Key().Kind() != reflect.String {
			c.wrongType(n, "an object")
			return
		}
		c.decodeMap(n, v)
	case reflect.String:
		c.decodeString(n, v)
	case reflect.Bool:
		if nd.kind != kindBool {
			c.wrongType(n, "true or false")
			return
		}
		v.SetBool(nd.flags&truth != 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.decodeInt(n, v)
	case reflect.Float32, reflect.Float64:
		c.decodeFloat(n, v)
	default:
		// The model has no other kinds; a new one needs code here, and
		// saying so beats guessing.
		c.report(c.at(n), c.pathString(), "the validator cannot check a field of Go type %s", t)
	}
}

// decodeSlice fills slice v from array n, element by element.
func (c *checker) decodeSlice(n int32, v reflect.Value) {
	count := int(c.t.nodes[n].n)
	s := reflect.MakeSlice(v.Type(), count, count)
	for i := 0; i < count; i++ {
		c.push("", i)
		c.decode(c.t.child(n, i), s.Index(i))
		c.pop()
	}
	v.Set(s)
}

// decodeString stores string n in v, unless it is not valid text or holds
// a character a terminal would act on.
func (c *checker) decodeString(n int32, v reflect.Value) {
	nd := &c.t.nodes[n]
	if nd.kind != kindString {
		c.wrongType(n, "a string")
		return
	}
	if nd.flags&badText != 0 {
		c.report(c.at(n), c.pathString(), "this text is not valid UTF-8 (or has an unpaired \\u surrogate); save the file as UTF-8")
		return
	}
	text := c.t.text(n)
	if r, ok := controlRune(text); ok {
		c.report(c.at(n), c.pathString(), "this text contains the control character %U; control and bidirectional-override characters are refused, since they could rewrite the screen of whoever views the data", r)
		return
	}
	v.SetString(text)
}

// decodeInt stores whole number n in v, unless it does not fit v's type.
func (c *checker) decodeInt(n int32, v reflect.Value) {
	text := c.t.text(n)
	if c.t.nodes[n].kind != kindNumber || strings.ContainsAny(text, ".eE") {
		c.wrongType(n, "a whole number")
		return
	}
	i, err := strconv.ParseInt(text, 10, 64)
	if err != nil || v.OverflowInt(i) {
		c.report(c.at(n), c.pathString(), "the number %s is too large", clip(text))
		return
	}
	v.SetInt(i)
}

// decodeFloat stores number n in v, unless it is outside MinMagnitude to
// MaxMagnitude (or 0), where every figure can be shown.
func (c *checker) decodeFloat(n int32, v reflect.Value) {
	if c.t.nodes[n].kind != kindNumber {
		c.wrongType(n, "a number")
		return
	}
	text := c.t.text(n)
	f, err := strconv.ParseFloat(text, v.Type().Bits())
	switch {
	case err == nil && f == 0 && nonzeroMantissa(text):
		c.report(c.at(n), c.pathString(), "%s is too small to store: it underflows a 64-bit float to 0; write 0, or a number of at least 1e-9", clip(text))
		return
	case err != nil || math.IsInf(f, 0) || math.IsNaN(f):
		c.report(c.at(n), c.pathString(), "%s is not a finite number; it overflows a 64-bit float", clip(text))
		return
	case math.Abs(f) > MaxMagnitude:
		c.report(c.at(n), c.pathString(), "%s is too large: numbers are at most 1e15 in the metric's unit (MaxMagnitude), so that every figure, change and sum can be shown", clip(text))
		return
	case f != 0 && math.Abs(f) < MinMagnitude:
		c.report(c.at(n), c.pathString(), "%s is too small: a number other than 0 is at least 1e-9 in the metric's unit (MinMagnitude), so that ratios and distances from a range stay finite", clip(text))
		return
	}
	v.SetFloat(f + 0) // -0 is stored (and exported) as 0
}

// decodeStruct fills struct v from object n: unknown, duplicate and
// missing fields are reported.
func (c *checker) decodeStruct(n int32, v reflect.Value) {
	si := c.info(v.Type())
	nd := c.t.nodes[n]
	var seen uint64 // bit i: fields[i] was present (the model has < 64 fields per struct)
	var first [64]int32
	for i := 0; i < int(nd.n); i++ {
		m := c.t.child(n, i)
		key := c.t.key(m)
		fi, ok := si.byName[key]
		if !ok {
			c.unknownField(m, si)
			continue
		}
		if fi < 64 {
			if seen&(1<<fi) != 0 {
				c.duplicateKey(m, first[fi])
				continue
			}
			seen |= 1 << fi
			first[fi] = m
		}
		c.push(key, -1)
		c.decode(m, v.Field(si.fields[fi].index))
		c.pop()
	}
	for fi, f := range si.fields {
		if f.omitempty || fi >= 64 || seen&(1<<fi) != 0 {
			continue
		}
		c.push(f.name, -1)
		if f.name == "schema_version" && v.Type() == reflect.TypeFor[Dataset]() {
			c.report(int(nd.off), c.pathString(), "the schema version is missing; this build understands version %d", SchemaVersion)
		} else {
			c.report(int(nd.off), c.pathString(), "required field %q is missing from %s", f.name, si.what)
		}
		c.pop()
	}
}

// decodeMap fills map v from object n; a key given twice is reported. A
// quarter's values for metrics the file does not define are checked like
// any value but not kept: the meaning rules refuse them anyway, and a
// hostile file can hold millions.
func (c *checker) decodeMap(n int32, v reflect.Value) {
	t := v.Type()
	nd := c.t.nodes[n]
	size, values := int(nd.n), t == reflect.TypeFor[map[string]Value]()
	if values {
		size = min(size, len(c.fileMetrics))
	}
	mv := reflect.MakeMapWithSize(t, size)
	// One scratch key and element, copied in by SetMapIndex, rather than
	// two allocations per entry.
	elem := reflect.New(t.Elem()).Elem()
	key := reflect.New(t.Key()).Elem()
	repeated := c.repeatedKeys(n)
	for i := 0; i < int(nd.n); i++ {
		m := c.t.child(n, i)
		if first, ok := repeated[i]; ok {
			c.duplicateKey(m, first)
			continue
		}
		k := c.t.key(m)
		elem.SetZero()
		c.push(k, -1)
		c.decode(m, elem)
		c.pop()
		if _, known := c.fileMetrics[k]; known || !values {
			key.SetString(k)
			mv.SetMapIndex(key, elem)
		}
	}
	v.Set(mv)
}

// repeatedKeys finds the members of object n whose key an earlier member
// has: it maps each one's position to the first member with its key (nil
// when there are none). It hashes every key and sorts the hashes, so an
// object of a million members costs 8 bytes a member, once, rather than a
// map of them all; only keys whose hashes repeat are compared.
func (c *checker) repeatedKeys(n int32) map[int]int32 {
	count := int(c.t.nodes[n].n)
	if count < 2 {
		return nil
	}
	if cap(c.hashes) < count {
		c.hashes = make([]uint64, 0, count)
	}
	hashes := c.hashes[:0]
	for i := range count {
		hashes = append(hashes, maphash.String(c.seed, c.t.key(c.t.child(n, i))))
	}
	c.hashes = hashes
	slices.Sort(hashes)
	var twice map[uint64]bool
	for i := 1; i < len(hashes); i++ {
		if hashes[i] == hashes[i-1] {
			if twice == nil {
				twice = make(map[uint64]bool)
			}
			twice[hashes[i]] = true
		}
	}
	if twice == nil {
		return nil
	}
	firsts := make(map[string]int32)
	repeated := make(map[int]int32)
	for i := range count {
		m := c.t.child(n, i)
		k := c.t.key(m)
		if !twice[maphash.String(c.seed, k)] {
			continue
		}
		if first, ok := firsts[k]; ok {
			repeated[i] = first
		} else {
			firsts[k] = m
		}
	}
	return repeated
}

// duplicateKey reports member m, whose key member first had before it.
func (c *checker) duplicateKey(m, first int32) {
	if c.full() {
		c.dropped++
		return
	}
	key := c.t.key(m)
	line := c.lines.line(c.at(first))
	c.push(key, -1)
	c.report(c.at(m), c.pathString(), "key %q appears twice in one object (first at line %d); remove one", clip(key), line)
	c.pop()
}

// noteFileMetrics records the ids of the metrics the file defines, as
// the tree has them, before anything is decoded: the values of other ids
// are not kept (see decodeMap). Should a metric's id be malformed, its
// problem is reported when the metrics are decoded and the file is
// refused whatever the values hold.
func (c *checker) noteFileMetrics() {
	c.fileMetrics = make(map[string]struct{})
	arr := c.t.member(0, "metrics")
	for i := 0; ; i++ {
		m := c.t.elem(arr, i)
		if m < 0 {
			return
		}
		if id := c.t.member(m, "id"); id >= 0 && c.t.nodes[id].kind == kindString {
			c.fileMetrics[c.t.text(id)] = struct{}{}
		}
	}
}

// unknownField reports member m, which no field of si is named after.
func (c *checker) unknownField(m int32, si *structInfo) {
	if c.full() {
		// Checked before the spelling suggestion, which is the costly
		// part: a file of a million unknown keys must not pay for it.
		c.dropped++
		return
	}
	key := c.t.key(m)
	msg := fmt.Sprintf("unknown field %q in %s", clip(key), si.what)
	if s := closest(key, si.fields); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	c.report(c.at(m), c.pathString(), "%s", msg)
}

// closest is the known field name nearest to key, if one is near enough to
// be a likely typo.
func closest(key string, fields []fieldInfo) string {
	if len(key) > 64 {
		return ""
	}
	best, bestD := "", 3
	for _, f := range fields {
		if d := editDistance(strings.ToLower(key), f.name); d < bestD {
			best, bestD = f.name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between short strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// wrongType reports node n, which is not of the wanted JSON type.
func (c *checker) wrongType(n int32, want string) {
	c.report(c.at(n), c.pathString(), "want %s, got %s", want, describeNode(c.t, n))
}

// describeNode names a value for a message: its type, and the value itself
// when it is short.
func describeNode(t *tree, n int32) string {
	nd := &t.nodes[n]
	switch nd.kind {
	case kindNull:
		return "null"
	case kindBool:
		return strconv.FormatBool(nd.flags&truth != 0)
	case kindNumber:
		return "the number " + clip(t.text(n))
	case kindString:
		return "the string " + strconv.Quote(clip(t.text(n)))
	case kindObject:
		return "an object"
	}
	return "an array"
}

// clip shortens text quoted in messages.
func clip(s string) string {
	const limit = 40
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return s[:cut] + "..."
}

// controlRune finds the first character in s that a terminal would act on
// rather than print: C0 and C1 controls (ESC starts an escape sequence),
// DEL, and the bidirectional overrides and isolates that reorder what is
// shown. Every text in a data file reaches a terminal, and over SSH the
// terminals of strangers, so none of them may carry such characters.
func controlRune(s string) (rune, bool) {
	// A byte scan: every text of a file passes through here, and the
	// characters refused have short, fixed UTF-8 forms.
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20 || c == 0x7f:
			return rune(c), true
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f: // C1, U+0080-U+009F
			return rune(s[i+1]), true
		case c == 0xe2 && i+2 < len(s) &&
			((s[i+1] == 0x80 && s[i+2] >= 0xaa && s[i+2] <= 0xae) || // U+202A-U+202E
				(s[i+1] == 0x81 && s[i+2] >= 0xa6 && s[i+2] <= 0xa9)): // U+2066-U+2069
			r, _ := utf8.DecodeRuneInString(s[i:])
			return r, true
		}
	}
	return 0, false
}
