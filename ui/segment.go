package ui

import (
	"strings"

	"quarterdash/data"
)

// segmentPane is one segment of the data file: a row per metric (value,
// QoQ, YoY, sparkline), then the focused metric's chart and its details.
type segmentPane struct {
	seg data.Segment
}

func (p segmentPane) title() string { return p.seg.Label }

func (p segmentPane) rows(*data.Dataset) int { return len(p.seg.Metrics) }

func (p segmentPane) focused(focus int) string {
	return itemAt(p.seg.Metrics, focus)
}

// columns sizes the table: label, value, QoQ, YoY and the sparkline taking
// what is left. Narrow screens drop QoQ before the sparkline gets too short.
type segmentColumns struct {
	label, value, change, spark int
	showQoQ                     bool
}

func (p segmentPane) columns(c viewCtx) segmentColumns {
	col := segmentColumns{label: 10, value: 12, change: 11, showQoQ: true}
	for _, id := range p.seg.Metrics {
		if m, ok := c.d.Metric(id); ok {
			col.label = max(col.label, lipglossWidth(m.Label))
		}
	}
	col.label = min(col.label, max(c.w/4, 12))
	fixed := 2 + col.label + 1 + col.value + 1 + 2*(col.change+1)
	col.spark = c.w - fixed
	if col.spark < 12 {
		col.showQoQ = false
		col.spark += col.change + 1
	}
	col.spark = max(col.spark, 0)
	return col
}

func (p segmentPane) view(c viewCtx, focus int) string {
	col := p.columns(c)
	st := c.st
	var lines []string
	head := "  " + padLine("Metric", col.label) + " " + padLine("Value", col.value) + " "
	if col.showQoQ {
		head += padLine("QoQ", col.change) + " "
	}
	trend := "Trend"
	if span := " " + c.d.Quarters[0].Label() + "–" + c.d.Quarters[c.d.Latest()].Label(); col.spark >= len(trend)+len(span) {
		trend += span
	}
	head += padLine("YoY", col.change) + " " + trend
	lines = append(lines, st.Header.Render(fitLine(head, c.w)))
	for i, id := range p.seg.Metrics {
		m, ok := c.d.Metric(id)
		if !ok {
			continue
		}
		name := m.Label
		if lipglossWidth(name) > col.label {
			name = m.ShortLabel()
		}
		cursor, label := "  ", st.Label.Render(padLine(name, col.label))
		if i == focus {
			cursor, label = st.RowFocus.Render("▸ "), st.RowFocus.Render(padLine(name, col.label))
		}
		row := cursor + label + " " + padLine(c.value(id), col.value) + " "
		if col.showQoQ {
			ch, ok := c.d.QoQ(c.qi, id)
			row += padLine(c.change(id, "", ch, ok), col.change) + " "
		}
		ch, ok := c.d.YoY(c.qi, id)
		row += padLine(c.change(id, "", ch, ok), col.change) + " " + c.sparkline(id, col.spark)
		lines = append(lines, fitLine(row, c.w))
	}
	// Marker under the sparkline column, so the selected quarter is read
	// without colour.
	markerPad := c.w - col.spark
	lines = append(lines, strings.Repeat(" ", max(markerPad, 0))+c.marker(col.spark))

	room := c.h - len(lines) - 1
	id := p.focused(focus)
	if id == "" || room < 3 {
		return strings.Join(lines, "\n")
	}
	lines = append(lines, "")
	detailW := c.w / 2
	if c.w >= 100 {
		detailW = c.w * 2 / 5
	}
	chartW := c.w - detailW - 2
	var chartBlock []string
	if room >= 6 {
		chartBlock = block(c.chartPanel(id, chartW, room), chartW, room)
	} else {
		chartBlock = block("", chartW, room)
	}
	detail := block(strings.Join(c.sourcePanel(id, detailW, false), "\n"), detailW, room)
	lines = append(lines, sideBySide(chartBlock, detail, chartW, "  ")...)
	return strings.Join(lines, "\n")
}

func (p segmentPane) chartView(c viewCtx, focus int) string {
	return metricChartView(c, p.focused(focus))
}

func (p segmentPane) sourceView(c viewCtx, focus int) string {
	return metricSourceView(c, p.focused(focus))
}
