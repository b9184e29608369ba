package server

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"quarterdash/ui"
)

// Tests of clients that misbehave on purpose: each must cost the server
// only its own session, and never a session slot for longer than a bound.

// slotsFreed waits until no session slot is held.
func slotsFreed(t *testing.T, ts *testServer, what string) {
	t.Helper()
	retryUntil(t, what, func() bool { return ts.sessions.count() == 0 })
}

func TestEarlyWindowChangeDoesNotHoldSlot(t *testing.T) {
	ts := startServer(t, nil)
	for _, start := range []string{"none", "exec help"} {
		t.Run(start, func(t *testing.T) {
			c, err := dialErr(ts.addr)
			if err != nil {
				t.Fatal(err)
			}
			sess, err := c.NewSession()
			if err != nil {
				t.Fatal(err)
			}
			if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
				t.Fatal(err)
			}
			// Resizes before the shell (the library queues them on a full
			// one-slot channel) and, for exec, around a command that never
			// reads them.
			for i := 0; i < 3; i++ {
				if err := sess.WindowChange(30, 100+i); err != nil {
					t.Fatal(err)
				}
			}
			if start == "exec help" {
				sess.Stdout = io.Discard
				if err := sess.Start("help"); err != nil {
					t.Fatal(err)
				}
				for i := 0; i < 3; i++ {
					_ = sess.WindowChange(30, 110+i)
				}
				if st := waitExit(t, sess); st != 0 {
					t.Errorf("help: status %d", st)
				}
			}
			c.Close()
			slotsFreed(t, ts, "the session slot to be freed after the client left")
		})
	}
}

func TestUnusedChannelIsClosed(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.HandshakeTimeout = 300 * time.Millisecond })
	c := dial(t, ts.addr)
	ch, reqs, err := c.OpenChannel("session", nil)
	if err != nil {
		t.Fatal(err)
	}
	go gossh.DiscardRequests(reqs)
	// The server closes the channel: reads end.
	ended := make(chan error, 1)
	go func() { _, err := io.Copy(io.Discard, ch); ended <- err }()
	select {
	case <-ended:
	case <-time.After(wait):
		t.Fatal("a channel with no shell or command was kept open")
	}
	ch.Close()
	slotsFreed(t, ts, "the unused channel's slot to be freed")
	if !strings.Contains(ts.logs.String(), "no shell or command requested") {
		t.Errorf("closing the channel not logged:\n%s", ts.logs.String())
	}
}

func TestEnvRequestsAreCapped(t *testing.T) {
	ts := startServer(t, nil)
	c, sess := openSession(t, ts.addr)
	accepted := 0
	for i := 0; i < maxEnvRequests+20; i++ {
		if sess.Setenv(fmt.Sprintf("V%d", i), "x") == nil {
			accepted++
		}
	}
	if accepted != maxEnvRequests {
		t.Errorf("%d env requests accepted, want the cap, %d", accepted, maxEnvRequests)
	}
	s2, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if err := s2.Setenv("BIG", strings.Repeat("x", maxEnvBytes)); err == nil {
		t.Error("an env request over maxEnvBytes was accepted")
	}
	if err := s2.Setenv("LANG", "C.UTF-8"); err != nil {
		t.Errorf("a small env request after a refused one: %v", err)
	}
}

// firehose is a dashboard that redraws a large, changing screen as fast as
// the frame rate allows, to fill a client's SSH window quickly.
type firehose struct{ n int }

type firehoseTick struct{}

func (f firehose) Init() tea.Cmd { return func() tea.Msg { return firehoseTick{} } }

func (f firehose) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(firehoseTick); ok {
		f.n++
		return f, tea.Tick(10*time.Millisecond, func(time.Time) tea.Msg { return firehoseTick{} })
	}
	return f, nil
}

func (f firehose) View() string {
	line := strings.Repeat(fmt.Sprintf("%08d ", f.n), 50)
	return strings.Repeat(line+"\n", 190)
}

