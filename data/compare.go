package data

import "time"

// Peers is several companies' data sets compared on one calendar: each
// company's fiscal quarters are placed in calendar quarters (see
// Dataset.CalendarQuarter), so a company whose year ends in September sits
// beside one whose year ends in December. Build it with NewPeers; like a
// Dataset it is read-only afterwards and safe to share between sessions.
type Peers struct {
	// Companies are the data sets, in the order given.
	Companies []*Dataset

	span     []CalendarQuarter         // every calendar quarter from the first reported to the last
	at       []map[CalendarQuarter]int // per company: calendar quarter -> fiscal quarter index
	reported []map[string]bool         // per company: metric ids with at least one figure
	metrics  []string                  // ids at least two companies report
}

// NewPeers aligns ds on the calendar. Nil data sets are skipped.
func NewPeers(ds []*Dataset) *Peers {
	p := &Peers{}
	var first, last CalendarQuarter
	have := false
	for _, d := range ds {
		if d == nil {
			continue
		}
		p.Companies = append(p.Companies, d)
		at, dFirst, dLast, ok := placeOnCalendar(d)
		if ok {
			if !have || dFirst.Before(first) {
				first = dFirst
			}
			if !have || last.Before(dLast) {
				last = dLast
			}
			have = true
		}
		p.at = append(p.at, at)
		p.reported = append(p.reported, reportedMetrics(d))
	}
	if have {
		// Bounded: Parse keeps fiscal years within 1900-2999.
		for q := first; !last.Before(q); q = q.Next() {
			p.span = append(p.span, q)
		}
	}
	p.metrics = sharedMetrics(p.Companies, p.reported)
	return p
}

// placeOnCalendar maps the calendar quarters d's fiscal quarters fall in
// to their index, and says which is the first and the last (ok false when
// no quarter has a span).
func placeOnCalendar(d *Dataset) (at map[CalendarQuarter]int, first, last CalendarQuarter, ok bool) {
	at = make(map[CalendarQuarter]int, len(d.Quarters))
	days := make(map[CalendarQuarter]int, len(d.Quarters))
	for qi := range d.Quarters {
		start, end, spans := d.QuarterSpan(qi)
		if !spans {
			continue
		}
		cq := CalendarQuarterFor(start, end)
		// Two fiscal quarters can land in one calendar quarter (a short
		// quarter after a long one, or a change of fiscal year): the one
		// with more days in it wins, the later on a tie, and the other is
		// not shown on the calendar.
		if n := overlapDays(start, end, cq); n >= days[cq] {
			at[cq], days[cq] = qi, n
		}
		if !ok || cq.Before(first) {
			first = cq
		}
		if !ok || last.Before(cq) {
			last = cq
		}
		ok = true
	}
	return at, first, last, ok
}

// reportedMetrics is the ids of d's metrics with a figure in at least one
// quarter.
func reportedMetrics(d *Dataset) map[string]bool {
	rep := map[string]bool{}
	for _, m := range d.Metrics {
		for qi := range d.Quarters {
			if _, ok := d.Get(qi, m.ID); ok {
				rep[m.ID] = true
				break
			}
		}
	}
	return rep
}

// sharedMetrics is the ids at least two companies report (reported[i] is
// companies[i]'s), in the order the first company lists them, then the
// next company's others, and so on.
func sharedMetrics(companies []*Dataset, reported []map[string]bool) []string {
	var ids []string
	seen := map[string]bool{}
	for _, d := range companies {
		for _, m := range d.Metrics {
			if seen[m.ID] {
				continue
			}
			seen[m.ID] = true
			n := 0
			for _, rep := range reported {
				if rep[m.ID] {
					n++
				}
			}
			if n >= 2 {
				ids = append(ids, m.ID)
			}
		}
	}
	return ids
}

// overlapDays is how many days from start to end fall in cq.
func overlapDays(start, end time.Time, cq CalendarQuarter) int {
	from, to := cq.start(), cq.Next().start().AddDate(0, 0, -1)
	if from.Before(start) {
		from = start
	}
	if to.After(end) {
		to = end
	}
	if to.Before(from) {
		return 0
	}
	return int(to.Sub(from).Hours()/24) + 1
}

// Calendar is every calendar quarter from the earliest any company reports
// to the latest, with none skipped, oldest first.
func (p *Peers) Calendar() []CalendarQuarter { return p.span }

// CalendarIndex is the index of cq in Calendar, or -1.
func (p *Peers) CalendarIndex(cq CalendarQuarter) int {
	if len(p.span) == 0 {
		return -1
	}
	first := p.span[0]
	i := (cq.Year-first.Year)*4 + cq.Quarter - first.Quarter
	if i < 0 || i >= len(p.span) {
		return -1
	}
	return i
}

// QuarterAt is the index of company c's fiscal quarter placed in calendar
// quarter cq, or -1 when it has none there (it had not reported yet, or its
// file does not go back that far).
func (p *Peers) QuarterAt(c int, cq CalendarQuarter) int {
	if c < 0 || c >= len(p.at) {
		return -1
	}
	if qi, ok := p.at[c][cq]; ok {
		return qi
	}
	return -1
}

// Metrics are the ids of the metrics at least two companies report (a
// figure in at least one quarter; ratios count), in the order the first
// company lists them, then the next company's others, and so on.
func (p *Peers) Metrics() []string { return p.metrics }

// Metric is metric id's definition from the first company that reports it.
func (p *Peers) Metric(id string) (Metric, bool) {
	for c, d := range p.Companies {
		if p.reported[c][id] {
			return d.Metric(id)
		}
	}
	return Metric{}, false
}

