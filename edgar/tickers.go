package edgar

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Company is a filer as the ticker map knows it.
type Company struct {
	CIK    int
	Ticker string // "" when the map does not know the CIK
	Name   string // "" likewise
}

// TickerMap is SEC's company_tickers.json: every listed ticker with its
// CIK and company name, in SEC's order (largest companies first).
type TickerMap struct {
	list     []Company
	byTicker map[string]int // index into list
	byCIK    map[int]int    // the first (main) ticker of each CIK
}

// ParseTickers reads company_tickers.json, an object whose keys are
// "0", "1", ... and whose values are {"cik_str", "ticker", "title"}.
func ParseTickers(b []byte) (*TickerMap, error) {
	var raw map[string]struct {
		CIK    json.RawMessage `json:"cik_str"` // a number, or a string of one
		Ticker string          `json:"ticker"`
		Title  string          `json:"title"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("ticker map: %w", err)
	}
	type row struct {
		order int
		c     Company
	}
	rows := make([]row, 0, len(raw))
	for k, v := range raw {
		order, err := strconv.Atoi(k)
		if err != nil {
			order = len(raw) // unexpected key: after the others
		}
		cik, err := strconv.Atoi(strings.Trim(string(v.CIK), `" `))
		if err != nil || cik <= 0 || v.Ticker == "" {
			continue
		}
		rows = append(rows, row{order, Company{CIK: cik, Ticker: strings.ToUpper(v.Ticker), Name: v.Title}})
	}
	slices.SortFunc(rows, func(a, b row) int {
		if a.order != b.order {
			return a.order - b.order
		}
		return strings.Compare(a.c.Ticker, b.c.Ticker)
	})
	m := &TickerMap{byTicker: make(map[string]int, len(rows)), byCIK: make(map[int]int, len(rows))}
	for _, r := range rows {
		if _, dup := m.byTicker[r.c.Ticker]; dup {
			continue
		}
		m.byTicker[r.c.Ticker] = len(m.list)
		if _, ok := m.byCIK[r.c.CIK]; !ok {
			m.byCIK[r.c.CIK] = len(m.list)
		}
		m.list = append(m.list, r.c)
	}
	if len(m.list) == 0 {
		return nil, fmt.Errorf("ticker map: no tickers in it")
	}
	return m, nil
}

// Len is the number of tickers.
func (m *TickerMap) Len() int { return len(m.list) }

// ByCIK returns the company with that CIK (with its main ticker).
func (m *TickerMap) ByCIK(cik int) (Company, bool) {
	i, ok := m.byCIK[cik]
	if !ok {
		return Company{}, false
	}
	return m.list[i], true
}

// ByTicker returns the company with that ticker, in any case; SEC writes
// share classes with a dash (BRK-B), so BRK.B and BRK/B find it too.
func (m *TickerMap) ByTicker(ticker string) (Company, bool) {
	i, ok := m.byTicker[normTicker(ticker)]
	if !ok {
		return Company{}, false
	}
	return m.list[i], true
}

func normTicker(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	return strings.NewReplacer(".", "-", "/", "-").Replace(s)
}

// UnknownTickerError is a ticker the map does not have, with the nearest
// ones it does.
type UnknownTickerError struct {
	Query       string
	Suggestions []Company
}

func (e *UnknownTickerError) Error() string {
	msg := fmt.Sprintf("unknown ticker %q: SEC's ticker map does not have it", e.Query)
	if len(e.Suggestions) == 0 {
		return msg
	}
	names := make([]string, len(e.Suggestions))
	for i, c := range e.Suggestions {
		names[i] = fmt.Sprintf("%s (%s)", c.Ticker, c.Name)
	}
	return msg + "; did you mean " + strings.Join(names, ", ") + "?"
}

// ParseCIK reads a CIK given as digits, with or without leading zeros
// and an optional "CIK" prefix: "1652044", "0001652044", "CIK0001652044".
func ParseCIK(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 3 && strings.EqualFold(s[:3], "CIK") {
		s = s[3:]
	}
	if s == "" || len(s) > 10 {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}

// CheckQuery refuses what is neither a CIK nor shaped like a ticker, before
// anything is fetched.
func CheckQuery(q string) error {
	if _, ok := ParseCIK(q); ok {
		return nil
	}
	t := normTicker(q)
	if t == "" {
		return fmt.Errorf("no ticker or CIK given")
	}
	if strings.Trim(t, "0123456789") == "" {
		return fmt.Errorf("%q is not a CIK: a CIK is 1 to 10 digits", q)
	}
	if len(t) > 12 {
		return fmt.Errorf("%q is not a ticker (too long) or a CIK (up to 10 digits)", q)
	}
	for _, r := range t {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') && r != '-' {
			return fmt.Errorf("%q is not a ticker (letters, digits, '.' or '-') or a CIK (up to 10 digits)", q)
		}
	}
	return nil
}

