package xbrl

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"quarterdash/data"
)

// slack is how far into the next month a fiscal period may end and still
// belong to the month before: the validator's periodEndSlack.
const slack = 14

// Convert turns a companyfacts response into a validated data set: one
// quarter per fiscal quarter the 10-Q and 10-K filings report, each figure
// traced to its filing. The rules are in docs/sec-import.md.
//
// It returns a *NoQuarterlyFactsError for a filer without quarterly
// US-GAAP facts, an error with file:line:col for malformed JSON, and never
// a data set that data.Parse would refuse.
func Convert(companyfacts []byte, opts Options) (*Result, error) {
	name := opts.Name
	if name == "" {
		name = "companyfacts"
	}
	var cf companyFacts
	if err := decodeJSON(companyfacts, &cf, name, "companyfacts"); err != nil {
		return nil, err
	}
	cik, ok := parseCIK(cf.CIK)
	if !ok {
		return nil, fmt.Errorf("%s: not a companyfacts response: no valid \"cik\" (got %s)", name, clip(string(cf.CIK)))
	}
	c := &converter{name: name, cik: cik, entity: cleanText(cf.EntityName), concepts: map[string]*conceptJSON{},
		stats: factStats{accessions: map[string]bool{}}}
	if c.entity == "" {
		c.entity = fmt.Sprintf("CIK %d", cik)
	}
	var sub *submissionsJSON
	if opts.Submissions != nil {
		sub = &submissionsJSON{}
		if err := decodeJSON(opts.Submissions, sub, "submissions", "submissions"); err != nil {
			return nil, err
		}
		if sc, ok := parseCIK(sub.CIK); ok && sc != cik {
			return nil, fmt.Errorf("%s: the submissions are for CIK %d, companyfacts for CIK %d: not the same company", name, sc, cik)
		}
	}
	c.readConcepts(cf.Facts["us-gaap"])
	if err := c.buildQuarters(sub); err != nil {
		if _, ok := err.(*NoQuarterlyFactsError); ok {
			return nil, c.noQuarterlyFacts(cf.Facts)
		}
		return nil, err
	}
	d := c.dataset(opts.Ticker, sub)
	d.Company.Name = c.companyName(opts.Company, sub)
	c.checkSubmissions(sub)

	out, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("%s: encoding the converted data: %v", name, err)
	}
	parsed, err := data.Parse(out, name)
	if err != nil {
		// A bug here, not in the input: say so rather than hand it on.
		return nil, fmt.Errorf("%s: the converted data set fails validation (a bug in the importer; please report it):\n%v", name, err)
	}
	return &Result{Dataset: parsed, Warnings: c.warnings, LatestFiled: c.latestUsed}, nil
}

// converter holds one conversion's state.
type converter struct {
	name     string
	cik      int64
	entity   string
	currency string
	fyEnd    int // fiscal year end month, 1-12
	concepts map[string]*conceptJSON
	stats    factStats
	warnings []string

	// sel and qs are each metric's selection and discrete quarters.
	sel map[string]selection
	qs  map[string]map[day]*qval
	// ends are the quarters' period ends, oldest first, and labels their
	// fiscal quarters.
	ends   []day
	labels map[day]data.Period
	// usedConcepts are the concepts each metric's figures came from.
	usedConcepts map[string][]string
	latestUsed   string
}

func (c *converter) warnf(format string, args ...any) {
	c.warnings = append(c.warnings, fmt.Sprintf(format, args...))
}

// readConcepts decodes the concepts the metrics need, picks the currency
// and selects each metric's facts.
func (c *converter) readConcepts(usgaap map[string]json.RawMessage) {
	for _, sp := range specs {
		for _, name := range sp.concepts {
			raw, ok := usgaap[name]
			if !ok {
				continue
			}
			var cj conceptJSON
			if err := json.Unmarshal(raw, &cj); err != nil {
				why := "malformed"
				var te *json.UnmarshalTypeError
				if errors.As(err, &te) {
					why = fmt.Sprintf("%s is a JSON %s", clip(te.Field), te.Value)
				}
				c.warnf("the us-gaap concept %s could not be read (%s); its facts are not used", name, why)
				continue
			}
			c.concepts[name] = &cj
		}
	}
	c.currency = c.pickCurrency()
	c.sel = map[string]selection{}
	c.usedConcepts = map[string][]string{}
	for _, sp := range specs {
		sel := selection{}
		var units []string
		switch sp.units {
		case money:
			units = []string{c.currency}
		case perShare:
			units = []string{c.currency + "/shares", c.currency}
		case shares:
			units = []string{"shares"}
		}
		for _, name := range sp.concepts {
			if cj := c.concepts[name]; cj != nil {
				if readConcept(cj, name, units, sp.units, sel, &c.stats) > 0 {
					c.usedConcepts[sp.id] = append(c.usedConcepts[sp.id], name)
				}
			}
		}
		c.sel[sp.id] = sel
	}
}

