package data

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file holds the rules about meaning: the file is well-formed JSON of
// the right shape by now, and each rule checks what the types cannot. Every
// rule reports with a path and the position of the offending field, looked
// up in the tree by walking down from the root (each step is a short scan of
// one object's members or an index into an array).

// metricIDPattern is the form of a metric id: it is used in URLs, flags and
// keyboard-driven lookups, so it stays plain.
var metricIDPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// periodEndSlack is how far past the last day of its nominal month a
// quarter may end: companies on 52/53-week years end their quarters on a
// weekday near the month's end, sometimes in the first days of the next
// month (a year ending 2022-10-01 is a September year).
const periodEndSlack = 14 * 24 * time.Hour

// dateLayout is the only date form the format accepts.
const dateLayout = "2006-01-02"

// semantic runs the meaning rules over a decoded Dataset.
type semantic struct {
	*checker
	d    *Dataset
	root int32
	// metricIDs maps a metric id to the index of the first metric with it.
	metricIDs map[string]int
	scratch   *Value // unknownValue's
}

// field is the position of member key of object n: its key, or the object
// itself when the member is absent.
func (s *semantic) field(n int32, key string) int {
	if m := s.t.member(n, key); m >= 0 {
		return s.at(m)
	}
	if n >= 0 {
		return int(s.t.nodes[n].off)
	}
	return 0
}

// line is the line of offset off, for "first at line N".
func (s *semantic) line(off int) int {
	return s.lines.line(off)
}

// checkSemantics applies every meaning rule to d, decoded from tree t.
func (c *checker) checkSemantics(d *Dataset) {
	s := &semantic{checker: c, d: d, root: 0}
	s.schemaVersion()
	s.company()
	s.metrics()
	s.segments()
	s.overview()
	s.quarters()
	s.guidance()
	s.annualActuals()
}

func (s *semantic) schemaVersion() {
	if s.d.SchemaVersion != SchemaVersion {
		s.report(s.field(s.root, "schema_version"), "schema_version",
			"schema version %d is not supported; this build understands version %d", s.d.SchemaVersion, SchemaVersion)
	}
}

func (s *semantic) company() {
	co := s.t.member(s.root, "company")
	c := s.d.Company
	if strings.TrimSpace(c.Name) == "" {
		s.report(s.field(co, "name"), "company.name", "the company name is empty")
	}
	if strings.TrimSpace(c.Ticker) == "" {
		s.report(s.field(co, "ticker"), "company.ticker", "the company ticker is empty")
	}
	switch {
	case c.Currency == "":
		s.report(s.field(co, "currency"), "company.currency", "the currency is empty; want a three-letter ISO 4217 code such as USD")
	case !IsCurrencyCode(c.Currency):
		s.report(s.field(co, "currency"), "company.currency", "currency %q is not three upper-case letters (an ISO 4217 code such as USD)", clip(c.Currency))
	}
	if m := c.FiscalYearEndMonth; m < 1 || m > 12 {
		s.report(s.field(co, "fiscal_year_end_month"), "company.fiscal_year_end_month", "fiscal year end month %d is out of range (want 1 to 12)", m)
	}
}

