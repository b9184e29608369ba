package xbrl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"quarterdash/data"
)

// The checks here read the real SEC files a second way: untyped JSON, a
// few lines per rule, sharing no code with the converter. A converted
// figure must equal what this reader finds in the filings.

// rawFact is a fact as the independent reader sees it.
type rawFact struct {
	concept, unit, form, filed, accn string
	start, end                       string
	val                              float64
	fy                               float64
	hasFY                            bool
}

// readRaw returns every fact of the named us-gaap concepts, in the given
// units, from any form.
func readRaw(t testing.TB, b []byte, concepts []string, units ...string) []rawFact {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	usgaap := doc["facts"].(map[string]any)["us-gaap"].(map[string]any)
	var out []rawFact
	for _, c := range concepts {
		cm, ok := usgaap[c].(map[string]any)
		if !ok {
			continue
		}
		for _, u := range units {
			list, _ := cm["units"].(map[string]any)[u].([]any)
			for _, x := range list {
				m := x.(map[string]any)
				v, err := m["val"].(json.Number).Float64()
				if err != nil {
					t.Fatalf("%s: val %v", c, m["val"])
				}
				f := rawFact{concept: c, unit: u, form: m["form"].(string), filed: m["filed"].(string),
					accn: m["accn"].(string), end: m["end"].(string), val: v}
				if s, ok := m["start"].(string); ok {
					f.start = s
				}
				if fy, ok := m["fy"].(json.Number); ok {
					f.fy, _ = fy.Float64()
					f.hasFY = true
				}
				out = append(out, f)
			}
		}
	}
	return out
}

