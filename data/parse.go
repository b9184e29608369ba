package data

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// Problem is one thing wrong with a data file, with where it is.
type Problem struct {
	File string
	Line int    // 1-based; 0 when unknown
	Col  int    // 1-based; 0 when unknown
	Path string // JSON path, e.g. quarters[3].values.revenue
	Msg  string
}

// String formats file:line:col: message.
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Msg)
}

// ValidationError lists every problem found in a file.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Parse decodes and validates a data file's bytes. name is used in
// messages. TODO(stub): replaced by the validating parser.
func Parse(b []byte, name string) (*Dataset, error) {
	var d Dataset
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, &ValidationError{Problems: []Problem{{File: name, Msg: err.Error()}}}
	}
	d.Name = name
	d.index()
	return &d, nil
}

// Load reads and parses the file at path.
func Load(path string) (*Dataset, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(b, path)
}
