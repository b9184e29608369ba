package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// These tests hold the committed default data set (../quarters.json) to
// the sourced reference it was generated from, value for value, so that a
// hand edit or a generator bug cannot change a figure unnoticed. The
// reference is decoded generically on purpose: the test must not share
// the generator's reading of it.

const (
	defaultDataPath = "../quarters.json"
	referenceCopy   = "testdata/reference/meta_quarters_sourced.json"
	referenceShared = "../../shared/data/meta_quarters_sourced.json"
)

// refGuidanceMetric maps each reference guidance key prefix to the metric
// its ranges are for; quarterly ones target a quarter (for_period).
var refGuidanceMetric = map[string]struct {
	metric    string
	quarterly bool
}{
	"capex_guidance":                  {"capex", false},
	"capex_guidance_next_fy":          {"capex", false},
	"total_expenses_guidance":         {"costs_and_expenses", false},
	"total_expenses_guidance_next_fy": {"costs_and_expenses", false},
	"next_quarter_revenue_guidance":   {"revenue", true},
}

// refAnnualMetric maps annual_actuals keys to metric ids.
var refAnnualMetric = map[string]string{"capex": "capex", "total_expenses": "costs_and_expenses"}

func loadDefault(t *testing.T) *Dataset {
	t.Helper()
	b, err := os.ReadFile(defaultDataPath)
	if err != nil {
		t.Fatalf("read default data: %v", err)
	}
	d, err := Parse(b, "quarters.json")
	if err != nil {
		t.Fatalf("default data does not parse: %v", err)
	}
	return d
}

func loadReference(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile(referenceCopy)
	if err != nil {
		t.Fatalf("read reference copy: %v", err)
	}
	var ref map[string]any
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatalf("decode reference: %v", err)
	}
	return ref
}

// obj, str and num read the generic decoding; a wrong type reads as the
// zero value, which then fails the comparison it feeds.
func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }
func str(v any) string         { s, _ := v.(string); return s }
func num(v any) (float64, bool) {
	f, ok := v.(float64)
	return f, ok
}

// refQuarters returns the reference's quarters in file order.
func refQuarters(t *testing.T, ref map[string]any) []map[string]any {
	t.Helper()
	list, ok := ref["quarters"].([]any)
	if !ok || len(list) == 0 {
		t.Fatal("reference has no quarters")
	}
	out := make([]map[string]any, len(list))
	for i, q := range list {
		out[i] = obj(q)
	}
	return out
}

// isGuidanceKey reports whether a reference metric key is half of a
// guidance range, which the format keeps in Guidance, not in values.
func isGuidanceKey(k string) bool {
	for p := range refGuidanceMetric {
		if k == p+"_low" || k == p+"_high" {
			return true
		}
	}
	return false
}

func TestDefaultDataPeriodsMatchReference(t *testing.T) {
	d, ref := loadDefault(t), loadReference(t)
	rqs := refQuarters(t, ref)
	var want, got []string
	for _, rq := range rqs {
		want = append(want, str(rq["period"]))
	}
	for _, q := range d.Quarters {
		got = append(got, q.Label())
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("periods:\n got  %v\n want %v", got, want)
	}
	for i, rq := range rqs {
		q := d.Quarters[i]
		if q.PeriodEnd != str(rq["period_end"]) || q.ReportedOn != str(rq["reported_on"]) {
			t.Errorf("%s: period_end/reported_on %s/%s, reference %s/%s",
				q.Label(), q.PeriodEnd, q.ReportedOn, rq["period_end"], rq["reported_on"])
		}
	}
}

