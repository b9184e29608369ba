package server

import (
	"fmt"
	"math"
	"net"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// The ranges a Config's limits must fall in. Zero takes the default; any
// other value outside its range is refused by New, because each limit is a
// protection: NaN or +Inf as a rate would switch the rate limit off, and a
// session cap near the top of int would overflow the connection cap
// (twice the session cap) and refuse everyone.
const (
	MaxSessionsCeiling = 100_000 // MaxSessions and MaxSessionsPerIP
	ConnRateFloor      = 0.001   // new connections per second per address
	ConnRateCeiling    = 1e6
	ConnBurstCeiling   = 100_000
	TimeoutCeiling     = 7 * 24 * time.Hour // IdleTimeout and MaxSessionTime, above 0
)

// checkRanges refuses limits outside their ranges (see MaxSessionsCeiling).
// It runs after setDefaults, so a zero is already the default.
func (c *Config) checkRanges() error {
	switch {
	case c.MaxSessions < 1 || c.MaxSessions > MaxSessionsCeiling:
		return fmt.Errorf("serve: MaxSessions %d is out of range: want 1 to %d", c.MaxSessions, MaxSessionsCeiling)
	case c.MaxSessionsPerIP < 1 || c.MaxSessionsPerIP > MaxSessionsCeiling:
		return fmt.Errorf("serve: MaxSessionsPerIP %d is out of range: want 1 to %d", c.MaxSessionsPerIP, MaxSessionsCeiling)
	case math.IsNaN(c.ConnRate) || c.ConnRate < ConnRateFloor || c.ConnRate > ConnRateCeiling:
		return fmt.Errorf("serve: ConnRate %g is out of range: want %g to %g", c.ConnRate, ConnRateFloor, ConnRateCeiling)
	case c.ConnBurst < 1 || c.ConnBurst > ConnBurstCeiling:
		return fmt.Errorf("serve: ConnBurst %d is out of range: want 1 to %d", c.ConnBurst, ConnBurstCeiling)
	case c.IdleTimeout <= 0 || c.IdleTimeout > TimeoutCeiling:
		return fmt.Errorf("serve: IdleTimeout %s is out of range: want above 0 and at most %s", c.IdleTimeout, TimeoutCeiling)
	case c.MaxSessionTime <= 0 || c.MaxSessionTime > TimeoutCeiling:
		return fmt.Errorf("serve: MaxSessionTime %s is out of range: want above 0 and at most %s", c.MaxSessionTime, TimeoutCeiling)
	}
	return nil
}

// Refusal reasons, shown to the client (sessions) and logged.
const (
	reasonBusy     = "server busy, try again later"
	reasonClosing  = "server is going down, try again later"
	reasonRate     = "too many connections from this address, slow down"
	reasonConnBusy = "too many open connections"
)

// counter caps concurrent holders, globally and per remote address. It is
// used twice: once for TCP connections and once for session channels, so a
// client cannot dodge the session cap by multiplexing many channels over one
// connection.
type counter struct {
	mu      sync.Mutex
	max     int
	perAddr int
	total   int
	byAddr  map[string]int
	closed  bool
}

func newCounter(max, perAddr int) *counter {
	return &counter{max: max, perAddr: perAddr, byAddr: map[string]int{}}
}

// acquire takes a slot for addr. On success it returns a release function
// (safe to call more than once) and an empty reason.
func (c *counter) acquire(addr string) (release func(), reason string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.closed:
		return nil, reasonClosing
	case c.total >= c.max, c.byAddr[addr] >= c.perAddr:
		return nil, reasonBusy
	}
	c.total++
	c.byAddr[addr]++
	var once sync.Once
	return func() { once.Do(func() { c.release(addr) }) }, ""
}

func (c *counter) release(addr string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.total--
	if c.byAddr[addr]--; c.byAddr[addr] <= 0 {
		delete(c.byAddr, addr)
	}
}

// close makes every later acquire fail with reasonClosing.
func (c *counter) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
}

// count returns the number of slots held.
func (c *counter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total
}

// rateLimiter is a token bucket (golang.org/x/time/rate) per remote
// address: burst connections at once, then rate per second. A bucket that
// has refilled completely carries no information (a new one would be
// identical), so such buckets are dropped when the table grows; that
// keeps memory bounded by the number of addresses that connected
// recently, not ever.
type rateLimiter struct {
	mu      sync.Mutex
	rate    rate.Limit
	burst   int
	buckets map[string]*rate.Limiter
	now     func() time.Time
}

// maxBuckets bounds the table; past it, full buckets are swept, and if
// that is not enough the table starts afresh (losing at most one burst of
// state per address, which is better than unbounded growth).
const maxBuckets = 10000

func newRateLimiter(perSecond float64, burst int) *rateLimiter {
	return &rateLimiter{rate: rate.Limit(perSecond), burst: burst, buckets: map[string]*rate.Limiter{}, now: time.Now}
}

// allow takes one token for addr and reports whether there was one.
func (r *rateLimiter) allow(addr string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	b, ok := r.buckets[addr]
	if !ok {
		if len(r.buckets) >= maxBuckets {
			r.sweep(now)
		}
		b = rate.NewLimiter(r.rate, r.burst)
		r.buckets[addr] = b
	}
	return b.AllowN(now, 1)
}

func (r *rateLimiter) sweep(now time.Time) {
	for k, b := range r.buckets {
		if b.TokensAt(now) >= float64(r.burst) {
			delete(r.buckets, k)
		}
	}
	if len(r.buckets) >= maxBuckets {
		r.buckets = map[string]*rate.Limiter{}
	}
}

// hostOf is the rate-limit and cap key of a remote address: the IP alone,
// since a client picks its source port freely, and for IPv6 its /64
// network, since one host is routinely given a whole /64 and could
// otherwise present a fresh address for every connection.
func hostOf(a net.Addr) string {
	var ip net.IP
	if t, ok := a.(*net.TCPAddr); ok {
		ip = t.IP
	} else if h, _, err := net.SplitHostPort(a.String()); err == nil {
		ip = net.ParseIP(h)
		if ip == nil {
			return h
		}
	} else {
		return a.String()
	}
	if ip4 := ip.To4(); ip4 != nil {
		return ip4.String()
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}
