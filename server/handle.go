package server

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
)

// maxCommandBytes caps the command a client sends with `ssh host CMD`.
// The library splits it into words with go-shlex, whose time grows with
// the square of a word's length (a 130 KB word cost seconds of CPU), so a
// longer one is refused before anything splits it. The longest real
// command is under 200 bytes.
const maxCommandBytes = 4 << 10

// statusUsage is the exit status of a command line that is wrong, as for
// the local commands.
const statusUsage = 2

// request is what a client asked of a session: a command, a terminal, or
// neither.
type request struct {
	pty   ssh.Pty
	isPty bool
	// args is the command split into words; nil without a command, or
	// when the command is too long to split (tooLong).
	args    []string
	tooLong int // the length of a command over maxCommandBytes, else 0
}

func requestOf(raw ssh.Session) request {
	r := request{}
	r.pty, _, r.isPty = raw.Pty()
	if n := len(raw.RawCommand()); n > maxCommandBytes {
		r.tooLong = n
	} else {
		r.args = raw.Command()
	}
	return r
}

// what names the request for the log.
func (r request) what() string {
	switch {
	case r.tooLong > 0:
		return "command too long"
	case len(r.args) > 0:
		return "command " + clip(r.args[0])
	case !r.isPty:
		return "no terminal"
	}
	return "dashboard"
}

// handle runs one session: a command, the no-terminal message, or the
// dashboard. sizes carries the window sizes of the session's channel; nil
// (a session that did not come through sessionChannel) means the PTY's
// size, fixed.
//
// A panic anywhere in it ends this session only; without this recover, a
// panic on a handler goroutine would take the whole server down. The
// session's close line and its exit status come before the session stops
// counting as running, so a Shutdown that has waited for every session
// never cuts a connection before its exit status is on the way.
func (s *Server) handle(raw ssh.Session, sizes *resizes) {
	start := time.Now()
	req := requestOf(raw)
	if sizes == nil {
		sizes = newResizes()
		sizes.update(req.pty.Window)
	}
	lg := s.log.With("remote", raw.RemoteAddr().String(), "user", clip(raw.User()))
	term := clip(req.pty.Term)
	lg.Info("session open", "term", term, "size", sizeString(req.pty.Window), "what", req.what())

	ctx, cancel := context.WithCancel(raw.Context())
	defer cancel()
	sess := s.watch(raw, lg, cancel)

	status, reason := 1, "panic"
	var done func()
	defer func() {
		if r := recover(); r != nil {
			lg.Error("session panicked", "panic", r, "stack", string(debug.Stack()))
			wish.Errorln(sess, "quarterdash: internal error; closing this session.")
		}
		if sess.guard.stalled.Load() {
			reason = "client stopped reading"
		}
		if s.cfg.beforeClose != nil {
			s.cfg.beforeClose()
		}
		lg.Info("session close", "term", term, "size", sizeString(sizes.size()),
			"duration", time.Since(start).Round(time.Millisecond).String(), "status", status, "reason", reason)
		_ = sess.Exit(status)
		if done != nil {
			done()
		}
	}()

	var ok bool
	if done, ok = s.track(); !ok {
		status, reason = 1, "server going down"
		wish.Errorln(sess, "quarterdash: "+reasonClosing)
		return
	}
	status, reason = s.serveRequest(ctx, sess, lg, req, sizes)
}

// serveRequest does what the client asked and returns the exit status and
// a reason for the log.
func (s *Server) serveRequest(ctx context.Context, sess watchedSession, lg *log.Logger, req request,
	sizes *resizes) (int, string) {
	switch {
	case req.tooLong > 0:
		wish.Errorln(sess, fmt.Sprintf("quarterdash: the command is %d bytes long; the longest accepted is %d. "+
			"Run `ssh -p PORT HOST help` for the commands.", req.tooLong, maxCommandBytes))
		return statusUsage, "command too long"
	case len(req.args) > 0:
		return s.runCommand(sess, req.args)
	case !req.isPty:
		wish.Errorln(sess, noPtyMessage(sess.LocalAddr()))
		return 1, "no terminal"
	}
	return s.runDashboard(ctx, sess, lg, req.pty, sizes)
}

// watch wraps a session so that its input is timed (for the idle quit)
// and its end noticed, and a write that stays blocked on a client that
// does not read cuts the connection.
func (s *Server) watch(raw ssh.Session, lg *log.Logger, cancel context.CancelFunc) watchedSession {
	var cutOnce sync.Once
	cut := func(reason string) {
		cutOnce.Do(func() {
			lg.Info("closing connection", "reason", reason)
			cancel()
			if c := connOf(raw.Context()); c != nil {
				_ = c.Close()
			}
		})
	}
	guard := &stallGuard{timeout: s.cfg.writeStall}
	guard.cut = func() { cut("client stopped reading") }
	in := &activityReader{r: &x10Framer{r: raw}, onEnd: cancel}
	in.last.Store(time.Now().UnixNano())
	return watchedSession{Session: raw, in: in, guard: guard, cut: cut}
}
