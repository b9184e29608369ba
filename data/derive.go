package data

import (
	"math"
	"sort"
)

// Get returns metric id's figure for quarter qi, computing derived (ratio)
// metrics. ok is false when the figure, or any input of a derived one, is
// missing: a gap stays a gap.
func (d *Dataset) Get(qi int, id string) (Value, bool) {
	if qi < 0 || qi >= len(d.Quarters) {
		return Value{}, false
	}
	m, ok := d.Metric(id)
	if !ok {
		return Value{}, false
	}
	if m.Ratio != nil {
		return d.ratio(qi, *m.Ratio)
	}
	v, ok := d.Quarters[qi].Values[id]
	if !ok || !finite(v.Value) {
		return Value{}, false
	}
	return v, true
}

func (d *Dataset) ratio(qi int, r Ratio) (Value, bool) {
	num, ok1 := d.Quarters[qi].Values[r.Numerator]
	den, ok2 := d.Quarters[qi].Values[r.Denominator]
	if !ok1 || !ok2 || den.Value == 0 {
		return Value{}, false
	}
	pct := num.Value / den.Value * 100
	if !finite(pct) {
		return Value{}, false
	}
	return Value{
		Value:   pct,
		Approx:  num.Approx || den.Approx,
		Derived: r.Numerator + " / " + r.Denominator,
		Source:  "computed from " + r.Numerator + " and " + r.Denominator,
	}, true
}

// Change is a move from an earlier figure to a later one.
type Change struct {
	From, To float64
	// Abs is To - From, in the metric's unit (percentage points for a
	// percent metric).
	Abs float64
	// Pct is the relative change in percent, measured against |From| so that
	// a loss shrinking from -4,000 to -3,000 reads as +25% (an improvement
	// of the figure). PctOK is false when From is zero.
	Pct    float64
	PctOK  bool
	Approx bool // either end is approximate
}

func change(from, to Value) Change {
	c := Change{From: from.Value, To: to.Value, Abs: to.Value - from.Value, Approx: from.Approx || to.Approx}
	if from.Value != 0 {
		c.Pct = c.Abs / math.Abs(from.Value) * 100
		c.PctOK = finite(c.Pct)
	}
	return c
}

// QoQ is the change from the previous fiscal quarter. It is missing when that
// quarter is not in the file or either figure is missing.
func (d *Dataset) QoQ(qi int, id string) (Change, bool) {
	return d.changeFrom(qi, id, func(p Period) Period { return p.Prev() })
}

// YoY is the change from the same fiscal quarter a year earlier.
func (d *Dataset) YoY(qi int, id string) (Change, bool) {
	return d.changeFrom(qi, id, func(p Period) Period { return Period{Year: p.Year - 1, Quarter: p.Quarter} })
}

func (d *Dataset) changeFrom(qi int, id string, earlier func(Period) Period) (Change, bool) {
	cur, ok := d.Get(qi, id)
	if !ok {
		return Change{}, false
	}
	pi := d.QuarterIndex(earlier(d.Quarters[qi].Period()))
	prev, ok := d.Get(pi, id)
	if !ok {
		return Change{}, false
	}
	return change(prev, cur), true
}

// TTM is the trailing-twelve-month sum of a flow metric ending at quarter qi:
// qi and the three fiscal quarters before it, all of which must be present.
// Point-in-time metrics have no TTM.
func (d *Dataset) TTM(qi int, id string) (Value, bool) {
	m, ok := d.Metric(id)
	if !ok || m.Kind != KindFlow || m.Ratio != nil || qi < 0 || qi >= len(d.Quarters) {
		return Value{}, false
	}
	p := d.Quarters[qi].Period()
	var sum Value
	for range 4 {
		v, ok := d.Get(d.QuarterIndex(p), id)
		if !ok {
			return Value{}, false
		}
		sum.Value += v.Value
		sum.Approx = sum.Approx || v.Approx
		p = p.Prev()
	}
	sum.Derived = "sum of four quarters"
	return sum, finite(sum.Value)
}

// Point is one quarter's figure in a series.
type Point struct {
	Period Period
	Value  float64
	OK     bool // false for a gap: the metric was not reported
	Approx bool
}

// Series is metric id across every quarter in file order, gaps kept as
// points with OK false.
func (d *Dataset) Series(id string) []Point {
	pts := make([]Point, len(d.Quarters))
	for i, q := range d.Quarters {
		v, ok := d.Get(i, id)
		pts[i] = Point{Period: q.Period(), Value: v.Value, OK: ok, Approx: v.Approx}
	}
	return pts
}