func TestDefaultDataValuesMatchReference(t *testing.T) {
	d, ref := loadDefault(t), loadReference(t)
	checked := 0
	for _, rq := range refQuarters(t, ref) {
		label := str(rq["period"])
		p, err := ParsePeriod(label)
		if err != nil {
			t.Fatalf("reference period %q: %v", label, err)
		}
		qi := d.QuarterIndex(p)
		if qi < 0 {
			t.Errorf("%s: in the reference, missing from quarters.json", label)
			continue
		}
		q := d.Quarters[qi]
		rm := obj(rq["metrics"])
		ids := make([]string, 0, len(rm))
		for id := range rm {
			ids = append(ids, id)
		}
		sort.Strings(ids) // stable failure messages
		for _, id := range ids {
			if isGuidanceKey(id) {
				continue
			}
			e := obj(rm[id])
			got, present := q.Values[id]
			if e["value"] == nil {
				if present {
					t.Errorf("%s %s: reference has null (not reported), quarters.json has %v", label, id, got.Value)
				}
				continue
			}
			want, isNum := num(e["value"])
			if !isNum {
				t.Errorf("%s %s: reference value %v is not a number", label, id, e["value"])
				continue
			}
			if !present {
				t.Errorf("%s %s: reference has %v, quarters.json has none", label, id, want)
				continue
			}
			checked++
			if got.Value != want {
				t.Errorf("%s %s: quarters.json has %v, reference %v", label, id, got.Value, want)
			}
			if wantApprox := str(e["flag"]) == "approx"; got.Approx != wantApprox {
				t.Errorf("%s %s: approx %v, reference flag %q", label, id, got.Approx, e["flag"])
			}
			if got.Source != str(e["source"]) {
				t.Errorf("%s %s: source %q, reference %q", label, id, got.Source, e["source"])
			}
			if got.StatedAs != str(e["stated_as"]) {
				t.Errorf("%s %s: stated_as %q, reference %q", label, id, got.StatedAs, e["stated_as"])
			}
		}
		for id := range q.Values {
			if e := obj(rm[id]); e == nil || e["value"] == nil {
				t.Errorf("%s %s: quarters.json has a value the reference lacks", label, id)
			}
		}
	}
	// A guard against the loop passing vacuously (say, if every value were
	// skipped): the reference holds 313 non-guidance figures.
	if checked != 313 {
		t.Errorf("compared %d values, want 313", checked)
	}
}

// guidanceKey is a comparable summary of one range.
func guidanceKey(metric, given, target string, low, high float64, approx bool, source string) string {
	return fmt.Sprintf("%s given %s for %s: %v-%v approx=%v source=%s", metric, given, target, low, high, approx, source)
}

// refRange is one guidance range of the reference: its two ends, the
// metric, the quarter that gave it and the period it is for.
type refRange struct {
	metric, given, target string
	lo, hi                map[string]any
}

// refRanges lists the reference's guidance ranges, reading each quarter's
// *_low/*_high pairs; a pair whose low end is null was not given.
func refRanges(t *testing.T, ref map[string]any) []refRange {
	t.Helper()
	var out []refRange
	for _, rq := range refQuarters(t, ref) {
		rm := obj(rq["metrics"])
		for prefix, gm := range refGuidanceMetric {
			lo, hi := obj(rm[prefix+"_low"]), obj(rm[prefix+"_high"])
			if lo == nil || lo["value"] == nil {
				continue
			}
			target := str(lo["for_period"])
			if !gm.quarterly {
				fy, _ := num(lo["fiscal_year"])
				target = "FY" + strconv.Itoa(int(fy))
			}
			out = append(out, refRange{metric: gm.metric, given: str(rq["period"]), target: target, lo: lo, hi: hi})
		}
	}
	return out
}

func TestDefaultDataGuidanceMatchesReference(t *testing.T) {
	d, ref := loadDefault(t), loadReference(t)
	var want []string
	for _, r := range refRanges(t, ref) {
		low, _ := num(r.lo["value"])
		high, _ := num(r.hi["value"])
		approx := str(r.lo["flag"]) == "approx" || str(r.hi["flag"]) == "approx"
		want = append(want, guidanceKey(r.metric, r.given, r.target, low, high, approx, str(r.lo["source"])))
	}
	var got []string
	for _, g := range d.Guidance {
		got = append(got, guidanceKey(g.Metric, g.GivenWith, g.Target, g.Low, g.High, g.Approx, g.Source))
	}
	diffLists(t, "guidance", got, want, 58)
}

func TestDefaultDataAnnualActualsMatchReference(t *testing.T) {
	d, ref := loadDefault(t), loadReference(t)
	var want []string
	for year, ry := range obj(ref["annual_actuals"]) {
		fy, err := strconv.Atoi(year)
		if err != nil {
			continue // the "_definition" block
		}
		for key, metric := range refAnnualMetric {
			e := obj(obj(ry)[key])
			if e == nil || e["value"] == nil {
				continue
			}
			v, _ := num(e["value"])
			want = append(want, fmt.Sprintf("%s FY%d %v approx=%v source=%s", metric, fy, v, str(e["flag"]) == "approx", str(e["source"])))
		}
	}
	var got []string
	for _, a := range d.AnnualActuals {
		got = append(got, fmt.Sprintf("%s FY%d %v approx=%v source=%s", a.Metric, a.FiscalYear, a.Value, a.Approx, a.Source))
	}
	diffLists(t, "annual actuals", got, want, 8)
}

