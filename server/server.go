// Package server serves the quarterdash dashboard over SSH (with wish) to
// anyone who connects: one Bubble Tea program per session, all of them on
// one shared, read-only data set, behind caps, rate limits and timeouts
// meant for a public demo.
package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"quarterdash/data"
	"quarterdash/ui"
)

// Defaults for the zero values of Config. They are what `quarterdash serve`
// uses unless told otherwise.
const (
	DefaultAddr             = "127.0.0.1:23234"
	DefaultMaxSessions      = 200
	DefaultMaxSessionsPerIP = 10
	DefaultIdleTimeout      = 10 * time.Minute
	DefaultMaxSessionTime   = 2 * time.Hour
	DefaultHandshakeTimeout = 20 * time.Second
	DefaultConnRate         = 1.0 // new connections per second per address
	DefaultConnBurst        = 10
	DefaultFPS              = 15
	// connSlack is how much longer the SSH-level idle and absolute
	// timeouts are than the dashboard's own, so that the friendly goodbye
	// reaches the client before the connection is cut.
	connSlack = 30 * time.Second
	// defaultCloseGrace is generous for a client that is merely slow;
	// defaultWriteStall lets a frame or an export through a very slow
	// link (a 64 KiB window at 2 KiB/s) but not a client that stopped
	// reading.
	defaultCloseGrace = 5 * time.Second
	defaultWriteStall = time.Minute
)

// Config configures a Server. Zero values take the Default* constants, so a
// zero Config is already a hardened one; only Data and HostKeyPath are
// required. A limit outside its range (see MaxSessionsCeiling) is an error.
type Config struct {
	// Addr is the TCP address to listen on.
	Addr string
	// HostKeyPath is the ed25519 host key, created there if missing.
	HostKeyPath string
	// Data is shared, read-only, by every session.
	Data *data.Dataset
	// Companies, when it holds two or more data sets, are opened side by
	// side in every session (Data is then the first); shared like Data.
	Companies []*data.Dataset
	// MaxSessions and MaxSessionsPerIP cap concurrent session channels.
	// TCP connections are capped at twice these, so a session over the cap
	// still gets a readable refusal on an established connection.
	MaxSessions, MaxSessionsPerIP int
	// IdleTimeout ends a dashboard with a goodbye after no key or mouse
	// input for that long. The SSH connection's own idle timeout is a
	// little longer.
	IdleTimeout time.Duration
	// MaxSessionTime ends a dashboard with a goodbye after that long; the
	// connection's absolute timeout is a little longer.
	MaxSessionTime time.Duration
	// HandshakeTimeout bounds the time from TCP accept to successful
	// authentication, so a silent client cannot hold a connection open,
	// and the time from opening a session channel to asking for a shell
	// or command, so an unused channel cannot hold a session slot.
	HandshakeTimeout time.Duration
	// ConnRate and ConnBurst are the per-address token bucket for new
	// connections: ConnBurst at once, then ConnRate per second.
	ConnRate  float64
	ConnBurst int
	// AuthorizedKeysPath, when set, restricts access to the public keys in
	// that authorized_keys file (read once, at New). Empty means open.
	AuthorizedKeysPath string
	// FPS caps each session's frame rate.
	FPS int
	// Commands runs what a client asks for with `ssh HOST CMD ...`; nil
	// refuses every command (exit status 1). Its sizes should stay within
	// MaxWidth x MaxHeight, the bounds of a session's window.
	Commands CommandFunc
	// MemoryLimit is the process's soft memory limit (runtime/debug.
	// SetMemoryLimit), set by Listen: the garbage collector works harder
	// as the heap nears it, so a crowd of sessions drawing at once makes
	// garbage without the process doubling its size (GOGC's default). Zero
	// means DefaultMemoryLimit; negative leaves the runtime's limit alone,
	// as does a GOMEMLIMIT in the environment.
	MemoryLimit int64
	// Logger receives the server's log; nil logs to stderr.
	Logger *log.Logger

	// newModel builds a session's dashboard; nil means ui.New. Tests swap
	// it to inject a model that panics.
	newModel func(ui.Config) tea.Model
	// closeGrace is how long a client has to let go of a session the
	// server ended (idle, time limit, shutdown, an unused channel) before
	// its connection is cut; writeStall is how long one write may stay
	// blocked on a client that does not read. Tests shorten them.
	closeGrace, writeStall time.Duration
	// beforeClose, when set, runs as a session ends, before its close
	// line and exit status. A test slows it to catch a Shutdown that
	// returns before every session has reported its status.
	beforeClose func()
}

