package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
)

// page is the current view at its full length, before it is windowed into
// the content area: every line it has, the fixed hint line under it (how
// to close an overlay; "" on a tab) and how many lines of it fit.
type page struct {
	lines []string
	hint  string
	h     int // lines of the view on screen at once
}

// overflows reports whether the view is taller than its area.
func (p page) overflows() bool { return len(p.lines) > p.h }

// page lays the current view out at the content area's width. A view that
// is taller than the area scrolls: the area then gives one line to the
// marks that say what is above and below (on an overlay they share the
// hint line).
func (m Model) page() page {
	w, h := m.contentSize()
	hint := m.overlayHint()
	bodyH := h
	if hint != "" {
		bodyH--
	}
	ctx := m.viewCtx(w, max(bodyH, 0))
	var content string
	switch m.overlay {
	case overlayHelp:
		content = m.helpView(ctx)
	case overlayChart:
		content = m.panes[m.tabs.Active].chartView(ctx, m.currentFocus())
	case overlaySource:
		content = m.panes[m.tabs.Active].sourceView(ctx, m.currentFocus())
	default:
		content = m.panes[m.tabs.Active].view(ctx, m.currentFocus())
	}
	lines := strings.Split(strings.TrimRight(content, "\n"), "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	p := page{lines: lines, hint: hint, h: bodyH}
	if p.overflows() && hint == "" {
		p.h-- // the marks take the last line
	}
	p.h = max(p.h, 0)
	return p
}

// overlayHint is the line kept under an overlay, whatever its scroll: how
// to leave it and what the keys do there.
func (m Model) overlayHint() string {
	switch m.overlay {
	case overlayHelp:
		return "esc or ? closes the help"
	case overlayChart:
		return "enter/esc closes the chart · ←/→ quarter · ↑/↓ metric"
	case overlaySource:
		return "s/esc closes the sources · ←/→ quarter"
	}
	return ""
}

// viewport is a bubbles viewport over p at the model's scroll position,
// answering the keys that scroll the current view: pgup/pgdn everywhere,
// ↑/↓ on the text overlays (help, sources), where there is no focus to
// move. It keeps the offset within the view, so the last line never
// scrolls past the bottom and one ↑ always moves.
func (m Model) viewport(p page) viewport.Model {
	vp := viewport.New(m.width, max(p.h, 1))
	off := key.NewBinding(key.WithDisabled())
	vp.KeyMap = viewport.KeyMap{PageDown: m.keys.PageDown, PageUp: m.keys.PageUp,
		HalfPageUp: off, HalfPageDown: off, Up: off, Down: off, Left: off, Right: off}
	if m.overlay == overlayHelp || m.overlay == overlaySource {
		vp.KeyMap.Up, vp.KeyMap.Down = m.keys.Up, m.keys.Down
	}
	vp.SetContent(strings.Join(p.lines, "\n"))
	vp.SetYOffset(m.scroll)
	return vp
}

// scrolled is m after msg (a key or the mouse wheel) scrolled the current
// view.
func (m Model) scrolled(msg tea.Msg) Model {
	vp, _ := m.viewport(m.page()).Update(msg)
	m.scroll = vp.YOffset
	return m
}

// clampScroll keeps the scroll position within the current view after
// something changed its length (a quarter move, a resize).
func (m *Model) clampScroll() {
	if m.scroll == 0 {
		return
	}
	m.scroll = m.viewport(m.page()).YOffset
}

// scrollsWith reports whether msg scrolls the current view rather than
// doing what it does elsewhere.
func (m Model) scrollsWith(msg tea.KeyMsg) bool {
	k := m.keys
	if key.Matches(msg, k.PageUp, k.PageDown) {
		return true
	}
	return (m.overlay == overlayHelp || m.overlay == overlaySource) && key.Matches(msg, k.Up, k.Down)
}

// window is the part of p on screen, exactly h lines: the visible lines,
// then the marks and the hint.
func (m Model) window(p page, w, h int) []string {
	vp := m.viewport(p)
	top := vp.YOffset
	visible := p.lines[min(top, len(p.lines)):min(top+p.h, len(p.lines))]
	out := block(strings.Join(visible, "\n"), w, p.h)
	if len(out) == h {
		return out
	}
	var parts []part
	if p.overflows() {
		var marks []string
		if top > 0 {
			marks = append(marks, fmt.Sprintf("▲ %d more above", top))
		}
		if below := len(p.lines) - top - p.h; below > 0 {
			marks = append(marks, fmt.Sprintf("▼ %d more below", below))
		}
		parts = append(parts, part{m.st.Scroll.Render(strings.Join(marks, " · ")), 0})
		keys := "pgup/pgdn"
		if m.overlay == overlayHelp || m.overlay == overlaySource {
			keys = "↑/↓ pgup/pgdn"
		}
		parts = append(parts, part{m.st.Dim.Render(keys), 2})
	}
	if p.hint != "" {
		for i, h := range strings.Split(p.hint, " · ") {
			parts = append(parts, part{m.st.Dim.Render(h), 1 + 2*i})
		}
	}
	out = append(out, fitParts(parts, m.st.Dim.Render(" · "), w))
	return block(strings.Join(out, "\n"), w, h)
}
