package data

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"sort"
	"strings"
	"syscall"
)

// Problem is one thing wrong with a data file, with where it is.
type Problem struct {
	File string
	Line int    // 1-based; 0 when unknown
	Col  int    // 1-based, in characters; 0 when unknown
	Path string // JSON path, e.g. quarters[3].values.revenue
	Msg  string
}

// String formats file:line:col: message.
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Msg)
}

// ValidationError lists every problem found in a file, sorted by position.
type ValidationError struct {
	Problems []Problem
}

// Error lists the problems, one per line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Parse decodes and validates a data file's bytes; name is the file name
// used in messages. It returns the dataset, or a *ValidationError listing
// every problem found.
//
// It works in stages, each needing the one before to be clean: the size
// cap; reading the JSON (syntax, nesting depth, text encoding) into a tree
// that remembers positions; checking that tree against the types of
// model.go (unknown, duplicate and missing fields, wrong types, numbers
// that are not finite) while filling the Dataset; then the rules about
// meaning (ids, references, ranges, dates, ordering). Later stages would
// mostly repeat what an earlier one found, so they are skipped.
func Parse(b []byte, name string) (*Dataset, error) {
	if len(b) > MaxFileSize {
		return nil, tooLarge(name, fmt.Sprintf("%d bytes", len(b)), "it was not parsed")
	}
	// One copy of the text; every string without escapes in the Dataset is
	// a slice of it, which keeps allocations to a few per file.
	src := string(b)
	lines := &lineTable{src: src}
	t, probs, serr := readTree(src)
	if serr != nil {
		probs = append(probs, rawProblem{off: serr.off, msg: serr.msg})
		return nil, newValidationError(name, lines, probs)
	}
	c := newChecker(t, lines)
	c.probs = probs
	var d Dataset
	if t.nodes[0].kind != kindObject {
		c.report(int(t.nodes[0].off), "", "the top level must be an object, got %s", describeNode(t, 0))
	} else {
		c.noteFileMetrics()
		c.decode(0, reflect.ValueOf(&d).Elem())
	}
	if len(c.probs) == 0 {
		c.checkSemantics(&d)
	} else if d.SchemaVersion != 0 && d.SchemaVersion != SchemaVersion {
		// A file of another schema version will not fit this one's shape;
		// say so, or the shape problems alone would be a mystery.
		(&semantic{checker: c, d: &d, root: 0}).schemaVersion()
	}
	if len(c.probs) > 0 {
		if c.dropped > 0 {
			// Sorted last: it sits at the end of the file.
			c.probs = append(c.probs, rawProblem{off: len(src), msg: fmt.Sprintf(
				"%d more problems are not listed; fix the ones above and run again", c.dropped)})
		}
		return nil, newValidationError(name, lines, c.probs)
	}
	d.Name = name
	d.index()
	d.id = lastID.Add(1)
	return &d, nil
}

// Load reads and parses the file at path. A file over MaxFileSize is
// refused before it is read whole.
func Load(path string) (*Dataset, error) {
	// O_NONBLOCK: opening a named pipe would otherwise wait for a writer,
	// forever; it is refused below like any file that is not regular.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, &fs.PathError{Op: "load", Path: path, Err: errors.New("is a directory, not a data file")}
	}
	if !st.Mode().IsRegular() {
		// A named pipe would hang the read, a device such as /dev/zero
		// would only end at the size cap.
		return nil, &fs.PathError{Op: "load", Path: path, Err: errors.New("is not a regular file (a named pipe, a device or a socket)")}
	}
	if st.Size() > MaxFileSize {
		return nil, tooLarge(path, fmt.Sprintf("%d bytes", st.Size()), "it was not read")
	}
	// Stat can understate (a file still growing), so the read itself is
	// capped too: one byte past the limit proves it is over.
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if len(b) > MaxFileSize {
		return nil, tooLarge(path, "its size was not known in advance", "reading stopped at the limit")
	}
	return Parse(b, path)
}

// tooLarge is the error for a file over MaxFileSize: size says how big it
// is, as far as that is known, and what how much of it was looked at. It
// points at 1:1, the only position a file that was not parsed can have.
func tooLarge(name, size, what string) error {
	return &ValidationError{Problems: []Problem{{
		File: name, Line: 1, Col: 1,
		Msg: fmt.Sprintf("the file is over the %d MiB limit for a data file (%s); %s", MaxFileSize>>20, size, what),
	}}}
}

// newValidationError turns offset-located problems into a sorted error.
func newValidationError(name string, lines *lineTable, raw []rawProblem) *ValidationError {
	sort.SliceStable(raw, func(i, j int) bool { return raw[i].off < raw[j].off })
	offs := make([]int, len(raw))
	for i, r := range raw {
		offs[i] = r.off
	}
	ls, cs := lines.positions(offs)
	ps := make([]Problem, len(raw))
	for i, r := range raw {
		ps[i] = Problem{File: name, Line: ls[i], Col: cs[i], Path: r.path, Msg: r.msg}
	}
	return &ValidationError{Problems: ps}
}
