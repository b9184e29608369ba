package ui

import (
	"net/url"
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"quarterdash/data"
	"quarterdash/ui/format"
)

// overviewPane is the selected quarter at a glance: headline cards, the
// next-quarter revenue guidance and the quarter's notes.
type overviewPane struct {
	cards []string
}

// maxCards bounds the Overview cards a file without an overview list gets
// from its first segment.
const maxCards = 8

func newOverview(d *data.Dataset) overviewPane {
	return overviewPane{cards: d.OverviewMetrics(maxCards)}
}

func (p overviewPane) name() string { return "overview" }

func (p overviewPane) title() string { return "Overview" }

func (p overviewPane) rows(*data.Dataset) int { return len(p.cards) }

func (p overviewPane) items() []string { return p.cards }

func (p overviewPane) focused(focus int) string {
	return itemAt(p.cards, focus)
}

// cardLayout picks columns and card height for the space: balanced rows,
// cards at least 19 cells wide, and shorter cards when the height is tight
// (first the marker line, then the sparkline, then the changes go).
func (p overviewPane) cardLayout(w, h int) (cols, cardW, cardH int) {
	n := max(len(p.cards), 1)
	maxCols := min(max(w/25, min(w/19, 4), 1), 8)
	rows := (n + maxCols - 1) / maxCols
	cols = (n + rows - 1) / rows
	// No gap between cards: each card's left rule separates it from the
	// one before, and the cell saved lets 80 columns show all 18 quarters.
	cardW = w / cols
	// Leave room below the cards for the guidance line and a few notes.
	for _, ch := range []int{6, 5, 4, 2} {
		cardH = ch
		if rows*ch <= h-7 {
			break
		}
	}
	return cols, cardW, cardH
}

func (p overviewPane) view(c viewCtx, focus int) string {
	cols, cardW, cardH := p.cardLayout(c.w, c.h)
	var lines []string
	for start := 0; start < len(p.cards); start += cols {
		var row []string
		for i := start; i < min(start+cols, len(p.cards)); i++ {
			card := p.card(c, p.cards[i], cardW, cardH, i == focus)
			if row == nil {
				row = card
				continue
			}
			row = sideBySide(row, card, lipgloss.Width(row[0]), "")
		}
		lines = append(lines, row...)
	}
	lines = append(lines, "")
	// A file that records no guidance at all (a company imported from its
	// filings) gets no guidance lines: there is nothing to say each quarter.
	if len(c.d.Guidance) > 0 {
		guidance := guidanceSummary(c)
		if c.h-len(lines)-len(guidance)-1 < 4 {
			// Tight: keep room for the notes. The next quarter's revenue
			// range stays; the full-year ranges are on the Guidance tab.
			guidance = guidance[:1]
		}
		lines = append(lines, guidance...)
		lines = append(lines, "")
	}
	room := c.h - len(lines)
	var notes []string
	if c.facts.anyNotes(c.d) {
		notes = notesView(c, c.w)
	}
	lines = append(lines, notes...)
	// A tall terminal has room for the focused card's chart as well.
	// (Without notes the blank line above already parts it from the cards.)
	gap := 1
	if len(notes) == 0 {
		gap = 0
	}
	if id := p.focused(focus); id != "" && room-len(notes)-gap >= 6 {
		if gap > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, c.chartPanel(id, c.w, room-len(notes)-gap))
	}
	// Notes taller than the room scroll (pgdn), like every view.
	return strings.Join(lines, "\n")
}

// card is one headline metric: label, value, QoQ, YoY, sparkline and the
// selected-quarter marker, left-ruled (heavier when focused).
func (p overviewPane) card(c viewCtx, id string, w, h int, focused bool) []string {
	m, _ := c.d.Metric(id)
	bar, barStyle := "│ ", c.st.CardBorder
	label := c.st.Label.Render(m.ShortLabel())
	if focused {
		bar, barStyle = "┃ ", c.st.CardBorderFocus
		label = c.st.RowFocus.Render(m.ShortLabel())
	}
	inner := w - 2
	// The value reads as it does in the tables ("~" for approximate,
	// "n/a" for a gap); a gap's line below says what came before it.
	value := c.st.Value.Render(c.value(id))
	body := []string{label, value}
	if h >= 4 {
		changes := []string{c.qoq(id, inner), c.yoy(id, inner)}
		if _, ok := c.d.Get(c.qi, id); !ok {
			if li, lv, ok := c.lastReported(id); ok {
				q := c.d.Quarters[li]
				changes[0] = c.st.Dim.Render("last " + q.Period().Short() + " " + format.Compact(lv.Value, m.Unit, c.d.Company.Currency, lv.Approx))
			}
		}
		body = append(body, changes...)
	}
	if h >= 5 {
		body = append(body, c.sparkline(id, inner))
	}
	if h >= 6 {
		body = append(body, c.marker(inner))
	}
	out := make([]string, len(body))
	for i, l := range body {
		out[i] = padLine(barStyle.Render(bar)+fitLine(l, inner), w)
	}
	return out
}