func (c *Config) setDefaults() {
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	if c.MaxSessions == 0 {
		c.MaxSessions = DefaultMaxSessions
	}
	if c.MaxSessionsPerIP == 0 {
		c.MaxSessionsPerIP = DefaultMaxSessionsPerIP
	}
	if c.IdleTimeout == 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	if c.MaxSessionTime == 0 {
		c.MaxSessionTime = DefaultMaxSessionTime
	}
	if c.HandshakeTimeout <= 0 {
		c.HandshakeTimeout = DefaultHandshakeTimeout
	}
	if c.ConnRate == 0 {
		c.ConnRate = DefaultConnRate
	}
	if c.ConnBurst == 0 {
		c.ConnBurst = DefaultConnBurst
	}
	if c.FPS <= 0 {
		c.FPS = DefaultFPS
	}
	if c.MemoryLimit == 0 {
		c.MemoryLimit = DefaultMemoryLimit
	}
	if c.Logger == nil {
		c.Logger = log.NewWithOptions(os.Stderr, log.Options{ReportTimestamp: true, Prefix: "serve"})
	}
	if c.closeGrace <= 0 {
		c.closeGrace = defaultCloseGrace
	}
	if c.writeStall <= 0 {
		c.writeStall = defaultWriteStall
	}
	if c.newModel == nil {
		c.newModel = func(cfg ui.Config) tea.Model { return ui.Open(cfg) }
	}
}

// Server is the SSH front of the dashboard. Build it with New, start it
// with ListenAndServe (or Listen then Serve), stop it with Shutdown.
type Server struct {
	cfg     Config
	log     *log.Logger
	hostKey HostKey
	ssh     *ssh.Server
	authz   map[string]bool // marshalled public keys; nil when open

	conns    *counter // TCP connections
	sessions *counter // session channels
	rate     *rateLimiter
	refusals *refusalLog // refused connections, sessions and keys
	// drawings lets sessions reuse each other's frames and charts: a crowd
	// arriving at once opens the same tabs at the same few sizes.
	drawings *ui.SharedCache

	mu      sync.Mutex
	ln      net.Listener
	closing bool
	live    map[*liveSession]struct{}
	running int // session handlers still running
}

// liveSession is what Shutdown needs of a running dashboard.
type liveSession struct {
	notify func(reason string)
}

// drawingBudget is the memory all sessions' cached drawings (frames and
// charts) may take together, however many sessions there are and whatever
// they do: a frame at 120x40 in true colour is about 15 KB, at 500x200
// about 200 KB. Sessions share what they draw, and one that draws a lot
// evicts its own drawings first (see ui.SharedCache); with 200 sessions
// each still has room for a few of the largest frames.
const drawingBudget = 64 << 20

// DefaultMemoryLimit is the soft memory limit of a serving process: what
// 200 sessions at the largest window hold (the drawing budget, each
// session's frames in Bubble Tea's renderer and its SSH buffers) with room
// for the garbage their drawing makes.
const DefaultMemoryLimit = 400 << 20

// New checks the configuration, loads or creates the host key and reads
// the authorized keys. It does not listen yet.
func New(cfg Config) (*Server, error) {
	if cfg.Data == nil {
		return nil, errors.New("serve: no data set")
	}
	cfg.setDefaults()
	if err := cfg.checkRanges(); err != nil {
		return nil, err
	}
	hk, err := LoadOrCreateHostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:      cfg,
		log:      cfg.Logger,
		hostKey:  hk,
		conns:    newCounter(2*cfg.MaxSessions, 2*cfg.MaxSessionsPerIP),
		sessions: newCounter(cfg.MaxSessions, cfg.MaxSessionsPerIP),
		rate:     newRateLimiter(cfg.ConnRate, cfg.ConnBurst),
		refusals: newRefusalLog(cfg.Logger, refusalBurst, refusalEvery),
		drawings: ui.NewSharedCache(drawingBudget),
		live:     map[*liveSession]struct{}{},
	}
	if cfg.AuthorizedKeysPath != "" {
		if s.authz, err = readAuthorizedKeys(cfg.AuthorizedKeysPath); err != nil {
			return nil, err
		}
	}
	if hk.Created {
		s.log.Info("created host key", "path", hk.Path)
	}
	if hk.Loose {
		s.log.Warn("host key is readable by other users; chmod 600 it", "path", hk.Path)
	}
	s.ssh = s.newSSHServer()
	return s, nil
}