// pickCurrency is the unit most money facts are in: "USD" for nearly every
// filer, but looked up rather than assumed.
func (c *converter) pickCurrency() string {
	count := map[string]int{}
	for _, sp := range specs {
		if sp.units != money {
			continue
		}
		for _, name := range sp.concepts {
			cj := c.concepts[name]
			if cj == nil {
				continue
			}
			for u, fs := range cj.Units {
				if data.IsCurrencyCode(u) {
					count[u] += len(fs)
				}
			}
		}
	}
	best, n := "USD", 0
	for u, k := range count {
		if k > n || (k == n && u < best) {
			best, n = u, k
		}
	}
	return best
}

// fiscalMonth is the month a fiscal period ending on end is named after:
// a 52/53-week year ending in the first days of a month belongs to the
// month before (a year ending 2022-10-01 is a September year).
func fiscalMonth(end time.Time) int {
	return int(end.AddDate(0, 0, -slack).Month())
}

// fiscalYearEnd finds the fiscal year end month: from the latest full
// year a 10-K reports, else from the submissions' fiscalYearEnd ("0926").
func (c *converter) fiscalYearEnd(sub *submissionsJSON) int {
	var latest *fact
	for _, sp := range specs {
		for _, p := range c.sel[sp.id] {
			f := p.latest
			if f.instant || (f.form != "10-K" && f.form != "10-K/A") || f.days() < yearMin || f.days() > yearMax {
				continue
			}
			if latest == nil || f.end > latest.end {
				latest = f
			}
		}
	}
	fromSub := 0
	if sub != nil && len(sub.FiscalYearEnd) == 4 {
		if d, ok := parseDay("2001-" + sub.FiscalYearEnd[:2] + "-" + sub.FiscalYearEnd[2:]); ok {
			fromSub = fiscalMonth(d.time())
		}
	}
	switch {
	case latest != nil:
		m := fiscalMonth(latest.end.time())
		if fromSub != 0 && fromSub != m {
			c.warnf("the submissions give the fiscal year end %q (%s), but the latest 10-K's year ends %s (%s); quarters are named by the 10-K",
				sub.FiscalYearEnd, time.Month(fromSub), latest.end, time.Month(m))
		}
		return m
	case fromSub != 0:
		return fromSub
	}
	c.warnf("no 10-K reports a full year and no submissions give the fiscal year end: quarters are named as if the fiscal year were the calendar year")
	return 12
}

