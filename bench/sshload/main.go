// Command sshload is the load benchmark of `quarterdash serve`: it opens N
// concurrent PTY sessions at 120x40, presses a key in each every 200 ms,
// and reports key-to-frame latency, bytes sent per key, and the server's
// memory and CPU. See bench/README.md.
//
// By default the server runs in a child process (this program re-executed
// with -child), so that its RSS and CPU are not mixed with the clients'.
// It only ever talks to the loopback interface.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/charmbracelet/log"
	gossh "golang.org/x/crypto/ssh"

	"quarterdash/data"
	"quarterdash/internal/synth"
	"quarterdash/server"
)

// The background-colour query the server's renderer sends, and the answer
// a dark terminal gives; without it the first frame waits for a key.
const (
	bgQuery = "\x1b]11;?"
	bgReply = "\x1b]11;rgb:0000/0000/0000\x07\x1b[?62;c"
)

type options struct {
	n        int
	duration time.Duration
	interval time.Duration
	key      string
	addr     string
	dataPath string
	settle   time.Duration
	profile  string
	// walk mode: the worst a crowd can do to the server's memory.
	width, height int
	quarters      int // > 0: serve the default file stretched to this many quarters
	sizes         int // sessions use this many different widths, so they share fewer drawings
}

func main() {
	var o options
	child := flag.Bool("child", false, "internal: run the server and answer stats requests on stdin")
	flag.IntVar(&o.n, "n", 50, "concurrent sessions")
	flag.DurationVar(&o.duration, "d", 10*time.Second, "how long to press keys")
	flag.DurationVar(&o.interval, "interval", 200*time.Millisecond, "time between key presses in each session")
	flag.StringVar(&o.key, "key", "tab", "key to press: tab (switch views), arrows (alternate right and left), or walk (every tab, 40 quarters, each chart and sources)")
	flag.IntVar(&o.width, "width", 120, "terminal width of every session")
	flag.IntVar(&o.height, "height", 40, "terminal height of every session")
	flag.IntVar(&o.quarters, "quarters", 0, "serve -data stretched to this many quarters (a temporary file; 0: -data as is)")
	flag.IntVar(&o.sizes, "sizes", 1, "sessions use this many widths (width, width-1, ...), so they share fewer drawings")
	flag.StringVar(&o.addr, "addr", "", "use a running server at this loopback address instead of starting one (no RSS/CPU figures)")
	flag.StringVar(&o.dataPath, "data", "quarters.json", "data file for the server started here")
	flag.DurationVar(&o.settle, "settle", 3*time.Second, "idle time after all sessions are up, before measuring")
	flag.StringVar(&o.profile, "profile", "", "directory for the server's cpu, block and mutex profiles (go tool pprof)")
	flag.Parse()
	var err error
	if *child {
		err = runChild(o)
	} else {
		err = run(o)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "sshload:", err)
		os.Exit(1)
	}
}

// runChild is the server process: it prints its address, then answers
// each "stats" line on stdin with its RSS, CPU time and goroutines, and
// exits when stdin closes.
func runChild(o options) error {
	d, err := data.Load(o.dataPath)
	if err != nil {
		return err
	}
	if o.profile != "" {
		stop, err := startProfiles(o.profile)
		if err != nil {
			return err
		}
		defer stop()
	}
	dir, err := os.MkdirTemp("", "sshload-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	srv, err := server.New(server.Config{
		Addr:             "127.0.0.1:0",
		HostKeyPath:      filepath.Join(dir, "hostkey"),
		Data:             d,
		MaxSessions:      o.n + 10,
		MaxSessionsPerIP: o.n + 10,
		ConnRate:         1e6,
		ConnBurst:        o.n + 10,
		Logger:           log.New(io.Discard),
	})
	if err != nil {
		return err
	}
	if err := srv.Listen(); err != nil {
		return err
	}
	go srv.Serve() //nolint:errcheck // ends with Shutdown below
	fmt.Println(srv.Addr().String())
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		if path, ok := strings.CutPrefix(sc.Text(), "heap "); ok {
			runtime.GC()
			if f, err := os.Create(path); err == nil {
				_ = pprof.Lookup("heap").WriteTo(f, 0)
				f.Close()
			}
		}
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		fmt.Printf("%d %d %d %d\n", procStatus("VmRSS:"), time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano()), procStatus("VmHWM:"))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(ctx)
}

// procStatus reads a figure in KiB, such as VmRSS: or VmHWM: (the peak
// RSS), from /proc/self/status (Linux).
func procStatus(field string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == field {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			return n
		}
	}
	return -1
}

