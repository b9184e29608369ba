package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	bm "github.com/charmbracelet/wish/bubbletea"

	"quarterdash/ui"
)

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

// endReason says why a dashboard session ended; the first to set it wins.
type endReason struct {
	mu     sync.Mutex
	reason string // short, for the log
	why    string // the goodbye shown to the user, if any
}

func (e *endReason) set(r, why string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.reason != "" {
		return false
	}
	e.reason, e.why = r, why
	return true
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

// runDashboard runs one session's dashboard until the user quits, the
// client goes away, the session idles or outlives its time, or the server
// shuts down. It returns the exit status and a reason for the log.
func (s *Server) runDashboard(sess ssh.Session, lg *log.Logger, pty ssh.Pty, winch <-chan ssh.Window) (int, string) {
	// MakeRenderer asks the client's terminal for its background colour,
	// so light and dark terminals each get readable colours; it blocks
	// until the terminal answers or the input ends.
	renderer := bm.MakeRenderer(sess)

	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	in := &activityReader{r: sess, onEnd: cancel}
	in.last.Store(time.Now().UnixNano())

	var end endReason
	var program *tea.Program
	var programReady = make(chan struct{})
	guard := &crashGuard{onPanic: func(where string, v any, stack []byte) {
		end.set("panic", "")
		lg.Error("dashboard panicked; ending this session only", "in", where, "panic", fmt.Sprint(v), "stack", string(stack))
		// Called from inside the event loop (View, Update): Quit would
		// block on it, so it goes on its own goroutine, which ends when
		// the program does.
		go func() {
			<-programReady
			program.Quit()
		}()
	}}

	w, h := clampSize(pty.Window.Width, pty.Window.Height)
	inner := s.cfg.newModel(ui.Config{Data: s.cfg.Data, Renderer: renderer, Width: w, Height: h})
	program = tea.NewProgram(sessionModel{inner: inner, guard: guard},
		tea.WithInput(in),
		tea.WithOutput(sess),
		tea.WithContext(ctx),
		tea.WithFPS(s.cfg.FPS),
		tea.WithAltScreen(),
		tea.WithMouseCellMotion(),
		// Signals belong to the server, not to each session's program.
		tea.WithoutSignalHandler(),
	)
	close(programReady)

	say := func(reason, why string) {
		if end.set(reason, why) {
			go program.Send(ui.ShutdownMsg{Reason: why})
		}
	}
	unregister, ok := s.register(&liveSession{notify: func(why string) { say("shutdown", why) }})
	if !ok {
		return 1, "server going down"
	}
	defer unregister()

	// The resize forwarder is not waited for: it ends when the channel's
	// request loop closes winch, shortly after this handler returns.
	go forwardResizes(program, winch)
	finished := make(chan struct{})
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		s.watchTime(in, finished, say)
	}()

	_, err := program.Run()
	close(finished)
	<-watching
	// The dashboard showed the goodbye on the alternate screen, which is
	// gone now; repeat it where the user's shell prompt will be.
	if why := end.goodbye(); why != "" && !errors.Is(err, tea.ErrProgramKilled) {
		fmt.Fprintln(sess.Stderr(), why)
	}

	switch {
	case guard.hasPanicked():
		return 1, "panic"
	case errors.Is(err, tea.ErrProgramPanic):
		// A panic Bubble Tea caught itself (in a command we did not wrap);
		// its stack went to the server's stdout.
		lg.Error("dashboard panicked; ending this session only", "err", err)
		return 1, "panic"
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

// forwardResizes turns window changes into WindowSizeMsg (sessionModel
// clamps them). It drains winch until it is closed, even after the program
// has finished (Send is then a no-op): charmbracelet/ssh hands each
// window-change to a one-slot channel from the channel's request loop, and
// an undrained channel would block that loop, and leak it, for good.
func forwardResizes(p *tea.Program, winch <-chan ssh.Window) {
	for w := range winch {
		p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
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
