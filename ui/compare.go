package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"quarterdash/data"
	"quarterdash/ui/chart"
	"quarterdash/ui/format"
)

// compareView is the Compare tab's position: which metric (among those at
// least two companies report), which calendar quarter, and whether the
// all-companies chart is open. It is a value: Update returns a new one.
type compareView struct {
	peers   *data.Peers
	metric  int // index into peers.Metrics()
	cal     int // index into peers.Calendar()
	chart   bool
	sources bool // every company's figure with its source, for s
	scroll  int  // first line of the sources shown
}

// newCompareView opens on metric id (the first metric when the companies
// do not share it) and calendar quarter cq (the latest when out of range).
func newCompareView(p *data.Peers, id string, cq data.CalendarQuarter) compareView {
	v := compareView{peers: p}
	v.metric = max(slices.Index(p.Metrics(), id), 0)
	v.cal = p.CalendarIndex(cq)
	if v.cal < 0 {
		v.cal = max(len(p.Calendar())-1, 0)
	}
	return v
}

// metricID is the focused metric's id, "" when the companies share none.
func (v compareView) metricID() string { return itemAt(v.peers.Metrics(), v.metric) }

// calendar is the selected calendar quarter.
func (v compareView) calendar() data.CalendarQuarter {
	cal := v.peers.Calendar()
	if v.cal < 0 || v.cal >= len(cal) {
		return data.CalendarQuarter{}
	}
	return cal[v.cal]
}

// key4 is the position as a cache key.
func (v compareView) key4() string {
	return fmt.Sprintf("%d|%d|%t|%t|%d", v.metric, v.cal, v.chart, v.sources, v.scroll)
}

// key moves the position: ←/→ the calendar quarter, ↑/↓ the metric (or,
// in the sources, the lines), enter the chart, s the sources, esc closes
// either. sourceLines is how long the sources are at this width, so a
// scroll stops at their end.
func (v compareView) key(msg tea.KeyMsg, k KeyMap, sourceLines func(compareView) int) compareView {
	last := len(v.peers.Calendar()) - 1
	page := 10
	switch {
	case key.Matches(msg, k.Prev):
		v.cal = max(v.cal-1, 0)
	case key.Matches(msg, k.Next):
		v.cal = max(min(v.cal+1, last), 0)
	case key.Matches(msg, k.First):
		v.cal = 0
	case key.Matches(msg, k.Last):
		v.cal = max(last, 0)
	case v.sources && key.Matches(msg, k.Up):
		v.scroll--
	case v.sources && key.Matches(msg, k.Down):
		v.scroll++
	case v.sources && key.Matches(msg, k.PageUp):
		v.scroll -= page
	case v.sources && key.Matches(msg, k.PageDown):
		v.scroll += page
	case key.Matches(msg, k.Up):
		v.metric = max(v.metric-1, 0)
	case key.Matches(msg, k.Down):
		v.metric = max(min(v.metric+1, len(v.peers.Metrics())-1), 0)
	case key.Matches(msg, k.Chart):
		v.chart, v.sources = !v.chart, false
	case key.Matches(msg, k.Source):
		v.sources, v.chart, v.scroll = !v.sources, false, 0
	case key.Matches(msg, k.Close):
		v.chart, v.sources = false, false
	}
	if v.sources {
		v.scroll = max(min(v.scroll, sourceLines(v)), 0)
	}
	return v
}

// compareCtx is what the Compare tab draws with.
type compareCtx struct {
	peers  *data.Peers
	st     *Styles
	series []lipgloss.Style // per company
	cur    int              // the company shown in the header
	w, h   int
	cache  *renderCache
}

// view draws the tab (or its chart) in c.w x c.h.
func (v compareView) view(c compareCtx) string {
	id := v.metricID()
	if id == "" {
		return c.st.Dim.Render(strings.Join(wrap("These companies have no metric that two of them report, so there is nothing to compare.", c.w), "\n"))
	}
	cmp := c.peers.Compare(id, v.calendar())
	switch {
	case v.sources:
		return v.sourcesView(c, cmp)
	case v.chart:
		return v.chartView(c, cmp)
	}
	return v.tableView(c, cmp)
}

// compareColumns sizes the table.
type compareColumns struct {
	ticker, name, fiscal, ended, value, change, spark int
}