// guidanceSummary is the guidance given with the selected quarter: the
// next quarter's revenue range (and how it turned out) and full-year ranges.
func guidanceSummary(c viewCtx) []string {
	var out []string
	cur := c.d.Company.Currency
	// Every guided metric of the file, in the order of the Overview cards
	// (the file's choice of what leads), then the rest in guidance order.
	ids := guidedInCardOrder(c.d)
	for _, id := range ids {
		m, ok := c.d.Metric(id)
		if !ok {
			continue
		}
		tracks := c.facts.guidanceTracks(id)
		for _, g := range c.d.GuidanceFor(c.qi, id) {
			text := c.st.Label.Render(m.ShortLabel()+" guidance for "+g.Target+": ") +
				c.st.Value.Render(rangeText(g, m.Unit, cur))
			for _, t := range tracks {
				if t.Target.String() == g.Target && t.HasActual {
					text += c.st.Dim.Render(" · actual ") + format.Value(t.Actual.Value, m.Unit, cur, t.Actual.Approx) +
						" " + verdict(c.st, m, t, g, cur)
				}
			}
			out = append(out, wrapStyled(text, c.w)...)
		}
	}
	if len(out) == 0 {
		out = append(out, c.st.Dim.Render("No guidance recorded with "+c.d.Quarters[c.qi].Label()+"."))
	}
	return out
}

// notesView lists the selected quarter's notes, one-offs flagged, each
// ending with where it comes from. All of them: the view scrolls when they
// do not fit.
func notesView(c viewCtx, w int) []string {
	q := c.d.Quarters[c.qi]
	out := []string{c.st.PanelHead.Render("Notes · " + q.Label())}
	if len(q.Notes) == 0 {
		return append(out, c.st.Dim.Render("No notes for this quarter."))
	}
	// One-offs first: they explain odd figures, and a short screen may
	// have room for only one note.
	notes := slices.Clone(q.Notes)
	slices.SortStableFunc(notes, func(a, b data.Note) int {
		return btoi(b.Kind == data.NoteOneOff) - btoi(a.Kind == data.NoteOneOff)
	})
	for _, n := range notes {
		out = append(out, noteLines(c, n, w, true, 0)...)
	}
	return out
}

// sourceHost shortens a source URL to its host; a citation stays as is.
func sourceHost(s string) string {
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Host, "www.")
	}
	// A citation: its first part names the publication and date.
	if before, _, ok := strings.Cut(s, " ("); ok {
		return before
	}
	return s
}

func (p overviewPane) chartView(c viewCtx, focus int) string {
	return metricChartView(c, p.focused(focus))
}

// sourceView shows the focused card's sources and every note with its full
// source.
func (p overviewPane) sourceView(c viewCtx, focus int) string {
	lines := c.sourcePanel(p.focused(focus), c.w, true)
	q := c.d.Quarters[c.qi]
	if len(q.Notes) > 0 {
		lines = append(lines, "", c.st.PanelHead.Render("Notes · "+q.Label()))
		for _, n := range q.Notes {
			lines = append(lines, noteLines(c, n, c.w, false, 0)...)
			for _, l := range wrap("source: "+n.Source, c.w-4) {
				lines = append(lines, "    "+c.st.Hyperlink(n.Source, l))
			}
		}
	}
	return strings.Join(lines, "\n")
}

// guidedInCardOrder lists the file's guided metrics, those that are
// Overview cards first and in card order, then the others as the file
// gives their guidance.
func guidedInCardOrder(d *data.Dataset) []string {
	guided := d.GuidedMetrics()
	cards := d.OverviewMetrics(maxCards)
	rank := func(id string) int {
		if i := slices.Index(cards, id); i >= 0 {
			return i
		}
		return len(cards)
	}
	slices.SortStableFunc(guided, func(a, b string) int { return rank(a) - rank(b) })
	return guided
}
