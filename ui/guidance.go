package ui

import (
	"fmt"
	"math"
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
	metrics []string // metrics that have guidance, in the order the file first guides them
}

func newGuidancePane(d *data.Dataset) guidancePane {
	// The file's order: the metric it first gives guidance for leads.
	var ids []string
	for _, id := range d.GuidedMetrics() {
		if _, ok := d.Metric(id); ok {
			ids = append(ids, id)
		}
	}
	return guidancePane{metrics: ids}
}

func (p guidancePane) name() string { return "guidance" }

func (p guidancePane) title() string { return "Guidance" }

func (p guidancePane) rows(*data.Dataset) int { return len(p.metrics) }

func (p guidancePane) items() []string { return p.metrics }

func (p guidancePane) focused(focus int) string {
	return itemAt(p.metrics, focus)
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

// The verdict rule, the same everywhere: a guided period's outcome (beat,
// within, miss, above, below) is its actual against the final range, the
// last one given for it; each view says so ("final range"). data's
// GuidanceTrack.Outcome applies it.

// verdict is a track's outcome with the range it is judged against:
// "▲ above final range $85–87B". given is the range the reader is looking
// at; when it is the final one, the range is not repeated.
func verdict(st *Styles, m data.Metric, t data.GuidanceTrack, given data.Guidance, cur string) string {
	f := t.Final()
	text := outcomeStyle(st, m, t.Outcome).Render(outcomeWord(m, t.Outcome))
	if f.GivenWith == given.GivenWith && f.Low == given.Low && f.High == given.High {
		return text + st.Dim.Render(" (final range)")
	}
	return text + st.Dim.Render(" final range "+rangeText(f, m.Unit, cur)+" (given "+f.GivenWith+")")
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
	// Metric switcher line: the focused section comes first below it.
	var sw []string
	for i, mid := range p.metrics {
		mm, _ := c.d.Metric(mid)
		name := mm.ShortLabel()
		if i == focus {
			sw = append(sw, st.TabActive.Render("▸ "+name))
		} else {
			sw = append(sw, st.TabInactive.Render(name))
		}
	}
	out := []string{fitLine(strings.Join(sw, st.TabSep.Render(" · "))+st.Dim.Render("   ↑/↓ switch"), c.w), ""}
	// The focused section, then the others while the height allows: a tall
	// terminal shows capex, revenue and expenses guidance together. Another
	// section is shown whole or not at all, so what is on screen is never
	// a piece of a section that looks like the end of the one above.
	out = append(out, p.section(c, p.metrics[focus%len(p.metrics)], c.h-len(out), false)...)
	for k := 1; k < len(p.metrics); k++ {
		id := p.metrics[(focus+k)%len(p.metrics)]
		// Measured before it is drawn: a long history's section is
		// hundreds of lines, and drawing it to find that costs a frame.
		if len(out)+p.wholeSectionLines(c, id) > c.h {
			break
		}
		out = append(out, p.section(c, id, math.MaxInt32, true)...)
	}
	return strings.Join(out, "\n")
}

// section is one guided metric's tracks in at most room lines (two of
// them a title when titled): fiscal-year tracks as whole blocks, so a
// year's header is never scrolled away from its ranges; quarterly targets
// as rows under their column header. The window starts at the selected
// quarter's year (or the target it guided) and reaches back when the rest
// would leave space unused; what it leaves out is named above and below
// it, with the key that brings it in.
func (p guidancePane) section(c viewCtx, id string, room int, titled bool) []string {
	m, _ := c.d.Metric(id)
	var out []string
	if titled {
		out = append(out, "", c.st.PanelHead.Render(m.ShortLabel()+" guidance"))
		room -= 2
	}
	tracks := c.facts.guidanceTracks(id)
	if len(tracks) == 0 || room <= 0 {
		return out
	}
	// Only the tracks in the window are drawn: a long history has hundreds
	// of them, and a frame costs what is on screen.
	if !tracks[0].Target.IsYear() {
		return append(out, p.quarterWindow(c, m, tracks, room)...)
	}
	return append(out, p.yearWindow(c, m, tracks, room)...)
}

// scrollMark is a line naming what a window leaves out.
func scrollMark(c viewCtx, s string) string { return fitLine(c.st.Scroll.Render(s), c.w) }

// quarterWindow is the quarterly targets around the one the selected
// quarter guided, as rows under their column header, in room lines.
func (p guidancePane) quarterWindow(c viewCtx, m data.Metric, tracks []data.GuidanceTrack, room int) []string {
	selected := c.d.Quarters[c.qi].Period()
	anchor := 0
	for i, t := range tracks {
		if !selected.Next().Before(t.Target) {
			anchor = i
		}
	}
	n := max(room-1, 0)
	if len(tracks) > n {
		n = max(room-3, 1) // a line for each mark
	}
	start := max(0, min(anchor-n/2, len(tracks)-n))
	end := min(len(tracks), start+n)
	header, rows := p.quarterRows(c, m, tracks[start:end])
	out := []string{header}
	if start > 0 {
		out = append(out, scrollMark(c, fmt.Sprintf("▲ %d earlier targets above · ← or home", start)))
	}
	out = append(out, rows...)
	if end < len(tracks) {
		out = append(out, scrollMark(c, fmt.Sprintf("▼ %d later targets below · → or end", len(tracks)-end)))
	}
	return out
}

// yearWindow is the fiscal-year tracks from the selected quarter's year,
// reaching back when the rest would leave space unused, as whole blocks
// in room lines.
func (p guidancePane) yearWindow(c viewCtx, m data.Metric, tracks []data.GuidanceTrack, room int) []string {
	selected := c.d.Quarters[c.qi].Period()
	anchor := 0
	for i, t := range tracks {
		if t.Target.Year <= selected.Year {
			anchor = i
		}
	}
	// A year's block is its yearTrack and a blank line; how many lines
	// each year takes at this width is a data fact.
	lines := c.facts.yearTrackLines(m.ID, c.w, func(t data.GuidanceTrack) int { return len(p.yearTrack(c, m, t)) })
	size := func(i int) int { return lines[i] + 1 }
	total := 0
	for i := range tracks {
		total += size(i)
	}
	if total > room {
		room -= 2 // a line for each mark
	}
	if size(anchor) > room {
		// Not even the selected year fits whole: show what does.
		return append(p.yearTrack(c, m, tracks[anchor]), "")[:max(room, 1)]
	}
	start, end, used := anchor, anchor, 0
	for end < len(tracks) && used+size(end) <= room {
		used += size(end)
		end++
	}
	for start > 0 && used+size(start-1) <= room {
		start--
		used += size(start)
	}
	var out []string
	if start > 0 {
		out = append(out, scrollMark(c, "▲ "+targetNames(tracks[:start], c.w)+" above · ← or home"))
	}
	for _, t := range tracks[start:end] {
		out = append(append(out, p.yearTrack(c, m, t)...), "")
	}
	if end < len(tracks) {
		out = append(out, scrollMark(c, "▼ "+targetNames(tracks[end:], c.w)+" below · → or end"))
	}
	return out
}

// targetNames names the tracks a mark stands for. A mark is one line:
// names past its width would be cut, so they are not joined.
func targetNames(ts []data.GuidanceTrack, w int) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(t.Target.String())
		if b.Len() > w {
			break
		}
	}
	return b.String()
}

