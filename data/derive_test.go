package data

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// The expected figures below are worked out by hand from the reference
// values (see docs/data-format.md for where they come from); the
// arithmetic is in the comments so a reader can check it without running
// anything. Percentages are compared to 0.01 percentage point.

const pctTol = 0.01

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// qi finds a quarter by label, failing the test when it is not there.
func qi(t *testing.T, d *Dataset, label string) int {
	t.Helper()
	p, err := ParsePeriod(label)
	if err != nil {
		t.Fatalf("bad label %q: %v", label, err)
	}
	i := d.QuarterIndex(p)
	if i < 0 {
		t.Fatalf("quarter %s not in data set", label)
	}
	return i
}

func TestChangesOnDefaultData(t *testing.T) {
	d := loadDefault(t)
	tests := []struct {
		name    string
		quarter string
		metric  string
		yoy     bool
		ok      bool
		abs     float64
		pct     float64
		approx  bool
	}{
		// 39,071 - 31,999 = 7,072; 7,072 / 31,999 = 0.221007 => +22.10%
		{"revenue yoy", "2024-Q2", "revenue", true, true, 7072, 22.10, false},
		// 39,071 - 36,455 = 2,616; 2,616 / 36,455 = 0.071760 => +7.18%
		{"revenue qoq", "2024-Q2", "revenue", false, true, 2616, 7.18, false},
		// Loss grew: -4,488 - (-3,846) = -642; -642 / |-3,846| = -0.166927 => -16.69%
		{"rl loss widens qoq", "2024-Q2", "reality_labs_operating_income", false, true, -642, -16.69, false},
		// -4,488 - (-3,739) = -749; -749 / 3,739 = -0.200321 => -20.03%
		{"rl loss widens yoy", "2024-Q2", "reality_labs_operating_income", true, true, -749, -20.03, false},
		// Loss shrank: -4,210 - (-4,967) = +757; 757 / 4,967 = 0.152406 => +15.24%
		{"rl loss shrinks qoq", "2025-Q1", "reality_labs_operating_income", false, true, 757, 15.24, false},
		// Last Facebook DAU: 2.11 - 2.09 = 0.02; 0.02 / 2.09 = 0.009569 => +0.96%
		{"fb dau last qoq", "2023-Q4", "facebook_dau", false, true, 0.02, 0.96, false},
		// Facebook DAU not reported from 2024-Q1 on: a gap, not a fall to zero.
		{"fb dau after stop", "2024-Q1", "facebook_dau", false, false, 0, 0, false},
		{"fb dau yoy after stop", "2024-Q4", "facebook_dau", true, false, 0, 0, false},
		// Threads has no figure before 2023-Q3, so its first quarter has no QoQ.
		{"threads first quarter", "2023-Q3", "threads_mau", false, false, 0, 0, false},
		// 275 - 100 = 175; 175 / 100 => +175%, both spoken figures => approx.
		{"threads yoy approx", "2024-Q3", "threads_mau", true, true, 175, 175, true},
		// The first quarter in the file has no earlier quarter to compare with.
		{"first quarter qoq", "2022-Q1", "revenue", false, false, 0, 0, false},
		// Ratio metrics change in percentage points: 2024-Q2 margin
		// 14,847 / 39,071 = 38.0001%; 2023-Q2 9,392 / 31,999 = 29.3509%;
		// difference 8.6492 pp; relative 8.6492 / 29.3509 = +29.47%.
		{"margin yoy", "2024-Q2", "operating_margin", true, true, 8.6492, 29.47, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i := qi(t, d, tc.quarter)
			var c Change
			var ok bool
			if tc.yoy {
				c, ok = d.YoY(i, tc.metric)
			} else {
				c, ok = d.QoQ(i, tc.metric)
			}
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v (change %+v)", ok, tc.ok, c)
			}
			if !ok {
				return
			}
			if !near(c.Abs, tc.abs, 0.001) || !c.PctOK || !near(c.Pct, tc.pct, pctTol) || c.Approx != tc.approx {
				t.Errorf("got abs %.4f pct %.4f (ok %v) approx %v; want abs %.4f pct %.2f approx %v",
					c.Abs, c.Pct, c.PctOK, c.Approx, tc.abs, tc.pct, tc.approx)
			}
		})
	}
}

