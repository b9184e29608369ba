package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"quarterdash/data"
	"quarterdash/ui/chart"
	"quarterdash/ui/format"
)

// viewCtx is what every pane draws with: the data, the styles, the selected
// quarter and the size of the content area.
type viewCtx struct {
	d     *data.Dataset
	st    *Styles
	qi    int
	w, h  int
	cache *renderCache
	facts *dataFacts
}

// value formats metric id at the selected quarter, "n/a" when missing.
func (c viewCtx) value(id string) string {
	m, ok := c.d.Metric(id)
	if !ok {
		return format.Missing
	}
	v, ok := c.d.Get(c.qi, id)
	if !ok {
		return c.st.Missing.Render(format.Missing)
	}
	s := c.figure(m, v)
	if v.Approx {
		return c.st.Approx.Render(s)
	}
	return s
}

// figure formats one value of m: a growth rate or a price move with its
// sign (+14.0%), anything else as format.Value does.
func (c viewCtx) figure(m data.Metric, v data.Value) string {
	if m.Signed {
		return format.Signed(v.Value, m.Unit, c.d.Company.Currency, v.Approx)
	}
	return format.Value(v.Value, m.Unit, c.d.Company.Currency, v.Approx)
}

// change formats a QoQ or YoY change with arrow and sign, coloured by
// whether the move is good for this metric, in at most w cells: a loss's
// change is spelt out ("▼ loss widened 14.7%") where it fits and written
// short ("▼ loss +14.7%") where it does not. tag is "QoQ", "YoY" or "".
func (c viewCtx) change(id, tag string, ch data.Change, ok bool, w int) string {
	m, _ := c.d.Metric(id)
	if m.Signed {
		// The change of a growth rate or a price move means little: blank.
		return ""
	}
	if !ok {
		return c.st.Missing.Render(strings.TrimSpace(format.Missing + " " + tag))
	}
	arrow := format.ArrowFor(ch, m.Unit)
	cur := c.d.Company.Currency
	text := strings.TrimSpace(arrow + " " + format.ChangeIn(ch, m.Unit, cur) + " " + tag)
	if lipgloss.Width(text) > w {
		text = strings.TrimSpace(arrow + " " + format.ChangeShort(ch, m.Unit, cur) + " " + tag)
	}
	return c.moveStyle(m, arrow).Render(text)
}

// moveStyle is Up for a move in the metric's good direction, Down for the
// other, Flat for neutral metrics and flat moves. It reads the arrow, so
// the colour never says more than the ▲ ▼ ▬ beside it.
func (c viewCtx) moveStyle(m data.Metric, arrow string) lipgloss.Style {
	delta := 0.0
	switch arrow {
	case "▲":
		delta = 1
	case "▼":
		delta = -1
	}
	switch {
	case delta == 0 || m.Good == data.GoodNeutral:
		return c.st.Flat
	case (delta > 0) == (m.Good == data.GoodUp):
		return c.st.Up
	}
	return c.st.Down
}

func (c viewCtx) qoq(id string, w int) string {
	ch, ok := c.d.QoQ(c.qi, id)
	return c.change(id, "QoQ", ch, ok, w)
}

func (c viewCtx) yoy(id string, w int) string {
	ch, ok := c.d.YoY(c.qi, id)
	return c.change(id, "YoY", ch, ok, w)
}

// sparkline is metric id over all quarters, the selected one marked;
// cached per metric, width and selection. A flow (revenue, income) rises
// from zero; a level (people, a price, a margin) spans its own low to
// high, or a +25% rise would draw as a flat line near the top.
func (c viewCtx) sparkline(id string, w int) string {
	key := fmt.Sprintf("spark|%s|%d|%d", id, w, c.qi)
	return c.cache.chart(key, func() string {
		series := c.facts.metric(id).series
		if m, ok := c.d.Metric(id); ok && isLevel(m) {
			return chart.SparklineLevel(series, w, c.qi, c.st.Chart)
		}
		return chart.Sparkline(series, w, c.qi, c.st.Chart)
	})
}

// isLevel reports whether m is a level (people, headcount, a price, a
// margin) rather than a flow or a change: its sparkline spans its own range.
func isLevel(m data.Metric) bool { return m.Kind == data.KindPoint && !m.Signed }

// marker is the line under a sparkline pointing at the selected quarter, so
// the selection reads without colour.
func (c viewCtx) marker(w int) string {
	return c.st.Chart.Selected.Render(chart.Marker(len(c.d.Quarters), w, c.qi))
}

// bigChart is the focused metric drawn with axes, w x h cells; cached.
func (c viewCtx) bigChart(id string, w, h int) string {
	key := fmt.Sprintf("chart|%s|%d|%d|%d", id, w, h, c.qi)
	return c.cache.chart(key, func() string {
		m, _ := c.d.Metric(id)
		cur := c.d.Company.Currency
		return chart.Chart(c.facts.metric(id).series, chart.ChartOptions{
			Width: w, Height: h, Selected: c.qi, XLabels: c.facts.quarterLabels(),
			Label: func(v float64) string { return format.Compact(v, m.Unit, cur, false) },
		}, c.st.Chart)
	})
}

