package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
)

func newHelp(st *Styles) help.Model {
	h := help.New()
	h.Styles.ShortKey = st.HelpKey
	h.Styles.ShortDesc = st.HelpDesc
	h.Styles.ShortSeparator = st.HelpSep
	h.Styles.Ellipsis = st.HelpSep
	h.Styles.FullKey = st.HelpKey
	h.Styles.FullDesc = st.HelpDesc
	h.Styles.FullSeparator = st.HelpSep
	return h
}

// helpView is the whole help; the root scrolls it when it is taller than
// the screen.
func (m Model) helpView(ctx viewCtx) string {
	return strings.Join(m.helpLines(ctx), "\n")
}

// helpLines is the whole help text at the context's width.
func (m Model) helpLines(ctx viewCtx) []string {
	st := ctx.st
	lines := []string{st.PanelHead.Render("Keys")}
	lines = append(lines, strings.Split(keyColumns(ctx, m.keys.FullHelp()), "\n")...)
	for _, l := range wrap("Also: ctrl+c quits; a mouse click on a tab opens it; on Guidance, ↑/↓ switch between the guided metrics.", ctx.w) {
		lines = append(lines, st.Dim.Render(l))
	}
	lines = append(lines, "", st.PanelHead.Render("Reading the figures"))
	for _, g := range helpGlossary(len(m.tabs.Labels)) {
		term := st.HelpKey.Render(padLine(g[0], 12))
		for i, l := range wrap(g[1], max(ctx.w-14, 10)) {
			if i == 0 {
				lines = append(lines, "  "+term+l)
			} else {
				lines = append(lines, strings.Repeat(" ", 14)+l)
			}
		}
	}
	return lines
}

// helpGlossary explains every mark and abbreviation the views use.
func helpGlossary(tabs int) [][2]string {
	return [][2]string{
		{"▲ ▼ + −", "the direction of a change; ▬ is no change. Colour only repeats it: green is good for that metric, red bad, grey neutral."},
		{"~  approx.", "an approximate figure: rounded, spoken on a call, derived, or from a weaker source. In charts its bar is shaded ▓."},
		{"n/a  ·", "no figure for that quarter: not reported by the company, or not found in the sources. A gap, never a zero."},
		{"QoQ  YoY", "change against the previous quarter, and against the same quarter a year earlier. Across zero (a loss to a profit) a percentage means nothing: the change is the amount, +$50.0M. Between two losses it says how the loss moved: \"loss widened 14.7%\" (short: loss +14.7%) is ▼, \"loss narrowed\" ▲."},
		{"pp", "percentage points: the change of a percentage (a margin from 38.0% to 40.1% is +2.1 pp)."},
		{"TTM", "trailing twelve months: the sum of the last four quarters, for figures that add up over time."},
		{"▸  ┃", "the focused row or card: enter charts it, s shows its source."},
		{"▲ marker", "the selected quarter, under a sparkline or chart; ←/→ move it, and every figure follows."},
		{"loss scale", "losses hang below the zero line, so a deeper loss is drawn lower."},
		{"▁▃▅█ trend", "a sparkline, one cell a quarter. Flows (revenue, income, capex) rise from zero; levels (people, headcount, prices, margins) span their own low (▁) to high (█), so their moves show. Losses hang from the top: ▔ small, ▀ larger, █ the deepest."},
		{"! one-off", "a one-time item (a tax charge, a legal accrual, a restructuring) that makes the quarter look odd."},
		{"├──┤  ◆", "guidance: the range as given, and the actual. Every verdict is against the final range, the last one given for the period, and says so: ● within; ▲ beat or above; ▼ miss or below. * marks a range with a note. enter charts each outcome against the middle of its final range."},
		{"1-" + strconv.Itoa(min(tabs, 9)), "jump to that tab."},
	}
}

// keyColumns lays every binding out as "key  description" cells flowed
// into as many columns as the width allows, so no key is ever cut off.
func keyColumns(ctx viewCtx, groups [][]key.Binding) string {
	var cells []string
	for _, g := range groups {
		for _, b := range g {
			if !b.Enabled() {
				continue // r without a data file to reload, say
			}
			h := b.Help()
			cells = append(cells, ctx.st.HelpKey.Render(padLine(h.Key, 10))+" "+ctx.st.HelpDesc.Render(h.Desc))
		}
	}
	const cellW = 30
	cols := max(ctx.w/cellW, 1)
	rows := (len(cells) + cols - 1) / cols
	lines := make([]string, rows)
	for i, c := range cells {
		r := i % rows
		if i/rows < cols-1 {
			c = padLine(c, cellW)
		}
		lines[r] += c
	}
	return strings.Join(lines, "\n")
}
