package server

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"quarterdash/ui"
)

func TestDashboardOverSSH(t *testing.T) {
	ts := startServer(t, nil)
	c := dial(t, ts.addr)
	tm := openTerm(t, c, 80, 24)

	tm.waitText(0, "META")

	// A tab switches the view: the renderer only writes what changed, so
	// visible output after the key means the screen changed.
	m := tm.mark()
	tm.press("\t")
	tm.waitUntil(m, "a redraw after tab", func(out []byte) bool { return strings.TrimSpace(visible(out)) != "" })

	// A wider window re-lays the frame out to the new width.
	if w := widestLine(tm.since(0)); w > 80 {
		t.Fatalf("a line of %d columns in an 80-column terminal", w)
	}
	m = tm.mark()
	if err := tm.sess.WindowChange(40, 120); err != nil {
		t.Fatal(err)
	}
	tm.waitUntil(m, "a frame wider than 80 columns", func(out []byte) bool { return widestLine(out) > 80 })
	if w := widestLine(tm.since(m)); w > 120 {
		t.Errorf("a line of %d columns in a 120-column terminal", w)
	}

	tm.press("q")
	if st := tm.exitStatus(); st != 0 {
		t.Fatalf("q: exit status %d, want 0", st)
	}
	logs := ts.logs.String()
	// The close line carries the final size, after the resize.
	for _, want := range []string{"session open", "term=xterm-256color", "size=80x24", "session close",
		"term=xterm-256color size=120x40", "reason=quit"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
}

func TestNoPTYGetsHintAndStatus1(t *testing.T) {
	ts := startServer(t, nil)
	c := dial(t, ts.addr)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	sess.Stdout, sess.Stderr = &stdout, &stderr
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	if st := waitExit(t, sess); st != 1 {
		t.Errorf("exit status %d, want 1", st)
	}
	if !strings.Contains(stderr.String(), "ssh -t") || strings.Count(strings.TrimSpace(stderr.String()), "\n") != 0 {
		t.Errorf("want one line telling to use ssh -t, got %q", stderr.String())
	}
}

// runCmd runs one command over SSH without a PTY.
func runCmd(t *testing.T, c *gossh.Client, cmd string) (stdout, stderr string, status int) {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var o, e bytes.Buffer
	sess.Stdout, sess.Stderr = &o, &e
	if err := sess.Start(cmd); err != nil {
		t.Fatal(err)
	}
	status = waitExit(t, sess)
	return o.String(), e.String(), status
}

// TestCommandsGoThroughCommandFunc: a command's words reach the configured
// CommandFunc, its stdout and stderr reach the client apart, and its
// status is the session's exit status. What the commands do is package
// cli's (cli/remote_test.go runs the real ones over SSH).
func TestCommandsGoThroughCommandFunc(t *testing.T) {
	ts := startServer(t, nil)
	c := dial(t, ts.addr)
	for _, tc := range []struct {
		cmd, stdout, stderr string
		status              int
	}{
		{"help", "usage\n", "", 0},
		{"echo 'two words' three", "two words|three\n", "", 0},
		{"fail now", "", "failed: now\n", 1},
		{"bad --flag", "", "bad arguments\n", 2},
	} {
		out, errOut, st := runCmd(t, c, tc.cmd)
		if out != tc.stdout || errOut != tc.stderr || st != tc.status {
			t.Errorf("%s: stdout %q, stderr %q, status %d; want %q, %q, %d", tc.cmd, out, errOut, st, tc.stdout, tc.stderr, tc.status)
		}
	}
	if logs := ts.logs.String(); !strings.Contains(logs, "reason=\"fail failed\"") || !strings.Contains(logs, "reason=\"bad: bad arguments\"") {
		t.Errorf("command outcomes not logged:\n%s", logs)
	}

	// Without a CommandFunc every command is refused.
	bare := startServer(t, func(c *Config) { c.Commands = nil })
	if _, errOut, st := runCmd(t, dial(t, bare.addr), "help"); st != 1 || !strings.Contains(errOut, "runs no commands") {
		t.Errorf("no CommandFunc: status %d, stderr %q", st, errOut)
	}
}

func TestSubsystemsAndForwardingAreRefused(t *testing.T) {
	ts := startServer(t, nil)
	c, sess := openSession(t, ts.addr)
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("sftp subsystem accepted")
	}
	for _, req := range []string{"auth-agent-req@openssh.com", "x11-req"} {
		if ok, err := sess.SendRequest(req, true, nil); err != nil || ok {
			t.Errorf("%s: accepted %v (err %v), want a refusal", req, ok, err)
		}
	}
	if _, err := c.Dial("tcp", ts.addr); err == nil {
		t.Error("direct-tcpip (local port forwarding) accepted")
	}
	if _, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		t.Error("tcpip-forward (remote port forwarding) accepted")
	}
}

