package server

import (
	"sync"
	"time"

	"github.com/charmbracelet/log"
)

// Refusals are logged one by one up to refusalBurst per refusalEvery; past
// that they are only counted, and the count is logged when the interval
// ends. A flood of connections from one address (91k in 10 s) otherwise
// wrote a line each: 12 MB of log in 10 s, gigabytes an hour.
const (
	refusalBurst = 20
	refusalEvery = time.Minute
)

// refusalLog is the rate-limited log of refused connections, sessions and
// keys.
type refusalLog struct {
	lg    *log.Logger
	burst int
	every time.Duration

	mu      sync.Mutex
	start   time.Time   // of the current interval
	logged  int         // lines written in it
	skipped int         // refusals counted, not written, in it
	flush   *time.Timer // reports skipped at the interval's end
	stopped bool
}

func newRefusalLog(lg *log.Logger, burst int, every time.Duration) *refusalLog {
	return &refusalLog{lg: lg, burst: burst, every: every}
}

// refused logs one refusal, or counts it once the interval's lines are used.
func (r *refusalLog) refused(msg string, keyvals ...any) {
	r.mu.Lock()
	now := time.Now()
	if now.Sub(r.start) >= r.every {
		r.start, r.logged = now, 0
	}
	if r.logged < r.burst {
		r.logged++
		r.mu.Unlock()
		r.lg.Info(msg, keyvals...)
		return
	}
	r.skipped++
	if r.flush == nil && !r.stopped {
		r.flush = time.AfterFunc(r.start.Add(r.every).Sub(now), r.report)
	}
	r.mu.Unlock()
}

// report logs how many refusals went unlogged.
func (r *refusalLog) report() {
	r.mu.Lock()
	n := r.skipped
	r.skipped, r.flush = 0, nil
	r.mu.Unlock()
	if n > 0 {
		r.lg.Info("more refusals, not logged one by one", "count", n, "limit", r.burst, "per", r.every.String())
	}
}

// stop reports what is counted and stops the timer.
func (r *refusalLog) stop() {
	r.mu.Lock()
	r.stopped = true
	if r.flush != nil {
		r.flush.Stop()
	}
	r.mu.Unlock()
	r.report()
}
