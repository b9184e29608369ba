// Package data reads, validates and computes on quarterly-results files.
//
// It has no terminal or styling code in it: the dashboard, the exporters and
// the SSH server all build on the typed values here. The file format is
// documented in docs/data-format.md.
package data

import (
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
)

// SchemaVersion is the only schema_version this build understands.
const SchemaVersion = 1

// MaxFileSize is the largest data file Load accepts. A file above it is
// refused before it is read whole, so a hostile file cannot exhaust memory.
const MaxFileSize = 32 << 20

// Dataset is one company's quarterly results, as parsed and validated.
// Treat it as read-only once loaded: the SSH server shares one Dataset
// between every session.
type Dataset struct {
	SchemaVersion int       `json:"schema_version"`
	Company       Company   `json:"company"`
	Metrics       []Metric  `json:"metrics"`
	Segments      []Segment `json:"segments"`
	// Overview names the metrics the Overview shows as headline cards, in
	// order. It is the file's choice, not the program's: no company's ids
	// are built into the dashboard. Empty means the first segment's metrics.
	Overview      []string       `json:"overview,omitempty"`
	Quarters      []Quarter      `json:"quarters"`
	Guidance      []Guidance     `json:"guidance,omitempty"`
	AnnualActuals []AnnualActual `json:"annual_actuals,omitempty"`

	// Name is where the data came from (a file name), for messages.
	Name string `json:"-"`
	// Provenance, when set, is what a reader must know about how current
	// the figures are ("SEC EDGAR, fetched 2026-11-29 20:41", "cached 3
	// days ago, SEC unreachable"); the dashboard's header shows it. Files
	// leave it empty: their name on the status line says enough.
	Provenance string `json:"-"`

	metricIndex  map[string]int
	quarterIndex map[Period]int
	// id names this data set for caches (see ID).
	id uint64
}

// Company identifies whose results these are.
type Company struct {
	Name     string `json:"name"`
	Ticker   string `json:"ticker"`
	Currency string `json:"currency"` // ISO 4217 code, e.g. "USD"
	// FiscalYearEndMonth is 1-12; 12 for a calendar fiscal year.
	FiscalYearEndMonth int `json:"fiscal_year_end_month"`
}

// Unit says what a metric's numbers count.
type Unit string

// The units a metric may use. Money is in the company's currency.
const (
	UnitCurrencyMillions Unit = "currency_millions"  // 39071 = 39,071 million
	UnitCurrencyPerShare Unit = "currency_per_share" // diluted EPS
	UnitCurrency         Unit = "currency"           // a share price
	UnitPeopleBillions   Unit = "people_billions"    // 3.27 = 3.27 billion people
	UnitPeopleMillions   Unit = "people_millions"    // 200 = 200 million people
	UnitPercent          Unit = "percent"            // 22.1 = 22.1%
	UnitCount            Unit = "count"              // headcount
)

// Units lists every valid Unit, for documentation and for callers that
// offer a choice. It is a copy: the validator reads knownUnits, so a
// caller changing this slice cannot change what a file may contain.
var Units = knownUnits()

// knownUnits returns a new list of every valid Unit.
func knownUnits() []Unit {
	return []Unit{UnitCurrencyMillions, UnitCurrencyPerShare, UnitCurrency,
		UnitPeopleBillions, UnitPeopleMillions, UnitPercent, UnitCount}
}

// Kind says how a metric relates to time.
type Kind string

// Metric kinds.
const (
	// KindFlow is summed over the quarter (revenue, capex); only flows have
	// trailing-twelve-month sums.
	KindFlow Kind = "flow"
	// KindPoint is a point-in-time or average figure (headcount, daily
	// active people, a growth rate); summing it is meaningless.
	KindPoint Kind = "point"
)

// Direction says which way a metric is good.
type Direction string

// Directions.
const (
	GoodUp      Direction = "up"
	GoodDown    Direction = "down"
	GoodNeutral Direction = "neutral"
)

// Metric defines one measured quantity.
type Metric struct {
	ID         string    `json:"id"`
	Label      string    `json:"label"`
	Short      string    `json:"short,omitempty"` // narrow-screen label
	Unit       Unit      `json:"unit"`
	Kind       Kind      `json:"kind"`
	Good       Direction `json:"good"`
	Definition string    `json:"definition,omitempty"`
	// Signed marks a figure that is itself a change (a growth rate, a
	// share-price move): it is shown with its sign (+14.0%), and a change
	// of it between quarters is not shown, since it means little.
	Signed bool `json:"signed,omitempty"`
	// Ratio, when set, makes this a derived metric: numerator / denominator
	// x 100 per quarter, never stored in quarters. Its unit is percent.
	Ratio *Ratio `json:"ratio,omitempty"`
}

// ShortLabel is Short, or Label when no short label was given.
func (m Metric) ShortLabel() string {
	if m.Short != "" {
		return m.Short
	}
	return m.Label
}