func TestSessionCapCountsChannels(t *testing.T) {
	t.Run("per address, two channels on one connection", func(t *testing.T) {
		ts := startServer(t, func(c *Config) { c.MaxSessions, c.MaxSessionsPerIP = 10, 2 })
		c := dial(t, ts.addr)
		s1, err1 := c.NewSession()
		s2, err2 := c.NewSession()
		if err1 != nil || err2 != nil {
			t.Fatalf("sessions under the cap refused: %v, %v", err1, err2)
		}
		if _, err := c.NewSession(); err == nil || !strings.Contains(err.Error(), "server busy, try again later") {
			t.Fatalf("third channel on one connection: err %v, want server busy", err)
		}
		// Another connection from the same address is over the cap too.
		if _, err := dial(t, ts.addr).NewSession(); err == nil {
			t.Fatal("session from a second connection of the same address accepted over the cap")
		}
		s1.Close()
		retryUntil(t, "a slot to free up after a session closed", func() bool {
			s, err := c.NewSession()
			if err == nil {
				s.Close()
			}
			return err == nil
		})
		s2.Close()
		if !strings.Contains(ts.logs.String(), "refused session") {
			t.Error("refusal not logged")
		}
	})
	t.Run("global", func(t *testing.T) {
		ts := startServer(t, func(c *Config) { c.MaxSessions, c.MaxSessionsPerIP = 2, 10 })
		a, b := dial(t, ts.addr), dial(t, ts.addr)
		if _, err := a.NewSession(); err != nil {
			t.Fatal(err)
		}
		if _, err := b.NewSession(); err != nil {
			t.Fatal(err)
		}
		if _, err := b.NewSession(); err == nil || !strings.Contains(err.Error(), "server busy") {
			t.Fatalf("session over the global cap: err %v", err)
		}
	})
}

func retryUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestRateLimitPerAddress(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.ConnRate, c.ConnBurst = 0.001, 2 })
	dial(t, ts.addr)
	dial(t, ts.addr)
	if c, err := dialErr(ts.addr); err == nil {
		c.Close()
		t.Fatal("third connection within the burst accepted")
	}
	if !strings.Contains(ts.logs.String(), "refused connection") {
		t.Error("refusal not logged")
	}
}

func TestHostKeyPersistsAndBadKeysFailLoudly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "quarterdash")
	path := filepath.Join(dir, HostKeyFile)
	first, err := LoadOrCreateHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if !first.Created {
		t.Error("first start did not report creating the key")
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v (%v), want 0600", fi.Mode().Perm(), err)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("key dir mode %v (%v), want 0700", fi.Mode().Perm(), err)
	}
	if _, ok := first.Signer.PublicKey().(gossh.CryptoPublicKey).CryptoPublicKey().(ed25519.PublicKey); !ok {
		t.Errorf("host key type %s, want ed25519", first.Signer.PublicKey().Type())
	}
	// Two server starts on the same path present the same key to clients.
	var fps []string
	for i := 0; i < 2; i++ {
		ts := startServer(t, func(c *Config) { c.HostKeyPath = path })
		var seen string
		c, err := gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{User: "u", Timeout: wait,
			HostKeyCallback: func(_ string, _ net.Addr, k gossh.PublicKey) error {
				seen = gossh.FingerprintSHA256(k)
				return nil
			}})
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
		fps = append(fps, seen)
		ts.Shutdown(context.Background())
	}
	if fps[0] != first.Fingerprint() || fps[1] != first.Fingerprint() {
		t.Errorf("fingerprints %v across starts, want %s both times", fps, first.Fingerprint())
	}

	for name, setup := range map[string]func(p string) []byte{
		"garbage": func(p string) []byte {
			b := []byte("this is not a key\n")
			os.WriteFile(p, b, 0o600)
			return b
		},
		"truncated": func(p string) []byte {
			b, _ := os.ReadFile(path)
			b = b[:len(b)/2]
			os.WriteFile(p, b, 0o600)
			return b
		},
		"unreadable (a directory)": func(p string) []byte {
			os.Mkdir(p, 0o700)
			return nil
		},
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "key")
			before := setup(p)
			_, err := New(Config{HostKeyPath: p, Data: testData(t), Logger: nil})
			if err == nil || !strings.Contains(err.Error(), p) {
				t.Fatalf("err %v, want an error naming %s", err, p)
			}
			if before != nil {
				if after, _ := os.ReadFile(p); !bytes.Equal(after, before) {
					t.Error("the bad key file was overwritten")
				}
			}
		})
	}
}

