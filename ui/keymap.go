package ui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
)

// KeyMap is every key the dashboard answers to. Build it with DefaultKeyMap;
// each program gets its own copy.
type KeyMap struct {
	NextTab   key.Binding
	PrevTab   key.Binding
	TabNumber key.Binding
	Prev      key.Binding
	Next      key.Binding
	First     key.Binding
	Last      key.Binding
	Up        key.Binding
	Down      key.Binding
	PageUp    key.Binding
	PageDown  key.Binding
	Chart     key.Binding
	Source    key.Binding
	Help      key.Binding
	Close     key.Binding
	Reload    key.Binding
	Quit      key.Binding
	// Company, PrevCompany and NextCompany switch between the companies
	// open side by side; they are off (and out of the help) with one.
	Company     key.Binding
	PrevCompany key.Binding
	NextCompany key.Binding
}

// DefaultKeyMap is the standard key set.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NextTab:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next view")),
		PrevTab:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous view")),
		TabNumber: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "jump to view")),
		Prev:      key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "earlier quarter")),
		Next:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "later quarter")),
		First:     key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", "first quarter")),
		Last:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "latest quarter")),
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous metric")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next metric")),
		PageUp:    key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "scroll up a page")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "scroll down a page")),
		Chart:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "full chart")),
		Source:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sources")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Close:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		Reload:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload data file")),
		Quit:      key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),

		Company:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "pick a company"), key.WithDisabled()),
		PrevCompany: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous company"), key.WithDisabled()),
		NextCompany: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next company"), key.WithDisabled()),
	}
}

// ShortHelp implements help.KeyMap: the footer line, most needed first.
// bubbles/help drops entries from the end when the line is too narrow, so
// the order is the priority: help and quit, then moving the quarter and
// the focus, what enter and s open, then switching tabs (the tab bar is
// on screen). Pairs share one entry; these entries are for display only
// (keys match on the bindings).
func (k KeyMap) ShortHelp() []key.Binding {
	show := func(keys, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys), key.WithHelp(keys, desc))
	}
	keys := []key.Binding{
		show("?", "help"), show("q", "quit"),
		show("←/→", "quarter"), show("↑/↓", "metric"),
		show("enter", "chart"), show("s", "sources"), show("tab", "view"),
	}
	if k.Company.Enabled() {
		// Several companies: switching is what a newcomer looks for, so
		// it comes right after help and quit.
		keys = slices.Insert(keys, 2, show("c [ ]", "company"))
	}
	return keys
}

// FullHelp implements help.KeyMap: the ? overlay, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Prev, k.Next, k.First, k.Last},
		{k.NextTab, k.PrevTab, k.TabNumber},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Chart, k.Source},
		{k.Help, k.Close, k.Reload, k.Quit},
		{k.Company, k.PrevCompany, k.NextCompany},
	}
}
