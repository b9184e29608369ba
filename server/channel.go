package server

import (
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Limits on what a client may ask of a session channel before its shell or
// command starts. charmbracelet/ssh keeps every env request in memory with
// no bound, so without a cap one channel could grow the server's heap by
// 256 KiB (a packet) per request for as long as it likes.
const (
	maxEnvRequests = 64
	maxEnvBytes    = 4 << 10 // one env request's payload
)

// guardedChannel is a session channel whose requests pass through
// filterRequests before charmbracelet/ssh's request loop sees them. The
// window sizes the filter takes from the client go to sizes, which the
// channel's handler was given (see sessionChannel).
type guardedChannel struct {
	gossh.NewChannel
	srv   *Server
	conn  gossh.Conn
	sizes *resizes
}

// Accept implements gossh.NewChannel.
func (g guardedChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := g.NewChannel.Accept()
	if err != nil {
		return nil, nil, err
	}
	fc := &filteredChannel{Channel: ch, sizes: g.sizes}
	return fc, g.srv.filterRequests(fc, g.conn, reqs), nil
}

// filteredChannel is an accepted session channel with the window sizes
// its filter took from the client.
type filteredChannel struct {
	gossh.Channel
	sizes *resizes
}

// ptyRequest and windowChange are the payloads of RFC 4254 section 6.2
// and 6.7 requests.
type ptyRequest struct {
	Term                    string
	Columns, Rows, PxW, PxH uint32
	Modes                   string
}

type windowChange struct{ Columns, Rows, PxW, PxH uint32 }

// filterRequests forwards a channel's requests to the library's loop, with
// these repairs:
//
//   - agent and X11 forwarding requests are refused (the library would
//     accept them and then forward nothing);
//   - env requests past maxEnvRequests or maxEnvBytes are refused;
//   - window-change requests go to the channel's resizes, never to the
//     library: it writes the new size into the session's PTY unlocked
//     while the handler reads it (a data race), and queues it on a
//     one-slot channel that, before a handler runs, nobody drains, so a
//     single early resize blocked its request loop, and with it the
//     session slot, forever, even after the client left;
//   - a channel with no shell or command after HandshakeTimeout
//     is closed, and if the client does not close its side within
//     closeGrace, the connection is cut, so idle channels cannot sit on
//     session slots.
//
// The returned channel is closed when the client's requests end, which is
// what ends the library's loop and frees the session slot.
func (s *Server) filterRequests(ch *filteredChannel, conn gossh.Conn, in <-chan *gossh.Request) <-chan *gossh.Request {
	out := make(chan *gossh.Request)
	stop := make(chan struct{})
	go ch.sizes.run(resizeGap, stop)
	var started, ended atomic.Bool
	// The timers run apart from the loop below, which can wait on the
	// library's loop for a while and must not delay them.
	setup := time.AfterFunc(s.cfg.HandshakeTimeout, func() {
		if started.Load() || ended.Load() {
			return
		}
		s.log.Info("closing session channel", "remote", conn.RemoteAddr().String(),
			"reason", "no shell or command requested in "+s.cfg.HandshakeTimeout.String())
		_ = ch.Close()
		time.AfterFunc(s.cfg.closeGrace, func() {
			if !ended.Load() {
				s.log.Info("closing connection", "remote", conn.RemoteAddr().String(),
					"reason", "client kept a closed channel open")
				_ = conn.Close()
			}
		})
	})
	go func() {
		defer close(out)
		defer close(stop)
		defer ended.Store(true)
		defer setup.Stop()
		envs := 0
		for r := range in {
			switch r.Type {
			case "auth-agent-req@openssh.com", "x11-req":
				// Nothing is forwarded, but the library would say yes;
				// say no, so the client does not believe it is.
				_ = r.Reply(false, nil)
				continue
			case "env":
				envs++
				if envs > maxEnvRequests || len(r.Payload) > maxEnvBytes {
					_ = r.Reply(false, nil)
					continue
				}
			case "pty-req":
				var p ptyRequest
				if gossh.Unmarshal(r.Payload, &p) == nil {
					ch.sizes.update(ssh.Window{Width: int(p.Columns), Height: int(p.Rows)})
				}
			case "window-change":
				var w windowChange
				err := gossh.Unmarshal(r.Payload, &w)
				if err == nil {
					ch.sizes.update(ssh.Window{Width: int(w.Columns), Height: int(w.Rows)})
				}
				_ = r.Reply(err == nil, nil)
				continue
			case "shell", "exec":
				// Not "subsystem": there are none, so the library refuses
				// it, and the channel would then idle unwatched.
				started.Store(true)
			}
			out <- r
		}
	}()
	return out
}

// connOf returns the SSH connection of a session, to cut it when a client
// stops cooperating: closing the channel alone does not unblock a write
// waiting for a client that never reads.
func connOf(ctx ssh.Context) gossh.Conn {
	c, _ := ctx.Value(ssh.ContextKeyConn).(gossh.Conn)
	return c
}
