package ui

import (
	"strings"

	"quarterdash/data"
)

// pane is one tab's content. Panes draw from the root's state (selected
// quarter, their focused row) handed in through viewCtx, so the root keeps
// a single copy of it and Update stays a table of key -> state change.
type pane interface {
	// name is the tab's view name: "overview", a segment's id, "guidance";
	// render --view and a reload find the tab by it.
	name() string
	title() string
	// rows is how many focusable rows the pane has (for ↑/↓).
	rows(d *data.Dataset) int
	// items names the focusable rows (metric ids), so focus survives a
	// reload that reorders them.
	items() []string
	view(c viewCtx, focus int) string
	// chartView is the enter overlay: the focused metric's full-size chart.
	chartView(c viewCtx, focus int) string
	// sourceView is the s overlay: where the focused figures come from.
	sourceView(c viewCtx, focus int) string
}

// buildPanes makes Overview, one pane per segment of the data file, and
// Guidance when the file records any (a company imported from its filings
// has none: a tab that could only say so is left out): the tabs come from
// the data, not from code. Each pane is
// given its view name here, once: a segment's id, or "segment-<id>" when
// the id is taken (by Overview, Guidance, help or an earlier segment), so
// every tab has a name of its own.
func buildPanes(d *data.Dataset) []pane {
	panes := []pane{newOverview(d)}
	taken := map[string]bool{"overview": true, "guidance": true, "help": true}
	for _, s := range d.Segments {
		name := s.ID
		for taken[name] {
			name = "segment-" + name
		}
		taken[name] = true
		panes = append(panes, segmentPane{seg: s, viewName: name})
	}
	if len(d.Guidance) == 0 && len(d.AnnualActuals) == 0 {
		return panes
	}
	return append(panes, newGuidancePane(d))
}

// paneNames is each pane's view name, in tab order.
func paneNames(panes []pane) []string {
	names := make([]string, len(panes))
	for i, p := range panes {
		names[i] = p.name()
	}
	return names
}

// metricChartView is the shared full-size chart overlay for a metric id.
func metricChartView(c viewCtx, id string) string {
	if id == "" {
		return c.st.Dim.Render("No metric to chart here.")
	}
	return c.chartPanel(id, c.w, c.h)
}

// metricSourceView is the shared source overlay for a metric id.
func metricSourceView(c viewCtx, id string) string {
	return strings.Join(c.sourcePanel(id, c.w, true), "\n")
}

// itemAt is list[i], or "" when i is out of range (an empty pane).
func itemAt(list []string, i int) string {
	if i < 0 || i >= len(list) {
		return ""
	}
	return list[i]
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// noteLines draws one note wrapped to w cells: a "•" for a highlight, a
// styled "! one-off:" for a one-off item, continuation lines indented. With
// withHost the source's host ends the text; maxLines > 0 cuts the note
// there, ending it with "…".
func noteLines(c viewCtx, n data.Note, w int, withHost bool, maxLines int) []string {
	prefix := "• "
	if n.Kind == data.NoteOneOff {
		prefix = "! one-off: "
	}
	text := prefix + n.Text
	if withHost {
		text += " (" + sourceHost(n.Source) + ")"
	}
	lines := wrap(text, max(w-2, 1))
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
		lines[maxLines-1] = fitLine(lines[maxLines-1]+" …", w-2)
	}
	for i, l := range lines {
		switch {
		case i > 0:
			lines[i] = "  " + l
		case n.Kind == data.NoteOneOff:
			// The mark is styled; when the first word did not fit beside
			// it, the line holds the mark alone (without its space).
			mark := strings.TrimSpace(prefix)
			if rest, ok := strings.CutPrefix(l, mark); ok {
				lines[i] = c.st.OneOff.Render(mark) + rest
			}
		}
	}
	return lines
}