// wholeSectionLines is len(p.section(c, id, math.MaxInt32, true)), from
// the data facts, without drawing: a title and a blank line, then every
// quarterly row under its header, or every year's block.
func (p guidancePane) wholeSectionLines(c viewCtx, id string) int {
	m, _ := c.d.Metric(id)
	tracks := c.facts.guidanceTracks(id)
	switch {
	case len(tracks) == 0:
		return 2
	case !tracks[0].Target.IsYear():
		return 2 + 1 + len(tracks)
	}
	n := 2
	for _, l := range c.facts.yearTrackLines(id, c.w, func(t data.GuidanceTrack) int { return len(p.yearTrack(c, m, t)) }) {
		n += l + 1
	}
	return n
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
		summary += st.Label.Render("actual ") + st.Value.Render(format.Value(a, m.Unit, cur, t.Actual.Approx)) + " " +
			verdict(st, m, t, data.Guidance{}, cur)
	} else {
		summary += st.Dim.Render("actual not known yet · latest range " + rangeText(t.Final(), m.Unit, cur))
	}
	pad := (hi - lo) * 0.08
	if pad == 0 {
		pad = max(hi*0.05, 1)
	}
	lo, hi = lo-pad, hi+pad
	selected := c.d.Quarters[c.qi].Label()
	out := wrapStyled(summary, c.w)
	label := func(g data.Guidance) string {
		text := g.GivenWith + "  " + rangeText(g, m.Unit, cur)
		if g.Note != "" {
			text += "*"
		}
		return text
	}
	// The label column fits the longest range of the year, so no figure
	// (or its note's *) is cut.
	labelW := 20
	for _, g := range t.Ranges {
		labelW = max(labelW, lipgloss.Width(label(g))+3)
	}
	barW := max(c.w-labelW-2, 10)
	for _, g := range t.Ranges {
		mark := "  "
		style := st.Label
		if g.GivenWith == selected {
			mark, style = st.RowFocus.Render("▸ "), st.RowFocus
		}
		label := style.Render(padLine(label(g), labelW-2))
		bar := chart.RangeBar(g.Low, g.High, actual, lo, hi, barW, st.Chart)
		out = append(out, fitLine(mark+label+"  "+bar, c.w))
	}
	if actual != nil {
		out = append(out, fitLine(strings.Repeat(" ", labelW+2)+st.Dim.Render("◆ actual "+
			format.Value(*actual, m.Unit, cur, t.Actual.Approx)+" · scale "+
			format.Compact(lo, m.Unit, cur, false)+"–"+format.Compact(hi, m.Unit, cur, false)), c.w))
	}
	// A range's note (a revision between calls, say) explains a jump in
	// the sequence: wrapped whole, never cut.
	for _, g := range t.Ranges {
		if g.Note != "" {
			for _, l := range wrap("* "+g.GivenWith+": "+g.Note, max(c.w-4, 1)) {
				out = append(out, "  "+st.Dim.Render(l))
			}
		}
	}
	return out
}