func TestClampSize(t *testing.T) {
	for _, tc := range []struct{ w, h, ww, wh int }{
		{0, 0, defaultWidth, defaultHeight},
		{-5, 10, defaultWidth, 10},
		{65535, 65535, MaxWidth, MaxHeight},
		{1, 1, 1, 1},
		{120, 40, 120, 40},
	} {
		if w, h := clampSize(tc.w, tc.h); w != tc.ww || h != tc.wh {
			t.Errorf("clampSize(%d, %d) = %d, %d; want %d, %d", tc.w, tc.h, w, h, tc.ww, tc.wh)
		}
	}
}

func TestDefaultHostKeyPath(t *testing.T) {
	for _, tc := range []struct{ xdg, home, want string }{
		{"/x/data", "/home/u", "/x/data/quarterdash/ssh_host_ed25519"},
		{"", "/home/u", "/home/u/.local/share/quarterdash/ssh_host_ed25519"},
		{"relative", "/home/u", "/home/u/.local/share/quarterdash/ssh_host_ed25519"},
	} {
		if got := DefaultHostKeyPath(tc.xdg, tc.home); got != tc.want {
			t.Errorf("DefaultHostKeyPath(%q, %q) = %q, want %q", tc.xdg, tc.home, got, tc.want)
		}
	}
}

func TestAuthorizedKeysRestrictAccess(t *testing.T) {
	newKey := func() gossh.Signer {
		_, priv, _ := ed25519.GenerateKey(rand.Reader)
		s, err := gossh.NewSignerFromKey(priv)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	allowed, other := newKey(), newKey()
	ak := filepath.Join(t.TempDir(), "authorized_keys")
	os.WriteFile(ak, append([]byte("# the demo's friends\n"), gossh.MarshalAuthorizedKey(allowed.PublicKey())...), 0o600)
	ts := startServer(t, func(c *Config) { c.AuthorizedKeysPath = ak })

	c := dial(t, ts.addr, gossh.PublicKeys(allowed))
	if _, _, st := runCmd(t, c, "help"); st != 0 {
		t.Errorf("help with an authorized key: status %d", st)
	}
	if c, err := dialErr(ts.addr, gossh.PublicKeys(other)); err == nil {
		c.Close()
		t.Error("an unknown key was let in")
	}
	if c, err := dialErr(ts.addr); err == nil {
		c.Close()
		t.Error("no key (auth none) was let in")
	}

	bad := filepath.Join(t.TempDir(), "bad_keys")
	os.WriteFile(bad, []byte("ssh-ed25519 notbase64!!\n"), 0o600)
	if _, err := New(Config{HostKeyPath: filepath.Join(t.TempDir(), "k"), Data: testData(t), AuthorizedKeysPath: bad}); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("garbage authorized_keys: err %v, want one naming the file", err)
	}
}

func TestShutdownEndsSessionsWithinGrace(t *testing.T) {
	ts := startServer(t, nil)
	var terms []*term
	for i := 0; i < 3; i++ {
		tm := openTerm(t, dial(t, ts.addr), 100, 30)
		tm.waitText(0, "META")
		terms = append(terms, tm)
	}
	// A connection with no session at all must not hold shutdown up.
	dial(t, ts.addr)

	grace := 5 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	start := time.Now()
	if err := ts.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v (sessions did not end within %s)", err, grace)
	}
	if d := time.Since(start); d > grace {
		t.Errorf("Shutdown took %s", d)
	}
	for _, tm := range terms {
		if st := tm.exitStatus(); st != 0 {
			t.Errorf("exit status %d after shutdown, want 0", st)
		}
		tm.waitText(0, "going down")
	}
	if _, err := dialErr(ts.addr); err == nil {
		t.Error("a new connection was accepted after Shutdown")
	}
}

