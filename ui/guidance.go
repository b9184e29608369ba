package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"quarterdash/data"
	"quarterdash/ui/chart"
	"quarterdash/ui/format"
)

// guidancePane sets each guided metric's ranges, call by call, against
// the outcome: full-year targets as a sequence of range bars on one scale,
// quarterly targets one line each.
type guidancePane struct {
	metrics []string // metrics that have guidance, in file order
}

func newGuidancePane(d *data.Dataset) guidancePane {
	var ids []string
	for _, m := range d.Metrics {
		for _, g := range d.Guidance {
			if g.Metric == m.ID {
				ids = append(ids, m.ID)
				break
			}
		}
	}
	// Capex first: it is the guidance people follow most closely here.
	for i, id := range ids {
		if id == "capex" && i > 0 {
			ids = append([]string{"capex"}, append(ids[:i:i], ids[i+1:]...)...)
			break
		}
	}
	return guidancePane{metrics: ids}
}

func (p guidancePane) title() string { return "Guidance" }

func (p guidancePane) rows(*data.Dataset) int { return len(p.metrics) }

func (p guidancePane) focused(focus int) string {
	return itemAt(p.metrics, focus)
}

// guidanceName is how a guided metric is called: Meta guides "total
// expenses", which its statements call costs and expenses.
func guidanceName(m data.Metric) string {
	if m.ID == "costs_and_expenses" {
		return "Total expenses"
	}
	return m.ShortLabel()
}

// rangeText is a range in one scale with the unit once: "$37–40B",
// "$38.5–41B"; other units fall back to both ends in full.
func rangeText(g data.Guidance, u data.Unit, cur string) string {
	s := ""
	if u == data.UnitCurrencyMillions && g.Low >= 1000 && g.High >= 1000 && g.High < 1e6 {
		s = format.Symbol(cur) + trimNumber(g.Low/1000) + "–" + trimNumber(g.High/1000) + "B"
	} else {
		s = format.Value(g.Low, u, cur, false) + "–" + format.Value(g.High, u, cur, false)
	}
	if g.Approx {
		s = "~" + s
	}
	return s
}