// buildQuarters derives every metric's quarters and names them.
func (c *converter) buildQuarters(sub *submissionsJSON) error {
	c.fyEnd = c.fiscalYearEnd(sub)
	c.qs = map[string]map[day]*qval{}
	ends := map[day]int{} // period end -> number of metrics reporting it
	for _, sp := range specs {
		if sp.instant || len(sp.concepts) == 0 {
			continue
		}
		qs := c.sel[sp.id].quarters(sp.subtract)
		c.qs[sp.id] = qs
		for e := range qs {
			ends[e]++
		}
	}
	if len(ends) == 0 {
		return &NoQuarterlyFactsError{}
	}
	all := make([]day, 0, len(ends))
	for e := range ends {
		all = append(all, e)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	// Name each period end; two ends naming the same quarter (a changed
	// fiscal calendar) keep the one most metrics report.
	c.labels = map[day]data.Period{}
	byLabel := map[data.Period]day{}
	for _, e := range all {
		p := data.FiscalQuarterOf(e.time(), c.fyEnd)
		if p.Year < 1900 || p.Year > 2999 {
			continue
		}
		if prev, dup := byLabel[p]; dup {
			keep, drop := prev, e
			if ends[e] > ends[prev] {
				keep, drop = e, prev
			}
			c.warnf("the periods ending %s and %s both fall in fiscal quarter %s; kept the one ending %s",
				prev, e, p, keep)
			delete(c.labels, drop)
			byLabel[p] = keep
			c.labels[keep] = p
			continue
		}
		byLabel[p] = e
		c.labels[e] = p
	}
	for _, e := range all {
		if _, ok := c.labels[e]; ok {
			c.ends = append(c.ends, e)
		}
	}
	return nil
}

// dataset assembles the data set.
func (c *converter) dataset(ticker string, sub *submissionsJSON) *data.Dataset {
	d := &data.Dataset{
		SchemaVersion: data.SchemaVersion,
		Company: data.Company{Name: c.entity, Ticker: c.ticker(ticker, sub), Currency: c.currency,
			FiscalYearEndMonth: c.fyEnd},
	}
	quarters, has := c.reportedQuarters()
	c.computeGrossProfit(quarters, has)
	c.computeFreeCashFlow(quarters, has)
	d.Metrics = c.metrics(has)
	d.Segments = segmentsOf(has)
	for _, id := range overviewIDs {
		if has[id] {
			d.Overview = append(d.Overview, id)
		}
	}
	d.Quarters = quarters
	return d
}

// reportedQuarters is one quarter per period end with the reported and
// year-to-date figures, and which metrics have at least one.
func (c *converter) reportedQuarters() (quarters []data.Quarter, has map[string]bool) {
	has = map[string]bool{}
	quarters = make([]data.Quarter, len(c.ends))
	for i, e := range c.ends {
		p := c.labels[e]
		quarters[i] = data.Quarter{FiscalYear: p.Year, FiscalQuarter: p.Quarter, PeriodEnd: e.String(),
			Values: map[string]data.Value{}}
	}
	for _, sp := range specs {
		if len(sp.concepts) == 0 {
			continue
		}
		var inst map[day]*pick
		if sp.instant {
			inst = c.sel[sp.id].instants()
		}
		for i, e := range c.ends {
			var v data.Value
			var ok bool
			if sp.instant {
				if p := inst[e]; p != nil {
					v, ok = c.reported(sp, p), true
				}
			} else if q := c.qs[sp.id][e]; q != nil {
				v, ok = c.quarterValue(sp, q), true
			}
			if ok {
				quarters[i].Values[sp.id] = v
				has[sp.id] = true
			}
		}
	}
	return quarters, has
}

// metrics defines the metrics with figures, then the ratios whose
// numerator has figures, in the specs' order. It marks those ratios in
// has: segments and the overview may list them.
func (c *converter) metrics(has map[string]bool) []data.Metric {
	var ms []data.Metric
	for _, sp := range specs {
		if !has[sp.id] {
			continue
		}
		m := data.Metric{ID: sp.id, Label: sp.label, Short: sp.short, Unit: sp.unit, Kind: sp.kind, Good: sp.good,
			Definition: sp.definition}
		if cs := c.usedConcepts[sp.id]; len(cs) > 0 && sp.definition == "" {
			m.Definition = conceptsDefinition(cs)
		}
		ms = append(ms, m)
	}
	for _, r := range ratios {
		if has[r.num] && has["revenue"] {
			ms = append(ms, data.Metric{ID: r.id, Label: r.label, Short: r.short, Unit: data.UnitPercent,
				Kind: data.KindPoint, Good: r.good, Ratio: &data.Ratio{Numerator: r.num, Denominator: "revenue"}})
			has[r.id] = true
		}
	}
	return ms
}

// conceptsDefinition defines a metric with no written definition by the
// US-GAAP concepts its figures came from.
func conceptsDefinition(concepts []string) string {
	def := "US-GAAP " + strings.Join(concepts, ", ")
	if len(concepts) > 1 {
		def += " (merged period by period: the latest filing wins)"
	}
	return def + "."
}

// segmentsOf is each segment with the metrics of it that have figures;
// a segment with none is left out.
func segmentsOf(has map[string]bool) []data.Segment {
	var segs []data.Segment
	for _, sg := range segmentSpecs {
		var ids []string
		for _, id := range sg.metrics {
			if has[id] {
				ids = append(ids, id)
			}
		}
		if len(ids) > 0 {
			segs = append(segs, data.Segment{ID: sg.id, Label: sg.label, Description: sg.description, Metrics: ids})
		}
	}
	return segs
}

// companyName is the caller's name for the company, else the
// submissions', else companyfacts' entityName.
func (c *converter) companyName(given string, sub *submissionsJSON) string {
	if n := cleanText(given); n != "" {
		return n
	}
	if sub != nil {
		if n := cleanText(sub.Name); n != "" {
			return n
		}
	}
	return c.entity
}

// ticker is the caller's ticker, else the submissions' first, else
// "CIK<number>" for the caller to overwrite.
func (c *converter) ticker(given string, sub *submissionsJSON) string {
	if t := cleanTicker(given); t != "" {
		return t
	}
	if sub != nil && len(sub.Tickers) > 0 {
		if t := cleanTicker(sub.Tickers[0]); t != "" {
			return t
		}
	}
	return fmt.Sprintf("CIK%d", c.cik)
}

func cleanTicker(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" || len(s) > 12 {
		return ""
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if !(ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '.' || ch == '-') {
			return ""
		}
	}
	return s
}