// TestDefaultDataGuidanceHistoryMatchesReference checks the guidance
// tracks the dashboard builds against the reference's own per-year
// history and its verdict (within/above/below the last range).
func TestDefaultDataGuidanceHistoryMatchesReference(t *testing.T) {
	d, ref := loadDefault(t), loadReference(t)
	for year, ry := range obj(ref["annual_actuals"]) {
		fy, err := strconv.Atoi(year)
		if err != nil {
			continue
		}
		for key, metric := range refAnnualMetric {
			hist, _ := obj(ry)[key+"_guidance_history"].([]any)
			var track *GuidanceTrack
			for _, tr := range d.GuidanceTracks(metric) {
				if tr.Target == (Period{Year: fy}) {
					track = &tr
				}
			}
			if track == nil {
				t.Errorf("FY%d %s: no guidance track", fy, metric)
				continue
			}
			var got, want []string
			for _, g := range track.Ranges {
				got = append(got, fmt.Sprintf("%s %v-%v", g.GivenWith, g.Low, g.High))
			}
			for _, h := range hist {
				lo, _ := num(obj(h)["low"])
				hi, _ := num(obj(h)["high"])
				want = append(want, fmt.Sprintf("%s %v-%v", str(obj(h)["given_with"]), lo, hi))
			}
			if strings.Join(got, ", ") != strings.Join(want, ", ") {
				t.Errorf("FY%d %s guidance history:\n got  %v\n want %v", fy, metric, got, want)
			}
			pos := str(obj(obj(ry)[key+"_vs_last_guidance"])["position"])
			if pos == "" {
				if track.HasActual {
					t.Errorf("FY%d %s: has an actual, the reference has no verdict", fy, metric)
				}
				continue
			}
			if !track.HasActual || track.Outcome.String() != pos {
				t.Errorf("FY%d %s: outcome %v (has actual %v), reference says %q", fy, metric, track.Outcome, track.HasActual, pos)
			}
		}
	}
}

func TestDefaultDataNotesMatchReference(t *testing.T) {
	d, ref := loadDefault(t), loadReference(t)
	for _, rq := range refQuarters(t, ref) {
		label := str(rq["period"])
		p, _ := ParsePeriod(label)
		qi := d.QuarterIndex(p)
		if qi < 0 {
			t.Errorf("%s: missing", label)
			continue
		}
		notes, _ := rq["notes"].([]any)
		for _, rn := range notes {
			text, src := str(obj(rn)["text"]), str(obj(rn)["source"])
			found := false
			for _, n := range d.Quarters[qi].Notes {
				if n.Text == text && n.Source == src {
					found = true
				}
			}
			// Notes the reference grades as from a weak source (an
			// AI-written page) are left out: a note has no approx flag.
			weak := strings.HasPrefix(strings.ToLower(str(obj(rn)["reliability"])), "low")
			switch {
			case weak && found:
				t.Errorf("%s: note %.60q from a weak source is shown", label, text)
			case !weak && !found:
				t.Errorf("%s: reference note %.60q (source %s) is missing", label, text, src)
			}
		}
	}
}

// TestDefaultDataGuidanceWordingFromReference checks each range's
// stated_as is the reference's own wording of that range (its low or its
// high end's), never text the generator made up.
func TestDefaultDataGuidanceWordingFromReference(t *testing.T) {
	d, ref := loadDefault(t), loadReference(t)
	wording := map[string][]string{} // metric given target -> allowed texts
	for _, r := range refRanges(t, ref) {
		k := r.metric + " " + r.given + " " + r.target
		wording[k] = append(wording[k], str(r.lo["stated_as"]), str(r.hi["stated_as"]))
	}
	for _, g := range d.Guidance {
		k := g.Metric + " " + g.GivenWith + " " + g.Target
		if !slices.Contains(wording[k], g.StatedAs) {
			t.Errorf("%s: stated_as %q is not the reference's wording %q", k, g.StatedAs, wording[k])
		}
	}
}

// seedNotes are the notes quarters.json may carry beyond the reference's:
// the two facts from the project's seed article (data/README.md), on the
// quarter the article reported on.
var seedNotes = []struct{ quarter, contains string }{
	{"2024-Q2", "Llama 3 is believed to have been trained on about 16,000 GPUs"},
	{"2024-Q2", "Llama 4 is expected to need almost 10x the compute"},
}

// TestDefaultDataNotesAreSourced checks the other direction from
// TestDefaultDataNotesMatchReference: every note in quarters.json is a
// reference note or one of the seed article's facts, cited to The Register,
// so no note can be invented or moved to another quarter.
func TestDefaultDataNotesAreSourced(t *testing.T) {
	d, ref := loadDefault(t), loadReference(t)
	refNotes := map[string][]map[string]any{}
	for _, rq := range refQuarters(t, ref) {
		notes, _ := rq["notes"].([]any)
		for _, n := range notes {
			refNotes[str(rq["period"])] = append(refNotes[str(rq["period"])], obj(n))
		}
	}
	seeds := 0
	for _, q := range d.Quarters {
		for _, n := range q.Notes {
			found := false
			for _, rn := range refNotes[q.Label()] {
				if strings.HasPrefix(n.Text, str(rn["text"])) && n.Source == str(rn["source"]) {
					found = true
				}
			}
			for _, sn := range seedNotes {
				if q.Label() == sn.quarter && strings.Contains(n.Text, sn.contains) &&
					strings.HasPrefix(n.Source, "The Register, 1 August 2024") {
					found = true
					seeds++
				}
			}
			if !found {
				t.Errorf("%s: note %.60q (source %s) is neither in the reference nor a seed fact", q.Label(), n.Text, n.Source)
			}
		}
	}
	if seeds != len(seedNotes) {
		t.Errorf("found %d of the %d seed-article notes", seeds, len(seedNotes))
	}
}

