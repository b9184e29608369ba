package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/log"
	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"quarterdash/data"
)

// wait is the generous deadline every test read uses: long enough for a
// loaded CI machine, never a sleep that asserts anything.
const wait = 10 * time.Second

// The background-colour query MakeRenderer sends, and a terminal's answer.
const (
	bgQuery = "\x1b]11;?"
	bgReply = "\x1b]11;rgb:0000/0000/0000\x07\x1b[?62;c"
)

func testData(t testing.TB) *data.Dataset {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "quarters.json"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := data.Parse(b, "quarters.json")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// syncBuffer is a bytes.Buffer safe for the logger and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type testServer struct {
	*Server
	addr string
	logs *syncBuffer
}

// startServer runs a server on 127.0.0.1:0 with permissive limits (tests
// open many connections quickly) unless edit changes them, and shuts it
// down when the test ends.
func startServer(t testing.TB, edit func(*Config)) *testServer {
	t.Helper()
	logs := &syncBuffer{}
	cfg := Config{
		Addr:             "127.0.0.1:0",
		HostKeyPath:      filepath.Join(t.TempDir(), "hostkey"),
		Data:             testData(t),
		MaxSessions:      100,
		MaxSessionsPerIP: 100,
		ConnRate:         1000,
		ConnBurst:        1000,
		Logger:           log.NewWithOptions(logs, log.Options{Level: log.DebugLevel}),
		Commands:         fakeCommands,
	}
	if edit != nil {
		edit(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Listen(); err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve() }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = s.Shutdown(ctx)
		select {
		case err := <-served:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(wait):
			t.Error("Serve did not return after Shutdown")
		}
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	return &testServer{Server: s, addr: s.Addr().String(), logs: logs}
}

func dial(t testing.TB, addr string, auth ...gossh.AuthMethod) *gossh.Client {
	t.Helper()
	c, err := dialErr(addr, auth...)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func dialErr(addr string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "tester",
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         wait,
	})
}

// term is a client-side PTY session: it collects the output, answers the
// renderer's background-colour query like a real terminal, and lets the
// test wait for what it expects.
type term struct {
	t     testing.TB
	sess  *gossh.Session
	stdin io.WriteCloser

	mu      sync.Mutex
	out     []byte
	changed chan struct{} // closed and replaced on every write
	readErr error
	done    chan struct{} // closed when the output stream ends
}

func openTerm(t testing.TB, c *gossh.Client, w, h int) *term {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatalf("new session: %v", err)
	}
	tm, err := startTerm(t, sess, w, h)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func startTerm(t testing.TB, sess *gossh.Session, w, h int) (*term, error) {
	tm := &term{t: t, sess: sess, changed: make(chan struct{}), done: make(chan struct{})}
	var err error
	if tm.stdin, err = sess.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		return nil, fmt.Errorf("pty: %w", err)
	}
	if err := sess.Shell(); err != nil {
		return nil, fmt.Errorf("shell: %w", err)
	}
	go tm.read(stdout)
	return tm, nil
}

func (tm *term) read(r io.Reader) {
	defer close(tm.done)
	buf := make([]byte, 32*1024)
	answered := false
	for {
		n, err := r.Read(buf)
		tm.mu.Lock()
		tm.out = append(tm.out, buf[:n]...)
		ask := !answered && bytes.Contains(tm.out, []byte(bgQuery))
		close(tm.changed)
		tm.changed = make(chan struct{})
		if err != nil {
			tm.readErr = err
		}
		tm.mu.Unlock()
		if ask {
			answered = true
			_, _ = io.WriteString(tm.stdin, bgReply)
		}
		if err != nil {
			return
		}
	}
}

// mark is an offset into the output, to wait for what comes after it.
func (tm *term) mark() int {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return len(tm.out)
}

// since returns a copy of the output written since from.
func (tm *term) since(from int) []byte {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return bytes.Clone(tm.out[min(from, len(tm.out)):])
}

// await waits until ok accepts the output written since from, and returns
// that output and whether it came in time. It may run on any goroutine.
func (tm *term) await(from int, ok func(out []byte) bool) ([]byte, bool) {
	deadline := time.After(wait)
	for {
		tm.mu.Lock()
		out, ch := tm.out[min(from, len(tm.out)):], tm.changed
		tm.mu.Unlock()
		if ok(out) {
			return out, true
		}
		select {
		case <-ch:
		case <-deadline:
			return out, false
		}
	}
}

// waitUntil is await that fails the test on a timeout.
func (tm *term) waitUntil(from int, what string, ok func(out []byte) bool) {
	tm.t.Helper()
	if out, in := tm.await(from, ok); !in {
		tm.t.Fatalf("timed out waiting for %s; output since mark (%d bytes):\n%q", what, len(out), tail(out, 2000))
	}
}

func (tm *term) waitText(from int, s string) {
	tm.t.Helper()
	tm.waitUntil(from, fmt.Sprintf("%q", s), func(out []byte) bool { return strings.Contains(visible(out), s) })
}

func (tm *term) press(keys string) {
	tm.t.Helper()
	if _, err := io.WriteString(tm.stdin, keys); err != nil {
		tm.t.Fatalf("write %q: %v", keys, err)
	}
}

// exitStatus waits for the session to end and returns its exit status.
func (tm *term) exitStatus() int {
	tm.t.Helper()
	return waitExit(tm.t, tm.sess)
}

func waitExit(t testing.TB, sess *gossh.Session) int {
	t.Helper()
	res := make(chan error, 1)
	go func() { res <- sess.Wait() }()
	select {
	case err := <-res:
		var ee *gossh.ExitError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ee):
			return ee.ExitStatus()
		default:
			t.Fatalf("session ended without an exit status: %v", err)
		}
	case <-time.After(wait):
		t.Fatal("session did not end")
	}
	return -1
}

// visible strips escape sequences, leaving the text a terminal would show
// (roughly: cursor moves are dropped, not applied).
func visible(b []byte) string { return ansi.Strip(string(b)) }

// widestLine is the display width of the widest line in out.
func widestLine(out []byte) int {
	w := 0
	for _, l := range strings.FieldsFunc(visible(out), func(r rune) bool { return r == '\n' || r == '\r' }) {
		w = max(w, ansi.StringWidth(l))
	}
	return w
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// openSession dials addr and opens one session channel on it; both close
// when the test ends.
func openSession(t testing.TB, addr string) (*gossh.Client, *gossh.Session) {
	t.Helper()
	c := dial(t, addr)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	return c, sess
}

// fakeCommands stands in for package cli's command tree (which imports
// this package): help prints "usage"; echo prints its words joined by |;
// fail and bad fail with status 1 and 2; anything else is unknown.
func fakeCommands(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	switch args[0] {
	case "help":
		fmt.Fprintln(stdout, "usage")
		return 0
	case "echo":
		fmt.Fprintln(stdout, strings.Join(args[1:], "|"))
		return 0
	case "fail":
		fmt.Fprintln(stderr, "failed:", strings.Join(args[1:], " "))
		return 1
	case "bad":
		fmt.Fprintln(stderr, "bad arguments")
		return 2
	}
	fmt.Fprintf(stderr, "unknown command %q\n", args[0])
	return 1
}