// scale converts a fact's value to the metric's unit.
func scale(u data.Unit, v float64) float64 {
	if u == data.UnitCurrencyMillions {
		return v / 1e6
	}
	return v
}

// filingURL is the filing's folder in the EDGAR archive.
func (c *converter) filingURL(accn string) string {
	return fmt.Sprintf("https://www.sec.gov/Archives/edgar/data/%d/%s/", c.cik, strings.ReplaceAll(accn, "-", ""))
}

// raw is a fact as filed: its value, unit, concept, form, date and
// accession number.
func raw(f *fact) string {
	return fmt.Sprintf("%s %s (%s, %s filed %s, accn %s)",
		strconv.FormatFloat(f.val, 'f', -1, 64), f.unit, f.concept, f.form, f.filed, f.accn)
}

func (c *converter) use(f *fact) {
	if f.filed > c.latestUsed {
		c.latestUsed = f.filed
	}
}

// reported is a figure as one filing states it, with a note when a later
// filing restated it.
func (c *converter) reported(sp metricSpec, p *pick) data.Value {
	f := p.latest
	c.use(f)
	v := data.Value{Value: scale(sp.unit, f.val), StatedAs: raw(f), Source: c.filingURL(f.accn)}
	if restated(sp.units, p.first.val, f.val) {
		v.Note = fmt.Sprintf("first reported %s in the %s filed %s; restated in the %s filed %s",
			c.amount(sp.units, p.first.val), p.first.form, p.first.filed, f.form, f.filed)
	}
	return v
}

// restated reports whether a later figure differs from the first by more
// than rounding: half a million in money, 0.05% otherwise.
func restated(k unitKind, first, latest float64) bool {
	diff := math.Abs(first - latest)
	if k == money {
		return diff > 0.5e6
	}
	return diff > 0.0005*math.Max(math.Abs(first), math.Abs(latest))
}

// amount formats a raw figure for a note: money in millions.
func (c *converter) amount(k unitKind, v float64) string {
	switch k {
	case money:
		return fmt.Sprintf("%s million %s", groupThousands(v/1e6), c.currency)
	case perShare:
		return fmt.Sprintf("%s %s per share", strconv.FormatFloat(v, 'f', -1, 64), c.currency)
	}
	return groupThousands(v) + " shares"
}