// chartPanel is a titled big chart of metric id filling w x h.
func (c viewCtx) chartPanel(id string, w, h int) string {
	m, ok := c.d.Metric(id)
	if !ok {
		return ""
	}
	title := c.st.PanelHead.Render(m.Label) + c.st.Dim.Render(" · ▲ "+c.d.Quarters[c.qi].Label())
	lines := []string{title}
	if notes := c.facts.metric(id).scale; notes != "" {
		// The legend wraps rather than being cut at the edge.
		for _, l := range wrap(notes, w) {
			lines = append(lines, c.st.Dim.Render(l))
		}
	}
	ch := c.bigChart(id, w, max(h-len(lines), 1))
	return strings.Join(append(lines, ch), "\n")
}

// sourcePanel is everything known about metric id at the selected quarter:
// the exact figure, the source's wording, approx or exact, the source and
// cross-checks, the definition. Used by the detail panel (short) and the s
// overlay (full).
func (c viewCtx) sourcePanel(id string, w int, full bool) []string {
	m, ok := c.d.Metric(id)
	if !ok {
		return nil
	}
	st := c.st
	q := c.d.Quarters[c.qi]
	out := []string{st.PanelHead.Render(m.Label) + st.Dim.Render(" · "+q.Label())}
	// emit wraps text under a label, each piece drawn by render.
	emit := func(label, text string, render func(string) string) {
		if text == "" {
			return
		}
		lw := lipgloss.Width(label)
		for i, l := range wrap(text, max(w-lw, 8)) {
			if i == 0 {
				out = append(out, st.Label.Render(label)+render(l))
			} else {
				out = append(out, strings.Repeat(" ", lw)+render(l))
			}
		}
	}
	add := func(label, text string, style lipgloss.Style) {
		emit(label, text, func(piece string) string { return style.Render(piece) })
	}
	// A wrapped URL cannot be copied whole: each piece links to the whole
	// address where the terminal supports it.
	addLink := func(label, url string) {
		emit(label, url, func(piece string) string { return st.Hyperlink(url, piece) })
	}
	v, ok := c.d.Get(c.qi, id)
	if !ok {
		add("Value   ", "n/a: not reported for "+q.Label(), st.Missing)
		if li, lv, ok := c.lastReported(id); ok {
			add("Last    ", c.d.Quarters[li].Label()+": "+format.Value(lv.Value, m.Unit, c.d.Company.Currency, lv.Approx), st.Text)
		}
	} else {
		exact := format.Exact(v.Value, m.Unit, c.d.Company.Currency)
		if m.Signed {
			exact = format.ExactSigned(v.Value, m.Unit, c.d.Company.Currency)
		}
		add("Value   ", exact, st.Value)
		if v.Approx {
			add("Status  ", "approximate (~)", st.Approx)
		} else {
			add("Status  ", "exact", st.Dim)
		}
		add("Stated  ", quoteIf(v.StatedAs), st.Text)
		addLink("Source  ", v.Source)
		if ttm, ok := c.d.TTM(c.qi, id); ok {
			add("TTM     ", format.Value(ttm.Value, m.Unit, c.d.Company.Currency, ttm.Approx), st.Text)
		}
		if full {
			// The SEC filing a secondary source transcribes: the primary
			// document a reader can check the figure against.
			for _, f := range v.Filings {
				addLink("Filing  ", f)
			}
			add("Derived ", v.Derived, st.Text)
			add("As of   ", v.AsOf, st.Text)
			for _, x := range v.CrossCheck {
				addLink("Check   ", x)
			}
			add("Note    ", v.Note, st.Text)
		}
	}
	add("Basis   ", definition(m), st.Dim)
	return out
}

func quoteIf(s string) string {
	if s == "" {
		return ""
	}
	return "“" + s + "”"
}

// definition is the metric's stated basis, or how a derived one is computed.
func definition(m data.Metric) string {
	if m.Ratio != nil {
		d := fmt.Sprintf("computed: %s ÷ %s", m.Ratio.Numerator, m.Ratio.Denominator)
		if m.Definition != "" {
			d = m.Definition + " (" + d + ")"
		}
		return d
	}
	return m.Definition
}

// lastReported is the latest quarter before the selected one that has a
// figure for id, so a gap can say what came before it.
func (c viewCtx) lastReported(id string) (int, data.Value, bool) {
	for i := c.qi - 1; i >= 0; i-- {
		if v, ok := c.d.Get(i, id); ok {
			return i, v, true
		}
	}
	return -1, data.Value{}, false
}

// ttm is the trailing-twelve-month sum of a flow metric at the selected
// quarter; blank for point-in-time metrics, n/a when a quarter is missing.
func (c viewCtx) ttm(id string) string {
	m, ok := c.d.Metric(id)
	if !ok || m.Kind != data.KindFlow || m.Ratio != nil {
		return ""
	}
	v, ok := c.d.TTM(c.qi, id)
	if !ok {
		return c.st.Missing.Render(format.Missing)
	}
	return format.Value(v.Value, m.Unit, c.d.Company.Currency, v.Approx)
}

// widestFigure is the widest formatted value (or TTM sum) of ids across all
// quarters, at least the width of "Value". The widths per metric are data
// facts, worked out once.
func (c viewCtx) widestFigure(ids []string, ttm bool) int {
	w := len("Value")
	for _, id := range ids {
		if _, ok := c.d.Metric(id); !ok {
			continue
		}
		mf := c.facts.metric(id)
		if ttm {
			w = max(w, mf.widestTTM)
		} else {
			w = max(w, mf.widest)
		}
	}
	return w
}