func mustDate(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// latestByPeriod keeps, per (start, end), the value of the 10-K/10-Q fact
// filed last (amendments included).
func latestByPeriod(facts []rawFact) map[[2]string]rawFact {
	out := map[[2]string]rawFact{}
	for _, f := range facts {
		base := strings.TrimSuffix(f.form, "/A")
		if base != "10-K" && base != "10-Q" && base != "10-KT" && base != "10-QT" {
			continue
		}
		k := [2]string{f.start, f.end}
		if cur, ok := out[k]; !ok || f.filed > cur.filed {
			out[k] = f
		}
	}
	return out
}

// expected is what the independent reader finds for a quarter ending on
// end: the reported 3-month figure, or every year-to-date difference that
// ends there.
type expected struct {
	reported    bool
	value       float64
	derivations []float64
}

func expect(t testing.TB, periods map[[2]string]rawFact, end string) expected {
	e := mustDate(t, end)
	var ex expected
	for k, f := range periods {
		if k[1] != end || k[0] == "" {
			continue
		}
		days := int(e.Sub(mustDate(t, k[0])).Hours()/24) + 1
		if days >= 80 && days <= 120 {
			ex.reported, ex.value = true, f.val
		}
		// Year-to-date: the same start, ending 80-120 days earlier.
		for k2, g := range periods {
			if k2[0] != k[0] || k2[1] >= end {
				continue
			}
			gap := int(e.Sub(mustDate(t, k2[1])).Hours() / 24)
			if gap >= 80 && gap <= 120 {
				ex.derivations = append(ex.derivations, f.val-g.val)
			}
		}
	}
	return ex
}

func convertFile(t testing.TB, ticker string) *Result {
	t.Helper()
	r, err := Convert(readTestdata(t, ticker), Options{Name: files[ticker]})
	if err != nil {
		t.Fatalf("%s: %v", ticker, err)
	}
	return r
}

var core = []struct {
	id       string
	concepts []string
}{
	{"revenue", []string{"RevenueFromContractWithCustomerExcludingAssessedTax", "Revenues", "SalesRevenueNet",
		"RevenueFromContractWithCustomerIncludingAssessedTax"}},
	{"operating_income", []string{"OperatingIncomeLoss"}},
	{"net_income", []string{"NetIncomeLoss"}},
}

// TestEveryQuarterMatchesFilings checks every quarter of revenue,
// operating income and net income of the three companies against the
// filings: the reported 3-month figure where there is one, else a
// year-to-date difference; and that no quarter the filings give is lost.
func TestEveryQuarterMatchesFilings(t *testing.T) {
	for _, ticker := range []string{"GOOGL", "AAPL", "NVDA"} {
		b := readTestdata(t, ticker)
		r := convertFile(t, ticker)
		d := r.Dataset
		for _, m := range core {
			periods := latestByPeriod(readRaw(t, b, m.concepts, "USD"))
			checked, derived := 0, 0
			for _, q := range d.Quarters {
				ex := expect(t, periods, q.PeriodEnd)
				v, ok := q.Values[m.id]
				switch {
				case !ok && (ex.reported || len(ex.derivations) > 0):
					t.Errorf("%s %s %s: missing, but the filings give it", ticker, q.Label(), m.id)
				case !ok:
				case ex.reported:
					if v.Value != ex.value/1e6 || v.Derived != "" {
						t.Errorf("%s %s %s = %v (derived %q), reported 3-month figure %v", ticker, q.Label(), m.id,
							v.Value, v.Derived, ex.value/1e6)
					}
					checked++
				default:
					found := false
					for _, x := range ex.derivations {
						found = found || math.Abs(v.Value-x/1e6) < 1e-9
					}
					if !found || v.Derived == "" {
						t.Errorf("%s %s %s = %v (derived %q), want one of %v", ticker, q.Label(), m.id, v.Value, v.Derived, ex.derivations)
					}
					checked++
					derived++
				}
			}
			// Every 3-month figure the filings give is a quarter.
			for k := range periods {
				if k[0] == "" {
					continue
				}
				days := int(mustDate(t, k[1]).Sub(mustDate(t, k[0])).Hours()/24) + 1
				if days < 80 || days > 120 {
					continue
				}
				found := false
				for _, q := range d.Quarters {
					if _, ok := q.Values[m.id]; ok && q.PeriodEnd == k[1] {
						found = true
					}
				}
				if !found && !droppedByWarning(r, k[1]) {
					t.Errorf("%s %s: the 3-month figure %s..%s is not in the data set", ticker, m.id, k[0], k[1])
				}
			}
			if checked < 40 || derived < 5 {
				t.Errorf("%s %s: only %d quarters checked (%d derived)", ticker, m.id, checked, derived)
			}
			t.Logf("%s %s: %d quarters match the filings (%d derived)", ticker, m.id, checked, derived)
		}
	}
}

// droppedByWarning reports whether a warning explains why a period end is
// not in the data set.
func droppedByWarning(r *Result, end string) bool {
	for _, w := range r.Warnings {
		if strings.Contains(w, end) && strings.Contains(w, "both fall in") {
			return true
		}
	}
	return false
}

// TestKnownFigures checks the figures in ../shared/sec/README.md (from the
// companies' earnings releases): value, fiscal label and period end.
func TestKnownFigures(t *testing.T) {
	tests := []struct {
		ticker, label, end string
		revenue            float64
		derived            bool
	}{
		{"GOOGL", "2024-Q4", "2024-12-31", 96469, true},
		{"GOOGL", "2024-Q3", "2024-09-30", 88268, false},
		{"AAPL", "2024-Q4", "2024-09-28", 94930, true},
		{"AAPL", "2025-Q1", "2024-12-28", 124300, false},
		{"NVDA", "2025-Q4", "2025-01-26", 39331, true},
		{"NVDA", "2026-Q1", "2025-04-27", 44062, false},
	}
	results := map[string]*Result{}
	for _, tc := range tests {
		r := results[tc.ticker]
		if r == nil {
			r = convertFile(t, tc.ticker)
			results[tc.ticker] = r
		}
		p, err := data.ParsePeriod(tc.label)
		if err != nil {
			t.Fatal(err)
		}
		i := r.Dataset.QuarterIndex(p)
		if i < 0 {
			t.Errorf("%s %s: no such quarter", tc.ticker, tc.label)
			continue
		}
		q := r.Dataset.Quarters[i]
		v, ok := q.Values["revenue"]
		if q.PeriodEnd != tc.end || !ok || v.Value != tc.revenue || (v.Derived != "") != tc.derived {
			t.Errorf("%s %s: period end %s, revenue %v (derived %q); want %s, %v (derived %v)",
				tc.ticker, tc.label, q.PeriodEnd, v.Value, v.Derived, tc.end, tc.revenue, tc.derived)
		}
		if tc.derived && !regexp.MustCompile(`^FY\d{4} 10-K \(accn [0-9-]+, filed [0-9-]+\) minus 9 months to \d{4}-\d\d-\d\d, 10-Q \(accn`).MatchString(v.Derived) {
			t.Errorf("%s %s: derived %q does not say full year minus nine months", tc.ticker, tc.label, v.Derived)
		}
		if !strings.HasPrefix(v.Source, "https://www.sec.gov/Archives/edgar/data/") {
			t.Errorf("%s %s: source %q is not the filing", tc.ticker, tc.label, v.Source)
		}
	}
	for ticker, want := range map[string]int{"GOOGL": 12, "AAPL": 9, "NVDA": 1} {
		if got := results[ticker].Dataset.Company.FiscalYearEndMonth; got != want {
			t.Errorf("%s: fiscal year end month %d, want %d", ticker, got, want)
		}
	}
}

// TestCashFlowQuartersFromYearToDate checks that capex and operating cash
// flow quarters that the filings give only year to date are differences
// of consecutive year-to-date figures with the same start.
func TestCashFlowQuartersFromYearToDate(t *testing.T) {
	for _, ticker := range []string{"GOOGL", "AAPL", "NVDA"} {
		b := readTestdata(t, ticker)
		d := convertFile(t, ticker).Dataset
		for _, m := range []struct {
			id       string
			concepts []string
		}{
			{"operating_cash_flow", []string{"NetCashProvidedByUsedInOperatingActivities",
				"NetCashProvidedByUsedInOperatingActivitiesContinuingOperations"}},
			{"capex", []string{"PaymentsToAcquirePropertyPlantAndEquipment", "PaymentsToAcquireProductiveAssets"}},
		} {
			periods := latestByPeriod(readRaw(t, b, m.concepts, "USD"))
			derived := 0
			for _, q := range d.Quarters {
				v, ok := q.Values[m.id]
				if !ok || v.Derived == "" {
					continue
				}
				ex := expect(t, periods, q.PeriodEnd)
				found := false
				for _, x := range ex.derivations {
					found = found || math.Abs(v.Value-x/1e6) < 1e-9
				}
				if !found || ex.reported {
					t.Errorf("%s %s %s = %v, derived %q; filings: reported %v, differences %v", ticker, q.Label(), m.id,
						v.Value, v.Derived, ex.reported, ex.derivations)
				}
				if !strings.Contains(v.StatedAs, " minus ") {
					t.Errorf("%s %s %s: stated_as %q does not show both figures", ticker, q.Label(), m.id, v.StatedAs)
				}
				derived++
			}
			if derived < 20 {
				t.Errorf("%s %s: only %d quarters derived from year-to-date figures", ticker, m.id, derived)
			}
		}
	}
	// One by hand: Alphabet's capex in 2024-Q3 is nine months (38,259)
	// minus six months (25,198).
	d := convertFile(t, "GOOGL").Dataset
	v := d.Quarters[d.QuarterIndex(data.Period{Year: 2024, Quarter: 3})].Values["capex"]
	if v.Value != 13061 || !strings.HasPrefix(v.Derived, "9 months to 2024-09-30, 10-Q") ||
		!strings.Contains(v.Derived, " minus 6 months to 2024-06-30, 10-Q") {
		t.Errorf("GOOGL 2024-Q3 capex = %v (%q), want 13061 = 9 months minus 6 months", v.Value, v.Derived)
	}
	fcf := d.Quarters[d.QuarterIndex(data.Period{Year: 2024, Quarter: 3})].Values["free_cash_flow"]
	ocf := d.Quarters[d.QuarterIndex(data.Period{Year: 2024, Quarter: 3})].Values["operating_cash_flow"]
	if fcf.Value != ocf.Value-v.Value || fcf.Derived == "" || fcf.Approx {
		t.Errorf("GOOGL 2024-Q3 free cash flow = %v (%q), want %v - %v, derived", fcf.Value, fcf.Derived, ocf.Value, v.Value)
	}
}

// TestPerShareNeverDerived checks that EPS and share counts are only ever
// reported 3-month figures: Apple reports no fiscal fourth quarter EPS, so
// its Q4s have a gap, not a difference.
func TestPerShareNeverDerived(t *testing.T) {
	for _, ticker := range []string{"GOOGL", "AAPL", "NVDA"} {
		b := readTestdata(t, ticker)
		d := convertFile(t, ticker).Dataset
		eps := latestByPeriod(readRaw(t, b, []string{"EarningsPerShareDiluted"}, "USD/shares", "USD"))
		sh := latestByPeriod(readRaw(t, b, []string{"WeightedAverageNumberOfDilutedSharesOutstanding"}, "shares"))
		gaps := 0
		for _, q := range d.Quarters {
			for id, periods := range map[string]map[[2]string]rawFact{"diluted_eps": eps, "diluted_shares": sh} {
				v, ok := q.Values[id]
				ex := expect(t, periods, q.PeriodEnd)
				switch {
				case ok && (v.Derived != "" || !ex.reported || v.Value != ex.value):
					t.Errorf("%s %s %s = %v (derived %q); the filings' 3-month figure: %v %v", ticker, q.Label(), id,
						v.Value, v.Derived, ex.reported, ex.value)
				case !ok && ex.reported:
					t.Errorf("%s %s %s: missing, but reported as %v", ticker, q.Label(), id, ex.value)
				case !ok && id == "diluted_eps":
					gaps++
				}
			}
		}
		if ticker == "AAPL" {
			// Older 10-Ks carried quarterly data; since fiscal 2021 the
			// fourth quarter has no 3-month figure.
			if gaps < 4 {
				t.Errorf("AAPL: only %d quarters without diluted EPS; its recent fiscal Q4s have no 3-month figure", gaps)
			}
			q := d.Quarters[d.QuarterIndex(data.Period{Year: 2024, Quarter: 4})]
			if v, ok := q.Values["diluted_eps"]; ok {
				t.Errorf("AAPL 2024-Q4 diluted EPS = %v, want a gap (no 3-month figure is filed)", v.Value)
			}
		}
	}
}

// TestComparativeQuarterKeepsItsOwnYear checks the fy/fp trap: a 10-Q for
// fiscal 2025 repeats fiscal 2024's quarter as a comparative with fy 2025.
// The figure is labelled by its own period, and such figures are used.
func TestComparativeQuarterKeepsItsOwnYear(t *testing.T) {
	for _, ticker := range []string{"GOOGL", "AAPL", "NVDA"} {
		b := readTestdata(t, ticker)
		r := convertFile(t, ticker)
		facts := readRaw(t, b, core[0].concepts, "USD")
		accnRe := regexp.MustCompile(`\((\w+), (\S+) filed (\S+), accn (\S+)\)$`)
		comparatives := 0
		for _, q := range r.Dataset.Quarters {
			v, ok := q.Values["revenue"]
			if !ok || v.Derived != "" {
				continue
			}
			m := accnRe.FindStringSubmatch(v.StatedAs)
			if m == nil {
				t.Fatalf("%s %s: stated_as %q does not name concept, form, date and accession", ticker, q.Label(), v.StatedAs)
			}
			for _, f := range facts {
				if f.accn == m[4] && f.concept == m[1] && f.end == q.PeriodEnd && f.hasFY && int(f.fy) != q.FiscalYear {
					comparatives++
					if !strings.Contains(v.Source, strings.ReplaceAll(f.accn, "-", "")) {
						t.Errorf("%s %s: source %s is not the filing %s", ticker, q.Label(), v.Source, f.accn)
					}
					break
				}
			}
			// The label comes from the period end alone.
			if got := data.FiscalQuarterOf(mustDate(t, q.PeriodEnd), r.Dataset.Company.FiscalYearEndMonth); got != q.Period() {
				t.Errorf("%s: period end %s labelled %s, want %s", ticker, q.PeriodEnd, q.Label(), got)
			}
		}
		if comparatives < 5 {
			t.Errorf("%s: only %d quarters come from a later filing's comparative (fy of another year)", ticker, comparatives)
		}
	}
	// Alphabet 2024-Q3 revenue comes from the 10-Q of 2025-10-30 (fy 2025).
	d := convertFile(t, "GOOGL").Dataset
	v := d.Quarters[d.QuarterIndex(data.Period{Year: 2024, Quarter: 3})].Values["revenue"]
	if !strings.Contains(v.StatedAs, "10-Q filed 2025-10-30") {
		t.Errorf("GOOGL 2024-Q3 revenue stated as %q, want the latest filing, the 10-Q of 2025-10-30", v.StatedAs)
	}
}

// TestConceptsMergedLatestWins checks Alphabet's revenue concept change:
// its 10-Qs moved from the contract concept to Revenues in 2025, and the
// 2024 quarters take the concept of the latest filing that reports them.
func TestConceptsMergedLatestWins(t *testing.T) {
	d := convertFile(t, "GOOGL").Dataset
	seen := map[string]bool{}
	for _, q := range d.Quarters {
		v, ok := q.Values["revenue"]
		if !ok {
			continue
		}
		for _, c := range core[0].concepts {
			if strings.Contains(v.StatedAs, "("+c+",") {
				seen[c] = true
			}
		}
	}
	if !seen["Revenues"] || !seen["RevenueFromContractWithCustomerExcludingAssessedTax"] {
		t.Errorf("GOOGL revenue concepts used: %v; want both Revenues and the contract concept", seen)
	}
	v := d.Quarters[d.QuarterIndex(data.Period{Year: 2024, Quarter: 2})].Values["revenue"]
	if v.Value != 84742 || !strings.Contains(v.StatedAs, "(Revenues, 10-Q filed 2025-07-24") {
		t.Errorf("GOOGL 2024-Q2 revenue %v stated as %q; want 84742 from Revenues in the 10-Q of 2025-07-24", v.Value, v.StatedAs)
	}
}

// TestRestatementNote checks that a figure a later filing changed keeps a
// note with the first figure: Apple restated fiscal 2009 after changing
// its revenue recognition.
func TestRestatementNote(t *testing.T) {
	b := readTestdata(t, "AAPL")
	d := convertFile(t, "AAPL").Dataset
	facts := readRaw(t, b, []string{"EarningsPerShareDiluted"}, "USD/shares")
	q := d.Quarters[d.QuarterIndex(data.Period{Year: 2009, Quarter: 3})]
	v := q.Values["diluted_eps"]
	first, last := rawFact{}, rawFact{}
	for _, f := range facts {
		if f.end != q.PeriodEnd || f.start == "" || !strings.HasPrefix(f.form, "10-") {
			continue
		}
		if days := mustDate(t, f.end).Sub(mustDate(t, f.start)).Hours() / 24; days > 120 {
			continue // the nine months to the same date
		}
		if first.filed == "" || f.filed < first.filed {
			first = f
		}
		if f.filed > last.filed {
			last = f
		}
	}
	want := fmt.Sprintf("first reported %v USD per share in the %s filed %s; restated in the %s filed %s",
		first.val, first.form, first.filed, last.form, last.filed)
	if first.val == last.val || v.Value != last.val || v.Note != want {
		t.Errorf("AAPL 2009-Q3 EPS %v note %q; want %v with note %q", v.Value, v.Note, last.val, want)
	}
	// A figure no filing changed has no note.
	if n := d.Quarters[d.QuarterIndex(data.Period{Year: 2025, Quarter: 1})].Values["revenue"].Note; n != "" {
		t.Errorf("AAPL 2025-Q1 revenue has a note %q", n)
	}
}

// TestConvertedFilesPassValidation checks what Convert promises: the data
// set round-trips through the project's own parser, with the expected
// tabs, Overview and units.
func TestConvertedFilesPassValidation(t *testing.T) {
	for _, ticker := range []string{"GOOGL", "AAPL", "NVDA"} {
		r := convertFile(t, ticker)
		out, err := json.Marshal(r.Dataset)
		if err != nil {
			t.Fatal(err)
		}
		d, err := data.Parse(out, ticker)
		if err != nil {
			t.Fatalf("%s: %v", ticker, err)
		}
		var segs []string
		for _, s := range d.Segments {
			segs = append(segs, s.Label)
		}
		if strings.Join(segs, ", ") != "Income statement, Cash flow, Per share" {
			t.Errorf("%s: tabs %v", ticker, segs)
		}
		if len(d.Overview) < 6 || d.Overview[0] != "revenue" {
			t.Errorf("%s: overview %v", ticker, d.Overview)
		}
		for _, id := range []string{"revenue", "operating_income", "operating_margin", "net_income", "net_margin",
			"diluted_eps", "capex", "research_and_development", "free_cash_flow", "cash_and_equivalents"} {
			if _, ok := d.Metric(id); !ok {
				t.Errorf("%s: no metric %s", ticker, id)
			}
		}
		if d.Company.Currency != "USD" || r.LatestFiled < "2026-01-01" {
			t.Errorf("%s: currency %s, latest filed %s", ticker, d.Company.Currency, r.LatestFiled)
		}
	}
}

// TestNoQuarterlyFacts checks the IFRS 20-F filer.
func TestNoQuarterlyFacts(t *testing.T) {
	_, err := Convert(readTestdata(t, "LPA"), Options{Name: "lpa.json"})
	var nq *NoQuarterlyFactsError
	if !errors.As(err, &nq) {
		t.Fatalf("got %v, want a *NoQuarterlyFactsError", err)
	}
	msg := err.Error()
	for _, want := range []string{"lpa.json: ", "Logistic Properties of the Americas", "CIK 1997711", "20-F", "ifrs-full",
		"no quarterly US-GAAP facts"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not contain %q", msg, want)
		}
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("message is not one line: %q", msg)
	}
}

