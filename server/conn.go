package server

import (
	"fmt"
	"net"
	"runtime/debug"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// handshakeKey stores a connection's *deadlineConn in its ssh.Context.
type handshakeKey struct{}

// acceptConn runs for every TCP connection before the SSH handshake: it
// applies the per-address rate limit and the connection caps, and bounds
// the handshake's duration and the time the connection may go without a
// session channel.
func (s *Server) acceptConn(ctx ssh.Context, c net.Conn) net.Conn {
	addr := hostOf(c.RemoteAddr())
	if !s.rate.allow(addr) {
		s.refusals.refused("refused connection", "remote", c.RemoteAddr().String(), "reason", reasonRate)
		return nil
	}
	release, reason := s.conns.acquire(addr)
	if reason != "" {
		s.refusals.refused("refused connection", "remote", c.RemoteAddr().String(), "reason", reason)
		return nil
	}
	dc := &deadlineConn{Conn: c, handshakeDeadline: time.Now().Add(s.cfg.HandshakeTimeout), release: release}
	// Until something calls SetDeadline (the first read does), the
	// handshake deadline must already hold.
	_ = c.SetDeadline(dc.handshakeDeadline)
	dc.idle = time.AfterFunc(s.cfg.HandshakeTimeout, func() { s.closeUnused(dc) })
	ctx.SetValue(handshakeKey{}, dc)
	return dc
}

// closeUnused closes a connection that has had no session channel for
// HandshakeTimeout. Logging in and then opening nothing (or closing every
// channel and keeping the connection, with keepalives) would otherwise
// hold a connection slot until MaxSessionTime: a few hundred such
// connections would lock everyone out for hours.
func (s *Server) closeUnused(dc *deadlineConn) {
	dc.mu.Lock()
	unused := dc.sessions == 0 && !dc.closed
	dc.mu.Unlock()
	if !unused {
		return
	}
	s.log.Info("closing connection", "remote", dc.RemoteAddr().String(),
		"reason", "no session opened in "+s.cfg.HandshakeTimeout.String())
	_ = dc.Close()
}

// deadlineConn caps every deadline at the handshake deadline until the
// client has authenticated. charmbracelet/ssh moves the deadline forward
// by IdleTimeout on every read, which alone would let a client that sends
// a byte every few minutes keep an unauthenticated connection forever.
// It also counts the connection's session channels, and closes it once it
// has had none for HandshakeTimeout (the idle timer).
type deadlineConn struct {
	net.Conn
	handshakeDeadline time.Time
	release           func()
	closeOnce         sync.Once

	mu       sync.Mutex
	authed   bool
	closed   bool
	sessions int         // open session channels
	idle     *time.Timer // runs while sessions == 0
}

// SetDeadline implements net.Conn.
func (c *deadlineConn) SetDeadline(t time.Time) error {
	c.mu.Lock()
	if !c.authed && (t.IsZero() || t.After(c.handshakeDeadline)) {
		t = c.handshakeDeadline
	}
	c.mu.Unlock()
	return c.Conn.SetDeadline(t)
}

// Close implements net.Conn; it also frees the connection's cap slot.
func (c *deadlineConn) Close() error {
	err := c.Conn.Close()
	c.closeOnce.Do(func() {
		c.mu.Lock()
		c.closed = true
		c.idle.Stop()
		c.mu.Unlock()
		c.release()
	})
	return err
}

// sessionOpened and sessionClosed bracket a session channel: the idle
// timer is stopped while any is open and restarted when the last closes.
func (c *deadlineConn) sessionOpened() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sessions++
	c.idle.Stop()
}

func (c *deadlineConn) sessionClosed(idleFor time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sessions--; c.sessions == 0 && !c.closed {
		c.idle.Reset(idleFor)
	}
}

func connState(ctx ssh.Context) *deadlineConn {
	dc, _ := ctx.Value(handshakeKey{}).(*deadlineConn)
	return dc
}

func markAuthenticated(ctx ssh.Context) {
	if dc := connState(ctx); dc != nil {
		dc.mu.Lock()
		dc.authed = true
		dc.mu.Unlock()
	}
}

// sshConfig builds the x/crypto server config for one connection. When
// open, the "none" method succeeds, so `ssh -p 23234 host` works without
// keys; the callback marks the handshake done.
func (s *Server) sshConfig(ctx ssh.Context) *gossh.ServerConfig {
	cfg := &gossh.ServerConfig{MaxAuthTries: 6}
	if s.authz == nil {
		cfg.NoClientAuth = true
		cfg.NoClientAuthCallback = func(gossh.ConnMetadata) (*gossh.Permissions, error) {
			markAuthenticated(ctx)
			return nil, nil
		}
	}
	return cfg
}

// sessionChannel caps session channels before accepting them; the cap is
// on channels, because one connection can open many. The slot is held
// until the library's request loop ends, that is until the channel is
// closed on both sides or the connection dies.
//
// The library's session handler is given a server value of this channel
// alone, whose Handler knows the channel's window sizes: that is how the
// sizes the request filter takes from the client reach this channel's
// handler, without reading the library's session struct.
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	release, reason := s.sessions.acquire(hostOf(conn.RemoteAddr()))
	if reason != "" {
		s.refusals.refused("refused session", "remote", conn.RemoteAddr().String(), "user", clip(conn.User()), "reason", reason)
		_ = nc.Reject(gossh.ResourceShortage, reason)
		return
	}
	defer release()
	if dc := connState(ctx); dc != nil {
		dc.sessionOpened()
		defer dc.sessionClosed(s.cfg.HandshakeTimeout)
	}
	// This goroutine is the library's: a panic in its request loop would
	// end the process, not just this channel.
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("session channel panicked; closing its connection", "remote", conn.RemoteAddr().String(),
				"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			_ = conn.Close()
		}
	}()
	sizes := newResizes()
	// Every field of ssh.Server that DefaultSessionHandler reads.
	channelSrv := &ssh.Server{
		Handler:                func(sess ssh.Session) { s.handle(sess, sizes) },
		PtyCallback:            srv.PtyCallback,
		PtyHandler:             srv.PtyHandler,
		SessionRequestCallback: srv.SessionRequestCallback,
		SubsystemHandlers:      srv.SubsystemHandlers,
	}
	ssh.DefaultSessionHandler(channelSrv, conn, guardedChannel{NewChannel: nc, srv: s, conn: conn, sizes: sizes}, ctx)
}