// serverProc is the child server and a way to ask it for its figures.
type serverProc struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   *bufio.Scanner
}

type stats struct {
	rssKiB  int64
	cpu     time.Duration
	peakKiB int64
}

func (p *serverProc) stats() (stats, error) { return p.request("stats") }

// request asks the server for its figures: "stats", or "heap PATH" to
// write a heap profile there first.
func (p *serverProc) request(req string) (stats, error) {
	if _, err := io.WriteString(p.stdin, req+"\n"); err != nil {
		return stats{}, err
	}
	if !p.out.Scan() {
		return stats{}, errors.New("server process ended")
	}
	var s stats
	var u, sys int64
	if _, err := fmt.Sscan(p.out.Text(), &s.rssKiB, &u, &sys, &s.peakKiB); err != nil {
		return stats{}, fmt.Errorf("stats %q: %w", p.out.Text(), err)
	}
	s.cpu = time.Duration(u + sys)
	return s, nil
}

func startChild(o options) (*serverProc, string, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, "", err
	}
	cmd := exec.Command(exe, "-child", "-n", strconv.Itoa(o.n), "-data", o.dataPath, "-profile", o.profile)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, "", err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	p := &serverProc{cmd: cmd, stdin: stdin, out: bufio.NewScanner(stdout)}
	if !p.out.Scan() {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, "", errors.New("server process did not start")
	}
	return p, p.out.Text(), nil
}

func (p *serverProc) stop() {
	p.stdin.Close()
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		p.cmd.Process.Kill()
		<-done
	}
}

// session is one simulated user.
type session struct {
	client *gossh.Client
	sess   *gossh.Session
	stdin  io.Writer

	mu       sync.Mutex
	ready    chan struct{} // closed once the dashboard is on screen
	seen     []byte        // output until ready
	sentAt   time.Time     // when the last key went out, zero once answered
	lat      []time.Duration
	bytes    int64 // output bytes since the first key
	counting bool
}

func dialSession(addr string, w, h int) (*session, error) {
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "bench", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 30 * time.Second,
	})
	if err != nil {
		return nil, err
	}
	s := &session{client: c, ready: make(chan struct{})}
	if s.sess, err = c.NewSession(); err != nil {
		c.Close()
		return nil, err
	}
	if s.stdin, err = s.sess.StdinPipe(); err != nil {
		c.Close()
		return nil, err
	}
	stdout, err := s.sess.StdoutPipe()
	if err != nil {
		c.Close()
		return nil, err
	}
	if err := s.sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		c.Close()
		return nil, err
	}
	if err := s.sess.Shell(); err != nil {
		c.Close()
		return nil, err
	}
	go s.read(stdout)
	return s, nil
}

