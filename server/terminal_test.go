package server

import (
	"bytes"
	"io"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// TestScreenTermGetsColourAndKeepsFirstKey: a client on GNU screen
// (TERM=screen, no COLORTERM, as OpenSSH sends it) gets 256 colours, and a
// key it types before answering the background-colour question (it never
// answers: screen does not know OSC 11) is not lost. Before, screen got no
// colour at all and the first key was swallowed by a wait of seconds.
func TestScreenTermGetsColourAndKeepsFirstKey(t *testing.T) {
	ts := startServer(t, nil)
	c := dial(t, ts.addr)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	stdin, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("screen", 30, 100, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	// "3" opens the third tab (Segments, for the embedded data), typed at
	// once, before any frame.
	if _, err := io.WriteString(stdin, "3"); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte, 1)
	go func() {
		var out []byte
		buf := make([]byte, 32*1024)
		for {
			n, err := stdout.Read(buf)
			out = append(out, buf[:n]...)
			if bytes.Contains(out, []byte("Family of Apps vs Reality Labs")) || err != nil {
				got <- out
				return
			}
		}
	}()
	var out []byte
	select {
	case out = <-got:
	case <-time.After(wait):
		t.Fatal("the key typed before the first frame did not open the Segments tab")
	}
	if !bytes.Contains(out, []byte("Family of Apps vs Reality Labs")) {
		t.Fatalf("the Segments tab never showed:\n%q", out)
	}
	if !bytes.Contains(out, []byte("\x1b[38;5;")) {
		t.Errorf("TERM=screen got no 256-colour escapes:\n%.400q", out)
	}
	_, _ = io.WriteString(stdin, "q")
	_ = sess.Wait()
}
