package edgar

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// The real responses in testdata/, copied from ../shared/sec (see
// testdata/README.md), by the path SEC serves them at.
var testdataFiles = map[string]string{
	"/api/xbrl/companyfacts/CIK0001652044.json": "companyfacts_CIK0001652044_GOOGL.json.gz",
	"/api/xbrl/companyfacts/CIK0000320193.json": "companyfacts_CIK0000320193_AAPL.json.gz",
	"/api/xbrl/companyfacts/CIK0001997711.json": "companyfacts_CIK0001997711_LPA.json.gz",
	"/submissions/CIK0000320193.json":           "submissions_CIK0000320193_AAPL.json.gz",
	"/files/company_tickers.json":               "company_tickers.json.gz",
}

const (
	googlFacts = "/api/xbrl/companyfacts/CIK0001652044.json"
	tickersURL = "/files/company_tickers.json"
	testUA     = "Quarterdash Test test@example.com"
)

// lastModified is what the fake SEC says every file was last changed.
const lastModified = "Tue, 07 Jul 2026 10:00:00 GMT"

// fakeSEC serves testdata like SEC: gzip when asked, an ETag and
// Last-Modified, 304 to a matching conditional request, 403 without a
// User-Agent. Tests queue other answers per path with script.
type fakeSEC struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	gz       map[string][]byte // path → gzipped body
	scripts  map[string][]http.HandlerFunc
	requests []*http.Request
}

func newFakeSEC(t *testing.T) *fakeSEC {
	t.Helper()
	f := &fakeSEC{t: t, gz: map[string][]byte{}, scripts: map[string][]http.HandlerFunc{}}
	for path, file := range testdataFiles {
		b, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		f.gz[path] = b
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// script queues handlers for path: each answers one request, in order;
// after them the file is served normally.
func (f *fakeSEC) script(path string, hs ...http.HandlerFunc) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.scripts[path] = append(f.scripts[path], hs...)
}

// reqs returns the requests made so far.
func (f *fakeSEC) reqs() []*http.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*http.Request(nil), f.requests...)
}

func (f *fakeSEC) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.requests = append(f.requests, r.Clone(context.Background()))
	var h http.HandlerFunc
	if s := f.scripts[r.URL.Path]; len(s) > 0 {
		h, f.scripts[r.URL.Path] = s[0], s[1:]
	}
	gz, ok := f.gz[r.URL.Path]
	f.mu.Unlock()
	if h != nil {
		h(w, r)
		return
	}
	if r.Header.Get("User-Agent") == "" || strings.HasPrefix(r.Header.Get("User-Agent"), "Go-http-client") {
		http.Error(w, "Undeclared Automated Tool", http.StatusForbidden)
		return
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256(gz))
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", lastModified)
	w.Header().Set("Content-Type", "application/json")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", fmt.Sprint(len(gz)))
		_, _ = w.Write(gz)
		return
	}
	_, _ = w.Write(gunzip(f.t, gz))
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// body is the decoded testdata body served at path.
func (f *fakeSEC) body(path string) []byte { return gunzip(f.t, f.gz[path]) }

// status answers with a status code (and Retry-After when given).
func status(code int, retryAfter string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		http.Error(w, http.StatusText(code), code)
	}
}

// fakeClock is a settable clock; Sleep records the waits and returns at
// once, so backoff costs no test time.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func newClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	return ctx.Err()
}

func (c *fakeClock) slept() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

// testConfig is a Config for the fake server: no pacing, the fake clock,
// short timeouts, a cache in a temporary directory.
func testConfig(t *testing.T, f *fakeSEC, clock *fakeClock) Config {
	t.Helper()
	return Config{
		UserAgent:      testUA,
		BaseURL:        f.srv.URL,
		CacheDir:       filepath.Join(t.TempDir(), "sec"),
		Limiter:        rate.NewLimiter(rate.Inf, 1),
		Now:            clock.Now,
		Sleep:          clock.Sleep,
		RequestTimeout: 5 * time.Second,
		Backoff:        time.Second,
	}
}

func newTestClient(t *testing.T, cfg Config) *Client {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