// Lookup resolves a ticker or a CIK. A CIK the map does not know is
// returned alone (not every filer is listed); an unknown ticker is an
// *UnknownTickerError with up to five suggestions.
func (m *TickerMap) Lookup(q string) (Company, error) {
	if err := CheckQuery(q); err != nil {
		return Company{}, err
	}
	if cik, ok := ParseCIK(q); ok {
		if c, ok := m.ByCIK(cik); ok {
			return c, nil
		}
		return Company{CIK: cik}, nil
	}
	if c, ok := m.ByTicker(q); ok {
		return c, nil
	}
	return Company{}, &UnknownTickerError{Query: strings.TrimSpace(q), Suggestions: m.Suggest(q, 5)}
}

// Suggest returns up to n tickers near q: within a small edit distance
// (one edit for short queries, two otherwise), a ticker that q extends or
// that extends q by a character or two, or a company whose name starts
// with q ("APPLE" → AAPL). Nearer first; among equals, SEC's order
// (bigger companies first).
func (m *TickerMap) Suggest(q string, n int) []Company {
	q = normTicker(q)
	if q == "" || n <= 0 {
		return nil
	}
	maxD := 2
	if len(q) <= 3 {
		maxD = 1
	}
	type cand struct{ d, common, i int }
	var cands []cand
	for i, c := range m.list {
		d := editDistance(q, c.Ticker, maxD+1)
		if len(q) >= 2 && len(c.Ticker) >= 2 && abs(len(q)-len(c.Ticker)) <= 2 &&
			(strings.HasPrefix(c.Ticker, q) || strings.HasPrefix(q, c.Ticker)) {
			d = min(d, maxD)
		}
		common := commonPrefix(q, c.Ticker)
		if len(q) >= 3 && nameStartsWith(c.Name, q) {
			// The company's name: nearest of all, bigger companies first.
			d, common = 0, 0
		}
		if d <= maxD {
			cands = append(cands, cand{d, common, i})
		}
	}
	// Nearer first; then the longer shared start (GOOGLE: GOOG before
	// GOGL); then SEC's order.
	slices.SortStableFunc(cands, func(a, b cand) int {
		if a.d != b.d {
			return a.d - b.d
		}
		return b.common - a.common
	})
	var out []Company
	for _, c := range cands {
		if len(out) == n {
			break
		}
		out = append(out, m.list[c.i])
	}
	return out
}

func abs(n int) int { return max(n, -n) }

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// nameStartsWith reports whether the name's first word starts with q
// (letters only, any case).
func nameStartsWith(name, q string) bool {
	first, _, _ := strings.Cut(strings.ToUpper(strings.TrimSpace(name)), " ")
	return strings.HasPrefix(first, q)
}

// editDistance is the Levenshtein distance between a and b (bytes; tickers
// are ASCII), or limit when it is at least limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}

// Tickers fetches (or takes from the cache) SEC's ticker map.
func (c *Client) Tickers(ctx context.Context) (*TickerMap, *Response, error) {
	r, err := c.get(ctx, tickersEndpoint)
	if err != nil {
		return nil, nil, err
	}
	m, err := ParseTickers(r.Body)
	if err != nil {
		return nil, r, fmt.Errorf("%s from %s: %w", r.What, r.URL, err)
	}
	return m, r, nil
}

// Resolve turns a ticker or a CIK into a Company, with the ticker map's
// name and main ticker. A well-formed CIK resolves even when the ticker
// map cannot be had (the name then comes from companyfacts); a ticker
// needs the map.
func (c *Client) Resolve(ctx context.Context, q string) (Company, error) {
	if err := CheckQuery(q); err != nil {
		return Company{}, err
	}
	m, _, err := c.Tickers(ctx)
	if err != nil {
		if cik, ok := ParseCIK(q); ok {
			return Company{CIK: cik}, nil
		}
		return Company{}, err
	}
	return m.Lookup(q)
}
