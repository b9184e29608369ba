// Package xbrl converts SEC EDGAR XBRL responses (companyfacts, and
// optionally submissions) into a quarterdash data set.
//
// It is pure: no network, no files. The edgar package fetches the
// responses and the cli package calls Convert. The rules it follows are
// written up, each with the real example that tests it, in
// docs/sec-import.md.
package xbrl

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"

	"quarterdash/data"
)

// Options are the optional inputs of Convert.
type Options struct {
	// Submissions is the submissions JSON of the same company, or nil.
	// It gives the ticker, the fiscal year end and the filings that
	// companyfacts may not include yet.
	Submissions []byte
	// Name is where companyfacts came from (a file name or URL), for
	// messages.
	Name string
	// Ticker, when set, is the company's ticker; it wins over the
	// submissions' first ticker. Without either, the ticker is
	// "CIK<number>", which a caller may overwrite.
	Ticker string
	// Company, when set, is the company's name as the caller knows it
	// (SEC's ticker map writes "Alphabet Inc."); it wins over the
	// submissions' name, which wins over companyfacts' entityName, often
	// written in capitals ("ALPHABET INC.").
	Company string
}

// Result is a converted data set and what a user should know about it.
type Result struct {
	// Dataset has passed data.Parse: quarterdash validate accepts it.
	Dataset *data.Dataset
	// Warnings are things a user should know, e.g. "companyfacts does not
	// yet include the 10-Q filed 2026-10-30".
	Warnings []string
	// LatestFiled is the newest filing date (YYYY-MM-DD) among the facts
	// used.
	LatestFiled string
}

// NoQuarterlyFactsError says that a filer has no quarterly US-GAAP facts:
// a foreign private issuer filing 20-F or 40-F annual reports, often under
// IFRS. There is nothing quarterly to show for it.
type NoQuarterlyFactsError struct {
	// Name is where companyfacts came from.
	Name string
	// Entity is the filer's name, CIK its number.
	Entity string
	CIK    int64
	// Forms are the forms its facts come from, e.g. ["20-F"]; Taxonomies
	// the taxonomies they use, e.g. ["ifrs-full"].
	Forms      []string
	Taxonomies []string
}

// Error explains, in one line, why the filer cannot be shown.
func (e *NoQuarterlyFactsError) Error() string {
	tax := ""
	if len(e.Taxonomies) > 0 {
		tax = " in " + joinAnd(e.Taxonomies)
	}
	for _, f := range e.Forms {
		if periodicForms[strings.TrimSuffix(f, "/A")] {
			// It files the right reports; what they hold is unusable.
			return fmt.Sprintf("%s: %s (CIK %d) has %s facts%s, but none gives a quarter: no figure is a number for a period of 80 to 120 days, or a year-to-date one to derive it from",
				e.Name, e.Entity, e.CIK, joinAnd(e.Forms), tax)
		}
	}
	what := "no 10-Q or 10-K facts"
	if len(e.Forms) > 0 {
		what = fmt.Sprintf("facts only from %s", joinAnd(e.Forms))
	}
	return fmt.Sprintf("%s: %s (CIK %d) has no quarterly US-GAAP facts (%s%s); quarterdash shows companies that file 10-Q and 10-K reports",
		e.Name, e.Entity, e.CIK, what, tax)
}

func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	var b bytes.Buffer
	for i, x := range s {
		switch {
		case i == len(s)-1:
			b.WriteString(" and ")
		case i > 0:
			b.WriteString(", ")
		}
		b.WriteString(x)
	}
	return b.String()
}

// ReadMaybeGzip reads all of r, gunzipping it when it starts with the gzip
// magic bytes, and refuses more than limit bytes (counted after
// decompression) with an error that says so.
func ReadMaybeGzip(r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		return nil, errors.New("read limit must be positive")
	}
	var head [2]byte
	n, err := io.ReadFull(r, head[:])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	src := io.MultiReader(bytes.NewReader(head[:n]), r)
	if n == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(src)
		if err != nil {
			return nil, fmt.Errorf("reading gzip data: %w", err)
		}
		defer zr.Close()
		src = zr
	}
	b, err := io.ReadAll(io.LimitReader(src, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading data: %w", err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("the data is over the %d-byte limit (after decompression); it was not read whole", limit)
	}
	return b, nil
}
