package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"

	"quarterdash/ui"
)

// resizeGap is the shortest time between two window sizes handed to a
// dashboard. Every size costs a full Update and View, so a client that
// floods window-change requests would otherwise burn a core; a drag still
// redraws 20 times a second, always ending on the last size.
const resizeGap = 50 * time.Millisecond

// activityReader is the session's input as the program sees it. It records
// when input last arrived, for the idle quit (the SSH idle timeout cannot
// serve: output refreshes it too), and reports the end of input, because
// Bubble Tea keeps running after its input ends and a client that closes
// its channel but keeps the connection would otherwise leave the program
// running until the connection dies.
type activityReader struct {
	r     io.Reader
	last  atomic.Int64 // unix nanoseconds of the last byte read
	onEnd func()
}

func (a *activityReader) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if n > 0 {
		a.last.Store(time.Now().UnixNano())
	}
	if err != nil {
		a.onEnd()
	}
	return n, err
}

func (a *activityReader) lastInput() time.Time { return time.Unix(0, a.last.Load()) }

// stallGuard cuts a session's connection when one write to it stays
// blocked for longer than timeout. SSH flow control blocks a writer while
// the client does not read; without this a client that stops reading
// holds its session, and its slot, until the connection's own timeouts,
// which its keepalives can stretch to MaxSessionTime.
type stallGuard struct {
	timeout time.Duration
	cut     func()
	stalled atomic.Bool
}

func (g *stallGuard) write(w io.Writer, p []byte) (int, error) {
	t := time.AfterFunc(g.timeout, func() {
		g.stalled.Store(true)
		g.cut()
	})
	defer t.Stop()
	return w.Write(p)
}

// guardedWriter is an io.ReadWriter (a session's stderr) whose writes are
// watched by a stallGuard.
type guardedWriter struct {
	io.ReadWriter
	g *stallGuard
}

func (w guardedWriter) Write(p []byte) (int, error) { return w.g.write(w.ReadWriter, p) }

// watchedSession is the ssh.Session every handler works with: reads go
// through an activityReader, writes (stdout and stderr) through a
// stallGuard. Everything else is the library's session.
type watchedSession struct {
	ssh.Session
	in    *activityReader
	guard *stallGuard
	cut   func(reason string) // cuts the connection, once, saying why
}

// Read implements io.Reader.
func (s watchedSession) Read(p []byte) (int, error) { return s.in.Read(p) }

// Write implements io.Writer.
func (s watchedSession) Write(p []byte) (int, error) { return s.guard.write(s.Session, p) }

// Stderr implements ssh.Session.
func (s watchedSession) Stderr() io.ReadWriter {
	return guardedWriter{ReadWriter: s.Session.Stderr(), g: s.guard}
}

// endReason says why a dashboard session ended; the first to set it wins.
// It also holds the session's program once there is one, so that an end
// decided before the program started still reaches it.
type endReason struct {
	mu      sync.Mutex
	reason  string // short, for the log
	why     string // the goodbye shown to the user, if any
	program *tea.Program
}

// set records the end if none was recorded; it returns whether it did and
// the program to tell (nil if not started yet).
func (e *endReason) set(r, why string) (bool, *tea.Program) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.reason != "" {
		return false, nil
	}
	e.reason, e.why = r, why
	return true, e.program
}

// attach records the program and returns the goodbye of an end decided
// before it existed ("" if none).
func (e *endReason) attach(p *tea.Program) (decided bool, why string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.program = p
	return e.reason != "", e.why
}

func (e *endReason) goodbye() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.why
}

func (e *endReason) get() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.reason
}

// sessionEnd decides, once, why a dashboard ends, tells its program, and
// cuts the connection of a client that does not let go within the grace
// period.
type sessionEnd struct {
	endReason
	finished chan struct{} // closed when the dashboard has ended
	forced   atomic.Bool   // the connection had to be cut
	grace    time.Duration
	cut      func(reason string)
}

