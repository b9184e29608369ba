// Package ui is the quarterdash dashboard: Bubble Tea models, views and
// keymaps. It draws; the figures and the arithmetic come from package data.
package ui

import (
	"fmt"
	"time"

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
	// IdleTimeout, when set, ends the program with a goodbye after no key
	// or mouse input for that long (used by the SSH demo).
	IdleTimeout time.Duration
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
}

// Views lists the view names Render accepts.
func Views(d *data.Dataset) []string {
	return []string{"overview"}
}

// Render draws one frame of a view exactly as the dashboard would at that
// size. TODO(stub): replaced by the real dashboard.
func Render(d *data.Dataset, r *lipgloss.Renderer, opt RenderOptions) (string, error) {
	if opt.View != "overview" {
		return "", fmt.Errorf("unknown view %q", opt.View)
	}
	m := New(Config{Data: d, Renderer: r, Width: opt.Width, Height: opt.Height, Quarter: opt.Quarter})
	return m.View(), nil
}

// Model is the root dashboard model. TODO(stub).
type Model struct {
	cfg  Config
	w, h int
}

// New builds a dashboard.
func New(cfg Config) Model { return Model{cfg: cfg, w: cfg.Width, h: cfg.Height} }

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return nil }

// Update implements tea.Model.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tea.KeyMsg:
		if msg.String() == "q" || msg.String() == "ctrl+c" {
			return m, tea.Quit
		}
	case ShutdownMsg:
		return m, tea.Quit
	}
	return m, nil
}

// View implements tea.Model.
func (m Model) View() string {
	return fmt.Sprintf("quarterdash %s %dx%d", m.cfg.Data.Company.Ticker, m.w, m.h)
}
