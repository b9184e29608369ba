package ui

import (
	"fmt"
	"strings"
	"testing"

	"quarterdash/data"
)

// manySegments is a file with n segments (one metric each) and m metrics
// in its first segment.
func manySegments(n, m int) *data.Dataset {
	d := &data.Dataset{Name: "many.json", Company: data.Company{Name: "Many", Ticker: "MNY", Currency: "USD", FiscalYearEndMonth: 12}}
	vals := map[string]data.Value{}
	var first []string
	for i := range max(n, m) {
		id := fmt.Sprintf("m%03d", i)
		d.Metrics = append(d.Metrics, data.Metric{ID: id, Label: fmt.Sprintf("Metric %03d", i), Unit: data.UnitCount, Kind: data.KindFlow, Good: data.GoodUp})
		vals[id] = data.Value{Value: float64(i + 1), Source: "s"}
		if i < m {
			first = append(first, id)
		}
	}
	d.Segments = append(d.Segments, data.Segment{ID: "overview", Label: "Segment 000", Metrics: first})
	for i := 1; i < n; i++ {
		d.Segments = append(d.Segments, data.Segment{ID: fmt.Sprintf("s%03d", i), Label: fmt.Sprintf("Segment %03d", i), Metrics: []string{d.Metrics[i].ID}})
	}
	for q := 1; q <= 4; q++ {
		d.Quarters = append(d.Quarters, data.Quarter{FiscalYear: 2024, FiscalQuarter: q, PeriodEnd: fmt.Sprintf("2024-%02d-28", q*3), Values: vals})
	}
	return d
}

// TestTabsKnowTheirNames: the view names are the panes' own (one list),
// a segment whose id is taken gets segment-<id>, and Render finds it.
func TestTabsKnowTheirNames(t *testing.T) {
	d := manySegments(3, 2)
	m := New(Config{Data: d, Renderer: plainRenderer()})
	names := viewTabs(d)
	// No guidance in the file, no Guidance tab: it could only say so.
	if want := []string{"overview", "segment-overview", "s001", "s002"}; strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("view names %v, want %v", names, want)
	}
	guided := *d
	guided.Guidance = []data.Guidance{{Metric: d.Metrics[0].ID, GivenWith: "2024-Q1", Target: "FY2024", Low: 1, High: 2, Source: "s"}}
	if got := viewTabs(&guided); got[len(got)-1] != "guidance" {
		t.Errorf("with guidance, view names %v do not end in guidance", got)
	}
	for i, p := range m.panes {
		if p.name() != names[i] {
			t.Errorf("pane %d is called %q, the list says %q", i, p.name(), names[i])
		}
	}
	out, err := Render(d, plainRenderer(), RenderOptions{View: "segment-overview", Width: 80, Height: 24})
	if err != nil || !strings.Contains(out, "Metric 001") {
		t.Errorf("render segment-overview: %v\n%s", err, out)
	}
}