func (s *session) read(r io.Reader) {
	buf := make([]byte, 64*1024)
	answered, isReady := false, false
	for {
		n, err := r.Read(buf)
		now := time.Now()
		if n > 0 {
			if !isReady {
				s.seen = append(s.seen, buf[:n]...)
				if !answered && bytes.Contains(s.seen, []byte(bgQuery)) {
					answered = true
					_, _ = io.WriteString(s.stdin, bgReply)
				}
				if bytes.Contains(s.seen, []byte("META")) {
					isReady = true
					s.seen = nil
					close(s.ready)
				}
			}
			s.mu.Lock()
			if !s.sentAt.IsZero() {
				s.lat = append(s.lat, now.Sub(s.sentAt))
				s.sentAt = time.Time{}
			}
			if s.counting {
				s.bytes += int64(n)
			}
			s.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

func (s *session) press(key string) error {
	s.mu.Lock()
	s.sentAt = time.Now()
	s.counting = true
	s.mu.Unlock()
	_, err := io.WriteString(s.stdin, key)
	return err
}

func run(o options) error {
	keys, err := checkOptions(o)
	if err != nil {
		return err
	}
	if o.quarters > 0 {
		path, cleanup, err := stretchData(o.dataPath, o.quarters)
		if err != nil {
			return err
		}
		defer cleanup()
		o.dataPath = path
	}
	var proc *serverProc
	addr := o.addr
	if addr == "" {
		if proc, addr, err = startChild(o); err != nil {
			return err
		}
		defer proc.stop()
	} else if err := checkLoopback(addr); err != nil {
		return err
	}

	var f figures
	f.server = proc != nil
	if proc != nil {
		if f.base, err = proc.stats(); err != nil {
			return err
		}
	}

	t0 := time.Now()
	sessions, err := openSessions(o, addr)
	if err != nil {
		return fmt.Errorf("opening sessions: %w", err)
	}
	defer func() {
		for _, s := range sessions {
			s.client.Close()
		}
	}()
	f.setup = time.Since(t0)

	time.Sleep(o.settle)
	if proc != nil {
		if f.idle, f.idleEnd, err = measureIdle(proc, o.profile); err != nil {
			return err
		}
	}

	loadStart := time.Now()
	clientStart := selfCPU()
	pressKeys(o, sessions, keys)
	f.loadWall = time.Since(loadStart)
	f.clientCPU = selfCPU() - clientStart
	time.Sleep(500 * time.Millisecond) // let the last frames arrive
	if proc != nil {
		if f.loaded, err = proc.request(statsRequest(o.profile, "heap-load.pprof")); err != nil {
			return err
		}
	}

	f.lat, f.bytesOut = latencies(sessions)
	return report(o, f)
}

// latencies is every session's key-to-output latencies, sorted, and the
// bytes they were sent since their first key.
func latencies(sessions []*session) (lat []time.Duration, bytesOut int64) {
	for _, s := range sessions {
		s.mu.Lock()
		lat = append(lat, s.lat...)
		bytesOut += s.bytes
		s.mu.Unlock()
	}
	slices.Sort(lat)
	return lat, bytesOut
}

// checkOptions refuses options the run cannot honour, and returns the
// keys each session presses in turn.
func checkOptions(o options) ([]string, error) {
	if o.n < 1 {
		return nil, errors.New("-n must be at least 1")
	}
	keys := map[string][]string{"tab": {"\t"}, "arrows": {"\x1b[C", "\x1b[D"}, "walk": walkKeys()}[o.key]
	if keys == nil {
		return nil, fmt.Errorf("-key %q: want tab, arrows or walk", o.key)
	}
	if o.width < 1 || o.height < 1 || o.width > 500 || o.height > 200 {
		return nil, fmt.Errorf("-width %d -height %d: want 1x1 to 500x200, the server's largest", o.width, o.height)
	}
	return keys, nil
}

// openSessions opens o.n sessions to addr, at most 20 handshakes at a
// time, each waiting for its dashboard.
func openSessions(o options, addr string) ([]*session, error) {
	sessions := make([]*session, o.n)
	errs := make([]error, o.n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 20)
	for i := range sessions {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			s, err := dialSession(addr, o.width-i%max(o.sizes, 1), o.height)
			if err == nil {
				select {
				case <-s.ready:
				case <-time.After(30 * time.Second):
					err = errors.New("no dashboard within 30s")
					s.client.Close()
				}
			}
			sessions[i], errs[i] = s, err
		}(i)
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return sessions, nil
}

// measureIdle is the server's figures with every session idle, at the
// start and the end of two seconds (for the idle CPU), with a heap
// profile at the end when profiling.
func measureIdle(proc *serverProc, profile string) (idle, idleEnd stats, err error) {
	if idle, err = proc.stats(); err != nil {
		return idle, idleEnd, err
	}
	time.Sleep(2 * time.Second)
	idleEnd, err = proc.request(statsRequest(profile, "heap-idle.pprof"))
	return idle, idleEnd, err
}

// statsRequest asks for the server's figures, and when profiling for a
// heap profile in the profile directory under name first.
func statsRequest(profile, name string) string {
	if profile == "" {
		return "stats"
	}
	return "heap " + filepath.Join(profile, name)
}

// pressKeys presses keys in every session for o.duration: each session on
// its own ticker, started at a random-ish offset so that the sessions do
// not all press at the same instant.
func pressKeys(o options, sessions []*session, keys []string) {
	ctx, cancel := context.WithTimeout(context.Background(), o.duration)
	defer cancel()
	var presses sync.WaitGroup
	for i, s := range sessions {
		presses.Add(1)
		go func(i int, s *session) {
			defer presses.Done()
			offset := time.Duration(i) * o.interval / time.Duration(o.n)
			select {
			case <-time.After(offset):
			case <-ctx.Done():
				return
			}
			t := time.NewTicker(o.interval)
			defer t.Stop()
			for k := 0; ; k++ {
				if s.press(keys[k%len(keys)]) != nil {
					return
				}
				select {
				case <-t.C:
				case <-ctx.Done():
					return
				}
			}
		}(i, s)
	}
	presses.Wait()
}

// figures are what a run measured; the server's (base to loaded) only
// when it started the server.
type figures struct {
	setup, loadWall, clientCPU time.Duration
	lat                        []time.Duration // key to next output, sorted
	bytesOut                   int64           // output bytes since the first key
	server                     bool
	// The server's figures before the sessions, with them idle (start
	// and end of two seconds), and after the load.
	base, idle, idleEnd, loaded stats
}

// report prints the run's figures.
func report(o options, f figures) error {
	sent := int64(float64(o.n) * f.loadWall.Seconds() / o.interval.Seconds())
	size := fmt.Sprintf("%dx%d", o.width, o.height)
	if o.sizes > 1 {
		size = fmt.Sprintf("%d widths %d-%d x %d", o.sizes, o.width-o.sizes+1, o.width, o.height)
	}
	fmt.Printf("sessions %d at %s, key %s every %s for %s (setup %s)\n", o.n, size, o.key, o.interval, o.duration, f.setup.Round(time.Millisecond))
	if o.quarters > 0 {
		fmt.Printf("data: %s stretched to %d quarters\n", filepath.Base(o.dataPath), o.quarters)
	}
	lat := f.lat
	if len(lat) == 0 {
		return errors.New("no key was answered with output")
	}
	fmt.Printf("latency key->next output: p50 %s  p99 %s  max %s  (%d answered of ~%d keys)\n",
		pct(lat, 50), pct(lat, 99), lat[len(lat)-1].Round(time.Microsecond), len(lat), sent)
	fmt.Printf("bytes sent per key press: %d (mean)\n", f.bytesOut/max(int64(len(lat)), 1))
	if f.server {
		fmt.Printf("server RSS: %.1f MiB before sessions, %.1f MiB with %d idle sessions: %.0f KiB per session\n",
			float64(f.base.rssKiB)/1024, float64(f.idle.rssKiB)/1024, o.n, float64(f.idle.rssKiB-f.base.rssKiB)/float64(o.n))
		fmt.Printf("server CPU: idle %.1f%%, under load %.1f%% (of one core)\n",
			100*float64(f.idleEnd.cpu-f.idle.cpu)/float64(2*time.Second),
			100*float64(f.loaded.cpu-f.idleEnd.cpu)/float64(f.loadWall+500*time.Millisecond))

		fmt.Printf("server RSS under load: %.1f MiB, peak %.1f MiB\n", float64(f.loaded.rssKiB)/1024, float64(f.loaded.peakKiB)/1024)
	}
	// The load generator shares the machine: when it is busy, part of the
	// latency is its own.
	fmt.Printf("load generator CPU under load: %.1f%% (of one core)\n", 100*f.clientCPU.Seconds()/f.loadWall.Seconds())
	return nil
}

func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted) - 1) * p / 100
	return sorted[i].Round(time.Microsecond)
}

