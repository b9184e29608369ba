package data

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestSharedDatasetReadsConcurrently reads one Dataset from many
// goroutines, as the SSH server's sessions do. Under `go test -race` it
// fails if any lookup writes to the Dataset: it once built its index on
// first use, which raced for a Dataset not made by Parse.
func TestSharedDatasetReadsConcurrently(t *testing.T) {
	parsed := loadDefault(t)
	literal := synthetic(quarters2024(4)...) // never indexed
	for name, d := range map[string]*Dataset{"parsed": parsed, "literal": literal} {
		t.Run(name, func(t *testing.T) {
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() {
					for qi := range d.Quarters {
						for _, m := range d.Metrics {
							d.Get(qi, m.ID)
							d.QoQ(qi, m.ID)
							d.YoY(qi, m.ID)
							d.TTM(qi, m.ID)
						}
					}
					for _, m := range d.Metrics {
						d.Series(m.ID)
						d.GuidanceTracks(m.ID)
					}
				})
			}
			wg.Wait()
		})
	}
	// The unindexed Dataset still answers lookups by searching.
	if i := literal.QuarterIndex(Period{Year: 2024, Quarter: 3}); i != 2 {
		t.Errorf("QuarterIndex(2024-Q3) on an unindexed Dataset = %d, want 2", i)
	}
	if i := literal.QuarterIndex(Period{Year: 2025, Quarter: 1}); i != -1 {
		t.Errorf("QuarterIndex(2025-Q1) = %d, want -1", i)
	}
	if m, ok := literal.Metric("users"); !ok || m.Kind != KindPoint {
		t.Errorf("Metric(users) = %+v, %v", m, ok)
	}
	if _, ok := literal.Metric("nope"); ok {
		t.Error("Metric(nope) found something")
	}
	if literal.metricIndex != nil || literal.quarterIndex != nil {
		t.Error("a lookup wrote an index into the Dataset")
	}
}

// TestUnitsIsACopy checks a caller changing the exported Units list cannot
// change what the validator accepts (it is package state shared by every
// session in the process).
func TestUnitsIsACopy(t *testing.T) {
	saved := slices.Clone(Units)
	defer copy(Units, saved)
	for i := range Units {
		Units[i] = "furlongs"
	}
	if _, err := Load(validMinimal); err != nil {
		t.Errorf("changing Units changed validation: %v", err)
	}
}

func TestOverviewMetricsAndGuidedOrder(t *testing.T) {
	d := &Dataset{
		Segments: []Segment{{ID: "a", Metrics: []string{"m1", "m2", "m3"}}},
		Guidance: []Guidance{{Metric: "capex"}, {Metric: "revenue"}, {Metric: "capex"}, {Metric: "opex"}},
	}
	if got := strings.Join(d.OverviewMetrics(2), " "); got != "m1 m2" {
		t.Errorf("without an overview list: %q, want the first segment's first two", got)
	}
	d.Overview = []string{"m3", "m1"}
	if got := strings.Join(d.OverviewMetrics(2), " "); got != "m3 m1" {
		t.Errorf("with an overview list: %q, want the list", got)
	}
	if got := strings.Join(d.GuidedMetrics(), " "); got != "capex revenue opex" {
		t.Errorf("guided metrics %q, want first-mention order", got)
	}
	if got := (&Dataset{}).OverviewMetrics(8); got != nil {
		t.Errorf("no segments: %v, want none", got)
	}
}