// newSSHServer configures the library's server: what it offers (session
// channels only), its timeouts, and how clients log in.
func (s *Server) newSSHServer() *ssh.Server {
	srv := &ssh.Server{
		Addr:    s.cfg.Addr,
		Version: "quarterdash",
		// Every session channel goes through sessionChannel, which hands
		// the library a handler of the channel's own; this one is a
		// fallback with a fixed window size.
		Handler:     func(sess ssh.Session) { s.handle(sess, nil) },
		IdleTimeout: s.cfg.IdleTimeout + connSlack,
		MaxTimeout:  s.cfg.MaxSessionTime + connSlack,
		// Only session channels; no port forwarding (no direct-tcpip
		// handler, no tcpip-forward request handler), no subsystems (so no
		// SFTP), and no shell: every command goes through runCommand.
		ChannelHandlers:      map[string]ssh.ChannelHandler{"session": s.sessionChannel},
		RequestHandlers:      map[string]ssh.RequestHandler{},
		SubsystemHandlers:    map[string]ssh.SubsystemHandler{},
		ConnCallback:         s.acceptConn,
		ServerConfigCallback: s.sshConfig,
		ConnectionFailedCallback: func(c net.Conn, err error) {
			// Scanners and aborted handshakes: routine on a public port.
			s.log.Debug("handshake failed", "remote", c.RemoteAddr().String(), "err", err)
		},
	}
	srv.AddHostKey(s.hostKey.Signer)
	s.setAuth(srv)
	return srv
}

// setAuth installs the login handlers: the authorized keys if there are
// any, else anyone.
func (s *Server) setAuth(srv *ssh.Server) {
	if s.authz != nil {
		srv.PublicKeyHandler = func(ctx ssh.Context, key ssh.PublicKey) bool {
			ok := s.authz[string(key.Marshal())]
			if ok {
				markAuthenticated(ctx)
			} else {
				s.refusals.refused("refused key", "remote", ctx.RemoteAddr().String(), "user", clip(ctx.User()),
					"key", gossh.FingerprintSHA256(key))
			}
			return ok
		}
		return
	}
	// Open demo: any key, and keyboard-interactive with no questions,
	// besides "none" (see sshConfig), so plain `ssh host` just works.
	srv.PublicKeyHandler = func(ctx ssh.Context, _ ssh.PublicKey) bool {
		markAuthenticated(ctx)
		return true
	}
	srv.KeyboardInteractiveHandler = func(ctx ssh.Context, _ gossh.KeyboardInteractiveChallenge) bool {
		markAuthenticated(ctx)
		return true
	}
}

// HostKey returns the server's host key.
func (s *Server) HostKey() HostKey { return s.hostKey }

// Listen binds the configured address. Addr reports the bound address
// afterwards, which is how tests find a port picked with ":0".
func (s *Server) Listen() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: listen on %s: %w", s.cfg.Addr, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		ln.Close()
		return errors.New("serve: server is shut down")
	}
	s.ln = ln
	if s.cfg.MemoryLimit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(s.cfg.MemoryLimit)
	}
	return nil
}

// Addr is the address the server listens on, or nil before Listen.
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// Serve accepts connections until Shutdown; it then returns nil.
func (s *Server) Serve() error {
	s.mu.Lock()
	ln := s.ln
	s.mu.Unlock()
	if ln == nil {
		return errors.New("serve: Serve called before Listen")
	}
	s.log.Info("listening", "addr", ln.Addr().String(), "fingerprint", s.hostKey.Fingerprint(),
		"auth", s.authMode(), "max_sessions", s.cfg.MaxSessions, "max_sessions_per_ip", s.cfg.MaxSessionsPerIP,
		"idle_timeout", s.cfg.IdleTimeout, "max_session_time", s.cfg.MaxSessionTime)
	err := s.ssh.Serve(ln)
	s.mu.Lock()
	closing := s.closing
	s.mu.Unlock()
	if closing {
		return nil
	}
	return fmt.Errorf("serve: %w", err)
}

