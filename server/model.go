package server

import (
	"fmt"
	"runtime/debug"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
)

// Window sizes reaching the dashboard are clamped to this range: a client
// chooses its PTY size freely, and 0x0 or 65535x65535 must neither break
// the layout nor make a frame allocate gigabytes.
const (
	minWidth, MaxWidth   = 1, 500
	minHeight, MaxHeight = 1, 200
)

// A zero dimension means the client does not know its size (a PTY
// requested from a pipe, say): it gets a classic terminal's instead of a
// useless one-cell screen.
const defaultWidth, defaultHeight = 80, 24

// clampSize brings a client-supplied window size into the sane range.
func clampSize(w, h int) (int, int) {
	if w <= 0 {
		w = defaultWidth
	}
	if h <= 0 {
		h = defaultHeight
	}
	return min(max(w, minWidth), MaxWidth), min(max(h, minHeight), MaxHeight)
}

// crashGuard records the first panic of one session so that the session,
// and only it, ends with an error status and a logged stack.
type crashGuard struct {
	mu       sync.Mutex
	panicked bool
	// onPanic is called once, with the recovered value and stack, from the
	// goroutine that panicked. It must not block: View runs inside Bubble
	// Tea's event loop.
	onPanic func(where string, v any, stack []byte)
}

func (g *crashGuard) record(where string, v any) {
	stack := debug.Stack()
	g.mu.Lock()
	first := !g.panicked
	g.panicked = true
	g.mu.Unlock()
	if first && g.onPanic != nil {
		g.onPanic(where, v, stack)
	}
}

func (g *crashGuard) hasPanicked() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.panicked
}

// sessionModel wraps one session's dashboard. It clamps every window size
// before the dashboard sees it, and turns a panic in Init, Update, View or
// a command into a logged, session-ending error instead of relying on
// Bubble Tea's own recovery, which prints the stack to the server's stdout
// where nobody connects it to a session.
type sessionModel struct {
	inner tea.Model
	guard *crashGuard
}

// crashedView is the last frame of a session whose dashboard panicked.
const crashedView = "quarterdash hit an internal error and is closing this session.\nSorry; please reconnect.\n"

// Init implements tea.Model.
func (m sessionModel) Init() (cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			m.guard.record("Init", r)
			cmd = tea.Quit
		}
	}()
	return m.wrap(m.inner.Init())
}

// Update implements tea.Model.
func (m sessionModel) Update(msg tea.Msg) (next tea.Model, cmd tea.Cmd) {
	if m.guard.hasPanicked() {
		return m, tea.Quit
	}
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		ws.Width, ws.Height = clampSize(ws.Width, ws.Height)
		msg = ws
	}
	defer func() {
		if r := recover(); r != nil {
			m.guard.record("Update", r)
			next, cmd = m, tea.Quit
		}
	}()
	inner, c := m.inner.Update(msg)
	m.inner = inner
	return m, m.wrap(c)
}

// View implements tea.Model. A panic here cannot return a command, so the
// guard's onPanic is responsible for ending the program.
func (m sessionModel) View() (s string) {
	if m.guard.hasPanicked() {
		return crashedView
	}
	defer func() {
		if r := recover(); r != nil {
			m.guard.record("View", r)
			s = crashedView
		}
	}()
	return m.inner.View()
}

// wrap guards a command, which Bubble Tea runs on its own goroutine. A
// batch is unpacked so that each of its commands is guarded too.
func (m sessionModel) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				m.guard.record(fmt.Sprintf("command %T", cmd), r)
				msg = tea.QuitMsg{}
			}
		}()
		msg = cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			guarded := make(tea.BatchMsg, len(b))
			for i, c := range b {
				guarded[i] = m.wrap(c)
			}
			msg = guarded
		}
		return msg
	}
}