func TestIdleQuit(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.IdleTimeout = 300 * time.Millisecond })
	tm := openTerm(t, dial(t, ts.addr), 100, 30)
	tm.waitText(0, "META")
	if st := tm.exitStatus(); st != 0 {
		t.Errorf("exit status %d after idle quit, want 0", st)
	}
	tm.waitText(0, "No key pressed")
	if !strings.Contains(ts.logs.String(), "reason=idle") {
		t.Errorf("idle quit not logged:\n%s", ts.logs.String())
	}
}

func TestMaxSessionTime(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.MaxSessionTime = 300 * time.Millisecond })
	tm := openTerm(t, dial(t, ts.addr), 100, 30)
	tm.waitText(0, "META")
	if st := tm.exitStatus(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	tm.waitText(0, "limit")
}

func TestExtremeWindowSizesAreHarmless(t *testing.T) {
	ts := startServer(t, nil)
	c := dial(t, ts.addr)
	tm := openTerm(t, c, 0, 0) // a 0x0 PTY from the start: unknown, so 80x24
	tm.waitText(0, "META")
	for _, sz := range [][2]int{{0, 0}, {65535, 65535}, {1, 1}, {65535, 1}} {
		if err := tm.sess.WindowChange(sz[1], sz[0]); err != nil {
			t.Fatalf("window change %v: %v", sz, err)
		}
	}
	m := tm.mark()
	if err := tm.sess.WindowChange(30, 100); err != nil {
		t.Fatal(err)
	}
	tm.waitText(m, "META")
	if w := widestLine(tm.since(0)); w > MaxWidth {
		t.Errorf("a line of %d columns got out; sizes are not clamped", w)
	}
	tm.press("q")
	if st := tm.exitStatus(); st != 0 {
		t.Fatalf("exit status %d, want 0", st)
	}
}

// panicky wraps the real dashboard and panics on "p" (in Update) or "v"
// (in the next View).
type panicky struct {
	tea.Model
	inView bool
}

func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch k.String() {
		case "p":
			panic("injected panic in Update")
		case "v":
			p.inView = true
			return p, nil
		}
	}
	m, cmd := p.Model.Update(msg)
	p.Model = m
	return p, cmd
}

func (p panicky) View() string {
	if p.inView {
		panic("injected panic in View")
	}
	return p.Model.View()
}

func TestPanicEndsOnlyThatSession(t *testing.T) {
	ts := startServer(t, func(c *Config) {
		c.newModel = func(cfg ui.Config) tea.Model { return panicky{Model: ui.New(cfg)} }
	})
	bystander := openTerm(t, dial(t, ts.addr), 80, 24)
	bystander.waitText(0, "META")

	for _, key := range []string{"p", "v"} {
		victim := openTerm(t, dial(t, ts.addr), 80, 24)
		victim.waitText(0, "META")
		victim.press(key)
		if st := victim.exitStatus(); st != 1 {
			t.Errorf("%s: exit status %d after a panic, want 1", key, st)
		}
	}
	logs := ts.logs.String()
	for _, want := range []string{"injected panic in Update", "injected panic in View", "server_test.go", "reason=panic"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q (the panic and its stack):\n%s", want, logs)
		}
	}

	m := bystander.mark()
	bystander.press("\t")
	bystander.waitUntil(m, "the bystander to redraw", func(out []byte) bool { return strings.TrimSpace(visible(out)) != "" })
	bystander.press("q")
	if st := bystander.exitStatus(); st != 0 {
		t.Errorf("bystander exit status %d, want 0", st)
	}
	late := openTerm(t, dial(t, ts.addr), 80, 24)
	late.waitText(0, "META")
}

func TestSilentClientCannotHoldHandshake(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.HandshakeTimeout = 300 * time.Millisecond })
	for name, talk := range map[string]func(net.Conn){
		"silent": func(net.Conn) {},
		// Trickling a byte at a time refreshes the SSH idle timeout (10
		// minutes here), so only the handshake deadline can end this.
		"trickle": func(c net.Conn) {
			c.Write([]byte("SSH-2.0-slowpoke\r\n\x00\x00\x04\x00"))
			go func() {
				for i := 0; i < 200; i++ {
					if _, err := c.Write([]byte{0}); err != nil {
						return
					}
					time.Sleep(50 * time.Millisecond)
				}
			}()
		},
	} {
		t.Run(name, func(t *testing.T) {
			c, err := net.Dial("tcp", ts.addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			talk(c)
			c.SetReadDeadline(time.Now().Add(wait))
			buf := make([]byte, 512)
			for {
				if _, err := c.Read(buf); err != nil {
					if ne, ok := err.(net.Error); ok && ne.Timeout() {
						t.Fatalf("connection still open after %s", wait)
					}
					return // closed by the server
				}
			}
		})
	}
}

