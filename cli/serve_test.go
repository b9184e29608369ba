package cli

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// TestServeEnvOverrides: an environment variable sets a flag that was not
// given, a flag on the command line wins, and a bad value is an error that
// names the variable.
func TestServeEnvOverrides(t *testing.T) {
	env := map[string]string{
		"QUARTERDASH_LISTEN":       "127.0.0.1:4000",
		"QUARTERDASH_IDLE_TIMEOUT": "3m",
		"QUARTERDASH_MAX_SESSIONS": "7",
	}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	cmd := newServeCmd(&App{})
	if err := cmd.Flags().Parse([]string{"--max-sessions", "9"}); err != nil {
		t.Fatal(err)
	}
	if err := applyServeEnv(cmd.Flags(), lookup); err != nil {
		t.Fatal(err)
	}
	get := func(name string) string { return cmd.Flags().Lookup(name).Value.String() }
	if got := get("listen"); got != "127.0.0.1:4000" {
		t.Errorf("listen %q: the environment did not apply", got)
	}
	if got := get("idle-timeout"); got != (3 * time.Minute).String() {
		t.Errorf("idle-timeout %q: the environment did not apply", got)
	}
	if got := get("max-sessions"); got != "9" {
		t.Errorf("max-sessions %q: the command-line flag should win over the environment", got)
	}
	if got := get("max-sessions-per-ip"); got != "10" {
		t.Errorf("max-sessions-per-ip %q: want the default 10", got)
	}

	env["QUARTERDASH_IDLE_TIMEOUT"] = "abc"
	cmd = newServeCmd(&App{})
	err := applyServeEnv(cmd.Flags(), lookup)
	if err == nil || !strings.Contains(err.Error(), "QUARTERDASH_IDLE_TIMEOUT") {
		t.Errorf("bad duration in the environment: got %v, want an error naming the variable", err)
	}
}

// TestServeRefusesUnsafeLimits: a limit that would switch a protection off
// is a usage error (exit 2) naming the range, before anything listens,
// whether it comes from a flag or from the environment.
func TestServeRefusesUnsafeLimits(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--max-sessions", "0"},
		{"serve", "--max-sessions", "-3"},
		// 2*MaxSessions, the connection cap, would overflow.
		{"serve", "--max-sessions", "4611686018427387904"},
		{"serve", "--max-sessions-per-ip", "100001"},
		{"serve", "--idle-timeout", "0s"},
		{"serve", "--idle-timeout", "-1m"},
		{"serve", "--max-session-time", "2562047h"},
		// NaN and Inf would switch the rate limit off.
		{"serve", "--conn-rate", "NaN"},
		{"serve", "--conn-rate", "Inf"},
		{"serve", "--conn-rate", "-Inf"},
		{"serve", "--conn-rate", "0"},
		{"serve", "--conn-burst", "0"},
		{"serve", "--conn-burst", "1e9"},
		{"serve", "--listen", "nonsense"},
	} {
		var out, errOut bytes.Buffer
		code := execute(&App{DefaultData: defaultBytes(t), Stdout: &out, Stderr: &errOut}, args)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", args, code, errOut.String())
		}
		if args[1] != "--listen" && !strings.Contains(errOut.String(), "want a") {
			t.Errorf("%v: stderr %q does not state the range", args, errOut.String())
		}
	}

	// The same ranges hold for the environment.
	cmd := newServeCmd(&App{})
	for name, v := range map[string]string{"QUARTERDASH_CONN_RATE": "NaN", "QUARTERDASH_MAX_SESSIONS": "4611686018427387904"} {
		err := applyServeEnv(cmd.Flags(), func(k string) (string, bool) { return v, k == name })
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s=%s: err %v, want a refusal naming the variable", name, v, err)
		}
	}
}

