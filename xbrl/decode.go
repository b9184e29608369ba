package xbrl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// companyFacts is the part of a companyfacts response that is read in one
// pass. Each concept stays raw until it is needed: the converter reads
// about twenty of the several hundred concepts a large filer has.
type companyFacts struct {
	CIK        json.RawMessage                       `json:"cik"`
	EntityName string                                `json:"entityName"`
	Facts      map[string]map[string]json.RawMessage `json:"facts"`
}

// conceptJSON is one concept: its facts by unit ("USD", "USD/shares",
// "shares"). Its label (sometimes null) and description are not read.
type conceptJSON struct {
	Units map[string][]factJSON `json:"units"`
}

// factJSON is one reported value. fy, fp and frame are deliberately not
// read: they describe the filing that carries the fact, not its period.
type factJSON struct {
	Start string `json:"start"`
	End   string `json:"end"`
	Val   number `json:"val"`
	Accn  string `json:"accn"`
	Form  string `json:"form"`
	Filed string `json:"filed"`
}

// number is a JSON number read without losing a fact to a bad one: a
// string ("NaN"), null, an object or a literal that does not fit a float64
// leaves ok false and the fact is skipped, instead of failing the file.
type number struct {
	v  float64
	ok bool
}

// UnmarshalJSON implements json.Unmarshaler.
func (n *number) UnmarshalJSON(b []byte) error {
	*n = number{}
	if len(b) == 0 || (b[0] != '-' && (b[0] < '0' || b[0] > '9')) {
		return nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	n.v, n.ok = f, true
	return nil
}

// submissionsJSON is the part of a submissions response the converter
// reads. filings.recent holds parallel arrays, newest filing first.
type submissionsJSON struct {
	CIK           json.RawMessage `json:"cik"`
	Name          string          `json:"name"`
	Tickers       []string        `json:"tickers"`
	FiscalYearEnd string          `json:"fiscalYearEnd"`
	Filings       struct {
		Recent struct {
			AccessionNumber []string `json:"accessionNumber"`
			FilingDate      []string `json:"filingDate"`
			ReportDate      []string `json:"reportDate"`
			Form            []string `json:"form"`
		} `json:"recent"`
	} `json:"filings"`
}

// decodeJSON unmarshals b into v and turns encoding/json's errors into
// "name:line:col: message", the way the project's validator reports.
func decodeJSON(b []byte, v any, name, what string) error {
	err := json.Unmarshal(b, v)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off := se.Offset - 1 // encoding/json counts the offending byte as read
		msg := se.Error()
		if strings.HasPrefix(msg, "unexpected end") {
			off = int64(len(b))
			msg = fmt.Sprintf("the %s response ends early (%d bytes): truncated?", what, len(b))
		} else {
			msg = "malformed JSON: " + msg
			if bytes.HasPrefix(bytes.TrimSpace(b), []byte("<")) {
				msg += fmt.Sprintf(" (this looks like an HTML page, not a %s response)", what)
			}
		}
		line, col := position(b, off)
		return fmt.Errorf("%s:%d:%d: %s", name, line, col, msg)
	case errors.As(err, &te):
		line, col := position(b, te.Offset)
		field := te.Field
		if field == "" {
			field = "the top level"
		}
		return fmt.Errorf("%s:%d:%d: not a %s response: %s is a JSON %s", name, line, col, what, field, te.Value)
	}
	return fmt.Errorf("%s: %v", name, err)
}

// position is the 1-based line and column (in characters) of byte offset
// off in b.
func position(b []byte, off int64) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	head := b[:off]
	line = 1 + bytes.Count(head, []byte{'\n'})
	start := bytes.LastIndexByte(head, '\n') + 1
	return line, utf8.RuneCount(head[start:]) + 1
}

// parseCIK reads a CIK given as a JSON number or a string, padded or not.
func parseCIK(raw json.RawMessage) (int64, bool) {
	s := strings.TrimSpace(string(raw))
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "CIK"), "cik")
	if s == "" || len(s) > 10 {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}

// day is a date as days since 1970-01-01.
type day int32

// parseDay reads a strict YYYY-MM-DD date of the years 1900-2999.
func parseDay(s string) (day, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return 0, false // 2024-02-30
	}
	return day(t.Unix() / 86400), true
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// time is the day as a UTC time.
func (d day) time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String formats YYYY-MM-DD.
func (d day) String() string { return d.time().Format("2006-01-02") }

// validAccession reports whether s is an accession number of the form
// 0001652044-25-000014: it becomes part of a URL and of displayed text.
func validAccession(s string) bool {
	if len(s) != 20 || s[10] != '-' || s[13] != '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i == 10 || i == 13 {
			continue
		}
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// cleanText keeps printable text only: no control characters and no
// bidirectional overrides, which the validator refuses (every text reaches
// a terminal).
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x20, r >= 0x7f && r <= 0x9f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			continue
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