// Ratio names the two stored metrics a derived percentage is built from.
type Ratio struct {
	Numerator   string `json:"numerator"`
	Denominator string `json:"denominator"`
}

// Segment is one view a user tabs to: an ordered list of metric ids.
type Segment struct {
	ID          string   `json:"id"`
	Label       string   `json:"label"`
	Description string   `json:"description,omitempty"`
	Metrics     []string `json:"metrics"`
}

// Quarter is one fiscal quarter's reported figures.
type Quarter struct {
	FiscalYear    int    `json:"fiscal_year"`
	FiscalQuarter int    `json:"fiscal_quarter"`
	PeriodEnd     string `json:"period_end"`            // YYYY-MM-DD
	ReportedOn    string `json:"reported_on,omitempty"` // YYYY-MM-DD
	// Values holds only the metrics reported for the quarter; a metric that
	// was not reported is absent, never zero.
	Values map[string]Value `json:"values"`
	Notes  []Note           `json:"notes,omitempty"`
}

// Period is the quarter's fiscal period.
func (q Quarter) Period() Period { return Period{Year: q.FiscalYear, Quarter: q.FiscalQuarter} }

// Label is the quarter's fiscal label, e.g. "2024-Q2".
func (q Quarter) Label() string { return q.Period().String() }

// Value is one reported figure with its evidence.
type Value struct {
	Value float64 `json:"value"`
	// Approx marks a rounded, spoken or weakly sourced figure; it must stay
	// visibly approximate wherever it is shown.
	Approx bool `json:"approx,omitempty"`
	// StatedAs is the source's own wording ("almost 200 million").
	StatedAs string `json:"stated_as,omitempty"`
	// Source is a URL, or a citation where no URL exists.
	Source string `json:"source"`
	// Filings are the SEC filings (EDGAR archive URLs) that the source
	// transcribes or was confirmed against, where the source names one:
	// the primary document behind a secondary source.
	Filings    []string `json:"filings,omitempty"`
	CrossCheck []string `json:"cross_check,omitempty"`
	Derived    string   `json:"derived,omitempty"` // how it was computed, if it was
	AsOf       string   `json:"as_of,omitempty"`   // when it differs from the period end
	Note       string   `json:"note,omitempty"`
}

// NoteKind separates one-off items from ordinary highlights.
type NoteKind string

// Note kinds.
const (
	NoteHighlight NoteKind = "highlight"
	NoteOneOff    NoteKind = "one_off" // a tax charge, a legal accrual, a restructuring
)

// Note is a short paraphrased highlight of a quarter, with its source.
type Note struct {
	Text   string   `json:"text"`
	Kind   NoteKind `json:"kind,omitempty"` // highlight when empty
	Source string   `json:"source"`
}

// Guidance is a range the company gave, in one quarter's release or call,
// for a later period: a fiscal year ("FY2024") or a quarter ("2024-Q3").
type Guidance struct {
	Metric    string  `json:"metric"`
	GivenWith string  `json:"given_with"` // the quarter whose release gave it, "2024-Q2"
	Target    string  `json:"target"`     // "FY2024" or "2024-Q3"
	Low       float64 `json:"low"`
	High      float64 `json:"high"`
	Approx    bool    `json:"approx,omitempty"`
	StatedAs  string  `json:"stated_as,omitempty"`
	Source    string  `json:"source"`
	Note      string  `json:"note,omitempty"`
}

// Midpoint is the middle of the range.
func (g Guidance) Midpoint() float64 { return g.Low + (g.High-g.Low)/2 }

// AnnualActual is a full fiscal year's outcome for a metric, to set
// guidance against.
type AnnualActual struct {
	Metric     string  `json:"metric"`
	FiscalYear int     `json:"fiscal_year"`
	Value      float64 `json:"value"`
	Approx     bool    `json:"approx,omitempty"`
	StatedAs   string  `json:"stated_as,omitempty"`
	Source     string  `json:"source"`
	Derived    string  `json:"derived,omitempty"`
	Note       string  `json:"note,omitempty"`
}

// Period is a fiscal quarter (Quarter 1-4) or, with Quarter 0, a fiscal year.
type Period struct {
	Year    int
	Quarter int
}

// IsYear reports whether p names a whole fiscal year.
func (p Period) IsYear() bool { return p.Quarter == 0 }

// String formats "2024-Q2" for a quarter and "FY2024" for a year.
func (p Period) String() string {
	if p.IsYear() {
		return fmt.Sprintf("FY%d", p.Year)
	}
	return fmt.Sprintf("%d-Q%d", p.Year, p.Quarter)
}

// Short is the compact label charts and narrow cells use: "24Q2" for a
// quarter, "FY24" for a year.
func (p Period) Short() string {
	if p.IsYear() {
		return fmt.Sprintf("FY%02d", p.Year%100)
	}
	return fmt.Sprintf("%02dQ%d", p.Year%100, p.Quarter)
}

// Prev is the quarter before p.
func (p Period) Prev() Period {
	if p.Quarter <= 1 {
		return Period{Year: p.Year - 1, Quarter: 4}
	}
	return Period{Year: p.Year, Quarter: p.Quarter - 1}
}

