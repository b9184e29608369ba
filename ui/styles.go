package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"quarterdash/ui/chart"
)

// Styles is every style the dashboard draws with. It is built from one
// renderer, so that each SSH session gets colours for its own terminal;
// never share a Styles between renderers.
type Styles struct {
	r *lipgloss.Renderer

	Text        lipgloss.Style // plain body text
	Title       lipgloss.Style
	Ticker      lipgloss.Style
	Dim         lipgloss.Style
	Quarter     lipgloss.Style
	TabActive   lipgloss.Style
	TabInactive lipgloss.Style
	TabSep      lipgloss.Style
	Rule        lipgloss.Style

	CardBorder      lipgloss.Style
	CardBorderFocus lipgloss.Style
	Label           lipgloss.Style
	Value           lipgloss.Style
	Up              lipgloss.Style // a move in the good direction
	Down            lipgloss.Style // a move in the bad direction
	Flat            lipgloss.Style
	Approx          lipgloss.Style
	Missing         lipgloss.Style

	RowFocus  lipgloss.Style
	Header    lipgloss.Style
	PanelHead lipgloss.Style
	Link      lipgloss.Style
	OneOff    lipgloss.Style

	Within lipgloss.Style // an outcome inside its guidance range

	StatusOK lipgloss.Style // a status-line message that reports success

	Warning lipgloss.Style
	Status  lipgloss.Style
	Scroll  lipgloss.Style // the marks that say a view goes on above or below

	HelpKey  lipgloss.Style
	HelpDesc lipgloss.Style
	HelpSep  lipgloss.Style

	Chart chart.Styles
}

// NewStyles builds the styles on renderer r. Colours are adaptive light/dark
// pairs; under NO_COLOR or a colourless terminal the renderer drops them, and
// the dashboard still reads from its signs (▲▼ +/−, ~, n/a) alone.
func NewStyles(r *lipgloss.Renderer) *Styles {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	c := func(light, dark string) lipgloss.AdaptiveColor {
		return lipgloss.AdaptiveColor{Light: light, Dark: dark}
	}
	accent := c("#5A3FD9", "#A78BFA")
	muted := c("#6B6B6B", "#8A8A8A")
	faint := c("#A8A8A8", "#4E4E4E")
	good := c("#1A7F37", "#3FB950")
	bad := c("#C62828", "#F85149")
	warn := c("#9A6700", "#D29922")
	text := c("#1F1F1F", "#E6E6E6")

	s := &Styles{r: r}
	ns := r.NewStyle
	s.Text = ns()
	s.Title = ns().Bold(true).Foreground(text)
	s.Ticker = ns().Bold(true).Foreground(accent)
	s.Dim = ns().Foreground(muted)
	s.Quarter = ns().Bold(true).Foreground(accent)
	s.TabActive = ns().Bold(true).Foreground(accent)
	s.TabInactive = ns().Foreground(muted)
	s.TabSep = ns().Foreground(faint)
	s.Rule = ns().Foreground(faint)

	s.CardBorder = ns().Foreground(faint)
	s.CardBorderFocus = ns().Foreground(accent).Bold(true)
	s.Label = ns().Foreground(muted)
	s.Value = ns().Bold(true).Foreground(text)
	s.Up = ns().Foreground(good)
	s.Down = ns().Foreground(bad)
	s.Flat = ns().Foreground(muted)
	s.Approx = ns().Foreground(warn)
	s.Missing = ns().Foreground(faint)

	s.RowFocus = ns().Bold(true).Foreground(accent)
	s.Header = ns().Foreground(muted).Bold(true)
	s.PanelHead = ns().Bold(true).Foreground(accent)
	s.Link = ns().Foreground(c("#0B5CAD", "#58A6FF"))
	s.OneOff = ns().Foreground(warn).Bold(true)

	s.Within = ns().Foreground(accent)
	s.StatusOK = ns().Foreground(good)

	s.Warning = ns().Foreground(bad).Bold(true)
	s.Status = ns().Foreground(muted)
	s.Scroll = ns().Foreground(accent).Bold(true)

	s.HelpKey = ns().Foreground(accent)
	s.HelpDesc = ns().Foreground(muted)
	s.HelpSep = ns().Foreground(faint)

	s.Chart = chart.Styles{
		Bar:      ns().Foreground(accent),
		Negative: ns().Foreground(bad),
		Selected: ns().Foreground(warn).Bold(true),
		Gap:      ns().Foreground(faint),
		Axis:     ns().Foreground(muted),
		Zero:     ns().Foreground(faint),
		Label:    ns().Foreground(muted),
	}
	return s
}

// Hyperlink renders text in the Link style and, when target is a web
// address and the terminal gets colour, wraps it in an OSC 8 hyperlink so
// that a URL cut over several lines still opens whole on click. Plain
// output (no colour, golden files, render --color never) stays plain text.
func (s *Styles) Hyperlink(target, text string) string {
	styled := s.Link.Render(text)
	if s.r.ColorProfile() == termenv.Ascii ||
		!(strings.HasPrefix(target, "https://") || strings.HasPrefix(target, "http://")) ||
		strings.ContainsAny(target, "\x1b\x07") {
		return styled
	}
	return "\x1b]8;;" + target + "\x1b\\" + styled + "\x1b]8;;\x1b\\"
}