// IsCurrencyCode reports whether s has the shape of an ISO 4217 code:
// three upper-case letters.
func IsCurrencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func (s *semantic) metrics() {
	arr := s.t.member(s.root, "metrics")
	s.metricIDs = make(map[string]int, len(s.d.Metrics))
	if len(s.d.Metrics) == 0 {
		s.report(s.field(s.root, "metrics"), "metrics", "there are no metrics; at least one is needed")
	}
	for i, m := range s.d.Metrics {
		n := s.t.elem(arr, i)
		p := func() string { return fmt.Sprintf("metrics[%d]", i) }
		switch {
		case m.ID == "":
			s.report(s.field(n, "id"), p()+".id", "the metric id is empty")
		case !metricIDPattern.MatchString(m.ID):
			s.report(s.field(n, "id"), p()+".id", "metric id %q is not valid (want a lower-case letter, then lower-case letters, digits or _)", clip(m.ID))
		}
		if first, dup := s.metricIDs[m.ID]; dup && m.ID != "" {
			s.report(s.field(n, "id"), p()+".id", "metric id %q appears twice (first at line %d)", clip(m.ID), s.line(s.field(s.t.elem(arr, first), "id")))
		} else if !dup {
			s.metricIDs[m.ID] = i
		}
		if strings.TrimSpace(m.Label) == "" {
			s.report(s.field(n, "label"), p()+".label", "the metric label is empty")
		}
		if !slices.Contains(knownUnits(), m.Unit) {
			s.report(s.field(n, "unit"), p()+".unit", "unit %q is not known (want one of %s)", clip(string(m.Unit)), joinUnits())
		}
		if m.Kind != KindFlow && m.Kind != KindPoint {
			s.report(s.field(n, "kind"), p()+".kind", "kind %q is not known (want flow or point)", clip(string(m.Kind)))
		}
		if m.Good != GoodUp && m.Good != GoodDown && m.Good != GoodNeutral {
			s.report(s.field(n, "good"), p()+".good", "good %q is not known (want up, down or neutral)", clip(string(m.Good)))
		}
	}
	// Ratio rules need every id known, so they run after the first pass.
	for i, m := range s.d.Metrics {
		if m.Ratio == nil {
			continue
		}
		n := s.t.elem(arr, i)
		rn := s.t.member(n, "ratio")
		p := func() string { return fmt.Sprintf("metrics[%d]", i) }
		if m.Unit != UnitPercent {
			s.report(s.field(n, "unit"), p()+".unit", "ratio metric %q must have unit percent, not %q", clip(m.ID), clip(string(m.Unit)))
		}
		for _, part := range []struct{ key, id string }{{"numerator", m.Ratio.Numerator}, {"denominator", m.Ratio.Denominator}} {
			pp := func() string { return p() + ".ratio." + part.key }
			j, ok := s.metricIDs[part.id]
			switch {
			case part.id == "":
				s.report(s.field(rn, part.key), pp(), "the ratio %s is empty; want a metric id", part.key)
			case !ok:
				s.report(s.field(rn, part.key), pp(), "ratio %s %q is not a known metric", part.key, clip(part.id))
			case s.d.Metrics[j].Ratio != nil:
				s.report(s.field(rn, part.key), pp(), "ratio %s %q is itself a ratio metric; a ratio divides stored metrics", part.key, clip(part.id))
			}
		}
	}
}

func joinUnits() string {
	units := knownUnits()
	names := make([]string, len(units))
	for i, u := range units {
		names[i] = string(u)
	}
	return strings.Join(names, ", ")
}

// knownMetric reports the problem with a reference to metric id, if any.
// Paths are passed as functions throughout this file so that a valid file
// never pays for formatting them.
func (s *semantic) knownMetric(off int, path func() string, id string) bool {
	if id == "" {
		s.report(off, path(), "the metric is empty; want a metric id")
		return false
	}
	if _, ok := s.metricIDs[id]; !ok {
		s.report(off, path(), "%q is not a known metric", clip(id))
		return false
	}
	return true
}

func (s *semantic) segments() {
	arr := s.t.member(s.root, "segments")
	ids := make(map[string]int, len(s.d.Segments))
	for i, g := range s.d.Segments {
		n := s.t.elem(arr, i)
		p := func() string { return fmt.Sprintf("segments[%d]", i) }
		if g.ID == "" {
			s.report(s.field(n, "id"), p()+".id", "the segment id is empty")
		} else if strings.ContainsAny(g.ID, "/ \t\n") {
			// The id is the tab's view name (render --view ID, ID/chart);
			// "financials/chart" would be taken for the chart of another
			// tab and hide this one. (An id equal to another view, such as
			// overview, is renamed segment-overview in the views.)
			s.report(s.field(n, "id"), p()+".id", "segment id %q cannot name a view: want no \"/\" or white space", clip(g.ID))
		} else if first, dup := ids[g.ID]; dup {
			s.report(s.field(n, "id"), p()+".id", "segment id %q appears twice (first at line %d)", clip(g.ID), s.line(s.field(s.t.elem(arr, first), "id")))
		} else {
			ids[g.ID] = i
		}
		if strings.TrimSpace(g.Label) == "" {
			s.report(s.field(n, "label"), p()+".label", "the segment label is empty")
		}
		if len(g.Metrics) == 0 {
			s.report(s.field(n, "metrics"), p()+".metrics", "segment %q lists no metrics; want at least one", clip(g.ID))
		}
		mn := s.t.member(n, "metrics")
		seen := make(map[string]int, len(g.Metrics))
		for j, id := range g.Metrics {
			en := s.t.elem(mn, j)
			off := s.at(en)
			pp := func() string { return fmt.Sprintf("%s.metrics[%d]", p(), j) }
			if !s.knownMetric(off, pp, id) {
				continue
			}
			if first, dup := seen[id]; dup {
				s.report(off, pp(), "metric %q is listed twice in this segment (first at line %d)", id, s.line(s.at(s.t.elem(mn, first))))
				continue
			}
			seen[id] = j
		}
	}
}

