package xbrl

import (
	"sort"
	"strings"
)

// fact is one usable reported value: from an allowed form, with valid
// dates, a finite value and a well-formed accession number.
type fact struct {
	start   day // 0 for an instant (a balance), which has no start
	end     day
	instant bool
	val     float64
	accn    string
	form    string
	filed   string // YYYY-MM-DD, so it sorts as text
	concept string
	unit    string
}

// days is the length of a duration fact, both ends counted.
func (f *fact) days() int { return int(f.end-f.start) + 1 }

// allowedForms are the forms whose facts are used: the periodic reports
// and their amendments. 8-K, proxy (DEF 14A) and prospectus facts are not,
// even when they carry a frame.
var allowedForms = map[string]bool{
	"10-K": true, "10-Q": true, "10-KT": true, "10-QT": true,
	"10-K/A": true, "10-Q/A": true, "10-KT/A": true, "10-QT/A": true,
}

func isAmendment(form string) bool { return strings.HasSuffix(form, "/A") }

// newer reports whether a supersedes b for the same period: the later
// filing date wins; on the same day an amendment wins over an original,
// then the later accession number. Two facts of the same filing (two
// concepts reporting one period) are equal: the one seen first, from the
// concept listed first, stays.
func newer(a, b *fact) bool {
	if a.filed != b.filed {
		return a.filed > b.filed
	}
	if am, bm := isAmendment(a.form), isAmendment(b.form); am != bm {
		return am
	}
	return a.accn > b.accn
}

// span is a fact's period: start and end days (start 0 for an instant).
type span struct{ start, end day }

// pick is the fact chosen for one period, and the first one filed for it,
// to tell a restatement.
type pick struct {
	latest, first *fact
}

// selection is every period a metric's concepts report, each with its
// chosen fact: candidate concepts merged period by period.
type selection map[span]*pick

// spans lists the selection's periods by end, then start, so that every
// walk over them is deterministic.
func (s selection) spans() []span {
	out := make([]span, 0, len(s))
	for k := range s {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].end != out[j].end {
			return out[i].end < out[j].end
		}
		return out[i].start < out[j].start
	})
	return out
}

// add offers f for its period.
func (s selection) add(f *fact) {
	k := span{f.start, f.end}
	p := s[k]
	if p == nil {
		s[k] = &pick{latest: f, first: f}
		return
	}
	if newer(f, p.latest) {
		p.latest = f
	}
	if f.filed < p.first.filed {
		p.first = f
	}
}

// maxMagnitude bounds a usable value by unit kind: a larger one is an
// error or hostile, and is skipped. Money reaches about 4e12 at the
// largest filers; a share count about 3e10.
func maxMagnitude(k unitKind) float64 {
	switch k {
	case perShare:
		return 1e7
	case shares:
		return 1e13
	}
	return 1e15
}

// readConcept adds the usable facts of concept c in the given units to
// sel, counting what it skips in stats.
func readConcept(c *conceptJSON, concept string, units []string, k unitKind, sel selection, stats *factStats) int {
	lim := maxMagnitude(k)
	used := 0
	for _, u := range units {
		facts := c.Units[u]
		for i := range facts {
			fj := &facts[i]
			if !allowedForms[fj.Form] {
				stats.otherForms++
				continue
			}
			f, ok := usable(fj, lim)
			if !ok {
				stats.unusable++
				continue
			}
			f.concept, f.unit = concept, u
			if f.filed > stats.latestFiled {
				stats.latestFiled = f.filed
			}
			stats.accessions[f.accn] = true
			sel.add(f)
			used++
		}
	}
	return used
}

// usable checks one fact's fields; it never trusts them.
func usable(fj *factJSON, lim float64) (*fact, bool) {
	if !fj.Val.ok || fj.Val.v > lim || fj.Val.v < -lim || !validAccession(fj.Accn) {
		return nil, false
	}
	end, ok := parseDay(fj.End)
	if !ok {
		return nil, false
	}
	if _, ok := parseDay(fj.Filed); !ok {
		return nil, false
	}
	f := &fact{end: end, val: fj.Val.v, accn: fj.Accn, form: fj.Form, filed: fj.Filed}
	if fj.Start == "" {
		f.instant = true
		return f, true
	}
	start, ok := parseDay(fj.Start)
	if !ok || start > end {
		return nil, false
	}
	f.start = start
	return f, true
}

// factStats counts what readConcept saw, for messages and warnings.
type factStats struct {
	otherForms  int // facts from forms that are not used (8-K, 20-F, ...)
	unusable    int // facts with a bad date, value or accession
	latestFiled string
	accessions  map[string]bool
}