// groupThousands writes v with thousands separators, keeping its decimals.
func groupThousands(v float64) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	for i := 0; i < len(intPart); i++ {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(intPart[i])
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// describe names a figure by its period and filing: "FY2024 10-K (accn
// ...)" for a full year, "9 months to 2024-09-30, 10-Q (accn ...)" else.
func (c *converter) describe(f *fact) string {
	if n := f.days(); n >= yearMin && n <= yearMax {
		fy := data.FiscalQuarterOf(f.end.time(), c.fyEnd).Year
		return fmt.Sprintf("FY%d %s (accn %s, filed %s)", fy, f.form, f.accn, f.filed)
	}
	months := int(math.Round(float64(f.days()) / 30.44))
	return fmt.Sprintf("%d months to %s, %s (accn %s, filed %s)", months, f.end, f.form, f.accn, f.filed)
}

// quarterValue is a discrete quarter: reported, or derived and saying so.
func (c *converter) quarterValue(sp metricSpec, q *qval) data.Value {
	if !q.derived() {
		return c.reported(sp, q.pick)
	}
	f := q.pick.latest
	c.use(f)
	for _, m := range q.minus {
		c.use(m)
	}
	v := data.Value{Value: scale(sp.unit, q.val), Source: c.filingURL(f.accn)}
	if q.minusQuarters {
		v.Derived = fmt.Sprintf("%s minus the year's first three quarters (as shown)", c.describe(f))
		v.StatedAs = raw(f) + " minus the first three quarters"
	} else {
		m := q.minus[0]
		v.Derived = fmt.Sprintf("%s minus %s", c.describe(f), c.describe(m))
		v.StatedAs = raw(f) + " minus " + raw(m)
	}
	return v
}

// computeGrossProfit fills gross profit where it is not reported but
// revenue and cost of revenue are: Alphabet reports no gross profit line.
func (c *converter) computeGrossProfit(qs []data.Quarter, has map[string]bool) {
	for i := range qs {
		vals := qs[i].Values
		if _, ok := vals["gross_profit"]; ok {
			continue
		}
		rev, ok1 := vals["revenue"]
		cor, ok2 := vals["cost_of_revenue"]
		if !ok1 || !ok2 {
			continue
		}
		vals["gross_profit"] = data.Value{
			Value:   exactDiff(rev.Value, cor.Value),
			Source:  rev.Source,
			Derived: "revenue minus cost of revenue, computed by quarterdash from the figures shown for those metrics",
		}
		has["gross_profit"] = true
	}
}

// computeFreeCashFlow is cash from operations minus capex, per quarter.
func (c *converter) computeFreeCashFlow(qs []data.Quarter, has map[string]bool) {
	for i := range qs {
		vals := qs[i].Values
		ocf, ok1 := vals["operating_cash_flow"]
		cx, ok2 := vals["capex"]
		if !ok1 || !ok2 {
			continue
		}
		vals["free_cash_flow"] = data.Value{
			Value:  exactDiff(ocf.Value, cx.Value),
			Source: ocf.Source,
			Derived: fmt.Sprintf("cash from operations %s minus capital expenditures %s (millions of %s), computed by quarterdash; each as shown for its metric",
				groupThousands(ocf.Value), groupThousands(cx.Value), c.currency),
		}
		has["free_cash_flow"] = true
	}
}

// exactDiff subtracts two figures in millions without float noise: both
// are whole numbers of units, so the difference is computed in units.
func exactDiff(a, b float64) float64 {
	return (math.Round(a*1e6) - math.Round(b*1e6)) / 1e6
}

// noQuarterlyFacts describes a filer without quarterly US-GAAP facts: the
// forms and taxonomies its facts do come from.
func (c *converter) noQuarterlyFacts(facts map[string]map[string]json.RawMessage) error {
	forms := map[string]bool{}
	var taxonomies []string
	for tax, concepts := range facts {
		if tax != "dei" {
			taxonomies = append(taxonomies, tax)
		}
		for _, raw := range concepts {
			var cj struct {
				Units map[string][]struct {
					Form string `json:"form"`
				} `json:"units"`
			}
			if json.Unmarshal(raw, &cj) != nil {
				continue
			}
			for _, fs := range cj.Units {
				for _, f := range fs {
					if f.Form != "" && len(forms) < 20 {
						forms[cleanText(f.Form)] = true
					}
				}
			}
		}
	}
	e := &NoQuarterlyFactsError{Name: c.name, Entity: c.entity, CIK: c.cik, Taxonomies: taxonomies}
	for f := range forms {
		e.Forms = append(e.Forms, f)
	}
	sort.Strings(e.Forms)
	sort.Strings(e.Taxonomies)
	return e
}

// clip shortens text quoted from the input in a message.
func clip(s string) string {
	s = cleanText(s)
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}