// overview checks the optional list of Overview cards: known metrics,
// each once.
func (s *semantic) overview() {
	arr := s.t.member(s.root, "overview")
	seen := make(map[string]int, len(s.d.Overview))
	for i, id := range s.d.Overview {
		off := s.at(s.t.elem(arr, i))
		p := func() string { return fmt.Sprintf("overview[%d]", i) }
		if !s.knownMetric(off, p, id) {
			continue
		}
		if first, dup := seen[id]; dup {
			s.report(off, p(), "metric %q is listed twice in the overview (first at line %d)", id, s.line(s.at(s.t.elem(arr, first))))
			continue
		}
		seen[id] = i
	}
}

// parseDate reads a YYYY-MM-DD date strictly.
func parseDate(v string) (time.Time, bool) {
	if len(v) != len(dateLayout) {
		return time.Time{}, false
	}
	t, err := time.Parse(dateLayout, v)
	return t, err == nil
}

// quarterEnd is the last day of the month in which fiscal quarter q of
// fiscal year fy nominally ends, when the fiscal year ends in month fyEnd.
// A fiscal year is named after the calendar year it ends in, so quarter 4
// ends in month fyEnd of year fy and each earlier quarter three months
// before.
func quarterEnd(fy, q, fyEnd int) time.Time {
	months := fy*12 + (fyEnd - 1) - 3*(4-q) // months since year 0, 0-based
	y, m := months/12, months%12+1
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC)
}

// FiscalQuarterOf is the fiscal quarter that a quarter ending on end
// belongs to, when the fiscal year ends in month fyEndMonth (1-12).
//
// Each quarter owns a window of dates: after the previous quarter's
// nominal end, up to its own nominal end (see quarterEnd), both moved
// periodEndSlack (14 days) later. The windows cover the calendar without
// overlapping, so every date names exactly one quarter and a wrong label
// never matches. They accept the real period ends of 52/53-week years
// (Apple's quarter ending 2024-12-28 is 2025-Q1 of a September year; a
// year ending 2022-10-01 is a September year) and of uneven quarters
// (Costco's 12/12/12/16-week year ends its third quarter in early May).
func FiscalQuarterOf(end time.Time, fyEndMonth int) Period {
	s := end.Add(-periodEndSlack)
	n := s.Year()*12 + int(s.Month()) - 1 // months since year 0, 0-based
	// d is the number of months from n to the next fiscal year end month
	// (0-11); the quarter ends in the first quarter-end month from n.
	d := ((fyEndMonth - 1) - n%12 + 12) % 12
	n += d % 3
	d -= d % 3
	return Period{Year: (n + d) / 12, Quarter: 4 - d/3}
}

// quarterWindow is the first and last period end FiscalQuarterOf accepts
// for fiscal quarter q of fiscal year fy.
func quarterWindow(fy, q, fyEnd int) (first, last time.Time) {
	prev := Period{Year: fy, Quarter: q}.Prev()
	first = quarterEnd(prev.Year, prev.Quarter, fyEnd).Add(periodEndSlack).AddDate(0, 0, 1)
	last = quarterEnd(fy, q, fyEnd).Add(periodEndSlack)
	return first, last
}