// Next is the quarter after p.
func (p Period) Next() Period {
	if p.Quarter >= 4 {
		return Period{Year: p.Year + 1, Quarter: 1}
	}
	return Period{Year: p.Year, Quarter: p.Quarter + 1}
}

// Before reports whether p sorts before o.
func (p Period) Before(o Period) bool {
	if p.Year != o.Year {
		return p.Year < o.Year
	}
	return p.Quarter < o.Quarter
}

// ParsePeriod reads "2024-Q2", "2024Q2", "FY2024" or "2024" (a fiscal year).
func ParsePeriod(s string) (Period, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	if rest, ok := strings.CutPrefix(t, "FY"); ok {
		y, err := parseYear(rest)
		if err != nil {
			return Period{}, fmt.Errorf("period %q: %v", s, err)
		}
		return Period{Year: y}, nil
	}
	y, q, found := strings.Cut(t, "Q")
	if !found {
		yr, err := parseYear(t)
		if err != nil {
			return Period{}, fmt.Errorf("period %q: want YYYY-QN or FYYYYY", s)
		}
		return Period{Year: yr}, nil
	}
	y = strings.TrimSuffix(y, "-")
	yr, err := parseYear(y)
	if err != nil {
		return Period{}, fmt.Errorf("period %q: want YYYY-QN or FYYYYY", s)
	}
	qn, err := strconv.Atoi(q)
	if err != nil || qn < 1 || qn > 4 {
		return Period{}, fmt.Errorf("period %q: quarter must be Q1 to Q4", s)
	}
	return Period{Year: yr, Quarter: qn}, nil
}

func parseYear(s string) (int, error) {
	if len(s) != 4 {
		return 0, fmt.Errorf("year must have four digits")
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1900 || y > 2999 {
		return 0, fmt.Errorf("year must be 1900-2999")
	}
	return y, nil
}

// index builds the lookup maps. Parse calls it after validation, before
// the Dataset is handed out; nothing writes them afterwards.
func (d *Dataset) index() {
	d.metricIndex = make(map[string]int, len(d.Metrics))
	for i, m := range d.Metrics {
		if _, dup := d.metricIndex[m.ID]; !dup {
			d.metricIndex[m.ID] = i
		}
	}
	d.quarterIndex = make(map[Period]int, len(d.Quarters))
	for i, q := range d.Quarters {
		if _, dup := d.quarterIndex[q.Period()]; !dup {
			d.quarterIndex[q.Period()] = i
		}
	}
}

// lastID is the last ID Parse gave a data set.
var lastID atomic.Uint64

// ID is a number Parse gives each data set it returns, never the same
// twice in a process: caches of drawings key on it, where a pointer could
// name another data set once the first is collected. A Dataset built
// without Parse has ID 0: it cannot be told apart from another, so it is
// not worth caching across users.
func (d *Dataset) ID() uint64 { return d.id }

// Metric returns the definition of metric id.
//
// Lookups only read the Dataset. One built without Parse (a literal in a
// test, a struct filled by encoding/json) has no index and is searched
// instead of being indexed on first use: building the index lazily would
// write to a Dataset that many SSH sessions may be reading at once.
func (d *Dataset) Metric(id string) (Metric, bool) {
	if d.metricIndex != nil {
		i, ok := d.metricIndex[id]
		if !ok {
			return Metric{}, false
		}
		return d.Metrics[i], true
	}
	for _, m := range d.Metrics {
		if m.ID == id {
			return m, true
		}
	}
	return Metric{}, false
}

// QuarterIndex returns the index in Quarters of period p, or -1.
func (d *Dataset) QuarterIndex(p Period) int {
	if d.quarterIndex != nil {
		if i, ok := d.quarterIndex[p]; ok {
			return i
		}
		return -1
	}
	for i, q := range d.Quarters {
		if q.Period() == p {
			return i
		}
	}
	return -1
}

// OverviewMetrics is the Overview's headline cards, in order: the file's
// overview list, or, when it has none, up to max metrics of its first
// segment, so the Overview is never empty.
func (d *Dataset) OverviewMetrics(max int) []string {
	if len(d.Overview) > 0 {
		return d.Overview
	}
	if len(d.Segments) == 0 {
		return nil
	}
	ids := d.Segments[0].Metrics
	if len(ids) > max {
		ids = ids[:max]
	}
	return ids
}

// GuidedMetrics is every metric that has guidance, in the order the file
// first gives guidance for it: the file decides which guidance leads.
func (d *Dataset) GuidedMetrics() []string {
	var ids []string
	seen := map[string]bool{}
	for _, g := range d.Guidance {
		if !seen[g.Metric] {
			seen[g.Metric] = true
			ids = append(ids, g.Metric)
		}
	}
	return ids
}

// Latest is the index of the latest quarter, or -1 for an empty dataset.
func (d *Dataset) Latest() int { return len(d.Quarters) - 1 }