// trimNumber prints up to two decimals without trailing zeros: 37, 38.5.
func trimNumber(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// outcomeWord reads an outcome for the metric: a revenue-like metric beats
// or misses; a cost ends below, within or above.
func outcomeWord(m data.Metric, o data.Outcome) string {
	if m.Good == data.GoodUp {
		switch o {
		case data.OutcomeAbove:
			return "▲ beat"
		case data.OutcomeBelow:
			return "▼ miss"
		}
	}
	switch o {
	case data.OutcomeAbove:
		return "▲ above"
	case data.OutcomeBelow:
		return "▼ below"
	case data.OutcomeWithin:
		return "● within"
	}
	return "pending"
}

func outcomeStyle(st *Styles, m data.Metric, o data.Outcome) lipgloss.Style {
	switch {
	case o == data.OutcomeWithin:
		return st.Within
	case o == data.OutcomeUnknown || m.Good == data.GoodNeutral:
		return st.Flat
	case (o == data.OutcomeAbove) == (m.Good == data.GoodUp):
		return st.Up
	}
	return st.Down
}

func (p guidancePane) view(c viewCtx, focus int) string {
	st := c.st
	if len(p.metrics) == 0 {
		return st.Dim.Render("This data file records no guidance.")
	}
	id := p.focused(focus)
	m, _ := c.d.Metric(id)
	// Metric switcher line.
	var sw []string
	for i, mid := range p.metrics {
		mm, _ := c.d.Metric(mid)
		name := guidanceName(mm)
		if i == focus {
			sw = append(sw, st.TabActive.Render("▸ "+name))
		} else {
			sw = append(sw, st.TabInactive.Render(name))
		}
	}
	head := []string{fitLine(strings.Join(sw, st.TabSep.Render(" · "))+st.Dim.Render("   ↑/↓ switch"), c.w)}

	tracks := c.d.GuidanceTracks(id)
	var body []string
	anchor := 0 // body line to keep in view: the selected quarter's track
	selected := c.d.Quarters[c.qi].Period()
	if len(tracks) > 0 && tracks[0].Target.IsYear() {
		for _, t := range tracks {
			if t.Target.Year == selected.Year {
				anchor = len(body)
			}
			body = append(body, p.yearTrack(c, m, t)...)
			body = append(body, "")
		}
	} else {
		body = append(body, st.Header.Render(fitLine(fmt.Sprintf("%-8s %-9s %-18s %s", "Target", "Given", "Range", "Outcome vs range"), c.w)))
		for _, t := range tracks {
			if t.Target == selected.Next() {
				anchor = len(body)
			}
			body = append(body, p.quarterTrack(c, m, t))
		}
	}
	room := c.h - len(head) - 1
	start := 0
	if len(body) > room && anchor > 0 {
		start = min(anchor, len(body)-room)
		if start > 0 && !tracks[0].Target.IsYear() {
			// Keep the column header for quarterly lists.
			body = append(body[:1:1], body[start+1:]...)
			start = 0
		}
	}
	body = body[start:]
	out := append(head, "")
	out = append(out, body...)
	return strings.Join(out, "\n")
}

// yearTrack is one fiscal year: a summary line, then one range bar per
// call on a scale shared by the year's ranges and its actual.
func (p guidancePane) yearTrack(c viewCtx, m data.Metric, t data.GuidanceTrack) []string {
	st := c.st
	cur := c.d.Company.Currency
	lo, hi := t.Ranges[0].Low, t.Ranges[0].High
	for _, g := range t.Ranges {
		lo, hi = min(lo, g.Low), max(hi, g.High)
	}
	var actual *float64
	summary := st.PanelHead.Render(t.Target.String()) + "  "
	if t.HasActual {
		a := t.Actual.Value
		actual = &a
		lo, hi = min(lo, a), max(hi, a)
		f := t.Final()
		summary += st.Label.Render("actual ") + st.Value.Render(format.Value(a, m.Unit, cur, t.Actual.Approx)) + " " +
			outcomeStyle(st, m, t.Outcome).Render(outcomeWord(m, t.Outcome)) +
			st.Dim.Render(" final range "+rangeText(f, m.Unit, cur)+" (given "+f.GivenWith+")")
	} else {
		summary += st.Dim.Render("actual not known yet · latest range " + rangeText(t.Final(), m.Unit, cur))
	}
	pad := (hi - lo) * 0.08
	if pad == 0 {
		pad = max(hi*0.05, 1)
	}
	lo, hi = lo-pad, hi+pad
	selected := c.d.Quarters[c.qi].Label()
	out := []string{fitLine(summary, c.w)}
	labelW := 20
	barW := max(c.w-labelW-2, 10)
	for _, g := range t.Ranges {
		mark := "  "
		style := st.Label
		if g.GivenWith == selected {
			mark, style = st.RowFocus.Render("▸ "), st.RowFocus
		}
		label := style.Render(padLine(g.GivenWith+"  "+rangeText(g, m.Unit, cur), labelW-2))
		bar := chart.RangeBar(g.Low, g.High, actual, lo, hi, barW, st.Chart)
		out = append(out, fitLine(mark+label+"  "+bar, c.w))
	}
	if actual != nil {
		out = append(out, fitLine(strings.Repeat(" ", labelW+2)+st.Dim.Render("◆ actual "+
			format.Compact(*actual, m.Unit, cur, t.Actual.Approx)+" · scale "+
			format.Compact(lo, m.Unit, cur, false)+"–"+format.Compact(hi, m.Unit, cur, false)), c.w))
	}
	return out
}

// quarterTrack is one quarterly target: the range given the quarter
// before, a bar with the actual, and beat/within/miss.
func (p guidancePane) quarterTrack(c viewCtx, m data.Metric, t data.GuidanceTrack) string {
	st := c.st
	cur := c.d.Company.Currency
	g := t.Final()
	span := g.High - g.Low
	if span <= 0 {
		span = max(g.High*0.05, 1)
	}
	lo, hi := g.Low-span, g.High+span
	var actual *float64
	outcome := st.Dim.Render("pending")
	if t.HasActual {
		a := t.Actual.Value
		actual = &a
		lo, hi = min(lo, a-span/4), max(hi, a+span/4)
		outcome = st.Value.Render(format.Value(a, m.Unit, cur, t.Actual.Approx)) + " " +
			outcomeStyle(st, m, t.Outcome).Render(outcomeWord(m, t.Outcome))
	}
	mark, style := "  ", st.Label
	if g.GivenWith == c.d.Quarters[c.qi].Label() {
		mark, style = st.RowFocus.Render("▸ "), st.RowFocus
	}
	left := mark + style.Render(fmt.Sprintf("%-7s %-9s %-18s", t.Target.String(), g.GivenWith, rangeText(g, m.Unit, cur)))
	barW := max(min(c.w-lipglossWidth(left)-22, 40), 8)
	return fitLine(left+" "+chart.RangeBar(g.Low, g.High, actual, lo, hi, barW, st.Chart)+" "+outcome, c.w)
}

func (p guidancePane) chartView(c viewCtx, focus int) string {
	return metricChartView(c, p.focused(focus))
}

// sourceView lists where each range for the focused metric comes from,
// newest first.
func (p guidancePane) sourceView(c viewCtx, focus int) string {
	id := p.focused(focus)
	m, ok := c.d.Metric(id)
	if !ok {
		return c.st.Dim.Render("No guidance in this file.")
	}
	cur := c.d.Company.Currency
	lines := []string{c.st.PanelHead.Render(guidanceName(m) + " guidance: sources")}
	for i := len(c.d.Guidance) - 1; i >= 0; i-- {
		g := c.d.Guidance[i]
		if g.Metric != id {
			continue
		}
		lines = append(lines, fitLine(c.st.Label.Render(g.GivenWith+" for "+g.Target+": ")+rangeText(g, m.Unit, cur)+
			c.st.Dim.Render(" "+quoteIf(g.StatedAs)), c.w))
		for _, l := range wrap(g.Source, c.w-4) {
			lines = append(lines, "    "+c.st.Link.Render(l))
		}
	}
	for _, a := range c.d.AnnualActuals {
		if a.Metric != id {
			continue
		}
		lines = append(lines, fitLine(c.st.Label.Render(fmt.Sprintf("FY%d actual: ", a.FiscalYear))+
			format.Value(a.Value, m.Unit, cur, a.Approx)+c.st.Dim.Render(" "+quoteIf(a.StatedAs)), c.w))
		for _, l := range wrap(a.Source, c.w-4) {
			lines = append(lines, "    "+c.st.Link.Render(l))
		}
	}
	return strings.Join(lines, "\n")
}