func (s *semantic) quarters() {
	arr := s.t.member(s.root, "quarters")
	if len(s.d.Quarters) == 0 {
		s.report(s.field(s.root, "quarters"), "quarters", "there are no quarters; at least one is needed")
	}
	fyEnd := s.d.Company.FiscalYearEndMonth
	seen := make(map[Period]int, len(s.d.Quarters))
	var prev Period
	havePrev := false
	for i, q := range s.d.Quarters {
		n := s.t.elem(arr, i)
		p := func() string { return fmt.Sprintf("quarters[%d]", i) }
		okQ := q.FiscalQuarter >= 1 && q.FiscalQuarter <= 4
		okY := q.FiscalYear >= 1900 && q.FiscalYear <= 2999
		if !okQ {
			s.report(s.field(n, "fiscal_quarter"), p()+".fiscal_quarter", "fiscal quarter %d is out of range (want 1 to 4)", q.FiscalQuarter)
		}
		if !okY {
			s.report(s.field(n, "fiscal_year"), p()+".fiscal_year", "fiscal year %d is out of range (want 1900 to 2999)", q.FiscalYear)
		}
		if okQ && okY {
			per := q.Period()
			if first, dup := seen[per]; dup {
				s.report(s.at(n), p(), "quarter %s appears twice (first at line %d)", per, s.line(s.at(s.t.elem(arr, first))))
			} else {
				seen[per] = i
				if havePrev && !prev.Before(per) {
					s.report(s.at(n), p(), "quarter %s comes after %s; quarters must be in ascending order", per, prev)
				}
				prev, havePrev = per, true
			}
		}
		end, okEnd := parseDate(q.PeriodEnd)
		if !okEnd {
			s.report(s.field(n, "period_end"), p()+".period_end", "period end %q is not a valid date (want YYYY-MM-DD)", clip(q.PeriodEnd))
		} else if okQ && okY && fyEnd >= 1 && fyEnd <= 12 {
			if got := FiscalQuarterOf(end, fyEnd); got != q.Period() {
				first, last := quarterWindow(q.FiscalYear, q.FiscalQuarter, fyEnd)
				s.report(s.field(n, "period_end"), p()+".period_end",
					"period end %s does not match %s: with the fiscal year ending in %s, %s ends between %s and %s; %s falls in %s",
					q.PeriodEnd, q.Period(), time.Month(fyEnd), q.Period(),
					first.Format(dateLayout), last.Format(dateLayout), q.PeriodEnd, got)
			}
		}
		if q.ReportedOn != "" {
			rep, ok := parseDate(q.ReportedOn)
			switch {
			case !ok:
				s.report(s.field(n, "reported_on"), p()+".reported_on", "reported-on date %q is not a valid date (want YYYY-MM-DD)", clip(q.ReportedOn))
			case okEnd && !rep.After(end):
				s.report(s.field(n, "reported_on"), p()+".reported_on", "reported-on date %s is not after the period end %s", q.ReportedOn, q.PeriodEnd)
			}
		}
		s.values(n, p, q)
		s.notes(n, p, q)
	}
}

// values checks one quarter's figures. It walks the members of the values
// object in file order, so each figure's node is at hand without a search
// (searching per problem is quadratic in a file of many bad keys) and the
// problems kept under maxProblems do not depend on map order.
func (s *semantic) values(qn int32, qp func() string, q Quarter) {
	vn := s.t.member(qn, "values")
	if vn < 0 || s.t.nodes[vn].kind != kindObject {
		return
	}
	for i := 0; i < int(s.t.nodes[vn].n); i++ {
		if s.full() {
			return
		}
		n := s.t.child(vn, i)
		id := s.t.key(n)
		j, known := s.metricIDs[id]
		v, ok := q.Values[id]
		if !known {
			// Decoding checked it but did not keep it (decodeMap).
			v, ok = s.unknownValue(n), true
		}
		if !ok {
			continue // not decoded; the decode stage reported why
		}
		p := func() string { return keyPath(qp()+".values", id) }
		switch {
		case !known:
			s.report(s.at(n), p(), "%q is not a known metric", clip(id))
		case s.d.Metrics[j].Ratio != nil:
			r := s.d.Metrics[j].Ratio
			s.report(s.at(n), p(), "%q is a ratio metric, computed from %s and %s; do not store it", id, r.Numerator, r.Denominator)
		}
		if !finite(v.Value) { // cannot happen after decoding; kept as a guard
			s.report(s.field(n, "value"), p()+".value", "the value is not a finite number")
		}
		if strings.TrimSpace(v.Source) == "" {
			s.report(s.field(n, "source"), p()+".source", "the source is empty; every figure needs one")
		}
	}
}

// unknownValue decodes value node n again, into one scratch Value (no
// allocation per value: a hostile file can hold millions). The decode
// stage found it well-formed, so this reports nothing.
func (s *semantic) unknownValue(n int32) Value {
	if s.scratch == nil {
		s.scratch = new(Value)
	}
	*s.scratch = Value{}
	s.decode(n, reflect.ValueOf(s.scratch).Elem())
	return *s.scratch
}

// keyPath appends an object key to a path, quoting keys that are not
// plain identifiers.
func keyPath(base, key string) string {
	if plainKey(key) {
		return base + "." + key
	}
	return base + "[" + strconv.Quote(clip(key)) + "]"
}

func (s *semantic) notes(qn int32, qp func() string, q Quarter) {
	arr := s.t.member(qn, "notes")
	for i, nt := range q.Notes {
		n := s.t.elem(arr, i)
		p := func() string { return fmt.Sprintf("%s.notes[%d]", qp(), i) }
		if strings.TrimSpace(nt.Text) == "" {
			s.report(s.field(n, "text"), p()+".text", "the note text is empty")
		}
		if strings.TrimSpace(nt.Source) == "" {
			s.report(s.field(n, "source"), p()+".source", "the note source is empty; every note needs one")
		}
		if nt.Kind != "" && nt.Kind != NoteHighlight && nt.Kind != NoteOneOff {
			s.report(s.field(n, "kind"), p()+".kind", "note kind %q is not known (want highlight or one_off, or leave it out)", clip(string(nt.Kind)))
		}
	}
}

