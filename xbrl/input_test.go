package xbrl

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// small builds a companyfacts document with one revenue concept holding
// the given facts (JSON objects).
func small(facts ...string) []byte {
	return []byte(`{"cik": 1234, "entityName": "Tiny Co", "facts": {"us-gaap": {
 "Revenues": {"label": null, "units": {"USD": [` + strings.Join(facts, ",") + `]}}}}}`)
}

const (
	q1 = `{"start": "2024-01-01", "end": "2024-03-31", "val": 100000000, "accn": "0000001234-24-000001", "fy": 2024, "fp": "Q1", "form": "10-Q", "filed": "2024-04-30"}`
	h1 = `{"start": "2024-01-01", "end": "2024-06-30", "val": 250000000, "accn": "0000001234-24-000002", "fy": 2024, "fp": "Q2", "form": "10-Q", "filed": "2024-07-30"}`
)

// TestHostileFacts checks that bad facts are skipped, never used and
// never a panic, while the good ones around them still convert.
func TestHostileFacts(t *testing.T) {
	tests := []struct {
		name string
		fact string
	}{
		{"NaN string", `{"start": "2024-04-01", "end": "2024-06-30", "val": "NaN", "accn": "0000001234-24-000009", "form": "10-Q", "filed": "2024-08-01"}`},
		{"absurd magnitude", `{"start": "2024-04-01", "end": "2024-06-30", "val": 1e300, "accn": "0000001234-24-000009", "form": "10-Q", "filed": "2024-08-01"}`},
		{"negative duration", `{"start": "2024-06-30", "end": "2024-04-01", "val": 1, "accn": "0000001234-24-000009", "form": "10-Q", "filed": "2024-08-01"}`},
		{"unknown form", `{"start": "2024-04-01", "end": "2024-06-30", "val": 1, "accn": "0000001234-24-000009", "form": "8-K", "filed": "2024-08-01"}`},
		{"proxy with a frame", `{"start": "2024-04-01", "end": "2024-06-30", "val": 1, "accn": "0000001234-24-000009", "form": "DEF 14A", "filed": "2024-08-01", "frame": "CY2024Q2"}`},
		{"bad date", `{"start": "2024-04-01", "end": "2024-06-31", "val": 1, "accn": "0000001234-24-000009", "form": "10-Q", "filed": "2024-08-01"}`},
		{"bad filed date", `{"start": "2024-04-01", "end": "2024-06-30", "val": 1, "accn": "0000001234-24-000009", "form": "10-Q", "filed": "tomorrow"}`},
		{"accession with a control character", `{"start": "2024-04-01", "end": "2024-06-30", "val": 1, "accn": "0000001234-24-\u001b[2J", "form": "10-Q", "filed": "2024-08-01"}`},
		{"null value", `{"start": "2024-04-01", "end": "2024-06-30", "val": null, "accn": "0000001234-24-000009", "form": "10-Q", "filed": "2024-08-01"}`},
		{"object value", `{"start": "2024-04-01", "end": "2024-06-30", "val": {"x": 1}, "accn": "0000001234-24-000009", "form": "10-Q", "filed": "2024-08-01"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Convert(small(q1, h1, tc.fact), Options{Name: "tiny.json"})
			if err != nil {
				t.Fatal(err)
			}
			qs := r.Dataset.Quarters
			if len(qs) != 2 {
				t.Fatalf("%d quarters, want 2", len(qs))
			}
			v := qs[1].Values["revenue"]
			if v.Value != 150 || v.Derived == "" {
				t.Errorf("2024-Q2 revenue %v (%q), want 250 - 100 = 150, derived", v.Value, v.Derived)
			}
		})
	}
}

// TestSameFilingDayAmendmentWins checks the tie rule: on one filing date
// an amendment wins over the original.
func TestSameFilingDayAmendmentWins(t *testing.T) {
	orig := `{"start": "2024-01-01", "end": "2024-03-31", "val": 100000000, "accn": "0000001234-24-000005", "form": "10-Q", "filed": "2024-04-30"}`
	amend := `{"start": "2024-01-01", "end": "2024-03-31", "val": 101000000, "accn": "0000001234-24-000004", "form": "10-Q/A", "filed": "2024-04-30"}`
	for _, order := range [][]string{{orig, amend}, {amend, orig}} {
		r, err := Convert(small(order...), Options{})
		if err != nil {
			t.Fatal(err)
		}
		v := r.Dataset.Quarters[0].Values["revenue"]
		if v.Value != 101 || !strings.Contains(v.StatedAs, "10-Q/A") {
			t.Errorf("revenue %v stated as %q, want the amendment's 101", v.Value, v.StatedAs)
		}
	}
}

// TestWrongTypes checks fields of the wrong type: a concept that cannot be
// read is left out with a warning, never half-read.
func TestWrongTypes(t *testing.T) {
	in := []byte(`{"cik": "1234", "entityName": "Tiny\u001b[31m Co", "facts": {"us-gaap": {
 "Revenues": {"units": {"USD": [` + q1 + `]}},
 "NetIncomeLoss": {"units": {"USD": [{"start": 5, "end": "2024-03-31", "val": 1, "accn": "0000001234-24-000001", "form": "10-Q", "filed": "2024-04-30"}]}}}}}`)
	r, err := Convert(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Dataset.Company.Name != "Tiny[31m Co" {
		t.Errorf("name %q: the escape character should be gone", r.Dataset.Company.Name)
	}
	if _, ok := r.Dataset.Metric("net_income"); ok {
		t.Error("net income was read from a concept with a bad field")
	}
	if len(r.Warnings) == 0 || r.Warnings[0] != "the us-gaap concept NetIncomeLoss could not be read (units.start is a JSON number); its facts are not used" {
		t.Errorf("warnings %q", r.Warnings)
	}
}

// TestTickerAndPlaceholder checks where the ticker comes from.
func TestTickerAndPlaceholder(t *testing.T) {
	r, err := Convert(small(q1), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Dataset.Company.Ticker; got != "CIK1234" {
		t.Errorf("ticker %q, want the placeholder CIK1234", got)
	}
	r, err = Convert(small(q1), Options{Ticker: "tiny"})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Dataset.Company.Ticker; got != "TINY" {
		t.Errorf("ticker %q, want TINY", got)
	}
}

// TestSubmissions checks the ticker, the fiscal year end and the warning
// about a filing companyfacts does not include yet, on Apple's real files.
func TestSubmissions(t *testing.T) {
	cf := readTestdata(t, "AAPL")
	sub := readFile(t, "submissions_CIK0000320193_AAPL.json.gz")
	r, err := Convert(cf, Options{Submissions: sub})
	if err != nil {
		t.Fatal(err)
	}
	if r.Dataset.Company.Ticker != "AAPL" || len(r.Warnings) != 0 {
		t.Errorf("ticker %q, warnings %q; want AAPL and none (companyfacts is newer than the submissions)",
			r.Dataset.Company.Ticker, r.Warnings)
	}

	// Remove the facts of the latest 10-Q that both list (filed
	// 2026-01-30), as if companyfacts lagged behind the submissions.
	var doc map[string]any
	if err := json.Unmarshal(cf, &doc); err != nil {
		t.Fatal(err)
	}
	const accn = "0000320193-26-000006"
	for _, concepts := range doc["facts"].(map[string]any) {
		for _, c := range concepts.(map[string]any) {
			for u, list := range c.(map[string]any)["units"].(map[string]any) {
				var keep []any
				for _, f := range list.([]any) {
					if f.(map[string]any)["accn"] != accn {
						keep = append(keep, f)
					}
				}
				c.(map[string]any)["units"].(map[string]any)[u] = keep
			}
		}
	}
	lagging, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	r, err = Convert(lagging, Options{Submissions: sub})
	if err != nil {
		t.Fatal(err)
	}
	want := "companyfacts does not yet include the 10-Q filed 2026-01-30 (period ending 2025-12-27): https://www.sec.gov/Archives/edgar/data/320193/000032019326000006/"
	if len(r.Warnings) != 1 || r.Warnings[0] != want {
		t.Errorf("warnings %q, want [%q]", r.Warnings, want)
	}
	if last := r.Dataset.Quarters[len(r.Dataset.Quarters)-1]; last.PeriodEnd != "2025-09-27" {
		t.Errorf("latest quarter ends %s, want 2025-09-27 once the 10-Q is gone", last.PeriodEnd)
	}

	// Another company's submissions are refused.
	_, err = Convert(cf, Options{Submissions: readFile(t, "submissions_CIK0000789019_MSFT.json.gz"), Name: "aapl.json"})
	if err == nil || !strings.Contains(err.Error(), "submissions are for CIK 789019, companyfacts for CIK 320193") {
		t.Errorf("MSFT submissions with Apple's facts: %v", err)
	}
}

// TestSubmissionsFiscalYearEnd checks fiscalYearEnd when no 10-K gives a
// full year, and a submissions cik given as an unpadded string (Tesla's).
func TestSubmissionsFiscalYearEnd(t *testing.T) {
	tsla := readFile(t, "submissions_CIK0001318605_TSLA.json.gz")
	var sub struct {
		CIK json.RawMessage `json:"cik"`
	}
	if err := json.Unmarshal(tsla, &sub); err != nil {
		t.Fatal(err)
	}
	if n, ok := parseCIK(sub.CIK); !ok || n != 1318605 {
		t.Errorf("Tesla's cik %s read as %d, %v", sub.CIK, n, ok)
	}
	// A June year (Microsoft's "0630"): a quarter ending 2024-09-30 is
	// fiscal 2025-Q1.
	msft := readFile(t, "submissions_CIK0000789019_MSFT.json.gz")
	in := bytes.Replace(small(`{"start": "2024-07-01", "end": "2024-09-30", "val": 65585000000, "accn": "0000950170-24-118967", "form": "10-Q", "filed": "2024-10-30"}`),
		[]byte(`"cik": 1234`), []byte(`"cik": 789019`), 1)
	r, err := Convert(in, Options{Submissions: msft})
	if err != nil {
		t.Fatal(err)
	}
	if q := r.Dataset.Quarters[0]; q.Label() != "2025-Q1" || r.Dataset.Company.FiscalYearEndMonth != 6 {
		t.Errorf("got %s with fiscal year end month %d, want 2025-Q1 and 6", q.Label(), r.Dataset.Company.FiscalYearEndMonth)
	}
	// Without a 10-K or submissions, a calendar year is assumed and said.
	r, err = Convert(small(q1), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "as if the fiscal year were the calendar year") {
		t.Errorf("warnings %q", r.Warnings)
	}
}

// TestFiscalYearFromFirstDaysOfMonth checks a 52/53-week year ending in
// the first days of a month: a 10-K year ending 2022-10-01 is a September
// year, and its fourth quarter is 2022-Q4.
func TestFiscalYearFromFirstDaysOfMonth(t *testing.T) {
	fy := `{"start": "2021-10-03", "end": "2022-10-01", "val": 1000000000, "accn": "0000001234-22-000009", "form": "10-K", "filed": "2022-11-20"}`
	nine := `{"start": "2021-10-03", "end": "2022-07-02", "val": 700000000, "accn": "0000001234-22-000007", "form": "10-Q", "filed": "2022-08-05"}`
	r, err := Convert(small(fy, nine), Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := r.Dataset
	if d.Company.FiscalYearEndMonth != 9 || len(d.Quarters) != 1 || d.Quarters[0].Label() != "2022-Q4" ||
		d.Quarters[0].PeriodEnd != "2022-10-01" || d.Quarters[0].Values["revenue"].Value != 300 {
		t.Errorf("got month %d, quarters %+v", d.Company.FiscalYearEndMonth, d.Quarters)
	}
	if r.LatestFiled != "2022-11-20" {
		t.Errorf("latest filed %s", r.LatestFiled)
	}
}

// TestFullYearMinusThreeQuarters checks the fourth quarter where no
// nine-month figure exists: the full year minus the three quarters.
func TestFullYearMinusThreeQuarters(t *testing.T) {
	f := func(start, end string, val int, form, filed, n string) string {
		return `{"start": "` + start + `", "end": "` + end + `", "val": ` + itoa(val) + `, "accn": "0000001234-24-00000` + n +
			`", "form": "` + form + `", "filed": "` + filed + `"}`
	}
	r, err := Convert(small(
		f("2024-01-01", "2024-03-31", 100, "10-Q", "2024-04-30", "1"),
		f("2024-04-01", "2024-06-30", 110, "10-Q", "2024-07-30", "2"),
		f("2024-07-01", "2024-09-30", 120, "10-Q", "2024-10-30", "3"),
		f("2024-01-01", "2024-12-31", 500, "10-K", "2025-02-01", "4"),
	), Options{})
	if err != nil {
		t.Fatal(err)
	}
	qs := r.Dataset.Quarters
	if len(qs) != 4 {
		t.Fatalf("%d quarters", len(qs))
	}
	v := qs[3].Values["revenue"]
	if v.Value != 170e-6 || !strings.Contains(v.Derived, "minus the year's first three quarters") {
		t.Errorf("Q4 %v (%q), want 500 - 330 = 170 units", v.Value, v.Derived)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestReadMaybeGzip checks plain and gzipped input and the size limit.
func TestReadMaybeGzip(t *testing.T) {
	plain := []byte(`{"cik": 1}`)
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(bytes.Repeat(plain, 100))
	w.Close()

	if b, err := ReadMaybeGzip(bytes.NewReader(plain), 100); err != nil || !bytes.Equal(b, plain) {
		t.Errorf("plain: %q, %v", b, err)
	}
	if b, err := ReadMaybeGzip(bytes.NewReader(gz.Bytes()), 1000); err != nil || len(b) != 1000 {
		t.Errorf("gzip: %d bytes, %v", len(b), err)
	}
	if _, err := ReadMaybeGzip(bytes.NewReader(gz.Bytes()), 999); err == nil || !strings.Contains(err.Error(), "over the 999-byte limit") {
		t.Errorf("gzip over the limit after decompression: %v", err)
	}
	if _, err := ReadMaybeGzip(bytes.NewReader(plain), 5); err == nil {
		t.Error("plain over the limit was read")
	}
	if b, err := ReadMaybeGzip(bytes.NewReader(nil), 5); err != nil || len(b) != 0 {
		t.Errorf("empty: %q, %v", b, err)
	}
	if b, err := ReadMaybeGzip(bytes.NewReader([]byte{0x1f}), 5); err != nil || !bytes.Equal(b, []byte{0x1f}) {
		t.Errorf("one byte: %q, %v", b, err)
	}
	if _, err := ReadMaybeGzip(bytes.NewReader(gz.Bytes()[:30]), 5000); err == nil {
		t.Error("a truncated gzip stream was accepted")
	}
	var nq *NoQuarterlyFactsError
	if errors.As(errors.New("x"), &nq) {
		t.Error("unreachable")
	}
}

// FuzzConvert feeds Convert arbitrary bytes: it must return a data set
// that data.Parse accepts (Convert checks that itself) or an error, and
// never panic or hang.
func FuzzConvert(f *testing.F) {
	f.Add(small(q1, h1))
	f.Add(small(q1, `{"start": "2024-04-01", "end": "2024-06-30", "val": "NaN", "accn": "x", "form": "10-Q", "filed": "2024-08-01"}`))
	f.Add([]byte(`{"cik": "0000001234", "entityName": null, "facts": {"us-gaap": {"EarningsPerShareDiluted": {"units": {"USD/shares": [{"start": "2024-01-01", "end": "2024-03-31", "val": 1.5, "accn": "0000001234-24-000001", "form": "10-Q", "filed": "2024-04-30"}]}}}}}`))
	f.Add([]byte(`{"cik": 1, "facts": {"ifrs-full": {"Revenue": {"units": {"USD": [{"end": "2024-12-31", "val": 1, "form": "20-F"}]}}}}}`))
	f.Add([]byte(`{"cik": 1, "facts": {"us-gaap": {"CashAndCashEquivalentsAtCarryingValue": {"units": {"USD": [{"end": "2024-03-31", "val": 5e6, "accn": "0000001234-24-000001", "form": "10-Q", "filed": "2024-04-30"}]}}}}}`))
	f.Add([]byte(`{"cik": 1, "entityName": "`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Convert(b, Options{Name: "fuzz.json"})
		if err != nil {
			if strings.Contains(err.Error(), "a bug in the importer") {
				t.Fatal(err)
			}
			return
		}
		if r.Dataset == nil || len(r.Dataset.Quarters) == 0 {
			t.Fatalf("no error and no quarters: %+v", r)
		}
	})
}

// TestCompanyName: companyfacts writes Apple's name in capitals ("Apple
// Inc." only in some files); the submissions' name wins over it, and a
// name the caller knows (the ticker map's) wins over both.
func TestCompanyName(t *testing.T) {
	facts, subs := readTestdata(t, "AAPL"), readFile(t, "submissions_CIK0000320193_AAPL.json.gz")
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{Submissions: subs}, "Apple Inc."},
		{Options{Submissions: subs, Company: "Apple Inc (from the map)"}, "Apple Inc (from the map)"},
	} {
		r, err := Convert(facts, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Dataset.Company.Name; got != tc.want {
			t.Errorf("company name %q, want %q", got, tc.want)
		}
	}
	r, err := Convert(readTestdata(t, "GOOGL"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Dataset.Company.Name; got != "ALPHABET INC." {
		t.Errorf("without submissions: %q, want companyfacts' entityName", got)
	}
}

// TestUnusableQuarterlyFacts: a filer whose 10-Q facts hold no usable
// figure (a value that is not a number) is told so, not that it files no
// quarterly reports.
func TestUnusableQuarterlyFacts(t *testing.T) {
	facts := []byte(`{"cik": 1, "entityName": "X", "facts": {"us-gaap": {"Revenues": {"units": {"USD": [
		{"start":"2024-01-01","end":"2024-03-31","val":"NaN","form":"10-Q","filed":"2024-05-01","accn":"0000000001-24-000001"}]}}}}}`)
	_, err := Convert(facts, Options{Name: "x.json"})
	var nq *NoQuarterlyFactsError
	if !errors.As(err, &nq) {
		t.Fatalf("err = %v, want a NoQuarterlyFactsError", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "has 10-Q facts in us-gaap, but none gives a quarter") {
		t.Errorf("message %q does not say the 10-Q facts are unusable", msg)
	}
}