func (v compareView) columns(c compareCtx, cmp data.Comparison) compareColumns {
	col := compareColumns{ticker: len("Company"), fiscal: len("not yet"), ended: len("2024-06-30"), change: 11}
	for _, r := range cmp.Rows {
		d := c.peers.Companies[r.Company]
		col.ticker = max(col.ticker, lipgloss.Width(d.Company.Ticker)+2)
		col.name = max(col.name, lipgloss.Width(d.Company.Name))
	}
	// The value column fits the metric's widest figure in any quarter, so
	// it does not jump as the calendar quarter moves.
	col.value = len("Value")
	for _, r := range cmp.Rows {
		d := c.peers.Companies[r.Company]
		vc := viewCtx{d: d, st: c.st}
		m, _ := d.Metric(cmp.Metric.ID)
		for qi := range d.Quarters {
			if val, ok := d.Get(qi, cmp.Metric.ID); ok {
				col.value = max(col.value, lipgloss.Width(vc.figure(m, val)))
			}
		}
	}
	fixed := 2 + col.ticker + 1 + col.fiscal + 1 + col.ended + 1 + col.value + 1 + 2*(col.change+1)
	n := len(c.peers.Calendar())
	// The name goes first when room is short, then the sparkline shrinks.
	col.name = min(col.name, max(c.w-fixed-min(n, 24)-2, 0))
	if col.name < 6 {
		col.name = 0
	}
	avail := c.w - fixed
	if col.name > 0 {
		avail -= col.name + 1
	}
	col.spark = max(min(avail, n), 0)
	return col
}

// sparkX is the column the sparkline starts at.
func (col compareColumns) sparkX() int {
	x := 2 + col.ticker + 1 + col.fiscal + 1 + col.ended + 1 + col.value + 1 + 2*(col.change+1)
	if col.name > 0 {
		x += col.name + 1
	}
	return x
}

func (v compareView) tableView(c compareCtx, cmp data.Comparison) string {
	st := c.st
	cq := cmp.Calendar
	col := v.columns(c, cmp)
	nm := len(c.peers.Metrics())
	lines := []string{fitLine(st.PanelHead.Render(cmp.Metric.Label)+
		st.Dim.Render(fmt.Sprintf(" · calendar %s (%s) · metric %d of %d, ↑/↓ for another", cq, cq.Months(), v.metric+1, nm)), c.w)}
	head := "  " + padLine("Company", col.ticker) + " "
	if col.name > 0 {
		head += padLine("", col.name) + " "
	}
	head += padLine("Fiscal", col.fiscal) + " " + padLine("Ended", col.ended) + " " + alignRight("Value", col.value) + " " +
		alignRight("QoQ", col.change) + " " + alignRight("YoY", col.change) + " "
	if col.spark > 0 {
		// The quarters the sparklines show: the latest that fit, moved back
		// to keep the selected one in view (as chart.Sparkline does).
		cal := c.peers.Calendar()
		start := max(len(cal)-col.spark, 0)
		start = min(start, max(v.cal, 0))
		head += "Trend " + cal[start].Short() + "–" + cal[min(start+col.spark, len(cal))-1].Short()
	}
	lines = append(lines, st.Header.Render(fitLine(head, c.w)))
	for _, r := range cmp.Rows {
		lines = append(lines, fitLine(v.row(c, cmp, r, col), c.w))
	}
	if col.spark > 0 {
		lines = append(lines, strings.Repeat(" ", col.sparkX())+
			st.Chart.Selected.Render(chart.Marker(len(c.peers.Calendar()), col.spark, v.cal)))
	}
	lines = append(lines, "")
	var notes []string
	notes = append(notes, fmt.Sprintf("Calendar %s is %s: each row is that company's fiscal quarter holding most of those days, "+
		"its QoQ and YoY against its own earlier quarters.", cq, cq.Months()))
	for _, l := range cmp.Left {
		notes = append(notes, "Left out: "+c.peers.Companies[l.Company].Company.Ticker+" "+l.Reason+".")
	}
	for _, n := range notes {
		for _, l := range wrap(n, c.w) {
			lines = append(lines, st.Dim.Render(l))
		}
	}
	lines = append(lines, "")
	lines = append(lines, v.metricList(c)...)

	// The chart of every company, when there is room for it to be read.
	if room := c.h - len(lines) - 1; room >= 7 {
		lines = append(lines, "")
		lines = append(lines, v.chartBlock(c, cmp, c.w, room)...)
	}
	return strings.Join(lines, "\n")
}