// TestMalformedInput checks that broken responses are reported with
// file:line:col, like the project's validator.
func TestMalformedInput(t *testing.T) {
	b := readTestdata(t, "GOOGL")
	tests := []struct {
		name  string
		input []byte
		want  string
	}{
		{"truncated", b[:len(b)/2], fmt.Sprintf(`^cf\.json:1:%d: the companyfacts response ends early \(%d bytes\): truncated\?$`, len(b)/2+1, len(b)/2)},
		{"empty", nil, `^cf\.json:1:1: the companyfacts response ends early \(0 bytes\)`},
		{"html error page", []byte("<html>\n<body>Forbidden</body></html>"), `^cf\.json:1:1: malformed JSON: .*HTML page`},
		{"bad token on line 3", []byte("{\"cik\": 1,\n\"entityName\": \"X\",\n\"facts\": {]}"), `^cf\.json:3:11: malformed JSON`},
		{"facts not an object", []byte(`{"cik": 1, "entityName": "X", "facts": []}`), `^cf\.json:1:\d+: not a companyfacts response: facts is a JSON array`},
		{"top level array", []byte(`[1, 2]`), `^cf\.json:1:\d+: not a companyfacts response: the top level is a JSON array`},
		{"no cik", []byte(`{"entityName": "X", "facts": {}}`), `^cf\.json: not a companyfacts response: no valid "cik"`},
		{"no facts", []byte(`{"cik": "0000000042", "entityName": "X", "facts": {}}`), `no quarterly US-GAAP facts`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Convert(tc.input, Options{Name: "cf.json"})
			if err == nil || !regexp.MustCompile(tc.want).MatchString(err.Error()) {
				t.Errorf("got %v, want /%s/", err, tc.want)
			}
		})
	}
}