func TestNoGoroutineLeakAfterManySessions(t *testing.T) {
	ts := startServer(t, nil)
	settle := func(limit int) int {
		n := 0
		for deadline := time.Now().Add(wait); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			runtime.GC()
			if n = runtime.NumGoroutine(); n <= limit {
				break
			}
		}
		return n
	}
	// Warm up once so that lazily started runtime goroutines are counted.
	warm := openTerm(t, dial(t, ts.addr), 80, 24)
	warm.waitText(0, "META")
	warm.press("q")
	warm.exitStatus()
	// The baseline is the count once it has stopped falling.
	before := runtime.NumGoroutine()
	for stable := 0; stable < 5; time.Sleep(20 * time.Millisecond) {
		n := runtime.NumGoroutine()
		if n < before {
			before, stable = n, 0
		} else {
			stable++
		}
	}

	var wg sync.WaitGroup
	sem := make(chan struct{}, 10)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			c, err := dialErr(ts.addr)
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			sess, err := c.NewSession()
			if err != nil {
				t.Error(err)
				return
			}
			tm, err := startTerm(t, sess, 80, 24)
			if err != nil {
				t.Error(err)
				return
			}
			if _, ok := tm.await(0, func(out []byte) bool { return strings.Contains(visible(out), "META") }); !ok {
				t.Errorf("session %d: no dashboard", i)
			}
			// Drop them in different ways: the channel only (connection
			// kept until the deferred Close), or the whole TCP connection.
			if i%2 == 0 {
				sess.Close()
			}
		}(i)
	}
	wg.Wait()
	if after := settle(before + 3); after > before+3 {
		buf := make([]byte, 1<<20)
		n := runtime.Stack(buf, true)
		t.Fatalf("goroutines: %d before, %d after 50 sessions came and went\n%s", before, after, buf[:n])
	}
}

// TestOpenSSHClient is the end-to-end check with the real OpenSSH client,
// run under a pseudo-terminal by script(1) so that `ssh -tt` has a terminal
// to put in raw mode. The test plays the terminal: it reads the screen and
// answers the background-colour query.
func TestOpenSSHClient(t *testing.T) {
	sshPath, err := exec.LookPath("ssh")
	if err != nil {
		t.Skip("ssh (OpenSSH client) is not on PATH; install openssh-client to run this end-to-end test")
	}
	scriptPath, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) is not on PATH; install util-linux (bsdutils) to run this end-to-end test")
	}
	ts := startServer(t, nil)
	_, port, _ := net.SplitHostPort(ts.addr)
	sshCmd := strings.Join([]string{sshPath, "-tt", "-F", "/dev/null", "-p", port,
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
		"-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "demo@127.0.0.1"}, " ")
	ctx, cancel := context.WithTimeout(context.Background(), 3*wait)
	defer cancel()
	// script's terminal has no size when its stdin is a pipe; give it one.
	cmd := exec.CommandContext(ctx, scriptPath, "-qfec", "stty cols 100 rows 30; exec "+sshCmd, "/dev/null")
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tm := &term{t: t, stdin: stdin, changed: make(chan struct{}), done: make(chan struct{})}
	go tm.read(stdout)

	tm.waitText(0, "META")
	m := tm.mark()
	tm.press("\t")
	tm.waitUntil(m, "a redraw after tab", func(out []byte) bool { return strings.TrimSpace(visible(out)) != "" })
	tm.press("q")
	errc := make(chan error, 1)
	go func() { errc <- cmd.Wait() }()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("ssh exited with %v; output:\n%q", err, tail(tm.since(0), 2000))
		}
	case <-time.After(wait):
		t.Fatal("ssh did not exit after q")
	}
	if !strings.Contains(ts.logs.String(), "user=demo") {
		t.Errorf("session not logged with its user:\n%s", ts.logs.String())
	}
}