// Reports says whether company c has at least one figure for metric id.
func (p *Peers) Reports(c int, id string) bool {
	return c >= 0 && c < len(p.reported) && p.reported[c][id]
}

// Comparison is one metric in one calendar quarter across companies.
type Comparison struct {
	Metric   Metric
	Calendar CalendarQuarter
	// Currency is what a money metric is compared in; "" for other units.
	Currency string
	// Rows are the companies compared, in Peers order.
	Rows []ComparisonRow
	// Left are the companies left out of this comparison, and why.
	Left []LeftOut
}

// ComparisonRow is one company's figure in a Comparison. A company with no
// fiscal quarter in the calendar quarter, or no figure in it, has a row
// with OK false: a gap, never a zero.
type ComparisonRow struct {
	Company int // index into Peers.Companies
	// Quarter is the company's fiscal quarter placed in the calendar
	// quarter, -1 when it has none there; Fiscal and PeriodEnd describe it.
	Quarter   int
	Fiscal    Period
	PeriodEnd string
	Value     Value
	OK        bool
	// QoQ and YoY are the company's own changes (against its previous
	// fiscal quarter and the same fiscal quarter a year earlier), with the
	// same rules as everywhere else (Dataset.QoQ, Dataset.YoY).
	QoQ, YoY     Change
	QoQOK, YoYOK bool
}

// LeftOut is a company not compared, with the reason in words.
type LeftOut struct {
	Company int
	Reason  string
}

// isMoney reports whether u is in the company's currency.
func isMoney(u Unit) bool {
	return u == UnitCurrencyMillions || u == UnitCurrencyPerShare || u == UnitCurrency
}

// Compare is metric id across the companies in calendar quarter cq.
//
// Like is compared with like: every company that reports id is compared in
// the unit most of them use (the earliest company's on a tie), and a money
// metric only among companies of the currency most of them report in (the
// earliest company's on a tie). The others, and companies that do not
// report id at all, are in Left with the reason.
func (p *Peers) Compare(id string, cq CalendarQuarter) Comparison {
	m, _ := p.Metric(id)
	cmp := Comparison{Metric: m, Calendar: cq}
	unitOf := func(c int) Unit {
		mm, _ := p.Companies[c].Metric(id)
		return mm.Unit
	}
	var reporting []int
	for c := range p.Companies {
		if p.reported[c][id] {
			reporting = append(reporting, c)
		} else {
			cmp.Left = append(cmp.Left, LeftOut{Company: c, Reason: "does not report " + labelOf(m, id)})
		}
	}
	unit := majority(reporting, func(c int) string { return string(unitOf(c)) })
	if isMoney(Unit(unit)) {
		cmp.Currency = majority(reporting, func(c int) string {
			if unitOf(c) != Unit(unit) {
				return ""
			}
			return p.Companies[c].Company.Currency
		})
	}
	for _, c := range reporting {
		d := p.Companies[c]
		switch {
		case string(unitOf(c)) != unit:
			cmp.Left = append(cmp.Left, LeftOut{Company: c,
				Reason: "gives " + labelOf(m, id) + " in " + string(unitOf(c)) + ", not " + unit})
			continue
		case cmp.Currency != "" && d.Company.Currency != cmp.Currency:
			cmp.Left = append(cmp.Left, LeftOut{Company: c,
				Reason: "reports in " + d.Company.Currency + "; money is compared in " + cmp.Currency + " only"})
			continue
		}
		row := ComparisonRow{Company: c, Quarter: p.QuarterAt(c, cq)}
		if qi := row.Quarter; qi >= 0 {
			q := d.Quarters[qi]
			row.Fiscal, row.PeriodEnd = q.Period(), q.PeriodEnd
			row.Value, row.OK = d.Get(qi, id)
			row.QoQ, row.QoQOK = d.QoQ(qi, id)
			row.YoY, row.YoYOK = d.YoY(qi, id)
		}
		cmp.Rows = append(cmp.Rows, row)
	}
	sortLeft(cmp.Left)
	return cmp
}

// sortLeft orders left-out companies by their position, so the list reads
// in the order the companies were opened.
func sortLeft(l []LeftOut) {
	for i := 1; i < len(l); i++ {
		for j := i; j > 0 && l[j].Company < l[j-1].Company; j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
}

func labelOf(m Metric, id string) string {
	if m.Label != "" {
		return m.Label
	}
	return id
}

// majority is the key most of cs have (ignoring ""), the earliest
// company's on a tie; "" when none has one.
func majority(cs []int, key func(int) string) string {
	count := map[string]int{}
	best, bestN := "", 0
	for _, c := range cs {
		k := key(c)
		if k == "" {
			continue
		}
		count[k]++
	}
	for _, c := range cs {
		if k := key(c); k != "" && count[k] > bestN {
			best, bestN = k, count[k]
		}
	}
	return best
}

// Series is company c's metric id over Calendar(), one point per calendar
// quarter; a quarter it has no figure for is a gap. Each point's Period
// holds the calendar quarter (Year, Quarter), not the fiscal one.
func (p *Peers) Series(c int, id string) []Point {
	pts := make([]Point, len(p.span))
	for i, cq := range p.span {
		pts[i].Period = Period{Year: cq.Year, Quarter: cq.Quarter}
		if qi := p.QuarterAt(c, cq); qi >= 0 {
			v, ok := p.Companies[c].Get(qi, id)
			pts[i].Value, pts[i].OK, pts[i].Approx = v.Value, ok, v.Approx
		}
	}
	return pts
}