// quarterRows lays out quarterly targets: the range given the quarter
// before, a bar with the actual, and beat/within/miss. The outcome column
// is never cut: the bar shrinks first, and goes when there is no room.
func (p guidancePane) quarterRows(c viewCtx, m data.Metric, tracks []data.GuidanceTrack) (string, []string) {
	st := c.st
	cur := c.d.Company.Currency
	const leftW, outW = 2 + 8 + 10 + 14, 17
	barW := min(c.w-leftW-outW-2, 40)
	header := "  " + padLine("Target", 8) + padLine("Given", 10) + padLine("Final range", 14)
	if barW >= 8 {
		header += padLine("├ range ┤ ◆ actual", barW) + " "
	}
	header = st.Header.Render(fitLine(header+"Actual, outcome", c.w))
	rows := make([]string, len(tracks))
	for i, t := range tracks {
		g := t.Final()
		mark, style := "  ", st.Label
		if g.GivenWith == c.d.Quarters[c.qi].Label() {
			mark, style = st.RowFocus.Render("▸ "), st.RowFocus
		}
		row := mark + style.Render(padLine(t.Target.String(), 8)+padLine(g.GivenWith, 10)+padLine(rangeText(g, m.Unit, cur), 14))
		var actual *float64
		outcome := st.Dim.Render("pending")
		if t.HasActual {
			a := t.Actual.Value
			actual = &a
			outcome = st.Value.Render(format.Value(a, m.Unit, cur, t.Actual.Approx)) + " " +
				outcomeStyle(st, m, t.Outcome).Render(outcomeWord(m, t.Outcome))
		}
		if barW >= 8 {
			span := g.High - g.Low
			if span <= 0 {
				span = max(g.High*0.05, 1)
			}
			lo, hi := g.Low-span, g.High+span
			if actual != nil {
				lo, hi = min(lo, *actual-span/4), max(hi, *actual+span/4)
			}
			row += chart.RangeBar(g.Low, g.High, actual, lo, hi, barW, st.Chart) + " "
		}
		rows[i] = fitLine(row+outcome, c.w)
	}
	return header, rows
}