// ListenAndServe is Listen followed by Serve.
func (s *Server) ListenAndServe() error {
	if err := s.Listen(); err != nil {
		return err
	}
	return s.Serve()
}

func (s *Server) authMode() string {
	if s.authz != nil {
		return fmt.Sprintf("%d authorized keys", len(s.authz))
	}
	return "open"
}

// Shutdown stops accepting connections, tells every open dashboard that
// the server is going down, and waits for the sessions to end until ctx is
// done; then it closes every connection that is left. It returns ctx's
// error if sessions had to be cut.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	ln := s.ln
	live := make([]*liveSession, 0, len(s.live))
	for l := range s.live {
		live = append(live, l)
	}
	s.mu.Unlock()

	s.sessions.close()
	s.conns.close()
	if ln != nil {
		ln.Close() // Serve returns once Accept fails
	}
	s.log.Info("shutting down", "sessions", s.sessions.count(), "dashboards", len(live))
	for _, l := range live {
		l.notify("The quarterdash server is going down. Goodbye, and thanks for visiting.")
	}

	err := s.waitSessions(ctx)
	if err != nil {
		s.log.Warn("grace period over; closing the remaining connections", "sessions", s.runningSessions())
	}
	// Close drops connections that are idle or still running a session,
	// which cancels their contexts and so ends their programs.
	_ = s.ssh.Close()
	// Give the handlers of cut sessions a moment to return, so that no
	// goroutine outlives Shutdown in the common case.
	cleanup, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = s.waitSessions(cleanup)
	s.refusals.stop()
	return err
}

func (s *Server) runningSessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.running
}

// waitSessions polls until no session handler runs. Polling keeps the
// bookkeeping a plain counter under the mutex; shutdown is rare.
func (s *Server) waitSessions(ctx context.Context) error {
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for s.runningSessions() > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return nil
}

// track registers a running session handler; it fails once shutting down.
func (s *Server) track() (done func(), ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return nil, false
	}
	s.running++
	return func() {
		s.mu.Lock()
		s.running--
		s.mu.Unlock()
	}, true
}

// register makes a dashboard reachable by Shutdown. If the server is
// already going down it says so, and the caller ends the session.
func (s *Server) register(l *liveSession) (unregister func(), ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return nil, false
	}
	s.live[l] = struct{}{}
	return func() {
		s.mu.Lock()
		delete(s.live, l)
		s.mu.Unlock()
	}, true
}

// sizeString formats a window size for the log.
func sizeString(w ssh.Window) string { return fmt.Sprintf("%dx%d", w.Width, w.Height) }

// maxLogField bounds client-chosen strings (user, TERM, command) in the
// log: each can be as long as an SSH packet.
const maxLogField = 64

// clip shortens a client-chosen string for the log.
func clip(s string) string {
	if len(s) <= maxLogField {
		return s
	}
	return strings.ToValidUTF8(s[:maxLogField], "") + "..."
}

// noPtyMessage tells a client that asked for no terminal how to get one.
func noPtyMessage(local net.Addr) string {
	port := "23234"
	if t, ok := local.(*net.TCPAddr); ok {
		port = fmt.Sprint(t.Port)
	}
	return fmt.Sprintf("quarterdash needs a terminal: connect with `ssh -t -p %s HOST`, "+
		"or run `ssh -p %s HOST help` for the commands that work without one.", port, port)
}

// readAuthorizedKeys parses an authorized_keys file once, at start, so a
// typo is a start-up error rather than every login failing later.
func readAuthorizedKeys(path string) (map[string]bool, error) {
	b, _, err := readRegularFile(path, maxAuthorizedKeysBytes)
	if err != nil {
		return nil, fmt.Errorf("authorized keys %s: %w", path, err)
	}
	keys := map[string]bool{}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, _, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			return nil, fmt.Errorf("authorized keys %s:%d: %v", path, i+1, err)
		}
		keys[string(k.Marshal())] = true
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("authorized keys %s: no keys in it; nobody could log in", path)
	}
	return keys, nil
}
