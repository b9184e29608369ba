// Package edgar fetches SEC EDGAR's public JSON (companyfacts, submissions
// and the ticker map) politely: with the User-Agent SEC asks for, under
// SEC's 10 requests per second, with timeouts, bounded retries, size caps
// and an on-disk cache that is revalidated with conditional requests and
// used when SEC cannot be reached. It does not interpret the JSON beyond
// the ticker map; package xbrl converts companyfacts.
package edgar

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// The real SEC hosts, used per endpoint when Config.BaseURL is empty:
// the XBRL and submissions APIs live on data.sec.gov, the ticker map on
// www.sec.gov.
const (
	DataHost = "https://data.sec.gov"
	WWWHost  = "https://www.sec.gov"
)

// Size caps, per endpoint, on the decoded body. A bigger response is
// refused rather than read into memory. The largest companyfacts today are
// about 15-20 MB (big banks and conglomerates), Alphabet's about 4 MB;
// submissions' "recent" block holds at most 1,000 filings (a few MB at
// most); the ticker map is about 0.8 MB. Each cap leaves several times
// that headroom.
const (
	MaxCompanyFactsBytes = 96 << 20
	MaxSubmissionsBytes  = 24 << 20
	MaxTickersBytes      = 8 << 20
)

// Defaults for Config's zero values.
const (
	DefaultMaxAge         = 12 * time.Hour
	DefaultConnectTimeout = 10 * time.Second
	DefaultHeaderTimeout  = 30 * time.Second
	// DefaultRequestTimeout bounds one whole attempt, body included, so a
	// server that trickles bytes cannot hold us: 20 MB in 3 minutes is
	// about 110 KB/s.
	DefaultRequestTimeout = 3 * time.Minute
	DefaultAttempts       = 4
	DefaultBackoff        = 500 * time.Millisecond
	// DefaultMaxWait is the longest single wait between attempts; a
	// Retry-After asking for more ends the retries instead.
	DefaultMaxWait = 30 * time.Second
)

// RequestsPerSecond is SEC's published fair-access limit.
const RequestsPerSecond = 10

// secLimiter is shared by every Client in the process: SEC's limit is per
// client machine, not per Client value. rate.Limiter is safe for
// concurrent use; this is the package's only shared state, on purpose.
var secLimiter = rate.NewLimiter(RequestsPerSecond, 1)

// SharedLimiter returns the process-wide limiter every Client uses unless
// its Config gives another.
func SharedLimiter() *rate.Limiter { return secLimiter }

// Config says how a Client talks to SEC. Only UserAgent is required.
type Config struct {
	// UserAgent names the person or company running quarterdash and a
	// contact email ("Jane Doe jane@example.com"): SEC refuses anonymous
	// tools.
	UserAgent string
	// BaseURL, when set, replaces both SEC hosts (a mirror, or a test
	// server): it must serve /api/xbrl/companyfacts/CIK##########.json,
	// /submissions/CIK##########.json and /files/company_tickers.json.
	BaseURL string
	// CacheDir holds the cached responses; empty disables the cache.
	CacheDir string
	// MaxAge is how long a cached response is used without asking SEC
	// (DefaultMaxAge when zero).
	MaxAge time.Duration
	// Refresh asks SEC even when the cached copy is fresh (still with a
	// conditional request, so an unchanged file is not downloaded again).
	Refresh bool

	// Progress receives a progress line while a body downloads, when
	// ProgressIsTerminal is true; nothing is written otherwise.
	Progress           io.Writer
	ProgressIsTerminal bool

	// ConnectTimeout, HeaderTimeout and RequestTimeout bound connecting,
	// waiting for the response headers, and one whole attempt including
	// the body (the defaults above when zero).
	ConnectTimeout, HeaderTimeout, RequestTimeout time.Duration
	// Attempts is the most tries per request, retries included
	// (DefaultAttempts when zero); Backoff the first wait between them,
	// doubled each time (DefaultBackoff when zero); MaxWait the longest
	// single wait (DefaultMaxWait when zero).
	Attempts         int
	Backoff, MaxWait time.Duration

	// Limiter paces requests (SharedLimiter when nil). Tests pass
	// rate.NewLimiter(rate.Inf, 1).
	Limiter *rate.Limiter
	// Now and Sleep replace the clock in tests (time.Now and a timer when
	// nil). Sleep returns early with ctx's error.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// Transport replaces the HTTP transport (tests); nil builds one with
	// the timeouts above.
	Transport http.RoundTripper
}

