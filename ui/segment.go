package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"quarterdash/data"
	"quarterdash/ui/chart"
)

// segmentPane is one segment of the data file: a row per metric (value,
// QoQ, YoY, sparkline), then the focused metric's chart and its details.
type segmentPane struct {
	seg      data.Segment
	viewName string // the tab's view name (buildPanes)
}

func (p segmentPane) name() string { return p.viewName }

func (p segmentPane) title() string { return p.seg.Label }

func (p segmentPane) rows(*data.Dataset) int { return len(p.seg.Metrics) }

func (p segmentPane) items() []string { return p.seg.Metrics }

func (p segmentPane) focused(focus int) string {
	return itemAt(p.seg.Metrics, focus)
}

// segmentColumns sizes the table: label, value, QoQ, YoY, a trailing-
// twelve-month sum when there is room and the segment has flows, and the
// sparkline (one cell a quarter, never wider). Narrow screens drop QoQ
// before the sparkline gets too short.
type segmentColumns struct {
	label, value, change, ttm, spark int
	showQoQ, showYoY, showTTM        bool
}

// sparkX is the column the sparkline starts at.
func (col segmentColumns) sparkX() int {
	x := 2 + col.label + 1 + col.value + 1
	if col.showQoQ {
		x += col.change + 1
	}
	if col.showYoY {
		x += col.change + 1
	}
	if col.showTTM {
		x += col.ttm + 1
	}
	return x
}

func (p segmentPane) columns(c viewCtx) segmentColumns {
	col := segmentColumns{label: 10, change: 11}
	hasFlow := false
	for _, id := range p.seg.Metrics {
		if m, ok := c.d.Metric(id); ok {
			col.label = max(col.label, lipgloss.Width(m.ShortLabel()))
			hasFlow = hasFlow || (m.Kind == data.KindFlow && m.Ratio == nil)
			// Changes are blank for signed figures (growth rates): a
			// segment of only those has no change columns at all.
			col.showQoQ = col.showQoQ || !m.Signed
			if c.facts.metric(id).loss {
				col.change = max(col.change, lipgloss.Width("▼ loss ~+14.7%"))
			}
		}
	}
	col.showYoY = col.showQoQ
	col.label = min(col.label, max(c.w/4, 12))
	// Value and TTM columns fit the widest figure in any quarter, so units
	// are never cut and the columns do not jump as the quarter moves.
	col.value, col.ttm = c.widestFigure(p.seg.Metrics, false), c.widestFigure(p.seg.Metrics, true)
	avail := c.w - col.sparkX()
	if avail < 12 && col.showQoQ {
		col.showQoQ = false
		avail += col.change + 1
	}
	nq := len(c.d.Quarters)
	if hasFlow && avail >= nq+col.ttm+1 {
		col.showTTM = true
		avail -= col.ttm + 1
	}
	col.spark = max(min(avail, nq), 0)
	return col
}

func (p segmentPane) view(c viewCtx, focus int) string {
	col := p.columns(c)
	var lines []string
	// The file's one line about the segment, under the tab bar.
	if d := strings.TrimSpace(p.seg.Description); d != "" {
		lines = append(lines, c.st.Dim.Render(fitLine(d, c.w)))
	}
	lines = append(lines, p.tableHeader(c, col))
	lines = append(lines, p.tableRows(c, col, focus)...)
	// Marker under the sparkline column, so the selected quarter is read
	// without colour.
	lines = append(lines, strings.Repeat(" ", col.sparkX())+c.marker(col.spark))

	room := c.h - len(lines) - 1
	// A quarter's one-off items explain odd figures (a tax charge sinking
	// net income): show them here too when there is room to spare. The
	// space is the same in every quarter, so the chart below keeps its
	// size (and scale labels) while the quarter moves.
	if reserve := oneOffReserve(c, c.w); reserve > 0 && room-reserve >= 8 {
		oneOffs := oneOffLines(c, c.w, 2)
		for len(oneOffs) < reserve {
			oneOffs = append(oneOffs, "")
		}
		lines = append(lines, oneOffs...)
		room -= reserve
	}
	id := p.focused(focus)
	if id == "" || room <= 0 {
		return strings.Join(lines, "\n")
	}
	if room < 3 {
		return strings.Join(append(lines, c.st.Dim.Render(chart.NeedsRoom)), "\n")
	}
	lines = append(lines, "")
	lines = append(lines, focusedDetail(c, id, room)...)
	return strings.Join(lines, "\n")
}

// tableHeader names the table's columns, those that fit.
func (p segmentPane) tableHeader(c viewCtx, col segmentColumns) string {
	head := "  " + padLine("Metric", col.label) + " " + alignRight("Value", col.value) + " "
	if col.showQoQ {
		head += alignRight("QoQ", col.change) + " "
	}
	if col.showYoY {
		head += alignRight("YoY", col.change) + " "
	}
	if col.showTTM {
		head += alignRight("TTM", col.ttm) + " "
	}
	head += "Trend"
	return c.st.Header.Render(fitLine(head, c.w))
}