// openSilent opens a PTY session that answers the colour query blindly and
// then never reads a byte of output.
func openSilent(t *testing.T, addr string) (*gossh.Client, *gossh.Session) {
	t.Helper()
	c := dial(t, addr)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	stdin, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sess.StdoutPipe(); err != nil { // never read
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 200, 500, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(stdin, bgReply); err != nil {
		t.Fatal(err)
	}
	return c, sess
}

func TestClientThatStopsReadingCostsOnlyItsSession(t *testing.T) {
	ts := startServer(t, func(c *Config) {
		c.writeStall = 500 * time.Millisecond
		c.newModel = func(cfg ui.Config) tea.Model {
			if cfg.Width == 500 {
				return firehose{}
			}
			return ui.New(cfg)
		}
	})
	_, silent := openSilent(t, ts.addr)

	// Meanwhile another user's dashboard keeps working.
	tm := openTerm(t, dial(t, ts.addr), 80, 24)
	tm.waitText(0, "META")
	m := tm.mark()
	tm.press("\t")
	tm.waitUntil(m, "a redraw after tab", func(out []byte) bool { return strings.TrimSpace(visible(out)) != "" })

	ended := make(chan error, 1)
	go func() { ended <- silent.Wait() }()
	select {
	case <-ended:
	case <-time.After(wait):
		t.Fatal("the session of a client that stopped reading was not ended")
	}
	retryUntil(t, "the stalled session's close to be logged", func() bool {
		return strings.Contains(ts.logs.String(), "reason=\"client stopped reading\"")
	})
	tm.press("q")
	if st := tm.exitStatus(); st != 0 {
		t.Errorf("bystander: exit status %d", st)
	}
	slotsFreed(t, ts, "every slot to be freed")
}

func TestShutdownIsBoundedWithStalledClient(t *testing.T) {
	ts := startServer(t, func(c *Config) {
		c.closeGrace = 300 * time.Millisecond
		c.newModel = func(ui.Config) tea.Model { return firehose{} }
	})
	openSilent(t, ts.addr)
	// A client that connected and never asked for anything.
	if _, err := net.Dial("tcp", ts.addr); err != nil {
		t.Fatal(err)
	}
	retryUntil(t, "the silent session to start", func() bool { return ts.runningSessions() == 1 })
	grace := time.Second
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	start := time.Now()
	_ = ts.Shutdown(ctx)
	// Shutdown waits out the grace at most, then gives cut sessions up to
	// 2 s to return; wait is the bound, generous for a loaded machine.
	if d := time.Since(start); d > grace+wait {
		t.Errorf("Shutdown took %s", d)
	}
	if n := ts.runningSessions(); n != 0 {
		t.Errorf("%d session handlers still running after Shutdown", n)
	}
}

// sizeCounter is the real dashboard, counting the sizes it is given.
type sizeCounter struct {
	tea.Model
	n    *atomic.Int64
	last *atomic.Value
}

func (s sizeCounter) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		s.n.Add(1)
		s.last.Store(fmt.Sprintf("%dx%d", ws.Width, ws.Height))
	}
	m, cmd := s.Model.Update(msg)
	s.Model = m
	return s, cmd
}

func TestWindowChangeFloodIsCoalesced(t *testing.T) {
	var n atomic.Int64
	var last atomic.Value
	ts := startServer(t, func(c *Config) {
		c.newModel = func(cfg ui.Config) tea.Model { return sizeCounter{Model: ui.New(cfg), n: &n, last: &last} }
	})
	tm := openTerm(t, dial(t, ts.addr), 80, 24)
	tm.waitText(0, "META")
	const flood = 500
	for i := 0; i < flood; i++ {
		if err := tm.sess.WindowChange(24+i%10, 80+i%40); err != nil {
			t.Fatal(err)
		}
	}
	if err := tm.sess.WindowChange(33, 111); err != nil {
		t.Fatal(err)
	}
	retryUntil(t, "the last size to reach the dashboard", func() bool { return last.Load() == "111x33" })
	if got := n.Load(); got > flood/2 {
		t.Errorf("%d sizes reached the dashboard for %d window changes; they are not coalesced", got, flood+1)
	}
	tm.press("q")
	if st := tm.exitStatus(); st != 0 {
		t.Errorf("exit status %d", st)
	}
}

func TestHostOfKeysIPv6ByNetwork(t *testing.T) {
	key := func(s string) string { return hostOf(&net.TCPAddr{IP: net.ParseIP(s), Port: 1234}) }
	if a, b := key("2001:db8:1:2::1"), key("2001:db8:1:2:ffff::9"); a != b {
		t.Errorf("two addresses of one /64 have different keys: %s, %s", a, b)
	}
	if a, b := key("2001:db8:1:2::1"), key("2001:db8:1:3::1"); a == b {
		t.Errorf("two /64 networks share the key %s", a)
	}
	if got := key("::ffff:192.0.2.7"); got != "192.0.2.7" {
		t.Errorf("IPv4-mapped address keyed as %q, want 192.0.2.7", got)
	}
	if a, b := key("192.0.2.7"), key("192.0.2.8"); a == b {
		t.Errorf("two IPv4 addresses share the key %s", a)
	}
}