// chartView is the guidance record of the focused metric: how far each
// outcome landed from the middle of the final range, as a chart (above
// zero: above the midpoint) and a table with the first and final ranges.
func (p guidancePane) chartView(c viewCtx, focus int) string {
	id := p.focused(focus)
	m, ok := c.d.Metric(id)
	if !ok {
		return c.st.Dim.Render("No guidance in this file.")
	}
	st, cur := c.st, c.d.Company.Currency
	tracks := c.facts.guidanceTracks(id)
	var pts []data.Point
	var labels []string
	var rows []string
	for _, t := range tracks {
		f := t.Final()
		row := padLine(t.Target.String(), 9)
		if c.w >= 110 {
			// Where the sequence started; narrow screens keep the outcome.
			row += padLine("first "+rangeText(t.Ranges[0], m.Unit, cur), 20)
		}
		row += padLine("final "+rangeText(f, m.Unit, cur), 20)
		if !t.HasActual || f.Midpoint() == 0 {
			rows = append(rows, row+st.Dim.Render("pending"))
			continue
		}
		vs := (t.Actual.Value - f.Midpoint()) / math.Abs(f.Midpoint()) * 100
		pts = append(pts, data.Point{Period: t.Target, Value: vs, OK: true, Approx: t.Actual.Approx})
		labels = append(labels, t.Target.Short())
		rows = append(rows, row+padLine("actual "+format.Value(t.Actual.Value, m.Unit, cur, t.Actual.Approx), 20)+
			padLine(signedPercent(vs)+" vs mid", 15)+outcomeStyle(st, m, t.Outcome).Render(outcomeWord(m, t.Outcome)))
	}
	title := st.PanelHead.Render(m.ShortLabel()+": outcome vs the middle of the final range") +
		st.Dim.Render(" · above zero: above the midpoint")
	lines := []string{fitLine(title, c.w)}
	tableH := min(len(rows), max(c.h/3, 3))
	chartH := c.h - 1 - tableH - 1
	switch {
	case len(pts) > 0 && chartH >= chart.MinChartHeight:
		lines = append(lines, chart.Chart(pts, chart.ChartOptions{Width: c.w, Height: chartH, Selected: -1, XLabels: labels,
			Label: signedPercent}, st.Chart))
	case len(pts) > 0:
		lines = append(lines, st.Dim.Render(chart.NeedsRoom))
	}
	lines = append(lines, "")
	// Every target: the rows the screen cannot hold scroll (pgdn).
	for _, r := range rows {
		lines = append(lines, fitLine(r, c.w))
	}
	return strings.Join(lines, "\n")
}

// sourceView lists where each range for the focused metric comes from:
// those given with the selected quarter first (so ←/→ walks through the
// calls), then every other call, newest first, then the full-year actuals.
// Quotes, sources and notes wrap whole; the overlay scrolls.
func (p guidancePane) sourceView(c viewCtx, focus int) string {
	id := p.focused(focus)
	m, ok := c.d.Metric(id)
	if !ok {
		return c.st.Dim.Render("No guidance in this file.")
	}
	st, cur := c.st, c.d.Company.Currency
	selected := c.d.Quarters[c.qi].Label()
	lines := []string{st.PanelHead.Render(m.ShortLabel() + " guidance: sources")}
	indented := func(text string, render func(string) string) {
		for _, l := range wrap(text, c.w-4) {
			lines = append(lines, "    "+render(l))
		}
	}
	call := func(g data.Guidance) {
		lines = append(lines, fitLine(st.Label.Render(g.GivenWith+" for "+g.Target+": ")+rangeText(g, m.Unit, cur), c.w))
		if g.StatedAs != "" {
			indented(quoteIf(g.StatedAs), func(l string) string { return st.Text.Render(l) })
		}
		indented(g.Source, func(l string) string { return st.Hyperlink(g.Source, l) })
		if g.Note != "" {
			indented("* "+g.Note, func(l string) string { return st.Dim.Render(l) })
		}
	}
	var now, others []data.Guidance
	for i := len(c.d.Guidance) - 1; i >= 0; i-- {
		switch g := c.d.Guidance[i]; {
		case g.Metric != id:
		case g.GivenWith == selected:
			now = append(now, g)
		default:
			others = append(others, g)
		}
	}
	if len(now) > 0 {
		lines = append(lines, "", st.Header.Render("Given with "+selected))
		for _, g := range now {
			call(g)
		}
	} else {
		lines = append(lines, "", st.Dim.Render("No "+m.ShortLabel()+" guidance given with "+selected+"."))
	}
	if len(others) > 0 {
		lines = append(lines, "", st.Header.Render("Every other call, newest first"))
		for _, g := range others {
			call(g)
		}
	}
	var actuals []data.AnnualActual
	for _, a := range c.d.AnnualActuals {
		if a.Metric == id {
			actuals = append(actuals, a)
		}
	}
	if len(actuals) > 0 {
		lines = append(lines, "", st.Header.Render("Full-year actuals"))
	}
	for _, a := range actuals {
		lines = append(lines, fitLine(st.Label.Render(fmt.Sprintf("FY%d actual: ", a.FiscalYear))+
			format.Value(a.Value, m.Unit, cur, a.Approx), c.w))
		if a.StatedAs != "" {
			indented(quoteIf(a.StatedAs), func(l string) string { return st.Text.Render(l) })
		}
		indented(a.Source, func(l string) string { return st.Hyperlink(a.Source, l) })
	}
	return strings.Join(lines, "\n")
}

// signedPercent is a relative distance with its sign: "+1.7%", "−1.4%".
func signedPercent(v float64) string {
	s := fmt.Sprintf("%.1f%%", math.Abs(v))
	switch {
	case s == "0.0%":
		return s
	case v < 0:
		return "−" + s
	}
	return "+" + s
}
