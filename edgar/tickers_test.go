package edgar

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func loadTickers(t *testing.T) *TickerMap {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "company_tickers.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseTickers(gunzip(t, b))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestParseTickers(t *testing.T) {
	m := loadTickers(t)
	if m.Len() != 9610 {
		t.Errorf("%d tickers, want 9610", m.Len())
	}
	if c, ok := m.ByTicker("META"); !ok || c.CIK != 1326801 {
		t.Errorf("META = %+v", c)
	}
	for _, bad := range []string{`[]`, `{}`, `{"0":{"cik_str":"x","ticker":"A","title":"a"}}`, `{"0":`} {
		if _, err := ParseTickers([]byte(bad)); err == nil {
			t.Errorf("ParseTickers(%s) accepted", bad)
		}
	}
	// cik_str as a string is accepted too.
	m2, err := ParseTickers([]byte(`{"0":{"cik_str":"0000320193","ticker":"aapl","title":"Apple Inc."}}`))
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := m2.ByTicker("AAPL"); !ok || c.CIK != 320193 {
		t.Errorf("AAPL = %+v", c)
	}
}

func TestLookupTickerOrCIK(t *testing.T) {
	m := loadTickers(t)
	alphabet := Company{CIK: 1652044, Ticker: "GOOGL", Name: "Alphabet Inc."}
	for _, q := range []string{"GOOGL", "googl", " GOOGL ", "1652044", "0001652044", "CIK0001652044", "cik1652044"} {
		c, err := m.Lookup(q)
		if err != nil || c != alphabet {
			t.Errorf("Lookup(%q) = %+v, %v", q, c, err)
		}
	}
	// GOOG is the other class of the same company.
	if c, err := m.Lookup("GOOG"); err != nil || c.CIK != 1652044 || c.Ticker != "GOOG" {
		t.Errorf("GOOG = %+v, %v", c, err)
	}
	// Share classes: SEC writes BRK-B.
	for _, q := range []string{"BRK-B", "BRK.B", "brk/b"} {
		if c, err := m.Lookup(q); err != nil || c.Ticker != "BRK-B" {
			t.Errorf("Lookup(%q) = %+v, %v", q, c, err)
		}
	}
	// A CIK the map does not list (a filer without a ticker) is still a CIK.
	if c, err := m.Lookup("0000000002"); err != nil || c != (Company{CIK: 2}) {
		t.Errorf("unlisted CIK = %+v, %v", c, err)
	}
}

func TestUnknownTickerSuggestions(t *testing.T) {
	m := loadTickers(t)
	for q, want := range map[string][]string{
		"GOOGLE":    {"GOOGL", "GOOG"},
		"APPLE":     {"AAPL"},
		"ALPHABET":  {"GOOGL", "GOOG"},
		"MICROSOFT": {"MSFT"},
		"NVDIA":     {"NVDA"},
		"METAA":     {"META"},
	} {
		_, err := m.Lookup(q)
		var ue *UnknownTickerError
		if !errors.As(err, &ue) {
			t.Fatalf("Lookup(%q) err = %v", q, err)
		}
		if len(ue.Suggestions) < len(want) || len(ue.Suggestions) > 5 {
			t.Fatalf("%s: suggestions %+v", q, ue.Suggestions)
		}
		for i, w := range want {
			if ue.Suggestions[i].Ticker != w {
				t.Errorf("%s: suggestion %d is %s, want %s (all: %+v)", q, i, ue.Suggestions[i].Ticker, w, ue.Suggestions)
			}
		}
	}
	_, err := m.Lookup("GOOGLE")
	if !strings.Contains(err.Error(), `unknown ticker "GOOGLE"`) ||
		!strings.Contains(err.Error(), "did you mean GOOGL (Alphabet Inc.), GOOG (Alphabet Inc.)") {
		t.Errorf("message: %v", err)
	}
	// Nothing near: no "did you mean".
	_, err = m.Lookup("XYZXYZ")
	if err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("XYZXYZ: %v", err)
	}
}

func TestCheckQuery(t *testing.T) {
	for _, q := range []string{"", "GOO GLE", "GOOGL;rm", "12345678901", "ABCDEFGHIJKLM", "0", "000"} {
		if CheckQuery(q) == nil {
			t.Errorf("CheckQuery(%q) accepted", q)
		}
	}
	if _, ok := ParseCIK("0"); ok {
		t.Error("CIK 0 accepted")
	}
	for _, q := range []string{"GOOGL", "BRK.B", "1652044", "0001652044"} {
		if err := CheckQuery(q); err != nil {
			t.Errorf("CheckQuery(%q) = %v", q, err)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"GOOGLE", "GOOGL", 3, 1}, {"GOOGLE", "GOOG", 3, 2}, {"", "ABC", 5, 3},
		{"NVDIA", "NVDA", 3, 1}, {"ABCDEF", "UVWXYZ", 3, 3}, {"A", "ABCDE", 3, 3},
	} {
		if got := editDistance(c.a, c.b, c.limit); got != c.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
	}
}

func TestResolveThroughTheServer(t *testing.T) {
	f, clock := newFakeSEC(t), newClock()
	c := newTestClient(t, testConfig(t, f, clock))
	ctx := context.Background()
	got, err := c.Resolve(ctx, "googl")
	if err != nil || got.CIK != 1652044 || got.Ticker != "GOOGL" {
		t.Fatalf("Resolve = %+v, %v", got, err)
	}
	_, err = c.Resolve(ctx, "GOOGLE")
	var ue *UnknownTickerError
	if !errors.As(err, &ue) {
		t.Errorf("GOOGLE: %v", err)
	}
	// The map was fetched once and then taken from the cache.
	if n := len(f.reqs()); n != 1 {
		t.Errorf("%d requests for the ticker map, want 1", n)
	}
	// A CIK resolves even when the map cannot be had.
	f.srv.Close()
	cfg := testConfig(t, f, clock)
	got, err = newTestClient(t, cfg).Resolve(ctx, "0000320193")
	if err != nil || got != (Company{CIK: 320193}) {
		t.Errorf("offline CIK = %+v, %v", got, err)
	}
	if _, err := newTestClient(t, cfg).Resolve(ctx, "AAPL"); err == nil {
		t.Error("offline ticker without a cached map resolved")
	}
}