// canonicalPeriod parses a period that must be written exactly as
// Period.String writes it, so that lookups by label work.
func canonicalPeriod(v string) (Period, bool) {
	p, err := ParsePeriod(v)
	if err != nil || p.String() != v {
		return Period{}, false
	}
	return p, true
}

func (s *semantic) guidance() {
	arr := s.t.member(s.root, "guidance")
	type key struct{ metric, given, target string }
	seen := make(map[key]int, len(s.d.Guidance))
	for i, g := range s.d.Guidance {
		n := s.t.elem(arr, i)
		p := func() string { return fmt.Sprintf("guidance[%d]", i) }
		s.knownMetric(s.field(n, "metric"), func() string { return p() + ".metric" }, g.Metric)
		given, okG := canonicalPeriod(g.GivenWith)
		if !okG || given.IsYear() {
			okG = false
			s.report(s.field(n, "given_with"), p()+".given_with", "given_with %q is not a quarter label of the form YYYY-QN, e.g. 2024-Q2", clip(g.GivenWith))
		}
		target, okT := canonicalPeriod(g.Target)
		if !okT {
			s.report(s.field(n, "target"), p()+".target", "target %q is not a period of the form FYYYYY or YYYY-QN, e.g. FY2024 or 2024-Q3", clip(g.Target))
		}
		if okG && okT {
			if target.IsYear() && target.Year < given.Year {
				s.report(s.field(n, "target"), p()+".target", "target %s is before the year of given_with %s", target, given)
			}
			if !target.IsYear() && !given.Before(target) {
				s.report(s.field(n, "target"), p()+".target", "target %s is not after given_with %s; guidance is for a later quarter", target, given)
			}
		}
		if !finite(g.Low) || !finite(g.High) { // cannot happen after decoding; kept as a guard
			s.report(s.at(n), p(), "the range is not finite")
		} else if g.Low > g.High {
			s.report(s.field(n, "low"), p()+".low", "low %s is above high %s", fmtNum(g.Low), fmtNum(g.High))
		}
		if strings.TrimSpace(g.Source) == "" {
			s.report(s.field(n, "source"), p()+".source", "the source is empty; every guidance range needs one")
		}
		k := key{g.Metric, g.GivenWith, g.Target}
		if first, dup := seen[k]; dup {
			s.report(s.at(n), p(), "guidance for %s given with %s for %s appears twice (first at line %d)",
				clip(g.Metric), clip(g.GivenWith), clip(g.Target), s.line(s.at(s.t.elem(arr, first))))
		} else {
			seen[k] = i
		}
	}
}

func (s *semantic) annualActuals() {
	arr := s.t.member(s.root, "annual_actuals")
	type key struct {
		metric string
		year   int
	}
	seen := make(map[key]int, len(s.d.AnnualActuals))
	for i, a := range s.d.AnnualActuals {
		n := s.t.elem(arr, i)
		p := func() string { return fmt.Sprintf("annual_actuals[%d]", i) }
		s.knownMetric(s.field(n, "metric"), func() string { return p() + ".metric" }, a.Metric)
		if a.FiscalYear < 1900 || a.FiscalYear > 2999 {
			s.report(s.field(n, "fiscal_year"), p()+".fiscal_year", "fiscal year %d is out of range (want 1900 to 2999)", a.FiscalYear)
		}
		if !finite(a.Value) { // cannot happen after decoding; kept as a guard
			s.report(s.field(n, "value"), p()+".value", "the value is not a finite number")
		}
		if strings.TrimSpace(a.Source) == "" {
			s.report(s.field(n, "source"), p()+".source", "the source is empty; every annual figure needs one")
		}
		k := key{a.Metric, a.FiscalYear}
		if first, dup := seen[k]; dup {
			s.report(s.at(n), p(), "the annual actual for %s in FY%d appears twice (first at line %d)",
				clip(a.Metric), a.FiscalYear, s.line(s.at(s.t.elem(arr, first))))
		} else {
			seen[k] = i
		}
	}
}

// fmtNum prints a number for a message without float noise.
func fmtNum(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return fmt.Sprintf("%.0f", f)
	}
	return fmt.Sprintf("%g", f)
}