// Durations, in days with both ends counted.
const (
	quarterMin = 80
	quarterMax = 120
	yearMin    = 350
	yearMax    = 380
)

func isQuarter(days int) bool { return days >= quarterMin && days <= quarterMax }

// qval is one discrete quarter of a metric: reported, or derived from
// year-to-date figures.
type qval struct {
	start, end day
	val        float64
	// pick is the reported 3-month fact, or for a derived quarter the
	// minuend (the longer year-to-date figure).
	pick *pick
	// minus are the figures subtracted: one shorter year-to-date figure,
	// or the three earlier quarters of the year.
	minus []*fact
	// minusQuarters is set when minus are the quarters 1-3 of the year.
	minusQuarters bool
}

func (q *qval) derived() bool { return len(q.minus) > 0 }

// quarters turns a metric's selection into discrete quarters by period
// end. Reported 3-month facts come first; with subtract set, a quarter
// not reported is the difference of two consecutive year-to-date figures
// with the same start (6 months minus 3, 9 minus 6, the full year minus 9
// months), and failing that the full year minus the year's first three
// quarters.
func (s selection) quarters(subtract bool) map[day]*qval {
	spans := s.spans()
	out := s.reportedQuarters(spans)
	if !subtract {
		return out
	}
	for e, q := range s.yearToDateDifferences(spans, out) {
		out[e] = q
	}
	s.yearMinusQuarters(spans, out)
	return out
}

// reportedQuarters is every 3-month fact, the latest filed per end.
func (s selection) reportedQuarters(spans []span) map[day]*qval {
	out := map[day]*qval{}
	for _, k := range spans {
		p := s[k]
		f := p.latest
		if f.instant || !isQuarter(f.days()) {
			continue
		}
		if cur := out[k.end]; cur == nil || newer(f, cur.pick.latest) {
			out[k.end] = &qval{start: k.start, end: k.end, val: f.val, pick: p}
		}
	}
	return out
}

// yearToDateDifferences derives the quarters reported doesn't have from
// year-to-date chains: every duration of up to a year, grouped by start,
// where two consecutive ends are a quarter apart.
func (s selection) yearToDateDifferences(spans []span, reported map[day]*qval) map[day]*qval {
	byStart := map[day][]*pick{}
	var starts []day
	for _, k := range spans {
		p := s[k]
		if p.latest.instant || p.latest.days() > yearMax {
			continue
		}
		if byStart[k.start] == nil {
			starts = append(starts, k.start)
		}
		byStart[k.start] = append(byStart[k.start], p) // in order of end
	}
	derived := map[day]*qval{}
	for _, st := range starts {
		chain := byStart[st]
		for i := 1; i < len(chain); i++ {
			a, b := chain[i-1].latest, chain[i].latest
			if !isQuarter(int(b.end - a.end)) {
				continue
			}
			if _, ok := reported[b.end]; ok {
				continue
			}
			q := &qval{start: a.end + 1, end: b.end, val: b.val - a.val, pick: chain[i], minus: []*fact{a}}
			if cur := derived[b.end]; cur == nil || newer(b, cur.pick.latest) {
				derived[b.end] = q
			}
		}
	}
	return derived
}

// yearMinusQuarters adds to out the full year minus its first three
// quarters, where no nine-month figure was there to subtract.
func (s selection) yearMinusQuarters(spans []span, out map[day]*qval) {
	byQStart := map[day]*qval{}
	for _, q := range out {
		if cur := byQStart[q.start]; cur == nil || q.end < cur.end {
			byQStart[q.start] = q
		}
	}
	for _, k := range spans {
		p := s[k]
		f := p.latest
		if f.instant || f.days() < yearMin || f.days() > yearMax {
			continue
		}
		if _, ok := out[k.end]; ok {
			continue
		}
		q1 := byQStart[k.start]
		if q1 == nil {
			continue
		}
		q2 := byQStart[q1.end+1]
		if q2 == nil {
			continue
		}
		q3 := byQStart[q2.end+1]
		if q3 == nil || !isQuarter(int(k.end-q3.end)) {
			continue
		}
		var minus []*fact
		for _, q := range []*qval{q1, q2, q3} {
			minus = append(minus, q.pick.latest)
			minus = append(minus, q.minus...)
		}
		out[k.end] = &qval{start: q3.end + 1, end: k.end, val: f.val - q1.val - q2.val - q3.val,
			pick: p, minus: minus, minusQuarters: true}
	}
}

// instants is the selection's balances by date.
func (s selection) instants() map[day]*pick {
	out := map[day]*pick{}
	for k, p := range s {
		if p.latest.instant {
			out[k.end] = p
		}
	}
	return out
}