// ErrNoUserAgent is returned by New without a User-Agent.
var ErrNoUserAgent = errors.New(`SEC EDGAR requires a User-Agent that names you and gives a contact email, such as "Jane Doe jane@example.com"; it refuses anonymous tools`)

// UserAgentError says what is wrong with a User-Agent.
type UserAgentError struct{ UserAgent, Problem string }

func (e *UserAgentError) Error() string {
	return fmt.Sprintf(`User-Agent %q %s: SEC EDGAR asks for your name or your company's and a contact email, such as "Jane Doe jane@example.com"`,
		e.UserAgent, e.Problem)
}

var emailLike = regexp.MustCompile(`[^\s@]+@[^\s@]+\.[^\s@]+`)

// CheckUserAgent reports whether ua is what SEC asks for: printable
// text with a contact email in it.
func CheckUserAgent(ua string) error {
	ua = strings.TrimSpace(ua)
	if ua == "" {
		return ErrNoUserAgent
	}
	for _, r := range ua {
		if r < 0x20 || r == 0x7f {
			return &UserAgentError{ua, "has a control character"}
		}
	}
	if !emailLike.MatchString(ua) {
		return &UserAgentError{ua, "has no contact email"}
	}
	return nil
}

// Client fetches from SEC EDGAR. It is safe for concurrent use.
type Client struct {
	cfg   Config
	http  *http.Client
	cache *cache
}

// New checks cfg and returns a Client. It fails with ErrNoUserAgent or a
// *UserAgentError when the User-Agent is missing or is not what SEC asks.
func New(cfg Config) (*Client, error) {
	cfg.UserAgent = strings.TrimSpace(cfg.UserAgent)
	if err := CheckUserAgent(cfg.UserAgent); err != nil {
		return nil, err
	}
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("SEC base URL %q: want http(s)://HOST[:PORT][/PATH]", cfg.BaseURL)
		}
		cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&cfg.MaxAge, DefaultMaxAge)
	def(&cfg.ConnectTimeout, DefaultConnectTimeout)
	def(&cfg.HeaderTimeout, DefaultHeaderTimeout)
	def(&cfg.RequestTimeout, DefaultRequestTimeout)
	def(&cfg.Backoff, DefaultBackoff)
	def(&cfg.MaxWait, DefaultMaxWait)
	if cfg.Attempts <= 0 {
		cfg.Attempts = DefaultAttempts
	}
	if cfg.Limiter == nil {
		cfg.Limiter = secLimiter
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	tr := cfg.Transport
	if tr == nil {
		tr = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   cfg.ConnectTimeout,
			ResponseHeaderTimeout: cfg.HeaderTimeout,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          4,
			IdleConnTimeout:       90 * time.Second,
			// We ask for gzip ourselves and decode it, so that the size
			// cap and the progress line see the real bytes.
			DisableCompression: true,
		}
	}
	c := &Client{cfg: cfg, http: &http.Client{Transport: tr}}
	if cfg.CacheDir != "" {
		c.cache = &cache{dir: cfg.CacheDir}
	}
	return c, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Response is one endpoint's body and where it came from.
type Response struct {
	// Body is the decoded JSON; it has passed json.Valid.
	Body []byte
	// URL is what was (or would have been) requested.
	URL string
	// What names the document for messages: "companyfacts CIK0001652044".
	What string
	// Fetched is when this copy last came from SEC or was confirmed
	// unchanged by it.
	Fetched time.Time
	// FromCache is true when Body is the cached copy: fresh enough not to
	// ask, confirmed by a 304, or used because SEC could not be reached.
	FromCache bool
	// Revalidated is true when SEC answered a conditional request with 304
	// Not Modified: the cached copy is current as of Fetched.
	Revalidated bool
	// Err, when set, is why SEC could not give a fresh copy; Body is then
	// the cached copy, Fetched says how old it is.
	Err error
	// CacheErr, when set, is why the new copy could not be cached; the
	// response is still good.
	CacheErr error
}