// say ends the dashboard for reason, showing why, unless an end was
// already decided.
func (e *sessionEnd) say(reason, why string) {
	first, program := e.set(reason, why)
	if !first {
		return
	}
	if program != nil {
		go program.Send(ui.ShutdownMsg{Reason: why})
	}
	// A client that does not read cannot receive the goodbye, and the
	// program cannot finish while its frame is stuck: cut it loose.
	go func() {
		t := time.NewTimer(e.grace)
		defer t.Stop()
		select {
		case <-e.finished:
		case <-t.C:
			e.forced.Store(true)
			e.cut(reason + ": the client did not let go")
		}
	}()
}

// runDashboard runs one session's dashboard until the user quits, the
// client goes away, the session idles or outlives its time, or the server
// shuts down. It returns the exit status and a reason for the log.
//
// The idle and lifetime watch starts before the renderer asks the client
// for its background colour, because that question waits for input: a
// client that connects and sends nothing must still be ended.
func (s *Server) runDashboard(ctx context.Context, sess watchedSession, lg *log.Logger, pty ssh.Pty,
	sizes *resizes) (int, string) {
	end := &sessionEnd{finished: make(chan struct{}), grace: s.cfg.closeGrace, cut: sess.cut}
	unregister, ok := s.register(&liveSession{notify: func(why string) { end.say("shutdown", why) }})
	if !ok {
		return 1, "server going down"
	}
	defer unregister()
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		s.watchTime(sess.in, end.finished, end.say)
	}()
	defer func() {
		close(end.finished)
		<-watching
	}()

	// The colour profile comes from the client's TERM and COLORTERM (screen
	// and tmux get 256 colours); the background from asking the terminal,
	// waiting at most ui.BackgroundWait. Keys typed during that wait come
	// back through input, so the first key is not lost.
	env := ui.TermEnv{Term: pty.Term, ColorTerm: environ(sess.Environ(), "COLORTERM")}
	renderer, input := ui.NewTerminalRenderer(sess, sess, env, ui.BackgroundWait)
	if ctx.Err() != nil {
		return 0, "client gone"
	}
	guard := &crashGuard{}
	w, h := clampSize(pty.Window.Width, pty.Window.Height)
	inner := s.cfg.newModel(ui.Config{Data: s.cfg.Data, Renderer: renderer, Width: w, Height: h, Shared: s.drawings,
		Companies: ui.CompaniesOf(s.cfg.Companies)})
	program := newSessionProgram(ctx, sess, input, sessionModel{inner: inner, guard: guard}, s.cfg.FPS)
	guard.onPanic = func(where string, v any, stack []byte) {
		end.set("panic", "")
		lg.Error("dashboard panicked; ending this session only", "in", where, "panic", fmt.Sprint(v), "stack", string(stack))
		// Called from inside the event loop (View, Update): Quit would
		// block on it, so it goes on its own goroutine, which ends when
		// the program does.
		go program.Quit()
	}
	if decided, why := end.attach(program); decided {
		fmt.Fprintln(sess.Stderr(), why)
		return 0, end.get()
	}
	sizes.attach(program.Send)
	_, err := program.Run()
	sizes.attach(nil)
	// The dashboard showed the goodbye on the alternate screen, which is
	// gone now; repeat it where the user's shell prompt will be.
	if why := end.goodbye(); why != "" && !errors.Is(err, tea.ErrProgramKilled) {
		fmt.Fprintln(sess.Stderr(), why)
	}
	return dashboardStatus(err, guard, end, lg)
}

// newSessionProgram is the Bubble Tea program of one session.
//
// Mouse reports come in SGR encoding only (WithMouseCellMotion asks for
// mode 1006); the x10Framer under the session's input keeps old-style X10
// reports, which a client may send regardless, from being split into
// keys.
func newSessionProgram(ctx context.Context, sess watchedSession, input io.Reader, m tea.Model, fps int) *tea.Program {
	return tea.NewProgram(m,
		tea.WithInput(input),
		tea.WithOutput(sess),
		tea.WithContext(ctx),
		tea.WithFPS(fps),
		tea.WithAltScreen(),
		tea.WithMouseCellMotion(),
		// Signals belong to the server, not to each session's program.
		tea.WithoutSignalHandler(),
	)
}

