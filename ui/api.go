// Package ui is the quarterdash dashboard: Bubble Tea models, views and
// keymaps. It draws; the figures and the arithmetic come from package data.
package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"quarterdash/data"
)

// Config is what a dashboard needs to start. The SSH server builds one per
// session; the local program builds one from the terminal.
type Config struct {
	Data *data.Dataset
	// Renderer builds every style, so that each SSH session gets colours for
	// its own terminal. Nil means lipgloss.DefaultRenderer().
	Renderer *lipgloss.Renderer
	// Width and Height are the initial size; zero waits for a WindowSizeMsg.
	Width, Height int
	// Quarter is the period to start on ("2024-Q2"); empty is the latest.
	Quarter string
	// Reload, when set, rereads the data file: the r key calls it (in a
	// command, off the event loop) and swaps the data in, keeping the tab,
	// quarter and focus. Nil disables r (the embedded data, the SSH demo).
	Reload func() (*data.Dataset, error)
	// Shared, when set, lets sessions reuse each other's drawings (see
	// SharedCache); the SSH server passes one to every session.
	Shared *SharedCache
	// Companies, when it holds two or more, opens them all side by side
	// (see Open and Workspace); Data and Reload are then ignored.
	Companies []Company
}

// ShutdownMsg tells a running dashboard that the server is going down: it
// shows Reason and quits.
type ShutdownMsg struct{ Reason string }

// RenderOptions selects one frame for Render.
type RenderOptions struct {
	View    string // a name from Views()
	Quarter string // "2024-Q2"; empty is the latest
	Width   int
	Height  int
	// Metric is the Compare tab's metric id (RenderCompanies); empty is
	// revenue, or the first metric the companies share.
	Metric string
}

// Views lists the view names Render accepts: one per tab (overview, each
// segment's id, guidance), each tab's chart and sources overlays
// ("financials/chart", "financials/sources") and "help". The too-small
// notice is what any view gives below MinWidth x MinHeight.
func Views(d *data.Dataset) []string {
	var names []string
	for _, t := range viewTabs(d) {
		names = append(names, t, t+"/chart", t+"/sources")
	}
	return append(names, "help")
}

// viewTabs is the view name of each tab, in tab order: the panes' own
// names (buildPanes gives them), so the list of tabs exists once.
func viewTabs(d *data.Dataset) []string {
	return paneNames(buildPanes(d))
}

// Render draws one frame of a view exactly as the dashboard would at that
// size: a fresh Model gets the window size, is put on the view's tab, and
// gets the key (enter, s or ?) that opens the view's overlay.
func Render(d *data.Dataset, r *lipgloss.Renderer, opt RenderOptions) (string, error) {
	m, err := viewModel(d, r, opt)
	if err != nil {
		return "", err
	}
	return m.View(), nil
}

// viewModel is the model Render draws: on the view's tab, with its
// overlay open.
func viewModel(d *data.Dataset, r *lipgloss.Renderer, opt RenderOptions) (Model, error) {
	if _, err := d.ResolveQuarter(opt.Quarter); err != nil {
		return Model{}, err
	}
	tab, overlayName := opt.View, ""
	for _, o := range []string{"chart", "sources"} {
		if t, ok := strings.CutSuffix(opt.View, "/"+o); ok {
			tab, overlayName = t, o
		}
	}
	tabIndex := -1
	for i, t := range viewTabs(d) {
		if t == tab {
			tabIndex = i
		}
	}
	if tabIndex < 0 && tab != "help" {
		return Model{}, fmt.Errorf("unknown view %q; views: %s", opt.View, strings.Join(Views(d), ", "))
	}
	m := New(Config{Data: d, Renderer: r, Quarter: opt.Quarter})
	m = step(m, tea.WindowSizeMsg{Width: opt.Width, Height: opt.Height})
	if tab == "help" {
		return step(m, keyMsg("?")), nil
	}
	m.setTab(tabIndex)
	switch overlayName {
	case "":
	case "chart":
		m = step(m, keyMsg("enter"))
	case "sources":
		m = step(m, keyMsg("s"))
	}
	return m, nil
}

func step(m Model, msg tea.Msg) Model {
	next, _ := m.Update(msg)
	return next.(Model)
}

// keyMsg builds the message a key press sends, for Render and tests: a
// named key ("enter", "shift+tab") or the runes typed.
func keyMsg(k string) tea.KeyMsg {
	named := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab, "esc": tea.KeyEsc,
		"left": tea.KeyLeft, "right": tea.KeyRight, "up": tea.KeyUp, "down": tea.KeyDown,
		"home": tea.KeyHome, "end": tea.KeyEnd, "ctrl+c": tea.KeyCtrlC, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
	}
	if t, ok := named[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}