// TestServeHelperProcess is not a test: TestServeSIGTERM runs the test
// binary again with it selected, to get a real `quarterdash serve` process
// it can send SIGTERM to.
func TestServeHelperProcess(t *testing.T) {
	dir := os.Getenv("QUARTERDASH_TEST_SERVE_DIR")
	if dir == "" {
		t.Skip("helper process for TestServeSIGTERM")
	}
	code := execute(&App{DefaultData: defaultBytes(t), Stdout: os.Stdout, Stderr: os.Stderr},
		[]string{"serve", "--listen", "127.0.0.1:0", "--host-key", filepath.Join(dir, "key")})
	os.Exit(code)
}

// TestServeSIGTERM: with a dashboard open, SIGTERM, and SIGHUP alike (it
// used to kill the server with status 129 and no goodbye), tells the
// session the server is going down and the process exits 0 within the
// grace period plus a bound.
func TestServeSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) { testServeSignal(t, sig) })
	}
}

func testServeSignal(t *testing.T, sig syscall.Signal) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeHelperProcess$")
	cmd.Env = append(os.Environ(), "QUARTERDASH_TEST_SERVE_DIR="+t.TempDir())
	var serverErr bytes.Buffer
	cmd.Stderr = &serverErr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// exited carries Wait's result; gone closes once the process is reaped,
	// so the cleanup knows without touching cmd.ProcessState (which Wait
	// writes from its goroutine).
	exited, gone := make(chan error, 1), make(chan struct{})
	go func() { exited <- cmd.Wait(); close(gone) }()
	t.Cleanup(func() {
		select {
		case <-gone:
		default:
			_ = cmd.Process.Kill()
			<-gone
		}
	})
	// The first line names the address.
	line, err := bufio.NewReader(stdout).ReadString('\n')
	addr := strings.TrimPrefix(strings.TrimSpace(line), "quarterdash is serving on ")
	if err != nil || addr == strings.TrimSpace(line) {
		t.Fatalf("no address from serve: %q, %v; stderr:\n%s", line, err, serverErr.String())
	}
	go io.Copy(io.Discard, stdout) //nolint:errcheck // keep the pipe drained

	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "t", Timeout: 10 * time.Second,
		HostKeyCallback: gossh.InsecureIgnoreHostKey()})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	stdin, _ := sess.StdinPipe()
	out, _ := sess.StdoutPipe()
	var errOut bytes.Buffer
	sess.Stderr = &errOut
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	// Play the terminal until the dashboard is up: answer the colour query.
	// The reads run apart, under a deadline, so a dashboard that never
	// shows fails the test instead of hanging it.
	up := make(chan error, 1)
	go func() {
		var screen bytes.Buffer
		buf := make([]byte, 32<<10)
		for !strings.Contains(screen.String(), "META") {
			n, err := out.Read(buf)
			screen.Write(buf[:n])
			if bytes.Contains(buf[:n], []byte("\x1b]11;?")) {
				_, _ = io.WriteString(stdin, "\x1b]11;rgb:0000/0000/0000\x07\x1b[?62;c")
			}
			if err != nil {
				up <- err
				return
			}
		}
		up <- nil
		_, _ = io.Copy(io.Discard, out) // keep reading so frames flow
	}()
	select {
	case err := <-up:
		if err != nil {
			t.Fatalf("no dashboard: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no dashboard within 30s")
	}

	start := time.Now()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	bound := shutdownGrace + 10*time.Second // generous: a loaded 2-core machine
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("serve exited with %v after %v, want 0; stderr:\n%s", err, sig, serverErr.String())
		}
	case <-time.After(bound):
		t.Fatalf("serve still running %s after %v; stderr:\n%s", bound, sig, serverErr.String())
	}
	t.Logf("serve exited %s after %v", time.Since(start).Round(time.Millisecond), sig)
	_ = sess.Wait()
	if !strings.Contains(errOut.String(), "going down") {
		t.Errorf("the session was not told the server is going down; its stderr: %q", errOut.String())
	}
}