// row is one company's line of the table.
func (v compareView) row(c compareCtx, cmp data.Comparison, r data.ComparisonRow, col compareColumns) string {
	st := c.st
	d := c.peers.Companies[r.Company]
	vc := viewCtx{d: d, st: st, qi: r.Quarter}
	mark := string(chart.Markers[r.Company%len(chart.Markers)])
	ticker := c.series[r.Company].Render(mark + " " + d.Company.Ticker)
	cursor := "  "
	if r.Company == c.cur {
		cursor = st.RowFocus.Render("▸ ")
	}
	out := cursor + padLine(ticker, col.ticker) + " "
	if col.name > 0 {
		out += st.Label.Render(padLine(d.Company.Name, col.name)) + " "
	}
	fiscal, ended := "", ""
	switch {
	case r.Quarter >= 0:
		fiscal, ended = r.Fiscal.String(), r.PeriodEnd
	case len(d.Quarters) > 0 && cmp.Calendar.Before(c.firstCalendar(r.Company)):
		fiscal = st.Missing.Render("no data")
	default:
		fiscal = st.Missing.Render("not yet")
	}
	out += padLine(fiscal, col.fiscal) + " " + padLine(ended, col.ended) + " "
	value := st.Missing.Render(format.Missing)
	if r.Quarter >= 0 {
		value = vc.value(cmp.Metric.ID)
	}
	out += alignRight(value, col.value) + " "
	if r.Quarter >= 0 {
		// Figures are right-aligned, as in the segment tables.
		out += alignRight(vc.change(cmp.Metric.ID, "", r.QoQ, r.QoQOK, col.change), col.change) + " " +
			alignRight(vc.change(cmp.Metric.ID, "", r.YoY, r.YoYOK, col.change), col.change) + " "
	} else {
		out += padLine("", col.change) + " " + padLine("", col.change) + " "
	}
	if col.spark > 0 {
		k := fmt.Sprintf("cmpspark|%d|%s|%d|%d", r.Company, cmp.Metric.ID, col.spark, v.cal)
		out += c.cache.chart(k, func() string {
			return chart.Sparkline(c.peers.Series(r.Company, cmp.Metric.ID), col.spark, v.cal, st.Chart)
		})
	}
	return out
}

// firstCalendar is the calendar quarter of company i's first quarter.
func (c compareCtx) firstCalendar(i int) data.CalendarQuarter {
	for _, cq := range c.peers.Calendar() {
		if c.peers.QuarterAt(i, cq) >= 0 {
			return cq
		}
	}
	return data.CalendarQuarter{}
}

// metricList names every metric ↑/↓ steps through, the focused one marked.
func (v compareView) metricList(c compareCtx) []string {
	st := c.st
	ids := c.peers.Metrics()
	words := make([]string, len(ids))
	for i, id := range ids {
		m, _ := c.peers.Metric(id)
		words[i] = m.ShortLabel()
		if i == v.metric {
			words[i] = "▸" + words[i]
		}
	}
	var out []string
	for _, l := range wrap("Metrics at least two report: "+strings.Join(words, " · "), c.w) {
		// Restyle the focused name: wrap works on plain text.
		focus := itemAt(words, v.metric)
		if j := strings.Index(l, focus); j >= 0 && focus != "" {
			l = st.Dim.Render(l[:j]) + st.RowFocus.Render(focus) + st.Dim.Render(l[j+len(focus):])
		} else {
			l = st.Dim.Render(l)
		}
		out = append(out, l)
	}
	return out
}

// chartSeries is one line per compared company, in its colour and marker.
func (c compareCtx) chartSeries(cmp data.Comparison) []chart.Series {
	var s []chart.Series
	for _, r := range cmp.Rows {
		s = append(s, chart.Series{
			Name:   c.peers.Companies[r.Company].Company.Ticker,
			Points: c.peers.Series(r.Company, cmp.Metric.ID),
			Marker: chart.Markers[r.Company%len(chart.Markers)],
			Style:  c.series[r.Company],
		})
	}
	return s
}

