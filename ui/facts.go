package ui

import (
	"strings"
	"sync"

	"github.com/charmbracelet/lipgloss"

	"quarterdash/data"
	"quarterdash/ui/chart"
)

// dataFacts holds what the views derive from the data set alone (or from
// the data set and a width): a metric's series and widest figure, the
// chart's quarter labels, the guidance tracks, the lines the one-off notes
// take at a width. Working them out means a pass over every quarter, so a
// frame that did it would cost what is in the file instead of what is on
// screen; here each is worked out once, when first needed, and kept for
// the data set's life. Sessions drawing the same data set share one
// dataFacts (through the SharedCache), so it is safe for concurrent use;
// what it hands out is read-only.
type dataFacts struct {
	d *data.Dataset

	mu      sync.Mutex
	metrics map[string]*metricFacts
	labels  []string // each quarter's short label, for chart X axes
	tracks  map[string][]data.GuidanceTrack
	oneOffs map[int]int // width -> oneOffReserve
	years   map[yearsKey][]int
	notes   *bool // whether any quarter has notes, once known
}

// yearsKey names the year-track line counts of one metric at one width.
type yearsKey struct {
	id string
	w  int
}

// metricFacts is what one metric's views need across all quarters.
type metricFacts struct {
	series []data.Point
	// scale is the note above a big chart: Scale and Legend joined.
	scale string
	// widest and widestTTM are the widest formatted figure and TTM sum in
	// any quarter (0 when there is none).
	widest, widestTTM int
	// loss is hasLoss: a money metric below zero in some quarter.
	loss bool
}

func newDataFacts(d *data.Dataset) *dataFacts {
	return &dataFacts{d: d, metrics: map[string]*metricFacts{}, tracks: map[string][]data.GuidanceTrack{}, oneOffs: map[int]int{},
		years: map[yearsKey][]int{}}
}

// metric returns the facts of metric id, working them out on first use.
func (f *dataFacts) metric(id string) *metricFacts {
	f.mu.Lock()
	defer f.mu.Unlock()
	if mf, ok := f.metrics[id]; ok {
		return mf
	}
	d := f.d
	mf := &metricFacts{series: d.Series(id)}
	m, known := d.Metric(id)
	scale := chart.Scale(mf.series)
	if known && isLevel(m) {
		scale = chart.ScaleLevel(mf.series)
	}
	var notes []string
	for _, s := range []string{scale, chart.Legend(mf.series)} {
		if s != "" {
			notes = append(notes, s)
		}
	}
	mf.scale = strings.Join(notes, " · ")
	if known {
		mf.loss = hasLoss(d, m)
		c := viewCtx{d: d}
		for qi, p := range mf.series {
			if p.OK {
				v, _ := d.Get(qi, id)
				mf.widest = max(mf.widest, lipgloss.Width(c.figure(m, v)))
			}
			if v, ok := d.TTM(qi, id); ok {
				mf.widestTTM = max(mf.widestTTM, lipgloss.Width(c.figure(m, v)))
			}
		}
	}
	f.metrics[id] = mf
	return mf
}

// quarterLabels is every quarter's short label ("24Q2"), in file order.
func (f *dataFacts) quarterLabels() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.labels == nil {
		f.labels = make([]string, len(f.d.Quarters))
		for i, q := range f.d.Quarters {
			f.labels[i] = q.Period().Short()
		}
	}
	return f.labels
}

// guidanceTracks is d.GuidanceTracks(id), worked out once.
func (f *dataFacts) guidanceTracks(id string) []data.GuidanceTrack {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.tracks[id]
	if !ok {
		t = f.d.GuidanceTracks(id)
		f.tracks[id] = t
	}
	return t
}

// oneOffReserve is the most lines oneOffLines takes at width w in any
// quarter.
func (f *dataFacts) oneOffReserve(c viewCtx, w int) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n, ok := f.oneOffs[w]
	if ok {
		return n
	}
	for qi := range f.d.Quarters {
		q := c
		q.qi = qi
		n = max(n, len(oneOffLines(q, w, 2)))
	}
	f.oneOffs[w] = n
	return n
}

// yearTrackLines is how many lines each guidance track of metric id takes
// at width w, as count (which draws one) says; the Guidance tab sizes its
// window with them and draws only the years inside it. The count depends
// on the data and the width only (the selected quarter marks a range with
// "▸ " instead of two spaces).
func (f *dataFacts) yearTrackLines(id string, w int, count func(data.GuidanceTrack) int) []int {
	tracks := f.guidanceTracks(id)
	f.mu.Lock()
	defer f.mu.Unlock()
	k := yearsKey{id, w}
	if n, ok := f.years[k]; ok {
		return n
	}
	n := make([]int, len(tracks))
	for i, t := range tracks {
		n[i] = count(t)
	}
	f.years[k] = n
	return n
}

// anyNotes reports whether any quarter of the file has notes: a file
// imported from filings has none, and its Overview spends no lines saying
// so each quarter. Safe on a nil dataFacts (it then looks at d itself).
func (f *dataFacts) anyNotes(d *data.Dataset) bool {
	look := func() bool {
		for _, q := range d.Quarters {
			if len(q.Notes) > 0 {
				return true
			}
		}
		return false
	}
	if f == nil {
		return look()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.notes == nil {
		v := look()
		f.notes = &v
	}
	return *f.notes
}