// tableRows is a row per metric. A table taller than the screen (a file
// with hundreds of metrics) shows a window of rows that keeps the focused
// one in view, and says how many are above and below.
func (p segmentPane) tableRows(c viewCtx, col segmentColumns, focus int) []string {
	ids := p.seg.Metrics
	from, to := 0, len(ids)
	if limit := max(c.h-3, 3); len(ids) > limit {
		n := max(limit-2, 1)
		from = min(max(focus-n/2, 0), len(ids)-n)
		to = from + n
	}
	var lines []string
	if from > 0 {
		lines = append(lines, c.st.Scroll.Render(fmt.Sprintf("  ▲ %d more metrics above · ↑", from)))
	}
	for i := from; i < to; i++ {
		if row, ok := p.tableRow(c, col, ids[i], i == focus); ok {
			lines = append(lines, row)
		}
	}
	if to < len(ids) {
		lines = append(lines, c.st.Scroll.Render(fmt.Sprintf("  ▼ %d more metrics below · ↓", len(ids)-to)))
	}
	return lines
}

// tableRow is one metric's row: its short name (the same at every width;
// the detail panel gives the full label), value, changes, TTM and trend,
// figures right-aligned so their decimals line up.
func (p segmentPane) tableRow(c viewCtx, col segmentColumns, id string, focused bool) (string, bool) {
	m, ok := c.d.Metric(id)
	if !ok {
		return "", false
	}
	st := c.st
	name := m.ShortLabel()
	cursor, label := "  ", st.Label.Render(padLine(name, col.label))
	if focused {
		cursor, label = st.RowFocus.Render("▸ "), st.RowFocus.Render(padLine(name, col.label))
	}
	row := cursor + label + " " + alignRight(c.value(id), col.value) + " "
	if col.showQoQ {
		ch, ok := c.d.QoQ(c.qi, id)
		row += alignRight(c.change(id, "", ch, ok, col.change), col.change) + " "
	}
	if col.showYoY {
		ch, ok := c.d.YoY(c.qi, id)
		row += alignRight(c.change(id, "", ch, ok, col.change), col.change) + " "
	}
	if col.showTTM {
		row += alignRight(c.ttm(id), col.ttm) + " "
	}
	return fitLine(row+c.sparkline(id, col.spark), c.w), true
}

// focusedDetail is the focused metric's chart beside its exact figure and
// source, room lines tall.
func focusedDetail(c viewCtx, id string, room int) []string {
	detailW := c.w / 2
	if c.w >= 100 {
		detailW = c.w * 2 / 5
	}
	chartW := c.w - detailW - 2
	var chartBlock []string
	if room >= 6 {
		chartBlock = block(c.chartPanel(id, chartW, room), chartW, room)
	} else {
		chartBlock = block(c.st.Dim.Render(chart.NeedsRoom), chartW, room)
	}
	detail := block(strings.Join(c.sourcePanel(id, detailW, false), "\n"), detailW, room)
	return sideBySide(chartBlock, detail, chartW, "  ")
}

// hasLoss reports whether money metric m is below zero in any quarter, so
// its changes may read "▼ loss +14.7%" and need a wider column.
func hasLoss(d *data.Dataset, m data.Metric) bool {
	if m.Unit != data.UnitCurrencyMillions && m.Unit != data.UnitCurrency && m.Unit != data.UnitCurrencyPerShare {
		return false
	}
	for _, p := range d.Series(m.ID) {
		if p.OK && p.Value < 0 {
			return true
		}
	}
	return false
}

// oneOffReserve is the most lines oneOffLines takes in any quarter; a
// data fact per width, worked out once.
func oneOffReserve(c viewCtx, w int) int {
	return c.facts.oneOffReserve(c, w)
}

// oneOffLines is up to n of the selected quarter's one-off notes, each
// wrapped to at most two lines of w cells (cut with … beyond that).
func oneOffLines(c viewCtx, w, n int) []string {
	var out []string
	count := 0
	for _, note := range c.d.Quarters[c.qi].Notes {
		if note.Kind != data.NoteOneOff || count == n {
			continue
		}
		count++
		for _, l := range noteLines(c, note, w, true, 2) {
			out = append(out, fitLine(l, w))
		}
	}
	return out
}

func (p segmentPane) chartView(c viewCtx, focus int) string {
	return metricChartView(c, p.focused(focus))
}

func (p segmentPane) sourceView(c viewCtx, focus int) string {
	return metricSourceView(c, p.focused(focus))
}