// dashboardStatus turns how a dashboard's program ended into the exit
// status and the reason for the log.
func dashboardStatus(err error, guard *crashGuard, end *sessionEnd, lg *log.Logger) (int, string) {
	switch {
	case guard.hasPanicked():
		return 1, "panic"
	case errors.Is(err, tea.ErrProgramPanic):
		// A panic Bubble Tea caught itself (in a command we did not wrap);
		// its stack went to the server's stdout.
		lg.Error("dashboard panicked; ending this session only", "err", err)
		return 1, "panic"
	case end.forced.Load():
		return 1, end.get() + ", connection cut"
	case errors.Is(err, tea.ErrProgramKilled):
		if r := end.get(); r != "" {
			return 0, r
		}
		return 0, "client gone"
	case err != nil:
		lg.Error("dashboard ended with an error", "err", err)
		return 1, "error"
	}
	if r := end.get(); r != "" {
		return 0, r
	}
	return 0, "quit"
}

// resizes carries a session's window sizes from its channel's request
// filter to its program: the latest size, clamped, at most once per gap.
// The filter keeps window-change requests from charmbracelet/ssh, whose
// handling of them races with the handler reading the PTY and, before
// the shell starts, blocks its request loop for good.
type resizes struct {
	mu   sync.Mutex
	send func(tea.Msg) // the program's Send; nil while none runs
	last ssh.Window
	poke chan struct{} // a new size or a new program
}

func newResizes() *resizes { return &resizes{poke: make(chan struct{}, 1)} }

func (r *resizes) nudge() {
	select {
	case r.poke <- struct{}{}:
	default:
	}
}

// update records the size the client reported.
func (r *resizes) update(w ssh.Window) {
	r.mu.Lock()
	r.last = w
	r.mu.Unlock()
	r.nudge()
}

// attach directs sizes to send from now on (nil: nowhere), starting with
// the latest one. Sending stays on the run goroutine, so sizes arrive in
// order.
func (r *resizes) attach(send func(tea.Msg)) {
	r.mu.Lock()
	r.send = send
	r.mu.Unlock()
	r.nudge()
}

// size is the latest window size the client reported.
func (r *resizes) size() ssh.Window {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
}

func (r *resizes) deliver() {
	r.mu.Lock()
	send, win := r.send, r.last
	r.mu.Unlock()
	if send != nil {
		w, h := clampSize(win.Width, win.Height)
		send(tea.WindowSizeMsg{Width: w, Height: h})
	}
}

// run delivers sizes until stop is closed.
func (r *resizes) run(gap time.Duration, stop <-chan struct{}) {
	var (
		due      <-chan time.Time // nil while nothing waits
		lastSent time.Time
	)
	for {
		select {
		case <-stop:
			return
		case <-r.poke:
			if due == nil {
				due = time.After(max(0, gap-time.Since(lastSent)))
			}
		case <-due:
			due = nil
			r.deliver()
			lastSent = time.Now()
		}
	}
}

// watchTime ends the session with a goodbye after IdleTimeout without
// input, or after MaxSessionTime in all.
func (s *Server) watchTime(in *activityReader, finished <-chan struct{}, say func(reason, why string)) {
	idle := time.NewTimer(s.cfg.IdleTimeout)
	defer idle.Stop()
	limit := time.NewTimer(s.cfg.MaxSessionTime)
	defer limit.Stop()
	for {
		select {
		case <-finished:
			return
		case <-limit.C:
			say("max session time", fmt.Sprintf("This session has reached its %s limit. Goodbye; you are welcome to reconnect.",
				s.cfg.MaxSessionTime))
			return
		case <-idle.C:
			quiet := time.Since(in.lastInput())
			if quiet >= s.cfg.IdleTimeout {
				say("idle", fmt.Sprintf("No key pressed for %s, so this session is closing. Goodbye!",
					s.cfg.IdleTimeout))
				return
			}
			idle.Reset(s.cfg.IdleTimeout - quiet)
		}
	}
}

// environ is the value of name in an environment list ("NAME=value"), or "".
func environ(env []string, name string) string {
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, name+"="); ok {
			return v
		}
	}
	return ""
}