func TestMarginsOnDefaultData(t *testing.T) {
	d := loadDefault(t)
	tests := []struct {
		quarter, metric string
		want            float64
	}{
		// 14,847 / 39,071 = 0.380000 => 38.00%
		{"2024-Q2", "operating_margin", 38.00},
		// 13,465 / 39,071 = 0.344629 => 34.46%
		{"2024-Q2", "net_margin", 34.46},
		// The one-off tax charge quarter: 2,709 / 51,242 = 0.052867 => 5.29%
		{"2025-Q3", "net_margin", 5.29},
	}
	for _, tc := range tests {
		v, ok := d.Get(qi(t, d, tc.quarter), tc.metric)
		if !ok || !near(v.Value, tc.want, pctTol) {
			t.Errorf("%s %s = %.4f (ok %v), want %.2f", tc.quarter, tc.metric, v.Value, ok, tc.want)
		}
		if v.Derived == "" {
			t.Errorf("%s %s: a computed figure must say how it was derived", tc.quarter, tc.metric)
		}
	}
}

func TestTTMOnDefaultData(t *testing.T) {
	d := loadDefault(t)
	tests := []struct {
		name, quarter, metric string
		ok                    bool
		want                  float64
		approx                bool
	}{
		// 36,455 + 39,071 + 40,589 + 48,385 = 164,500
		{"revenue 2024", "2024-Q4", "revenue", true, 164500, false},
		// 7,090 + 6,350 + 6,800~ + 7,900~ = 28,140, approximate because two are
		{"capex 2023 approx", "2023-Q4", "capex", true, 28140, true},
		// Only three quarters (2022-Q1..Q3) exist before 2022-Q4.
		{"too early", "2022-Q3", "revenue", false, 0, false},
		// 2025-Q4 R&D was not found, so no TTM spans it.
		{"gap inside", "2026-Q1", "research_and_development", false, 0, false},
		// Point-in-time figures are never summed.
		{"headcount is a point", "2024-Q4", "headcount", false, 0, false},
		{"dap is a point", "2024-Q4", "dap", false, 0, false},
		// Ratio metrics are not summed either.
		{"margin is a ratio", "2024-Q4", "operating_margin", false, 0, false},
		{"unknown metric", "2024-Q4", "no_such_metric", false, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, ok := d.TTM(qi(t, d, tc.quarter), tc.metric)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v (value %v)", ok, tc.ok, v.Value)
			}
			if ok && (v.Value != tc.want || v.Approx != tc.approx) {
				t.Errorf("got %v approx %v, want %v approx %v", v.Value, v.Approx, tc.want, tc.approx)
			}
		})
	}
}

func TestSeriesKeepsGaps(t *testing.T) {
	d := loadDefault(t)
	pts := d.Series("facebook_dau")
	if len(pts) != len(d.Quarters) {
		t.Fatalf("series has %d points for %d quarters", len(pts), len(d.Quarters))
	}
	// Reported 2022-Q1..2023-Q4 (8 quarters), then never again.
	for i, p := range pts {
		wantOK := p.Period.Before(Period{Year: 2024, Quarter: 1})
		if p.OK != wantOK {
			t.Errorf("point %d (%s): OK %v, want %v", i, p.Period, p.OK, wantOK)
		}
		if !p.OK && p.Value != 0 {
			t.Errorf("gap %s carries a value %v", p.Period, p.Value)
		}
	}
	if pts[0].Period.String() != "2022-Q1" || pts[0].Value != 1.96 {
		t.Errorf("first point %s %v, want 2022-Q1 1.96", pts[0].Period, pts[0].Value)
	}

	// Threads: gaps before launch (2022-Q1..2023-Q2) and after 2025-Q2.
	var got []string
	for _, p := range d.Series("threads_mau") {
		if p.OK {
			got = append(got, p.Period.String())
			if !p.Approx {
				t.Errorf("threads %s should be approximate", p.Period)
			}
		}
	}
	want := "2023-Q3 2023-Q4 2024-Q1 2024-Q2 2024-Q3 2024-Q4 2025-Q1 2025-Q2"
	if strings.Join(got, " ") != want {
		t.Errorf("threads reported in %v, want %s", got, want)
	}
}