// checkLoopback refuses anything but a loopback address: this tool opens
// hundreds of sessions and must not be pointed at someone else's server.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("-addr %q: only loopback addresses (127.0.0.1, ::1, localhost) are allowed", addr)
}

// startProfiles records the server's CPU profile, and blocking and mutex
// contention, into dir until the returned stop is called: the way to find
// where a session waits when latency grows but the CPU is not busy.
func startProfiles(dir string) (stop func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	cpu, err := os.Create(filepath.Join(dir, "cpu.pprof"))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		cpu.Close()
		return nil, err
	}
	runtime.SetBlockProfileRate(int(time.Millisecond))
	runtime.SetMutexProfileFraction(10)
	return func() {
		pprof.StopCPUProfile()
		cpu.Close()
		for _, name := range []string{"block", "mutex", "heap"} {
			if f, err := os.Create(filepath.Join(dir, name+".pprof")); err == nil {
				_ = pprof.Lookup(name).WriteTo(f, 0)
				f.Close()
			}
		}
	}, nil
}

// selfCPU is this process's user+system CPU time so far.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// walkKeys is one session's walk: on every tab, 40 quarters back from the
// latest, opening the chart and the sources on each; then the next tab.
// It is long (8 tabs x 40 quarters x 5 keys); -d cuts it short.
func walkKeys() []string {
	const left, enter, src, tab, end = "\x1b[D", "\r", "s", "\t", "G"
	var keys []string
	for range 8 {
		for range 40 {
			keys = append(keys, enter, enter, src, src, left)
		}
		keys = append(keys, tab, end)
	}
	return keys
}

// stretchData writes the data file at path stretched to n quarters into a
// temporary file, and returns its path and how to remove it.
func stretchData(path string, n int) (string, func(), error) {
	base, err := data.Load(path)
	if err != nil {
		return "", nil, err
	}
	b, err := synth.Stretch(base, n)
	if err != nil {
		return "", nil, err
	}
	dir, err := os.MkdirTemp("", "sshload-data-")
	if err != nil {
		return "", nil, err
	}
	out := filepath.Join(dir, fmt.Sprintf("stretched-%d.json", n))
	if err := os.WriteFile(out, b, 0o600); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	return out, func() { os.RemoveAll(dir) }, nil
}
