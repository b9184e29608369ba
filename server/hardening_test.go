package server

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/log"
)

// cpuTime is the process's user+system CPU time so far.
func cpuTime(t *testing.T) time.Duration {
	t.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestLongCommandIsRefusedBeforeSplitting: the library splits a command
// with go-shlex in time quadratic in a word's length; a 130 KB word cost
// seconds of CPU. A command over maxCommandBytes is refused unsplit, with
// a message and exit status 2.
func TestLongCommandIsRefusedBeforeSplitting(t *testing.T) {
	ts := startServer(t, nil)
	c := dial(t, ts.addr)
	before := cpuTime(t)
	out, errOut, st := runCmd(t, c, "help "+strings.Repeat("B", 130_000))
	used := cpuTime(t) - before
	if st != statusUsage || out != "" || !strings.Contains(errOut, "the longest accepted is") {
		t.Errorf("long command: status %d, stdout %q, stderr %q; want status 2 and a message", st, out, errOut)
	}
	// Splitting it took 2.5 s of CPU on the development machine; refusing
	// it takes milliseconds. The bound is loose for a loaded CI machine.
	if used > time.Second {
		t.Errorf("the long command cost %s of CPU", used)
	}
	// A command at the cap still runs.
	if _, errOut, st := runCmd(t, c, "help"+strings.Repeat(" ", maxCommandBytes-4)); st != 0 {
		t.Errorf("a command of exactly %d bytes: status %d, stderr %q", maxCommandBytes, st, errOut)
	}
}

// TestConnectionWithoutSessionIsClosed: a client that logs in and never
// opens a session channel (or closes its last one and stays) used to hold
// its connection slot until the max session time; it is closed after the
// login limit.
func TestConnectionWithoutSessionIsClosed(t *testing.T) {
	const limit = 300 * time.Millisecond
	ts := startServer(t, func(c *Config) { c.HandshakeTimeout = limit })

	idle := dial(t, ts.addr)
	closed := make(chan struct{})
	go func() { _ = idle.Wait(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(wait):
		t.Fatal("a connection with no session was not closed")
	}
	if !strings.Contains(ts.logs.String(), "no session opened in "+limit.String()) {
		t.Errorf("closing not logged:\n%s", ts.logs.String())
	}

	// A connection with a session open is left alone past the limit, and
	// closed after the limit once its last session has ended.
	start := time.Now()
	busy := dial(t, ts.addr)
	tm := openTerm(t, busy, 80, 24)
	tm.waitText(0, "META")
	busyClosed := make(chan struct{})
	go func() { _ = busy.Wait(); close(busyClosed) }()
	for time.Since(start) < 3*limit {
		m := tm.mark()
		tm.press("\t")
		tm.waitUntil(m, "a redraw after tab", func(out []byte) bool { return strings.TrimSpace(visible(out)) != "" })
	}
	select {
	case <-busyClosed:
		t.Fatal("a connection with a session open was closed")
	default:
	}
	tm.press("q")
	tm.exitStatus()
	select {
	case <-busyClosed:
	case <-time.After(wait):
		t.Fatal("a connection whose session ended was not closed after the limit")
	}
}

// TestRefusalLoggingIsRateLimited: a flood of refused connections writes
// refusalBurst lines and then a count, not a line each.
func TestRefusalLoggingIsRateLimited(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.ConnRate, c.ConnBurst = 0.001, 1 })
	dial(t, ts.addr)
	const tries = 3 * refusalBurst
	for i := 0; i < tries; i++ {
		if c, err := dialErr(ts.addr); err == nil {
			c.Close()
			t.Fatal("a connection over the rate accepted")
		}
	}
	if n := strings.Count(ts.logs.String(), "refused connection"); n != refusalBurst {
		t.Errorf("%d refused connections logged %d lines, want %d", tries, n, refusalBurst)
	}
	// Shutdown reports the count of those not logged.
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	_ = ts.Shutdown(ctx)
	if !strings.Contains(ts.logs.String(), "count="+strconv.Itoa(tries-refusalBurst)) {
		t.Errorf("the unlogged refusals were not counted:\n%s", ts.logs.String())
	}
}

// TestRefusalLogCountsPerInterval: past the burst, refusals are counted,
// and the count is logged when the interval ends, without waiting for
// another refusal.
func TestRefusalLogCountsPerInterval(t *testing.T) {
	logs := &syncBuffer{}
	r := newRefusalLog(log.New(logs), 3, 100*time.Millisecond)
	defer r.stop()
	for i := 0; i < 10; i++ {
		r.refused("refused connection", "i", i)
	}
	if n := strings.Count(logs.String(), "refused connection"); n != 3 {
		t.Errorf("%d lines for 10 refusals, want 3", n)
	}
	deadline := time.Now().Add(wait)
	for !strings.Contains(logs.String(), "count=7") {
		if time.Now().After(deadline) {
			t.Fatalf("no count after the interval:\n%s", logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestShutdownWaitsForExitStatus: Shutdown returned once every session
// handler had stopped counting as running, which happened before the
// session's close line and exit status; a connection could then be cut
// before its status was sent (1 in 10 at 50 sessions). A slow end of
// session makes that race certain: every close line and status must still
// come before Shutdown returns.
func TestShutdownWaitsForExitStatus(t *testing.T) {
	returned := make(chan struct{})
	ts := startServer(t, func(c *Config) {
		c.beforeClose = func() {
			// Long enough for a Shutdown that does not wait to return.
			select {
			case <-returned:
			case <-time.After(300 * time.Millisecond):
			}
		}
	})
	const n = 5
	terms := make([]*term, n)
	for i := range terms {
		terms[i] = openTerm(t, dial(t, ts.addr), 80, 24)
		terms[i].waitText(0, "META")
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	_ = ts.Shutdown(ctx)
	logs := ts.logs.String()
	close(returned)
	if got := strings.Count(logs, "session close"); got != n {
		t.Errorf("Shutdown returned with %d of %d sessions closed:\n%s", got, n, logs)
	}
	var wg sync.WaitGroup
	for _, tm := range terms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := tm.sess.Wait(); err != nil && !strings.Contains(err.Error(), "exited with status") {
				t.Errorf("a session ended without an exit status: %v", err)
			}
		}()
	}
	wg.Wait()
}