func TestPlace(t *testing.T) {
	tests := []struct {
		name             string
		value, low, high float64
		want             Outcome
	}{
		{"FY2024 capex 39,230 in 38,000-40,000", 39230, 38000, 40000, OutcomeWithin},
		{"FY2025 capex 72,220 over 70,000-72,000", 72220, 70000, 72000, OutcomeAbove},
		{"FY2022 total expenses 87,665 over 85,000-87,000", 87665, 85000, 87000, OutcomeAbove},
		{"FY2024 total expenses 95,121 under 96,000-98,000", 95121, 96000, 98000, OutcomeBelow},
		{"low end is inside", 38000, 38000, 40000, OutcomeWithin},
		{"high end is inside", 40000, 38000, 40000, OutcomeWithin},
		{"NaN is unknown", math.NaN(), 1, 2, OutcomeUnknown},
		{"Inf is unknown", math.Inf(1), 1, 2, OutcomeUnknown},
	}
	for _, tc := range tests {
		if got := Place(tc.value, tc.low, tc.high); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// track finds the guidance track for target, failing when absent.
func track(t *testing.T, tracks []GuidanceTrack, target string) GuidanceTrack {
	t.Helper()
	p, err := ParsePeriod(target)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range tracks {
		if tr.Target == p {
			return tr
		}
	}
	t.Fatalf("no track for %s", target)
	return GuidanceTrack{}
}

func rangesOf(tr GuidanceTrack) string {
	var parts []string
	for _, g := range tr.Ranges {
		// $M in whole or decimal $B, e.g. 38500 => 38.5
		parts = append(parts, fmt.Sprintf("%s:%g-%g", g.GivenWith, g.Low/1000, g.High/1000))
	}
	return strings.Join(parts, " ")
}

func TestGuidanceTracksOnDefaultData(t *testing.T) {
	d := loadDefault(t)
	capex := d.GuidanceTracks("capex")
	var targets []string
	for _, tr := range capex {
		targets = append(targets, tr.Target.String())
	}
	if got := strings.Join(targets, " "); got != "FY2022 FY2023 FY2024 FY2025 FY2026" {
		t.Errorf("capex targets %s, want FY2022..FY2026 in order", got)
	}

	fy24 := track(t, capex, "FY2024")
	want := "2023-Q3:30-35 2023-Q4:30-37 2024-Q1:35-40 2024-Q2:37-40 2024-Q3:38-40"
	if got := rangesOf(fy24); got != want {
		t.Errorf("FY2024 capex ranges\n got  %s\n want %s", got, want)
	}
	if !fy24.HasActual || fy24.Actual.Value != 39225 || fy24.Outcome != OutcomeWithin {
		t.Errorf("FY2024 capex: actual %v (%v) outcome %v, want 39,225 within", fy24.Actual.Value, fy24.HasActual, fy24.Outcome)
	}
	// The annual actual (72,215) wins over the quarterly sum
	// 13,690 + 17,010 + 19,370 + 22,140 = 72,210; either way it is above 72,000.
	fy25 := track(t, capex, "FY2025")
	if fy25.Actual.Value != 72215 || fy25.Outcome != OutcomeAbove || fy25.Final().GivenWith != "2025-Q3" {
		t.Errorf("FY2025 capex: actual %v outcome %v final %s, want 72,215 above, final from 2025-Q3",
			fy25.Actual.Value, fy25.Outcome, fy25.Final().GivenWith)
	}
	// 2026 has only two quarters in the file: no actual, no verdict.
	if fy26 := track(t, capex, "FY2026"); fy26.HasActual || fy26.Outcome != OutcomeUnknown {
		t.Errorf("FY2026 capex: has actual %v outcome %v, want none", fy26.HasActual, fy26.Outcome)
	}

	costs := d.GuidanceTracks("costs_and_expenses")
	for _, tc := range []struct {
		target string
		actual float64
		want   Outcome
	}{
		{"FY2022", 87665, OutcomeAbove},   // final 85-87B
		{"FY2023", 88151, OutcomeWithin},  // final 87-89B
		{"FY2024", 95121, OutcomeBelow},   // final 96-98B
		{"FY2025", 117690, OutcomeWithin}, // final 116-118B
	} {
		tr := track(t, costs, tc.target)
		if tr.Actual.Value != tc.actual || tr.Outcome != tc.want {
			t.Errorf("%s total expenses: actual %v outcome %v, want %v %v", tc.target, tr.Actual.Value, tr.Outcome, tc.actual, tc.want)
		}
	}
}

func TestQuarterlyRevenueGuidance(t *testing.T) {
	d := loadDefault(t)
	rev := d.GuidanceTracks("revenue")
	tests := []struct {
		target string
		given  string
		actual float64
		ok     bool
		want   Outcome
	}{
		// Given with 2024-Q2: 38.5-41B; 2024-Q3 came in at 40,589.
		{"2024-Q3", "2024-Q2", 40589, true, OutcomeWithin},
		// Given with 2024-Q3: 45-48B; 2024-Q4 came in at 48,385.
		{"2024-Q4", "2024-Q3", 48385, true, OutcomeAbove},
		// Given with 2022-Q4: 26-28.5B; 2023-Q1 came in at 28,645.
		{"2023-Q1", "2022-Q4", 28645, true, OutcomeAbove},
		// Given with 2026-Q2 for 2026-Q3, which is not in the file.
		{"2026-Q3", "2026-Q2", 0, false, OutcomeUnknown},
	}
	for _, tc := range tests {
		tr := track(t, rev, tc.target)
		if len(tr.Ranges) != 1 || tr.Final().GivenWith != tc.given {
			t.Errorf("%s: ranges %s, want one given with %s", tc.target, rangesOf(tr), tc.given)
		}
		if tr.HasActual != tc.ok || tr.Actual.Value != tc.actual || tr.Outcome != tc.want {
			t.Errorf("%s: actual %v (%v) outcome %v, want %v (%v) %v", tc.target, tr.Actual.Value, tr.HasActual, tr.Outcome, tc.actual, tc.ok, tc.want)
		}
	}
}

func TestGuidanceForOnDefaultData(t *testing.T) {
	d := loadDefault(t)
	// The 2022-Q3 release gave capex for both 2022 (32-33B) and 2023 (34-39B).
	gs := d.GuidanceFor(qi(t, d, "2022-Q3"), "capex")
	if len(gs) != 2 || gs[0].Target != "FY2022" || gs[1].Target != "FY2023" || gs[1].Low != 34000 || gs[1].High != 39000 {
		t.Errorf("2022-Q3 capex guidance = %+v, want FY2022 and FY2023 34-39B", gs)
	}
	if gs := d.GuidanceFor(-1, "capex"); gs != nil {
		t.Errorf("out-of-range quarter gave %v", gs)
	}
}

// synthetic builds a small data set by hand: quarters of a flow metric
// "rev" and a point metric "users", a ratio "m" = inc / rev.
func synthetic(quarters ...Quarter) *Dataset {
	return &Dataset{
		SchemaVersion: SchemaVersion,
		Metrics: []Metric{
			{ID: "rev", Unit: UnitCurrencyMillions, Kind: KindFlow, Good: GoodUp},
			{ID: "inc", Unit: UnitCurrencyMillions, Kind: KindFlow, Good: GoodUp},
			{ID: "users", Unit: UnitPeopleMillions, Kind: KindPoint, Good: GoodUp},
			{ID: "m", Unit: UnitPercent, Kind: KindPoint, Good: GoodUp, Ratio: &Ratio{Numerator: "inc", Denominator: "rev"}},
		},
		Quarters: quarters,
	}
}

func sq(year, q int, vals map[string]float64) Quarter {
	out := Quarter{FiscalYear: year, FiscalQuarter: q, Values: map[string]Value{}}
	for k, v := range vals {
		out.Values[k] = Value{Value: v, Source: "test"}
	}
	return out
}

func TestChangeFromZeroBase(t *testing.T) {
	d := synthetic(
		sq(2024, 1, map[string]float64{"inc": 0}),
		sq(2024, 2, map[string]float64{"inc": 50}),
	)
	c, ok := d.QoQ(1, "inc")
	// 50 - 0 = 50; no percentage against a zero base.
	if !ok || c.Abs != 50 || c.PctOK {
		t.Errorf("got %+v ok %v, want abs 50 and PctOK false", c, ok)
	}
}

func TestRatioGaps(t *testing.T) {
	d := synthetic(
		sq(2024, 1, map[string]float64{"rev": 200, "inc": 50}),
		sq(2024, 2, map[string]float64{"rev": 200}), // income missing
		sq(2024, 3, map[string]float64{"rev": 0, "inc": 5}),
	)
	// 50 / 200 = 25%
	if v, ok := d.Get(0, "m"); !ok || v.Value != 25 {
		t.Errorf("margin = %v (%v), want 25", v.Value, ok)
	}
	if _, ok := d.Get(1, "m"); ok {
		t.Error("margin with a missing numerator should be missing")
	}
	if _, ok := d.Get(2, "m"); ok {
		t.Error("margin on zero revenue should be missing")
	}
	if _, ok := d.Get(5, "m"); ok {
		t.Error("out-of-range quarter should be missing")
	}
}

func TestQuarterGapInFile(t *testing.T) {
	// 2024-Q2 is absent from the file: 2024-Q3's QoQ must not compare with
	// 2024-Q1 just because it is the previous entry.
	d := synthetic(
		sq(2024, 1, map[string]float64{"rev": 100}),
		sq(2024, 3, map[string]float64{"rev": 130}),
	)
	if c, ok := d.QoQ(1, "rev"); ok {
		t.Errorf("QoQ across a missing quarter = %+v, want missing", c)
	}
}

func TestActualFallsBackToQuarterSum(t *testing.T) {
	d := synthetic(quarters2024(4)...)
	// No annual actual: 100 + 200 + 300 + 400 = 1,000.
	if v, ok := d.Actual("rev", Period{Year: 2024}); !ok || v.Value != 1000 {
		t.Errorf("FY2024 rev = %v (%v), want 1000 from four quarters", v.Value, ok)
	}
	// A point metric has no annual sum.
	if _, ok := d.Actual("users", Period{Year: 2024}); ok {
		t.Error("a point metric should have no annual actual")
	}
	// An annual actual, when given, wins over the sum.
	d.AnnualActuals = []AnnualActual{{Metric: "rev", FiscalYear: 2024, Value: 1001, Source: "test"}}
	if v, ok := d.Actual("rev", Period{Year: 2024}); !ok || v.Value != 1001 {
		t.Errorf("FY2024 rev = %v (%v), want the annual 1001", v.Value, ok)
	}
	// Three quarters only: the year is not complete.
	if _, ok := synthetic(quarters2024(3)...).Actual("rev", Period{Year: 2024}); ok {
		t.Error("a year with three quarters should have no actual")
	}
	// A quarterly target reads that quarter.
	if v, ok := d.Actual("rev", Period{Year: 2024, Quarter: 3}); !ok || v.Value != 300 {
		t.Errorf("2024-Q3 rev = %v (%v), want 300", v.Value, ok)
	}
}

func TestGuidanceTracksSortsRangesByGivenWith(t *testing.T) {
	d := synthetic(quarters2024(4)...)
	// Listed out of order in the file; tracks must come out oldest first,
	// and targets oldest first too.
	d.Guidance = []Guidance{
		{Metric: "rev", GivenWith: "2024-Q3", Target: "FY2024", Low: 900, High: 1000, Source: "t"},
		{Metric: "rev", GivenWith: "2024-Q1", Target: "FY2025", Low: 1, High: 2, Source: "t"},
		{Metric: "rev", GivenWith: "2024-Q1", Target: "FY2024", Low: 700, High: 900, Source: "t"},
		{Metric: "inc", GivenWith: "2024-Q2", Target: "FY2024", Low: 0, High: 1, Source: "t"},
		{Metric: "rev", GivenWith: "2024-Q2", Target: "FY2024", Low: 800, High: 950, Source: "t"},
	}
	tracks := d.GuidanceTracks("rev")
	if len(tracks) != 2 || tracks[0].Target.String() != "FY2024" || tracks[1].Target.String() != "FY2025" {
		t.Fatalf("tracks %+v, want FY2024 then FY2025", tracks)
	}
	var given []string
	for _, g := range tracks[0].Ranges {
		given = append(given, g.GivenWith)
	}
	if got := strings.Join(given, " "); got != "2024-Q1 2024-Q2 2024-Q3" {
		t.Errorf("ranges given with %s, want 2024-Q1 2024-Q2 2024-Q3", got)
	}
	// Actual 100 + 200 + 300 + 400 = 1,000 against the final 900-1,000: within.
	if !tracks[0].HasActual || tracks[0].Actual.Value != 1000 || tracks[0].Outcome != OutcomeWithin {
		t.Errorf("FY2024 track: actual %v (%v) outcome %v, want 1000 within", tracks[0].Actual.Value, tracks[0].HasActual, tracks[0].Outcome)
	}
	if tracks[1].HasActual {
		t.Error("FY2025 has no quarters, so no actual")
	}
}

// quarters2024 is the first n quarters of 2024 with rev = 100 x quarter
// (100, 200, 300, 400) and a constant point metric users = 7.
func quarters2024(n int) []Quarter {
	var qs []Quarter
	for q := 1; q <= n; q++ {
		qs = append(qs, sq(2024, q, map[string]float64{"rev": float64(100 * q), "users": 7}))
	}
	return qs
}

func TestGuidanceMidpoint(t *testing.T) {
	tests := []struct {
		low, high, want float64
	}{
		{37000, 40000, 38500},    // FY2024 capex given with 2024-Q2: (37 + 40) / 2 = 38.5B
		{130000, 145000, 137500}, // FY2026 capex given with 2026-Q2: (130 + 145) / 2 = 137.5B
		{38500, 41000, 39750},    // 2024-Q3 revenue given with 2024-Q2: (38.5 + 41) / 2 = 39.75B
		{5, 5, 5},                // a point guide
		{-6, -2, -4},             // a loss range
	}
	for _, tc := range tests {
		if got := (Guidance{Low: tc.low, High: tc.high}).Midpoint(); got != tc.want {
			t.Errorf("midpoint of %v-%v = %v, want %v", tc.low, tc.high, got, tc.want)
		}
	}
	// And on the default data: the FY2025 capex track's final range is
	// 70-72B given with 2025-Q3, midpoint 71B; the actual 72,215 (the
	// components, 69,691 + 2,524) is 1,215 above it.
	fy25 := track(t, loadDefault(t).GuidanceTracks("capex"), "FY2025")
	if mid := fy25.Final().Midpoint(); mid != 71000 || fy25.Actual.Value-mid != 1215 {
		t.Errorf("FY2025 capex: final midpoint %v, actual %v", mid, fy25.Actual.Value)
	}
}

func TestFinalOfEmptyTrack(t *testing.T) {
	if g := (GuidanceTrack{}).Final(); g != (Guidance{}) {
		t.Errorf("Final of an empty track = %+v, want the zero Guidance", g)
	}
}

// TestMissingInputsGiveMissingDerivedFigures checks each derived figure
// is missing, not zero, when the current figure itself is the gap.
func TestMissingInputsGiveMissingDerivedFigures(t *testing.T) {
	d := synthetic(
		sq(2023, 2, map[string]float64{"rev": 90, "inc": 9}),
		sq(2023, 3, map[string]float64{"rev": 95, "inc": 9}),
		sq(2023, 4, map[string]float64{"rev": 99, "inc": 9}),
		sq(2024, 1, map[string]float64{"rev": 100, "inc": 10}),
		sq(2024, 2, map[string]float64{"inc": 12}), // revenue not reported
	)
	if _, ok := d.QoQ(4, "rev"); ok {
		t.Error("QoQ of a missing figure should be missing")
	}
	if _, ok := d.YoY(4, "rev"); ok {
		t.Error("YoY of a missing figure should be missing")
	}
	if _, ok := d.Get(4, "m"); ok {
		t.Error("margin without revenue should be missing")
	}
	if _, ok := d.TTM(4, "rev"); ok {
		t.Error("TTM over a missing quarter should be missing")
	}
	// The neighbours still work: 2024-Q1 TTM = 90 + 95 + 99 + 100 = 384.
	if v, ok := d.TTM(3, "rev"); !ok || v.Value != 384 {
		t.Errorf("TTM 2024-Q1 = %v (%v), want 384", v.Value, ok)
	}
	// inc: 12 - 10 = 2, 2 / 10 = +20%.
	if c, ok := d.QoQ(4, "inc"); !ok || c.Abs != 2 || c.Pct != 20 {
		t.Errorf("QoQ inc = %+v (%v), want +2 / +20%%", c, ok)
	}
}

// TestDerivedFiguresCarryApprox checks an approximate input makes every
// figure computed from it approximate.
func TestDerivedFiguresCarryApprox(t *testing.T) {
	qs := quarters2024(4)
	qs[1].Values["inc"] = Value{Value: 30, Approx: true, Source: "spoken on the call"}
	d := synthetic(qs...)
	// 30 / 200 = 15%, approximate because income is.
	if v, ok := d.Get(1, "m"); !ok || v.Value != 15 || !v.Approx {
		t.Errorf("margin = %+v (%v), want 15 approx", v, ok)
	}
	if c, ok := d.QoQ(2, "users"); !ok || c.Approx {
		t.Errorf("QoQ of exact figures = %+v (%v), want exact", c, ok)
	}
	qs[2].Values["rev"] = Value{Value: 300, Approx: true, Source: "rounded"}
	// 100 + 200 + 300~ + 400 = 1,000~; QoQ 300~ -> 400 = +100, +33.33%~.
	if v, ok := d.TTM(3, "rev"); !ok || v.Value != 1000 || !v.Approx {
		t.Errorf("TTM = %+v (%v), want 1000 approx", v, ok)
	}
	if c, ok := d.QoQ(3, "rev"); !ok || c.Abs != 100 || !near(c.Pct, 33.33, pctTol) || !c.Approx {
		t.Errorf("QoQ = %+v (%v), want +100, +33.33%% approx", c, ok)
	}
}