// Outcome places an actual against a guidance range.
type Outcome int

// Outcomes. OutcomeUnknown means the actual is not known (yet).
const (
	OutcomeUnknown Outcome = iota
	OutcomeBelow
	OutcomeWithin
	OutcomeAbove
)

// String names the outcome as the dashboard and the reference word it:
// "below", "within", "above" or "unknown".
func (o Outcome) String() string {
	switch o {
	case OutcomeBelow:
		return "below"
	case OutcomeWithin:
		return "within"
	case OutcomeAbove:
		return "above"
	}
	return "unknown"
}

// Place puts value against the range [low, high], inclusive.
func Place(value, low, high float64) Outcome {
	switch {
	case !finite(value):
		return OutcomeUnknown
	case value < low:
		return OutcomeBelow
	case value > high:
		return OutcomeAbove
	}
	return OutcomeWithin
}

// GuidanceTrack is every range given for one metric and target period, in
// the order they were given, with the outcome when it is known.
type GuidanceTrack struct {
	Metric string
	Target Period
	Ranges []Guidance // oldest first
	Actual Value
	// HasActual is false while the target period is not complete or its
	// figure is missing.
	HasActual bool
	// Outcome is the actual against the final (latest) range.
	Outcome Outcome
}

// Final is the latest range given, the one the outcome is judged against.
// GuidanceTracks never makes a track without ranges; for a zero
// GuidanceTrack, Final is the zero Guidance rather than a panic.
func (t GuidanceTrack) Final() Guidance {
	if len(t.Ranges) == 0 {
		return Guidance{}
	}
	return t.Ranges[len(t.Ranges)-1]
}

// GuidanceTracks groups the guidance for metric by target period, oldest
// target first. Annual targets take their actual from AnnualActuals, or
// from the sum of four reported quarters of a flow metric; quarterly
// targets from that quarter's figure.
func (d *Dataset) GuidanceTracks(metric string) []GuidanceTrack {
	byTarget := map[Period]*GuidanceTrack{}
	var order []Period
	for _, g := range d.Guidance {
		if g.Metric != metric {
			continue
		}
		tp, err := ParsePeriod(g.Target)
		if err != nil {
			continue
		}
		t, ok := byTarget[tp]
		if !ok {
			t = &GuidanceTrack{Metric: metric, Target: tp}
			byTarget[tp] = t
			order = append(order, tp)
		}
		t.Ranges = append(t.Ranges, g)
	}
	sort.Slice(order, func(i, j int) bool { return order[i].Before(order[j]) })
	out := make([]GuidanceTrack, 0, len(order))
	for _, tp := range order {
		t := byTarget[tp]
		sort.SliceStable(t.Ranges, func(i, j int) bool {
			a, _ := ParsePeriod(t.Ranges[i].GivenWith)
			b, _ := ParsePeriod(t.Ranges[j].GivenWith)
			return a.Before(b)
		})
		t.Actual, t.HasActual = d.Actual(metric, tp)
		if t.HasActual {
			f := t.Final()
			t.Outcome = Place(t.Actual.Value, f.Low, f.High)
		}
		out = append(out, *t)
	}
	return out
}

// Actual is metric's outcome for period p: a quarter's figure, or a fiscal
// year's from AnnualActuals or, failing that, the sum of its four quarters
// for a flow metric.
func (d *Dataset) Actual(metric string, p Period) (Value, bool) {
	if !p.IsYear() {
		return d.Get(d.QuarterIndex(p), metric)
	}
	for _, a := range d.AnnualActuals {
		if a.Metric == metric && a.FiscalYear == p.Year && finite(a.Value) {
			return Value{Value: a.Value, Approx: a.Approx, StatedAs: a.StatedAs, Source: a.Source, Derived: a.Derived, Note: a.Note}, true
		}
	}
	return d.TTM(d.QuarterIndex(Period{Year: p.Year, Quarter: 4}), metric)
}

// GuidanceFor is the guidance for metric given with quarter qi (all targets).
func (d *Dataset) GuidanceFor(qi int, metric string) []Guidance {
	if qi < 0 || qi >= len(d.Quarters) {
		return nil
	}
	label := d.Quarters[qi].Label()
	var out []Guidance
	for _, g := range d.Guidance {
		if g.Metric == metric && g.GivenWith == label {
			out = append(out, g)
		}
	}
	return out
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