// chartBlock is the legend and the all-companies chart in w x h.
func (v compareView) chartBlock(c compareCtx, cmp data.Comparison, w, h int) []string {
	series := c.chartSeries(cmp)
	legend := chart.LinesLegend(series)
	if cmp.Currency != "" {
		legend += c.st.Dim.Render(" · in " + cmp.Currency)
	}
	k := fmt.Sprintf("cmpchart|%s|%d|%d|%d", cmp.Metric.ID, w, h, v.cal)
	body := c.cache.chart(k, func() string {
		cal := c.peers.Calendar()
		labels := make([]string, len(cal))
		for i, cq := range cal {
			labels[i] = cq.Short()
		}
		unit, cur := cmp.Metric.Unit, cmp.Currency
		return chart.Lines(series, chart.LinesOptions{
			Width: w, Height: h - 1, Selected: v.cal, XLabels: labels,
			Label: func(f float64) string { return format.Compact(f, unit, cur, false) },
		}, c.st.Chart)
	})
	return append([]string{fitLine(legend, w)}, strings.Split(body, "\n")...)
}

// chartView is the enter overlay: the metric for every company on one
// axis, filling the content area.
func (v compareView) chartView(c compareCtx, cmp data.Comparison) string {
	st := c.st
	lines := []string{fitLine(st.PanelHead.Render(cmp.Metric.Label)+
		st.Dim.Render(" · every company on one axis · ▲ calendar "+cmp.Calendar.String()), c.w)}
	for _, l := range cmp.Left {
		lines = append(lines, fitLine(st.Dim.Render("Not on this axis: "+c.peers.Companies[l.Company].Company.Ticker+" "+l.Reason+"."), c.w))
	}
	lines = append(lines, v.chartBlock(c, cmp, c.w, max(c.h-len(lines)-1, 1))...)
	lines = append(lines, st.Dim.Render("enter or esc closes the chart · ←/→ calendar quarter · ↑/↓ metric"))
	return strings.Join(lines, "\n")
}

// sourceLines is every company's figure of the comparison with its source,
// drawn as each company's own sources overlay draws it, and the companies
// left out with the reason.
func (v compareView) sourceLines(c compareCtx, cmp data.Comparison) []string {
	st := c.st
	id := cmp.Metric.ID
	cq := cmp.Calendar
	lines := wrap(fmt.Sprintf("Sources · %s · calendar %s (%s)", cmp.Metric.Label, cq, cq.Months()), c.w)
	for i := range lines {
		lines[i] = st.PanelHead.Render(lines[i])
	}
	for _, r := range cmp.Rows {
		d := c.peers.Companies[r.Company]
		mark := string(chart.Markers[r.Company%len(chart.Markers)])
		head := c.series[r.Company%len(c.series)].Render(mark+" "+d.Company.Ticker) + " " + st.Dim.Render(d.Company.Name)
		lines = append(lines, "", fitLine(head, c.w))
		if r.Quarter < 0 {
			lines = append(lines, st.Missing.Render(fitLine("  no fiscal quarter of "+d.Company.Ticker+" falls in calendar "+cq.String()+" yet", c.w)))
			continue
		}
		vc := viewCtx{d: d, st: st, qi: r.Quarter, w: c.w, h: c.h}
		for _, l := range vc.sourcePanel(id, c.w-2, true) {
			lines = append(lines, "  "+l)
		}
	}
	for _, l := range cmp.Left {
		d := c.peers.Companies[l.Company]
		lines = append(lines, "")
		lines = append(lines, wrap("Left out: "+d.Company.Ticker+" "+l.Reason+".", c.w)...)
	}
	return lines
}

// sourcesView shows the sources from line v.scroll, with marks for what
// is above and below and the keys that close them.
func (v compareView) sourcesView(c compareCtx, cmp data.Comparison) string {
	lines := v.sourceLines(c, cmp)
	room := max(c.h-1, 1)
	from := min(v.scroll, max(len(lines)-room, 0))
	to := min(from+room, len(lines))
	shown := append([]string(nil), lines[from:to]...)
	for len(shown) < room {
		shown = append(shown, "")
	}
	var marks []string
	if from > 0 {
		marks = append(marks, fmt.Sprintf("▲ %d more above", from))
	}
	if to < len(lines) {
		marks = append(marks, fmt.Sprintf("▼ %d more below", len(lines)-to))
	}
	marks = append(marks, "↑/↓ pgup/pgdn · s/esc closes the sources · ←/→ calendar quarter")
	shown = append(shown, c.st.Scroll.Render(fitLine(strings.Join(marks, " · "), c.w)))
	return strings.Join(shown, "\n")
}