// TestDefaultDataOneOffNotes checks the note classification against the
// one-off items the reference's notes file lists ("Surprises / one-offs"):
// restructuring in 2022-Q4 and 2023-Q1, legal costs in 2023-Q2, the Texas
// settlement in 2024-Q2, the legal-accrual reversal in 2024-Q4, the tax
// charge in 2025-Q3, the tax benefit in 2026-Q1, and legal charges and
// severance in 2026-Q2: one one-off note each, and none elsewhere.
func TestDefaultDataOneOffNotes(t *testing.T) {
	d := loadDefault(t)
	var got []string
	for _, q := range d.Quarters {
		for _, n := range q.Notes {
			if n.Kind == NoteOneOff {
				got = append(got, q.Label())
			}
		}
	}
	want := "2022-Q4 2023-Q1 2023-Q2 2024-Q2 2024-Q4 2025-Q3 2026-Q1 2026-Q2"
	if strings.Join(got, " ") != want {
		t.Errorf("one-off notes in %v, want one each in %s", got, want)
	}
}

// TestDefaultDataHasNoResearchDiary: what readers see (quarter notes and
// the notes of figures, ranges and full years) says what a figure is, not
// how the reference hunted it down; the grading lives in source and approx.
func TestDefaultDataHasNoResearchDiary(t *testing.T) {
	d := loadDefault(t)
	var texts []string
	for _, q := range d.Quarters {
		for _, n := range q.Notes {
			texts = append(texts, q.Label()+" note: "+n.Text)
		}
		for id, v := range q.Values {
			texts = append(texts, q.Label()+" "+id+": "+v.Note)
			for _, c := range v.CrossCheck {
				texts = append(texts, q.Label()+" "+id+" cross-check: "+c)
			}
		}
	}
	for _, g := range d.Guidance {
		texts = append(texts, g.GivenWith+" "+g.Metric+" guidance: "+g.Note)
	}
	for _, a := range d.AnnualActuals {
		texts = append(texts, a.Metric+" actual: "+a.Note)
	}
	for _, text := range texts {
		l := strings.ToLower(text)
		for _, m := range []string{"second pass", "first pass", "reliability", "unattributed", "uncitable", "test fixture", "benchmark sample", "graded"} {
			if strings.Contains(l, m) {
				t.Errorf("%.160s: reads as research diary (%q)", text, m)
			}
		}
	}
}

// diffLists reports entries in one list and not the other, after
// checking the reference still has the wantCount entries the test was
// written against (a changed reference should be looked at, not absorbed).
func diffLists(t *testing.T, what string, got, want []string, wantCount int) {
	t.Helper()
	if len(want) != wantCount {
		t.Errorf("reference has %d %s, want %d (did the reference change?)", len(want), what, wantCount)
	}
	gs, ws := map[string]int{}, map[string]int{}
	for _, g := range got {
		gs[g]++
	}
	for _, w := range want {
		ws[w]++
	}
	for _, w := range want {
		if gs[w] < ws[w] {
			t.Errorf("%s: missing from quarters.json: %s", what, w)
			gs[w] = ws[w] // report once
		}
	}
	for _, g := range got {
		if ws[g] < gs[g] {
			t.Errorf("%s: in quarters.json, not in the reference: %s", what, g)
			ws[g] = gs[g]
		}
	}
}

func TestReferenceCopyIsCurrent(t *testing.T) {
	shared, err := os.ReadFile(referenceShared)
	if os.IsNotExist(err) {
		t.Skipf("%s not present (checkout without the shared reference folder); nothing to compare the copy with", referenceShared)
	}
	if err != nil {
		t.Fatalf("read shared reference: %v", err)
	}
	local, err := os.ReadFile(referenceCopy)
	if err != nil {
		t.Fatalf("read reference copy: %v", err)
	}
	if !bytes.Equal(local, shared) {
		t.Fatalf("%s differs from %s: copy the reference again and regenerate quarters.json with internal/refgen", referenceCopy, referenceShared)
	}
}