// Offline reports whether SEC could not be reached and Body is the cached
// copy.
func (r *Response) Offline() bool { return r.Err != nil }

// endpoint is one document: its path under the base URL and its cache name.
type endpoint struct {
	what  string // "companyfacts CIK0001652044"
	host  string // the real host when BaseURL is empty
	path  string // "/api/xbrl/companyfacts/CIK0001652044.json"
	file  string // cache file name
	limit int64
}

func (c *Client) url(ep endpoint) string {
	if c.cfg.BaseURL != "" {
		return c.cfg.BaseURL + ep.path
	}
	return ep.host + ep.path
}

// CIKString is SEC's ten-digit form of a CIK: "CIK0001652044".
func CIKString(cik int) string { return fmt.Sprintf("CIK%010d", cik) }

// CompanyFacts fetches /api/xbrl/companyfacts/CIK##########.json: every
// XBRL fact the company has filed.
func (c *Client) CompanyFacts(ctx context.Context, cik int) (*Response, error) {
	id := CIKString(cik)
	return c.get(ctx, endpoint{
		what: "companyfacts " + id, host: DataHost,
		path: "/api/xbrl/companyfacts/" + id + ".json",
		file: "companyfacts_" + id + ".json", limit: MaxCompanyFactsBytes,
	})
}

// Submissions fetches /submissions/CIK##########.json: the company's
// names, tickers, fiscal year end and recent filings.
func (c *Client) Submissions(ctx context.Context, cik int) (*Response, error) {
	id := CIKString(cik)
	return c.get(ctx, endpoint{
		what: "submissions " + id, host: DataHost,
		path: "/submissions/" + id + ".json",
		file: "submissions_" + id + ".json", limit: MaxSubmissionsBytes,
	})
}

// tickersEndpoint is /files/company_tickers.json.
var tickersEndpoint = endpoint{
	what: "ticker map", host: WWWHost, path: "/files/company_tickers.json",
	file: "company_tickers.json", limit: MaxTickersBytes,
}

// get returns the endpoint's body from the cache when it is fresh, else
// from SEC (conditionally, when a cached copy exists), caching it; when
// SEC fails and a good cached copy exists it returns that copy with Err
// set. A failure never replaces a good cached file.
func (c *Client) get(ctx context.Context, ep endpoint) (*Response, error) {
	u := c.url(ep)
	var cached *entry
	if c.cache != nil {
		cached = c.cache.load(ep.file, u)
	}
	now := c.cfg.Now()
	if cached != nil && !cached.stale && !c.cfg.Refresh {
		age := now.Sub(cached.meta.Fetched)
		if age >= 0 && age < c.cfg.MaxAge {
			return &Response{Body: cached.body, URL: u, What: ep.what, Fetched: cached.meta.Fetched, FromCache: true}, nil
		}
	}
	got, err := c.download(ctx, ep, u, cached)
	if err != nil {
		if cached != nil && fallBackOn(ctx, err) {
			return &Response{Body: cached.body, URL: u, What: ep.what, Fetched: cached.meta.Fetched, FromCache: true, Err: err}, nil
		}
		return nil, err
	}
	fetched := c.cfg.Now()
	if got.notModified {
		// SEC confirmed the cached copy: it is fresh again.
		m := cached.meta
		m.Fetched = fetched
		if got.etag != "" {
			m.ETag = got.etag
		}
		if got.lastModified != "" {
			m.LastModified = got.lastModified
		}
		r := &Response{Body: cached.body, URL: u, What: ep.what, Fetched: fetched, FromCache: true, Revalidated: true}
		r.CacheErr = c.cache.storeMeta(ep.file, m)
		return r, nil
	}
	r := &Response{Body: got.body, URL: u, What: ep.what, Fetched: fetched}
	if c.cache != nil {
		r.CacheErr = c.cache.store(ep.file, got.body, meta{
			URL: u, ETag: got.etag, LastModified: got.lastModified, Fetched: fetched,
		})
	}
	return r, nil
}

// fallBackOn reports whether a failed download may be answered with the
// cached copy: any failure of SEC or the network, but not the caller
// giving up.
func fallBackOn(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var he *HTTPError
	if errors.As(err, &he) && he.Status == http.StatusNotFound {
		return false
	}
	return true
}
