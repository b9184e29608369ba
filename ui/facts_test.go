package ui

import (
	"math"
	"testing"

	"quarterdash/data"
	"quarterdash/internal/synth"
)

// TestYearTrackLines: the guidance section picks its window from
// yearTrackLines, worked out once per width, without drawing the years
// outside it; the count must be what yearTrack draws in every quarter, for
// the shipped file and hostile data, at several widths.
func TestYearTrackLines(t *testing.T) {
	for _, d := range []*data.Dataset{loadData(t), hostileData(t, 9)} {
		for _, w := range []int{60, 120, 240} {
			m := New(Config{Data: d, Renderer: plainRenderer(), Width: w, Height: 40})
			for qi := range d.Quarters {
				m.quarter = qi
				c := m.viewCtx(w, 35)
				for _, id := range d.GuidedMetrics() {
					mt, _ := d.Metric(id)
					tracks := d.GuidanceTracks(id)
					if len(tracks) == 0 || !tracks[0].Target.IsYear() {
						continue
					}
					lines := c.facts.yearTrackLines(id, w, func(tr data.GuidanceTrack) int { return len(guidancePane{}.yearTrack(c, mt, tr)) })
					for i, tr := range tracks {
						if got, want := lines[i], len(guidancePane{}.yearTrack(c, mt, tr)); got != want {
							t.Errorf("%s %s at %d wide in %s: %d lines counted, yearTrack draws %d", id, tr.Target, w, d.Quarters[qi].Label(), got, want)
						}
					}
				}
			}
		}
	}
}

// TestFactsAreTheData: what dataFacts keeps is what the data set says, and
// sessions of one SharedCache share one set per data set.
func TestFactsAreTheData(t *testing.T) {
	d := loadData(t)
	src, err := synth.Stretch(d, 40)
	if err != nil {
		t.Fatal(err)
	}
	long, err := data.Parse(src, "long.json")
	if err != nil {
		t.Fatal(err)
	}
	shared := NewSharedCache(1 << 20)
	if shared.factsFor(d) != shared.factsFor(d) {
		t.Error("two sessions on one data set got two sets of facts")
	}
	if shared.factsFor(d) == shared.factsFor(long) {
		t.Error("two data sets share facts")
	}
	f := shared.factsFor(long)
	for _, m := range long.Metrics {
		series := long.Series(m.ID)
		got := f.metric(m.ID).series
		if len(got) != len(series) {
			t.Fatalf("%s: %d points, want %d", m.ID, len(got), len(series))
		}
		for i := range series {
			if got[i] != series[i] {
				t.Errorf("%s[%d]: %+v, want %+v", m.ID, i, got[i], series[i])
			}
		}
	}
}

// TestWholeSectionLines: the Guidance tab decides whether another metric's
// section fits from wholeSectionLines, without drawing it; it must be the
// length of the section drawn with unlimited room.
func TestWholeSectionLines(t *testing.T) {
	for _, d := range []*data.Dataset{loadData(t), hostileData(t, 9)} {
		for _, w := range []int{60, 120, 240} {
			m := New(Config{Data: d, Renderer: plainRenderer(), Width: w, Height: 40})
			c := m.viewCtx(w, 35)
			p := newGuidancePane(d)
			for _, id := range p.metrics {
				if got, want := p.wholeSectionLines(c, id), len(p.section(c, id, math.MaxInt32, true)); got != want {
					t.Errorf("%s at %d wide: %d lines counted, %d drawn", id, w, got, want)
				}
			}
		}
	}
}
