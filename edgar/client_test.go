package edgar

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestCompanyFactsSuccessAndCache(t *testing.T) {
	f, clock := newFakeSEC(t), newClock()
	cfg := testConfig(t, f, clock)
	c := newTestClient(t, cfg)
	ctx := context.Background()

	r, err := c.CompanyFacts(ctx, 1652044)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.Body, f.body(googlFacts)) {
		t.Error("the body is not the served companyfacts")
	}
	if r.FromCache || r.Err != nil || !r.Fetched.Equal(clock.Now()) {
		t.Errorf("FromCache=%v Err=%v Fetched=%v", r.FromCache, r.Err, r.Fetched)
	}
	reqs := f.reqs()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	h := reqs[0].Header
	if h.Get("User-Agent") != testUA || h.Get("Accept-Encoding") != "gzip" || h.Get("If-None-Match") != "" {
		t.Errorf("request headers %v", h)
	}
	cached, err := os.ReadFile(filepath.Join(cfg.CacheDir, "companyfacts_CIK0001652044.json"))
	if err != nil || !bytes.Equal(cached, r.Body) {
		t.Errorf("cache file: %v (equal %v)", err, bytes.Equal(cached, r.Body))
	}

	// Within 12 hours: from the cache, without asking.
	clock.advance(11 * time.Hour)
	r, err = c.CompanyFacts(ctx, 1652044)
	if err != nil || !r.FromCache || len(f.reqs()) != 1 {
		t.Fatalf("after 11h: err=%v FromCache=%v requests=%d", err, r != nil && r.FromCache, len(f.reqs()))
	}

	// After 12 hours: a conditional request; SEC says 304 and the cached
	// copy is fresh again.
	clock.advance(2 * time.Hour)
	r, err = c.CompanyFacts(ctx, 1652044)
	if err != nil {
		t.Fatal(err)
	}
	reqs = f.reqs()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	if reqs[1].Header.Get("If-None-Match") == "" || reqs[1].Header.Get("If-Modified-Since") != lastModified {
		t.Errorf("not a conditional request: %v", reqs[1].Header)
	}
	if !r.FromCache || !r.Revalidated || r.Err != nil || !r.Fetched.Equal(clock.Now()) || !bytes.Equal(r.Body, f.body(googlFacts)) {
		t.Errorf("after 304: FromCache=%v Revalidated=%v Err=%v Fetched=%v", r.FromCache, r.Revalidated, r.Err, r.Fetched)
	}
	// The 304 renewed the copy: an hour later nothing is asked.
	clock.advance(time.Hour)
	if _, err := c.CompanyFacts(ctx, 1652044); err != nil || len(f.reqs()) != 2 {
		t.Errorf("after the 304 the copy was not renewed: err=%v requests=%d", err, len(f.reqs()))
	}
}

func TestRefreshForcesAConditionalRequest(t *testing.T) {
	f, clock := newFakeSEC(t), newClock()
	cfg := testConfig(t, f, clock)
	if _, err := newTestClient(t, cfg).CompanyFacts(context.Background(), 1652044); err != nil {
		t.Fatal(err)
	}
	cfg.Refresh = true
	r, err := newTestClient(t, cfg).CompanyFacts(context.Background(), 1652044)
	if err != nil {
		t.Fatal(err)
	}
	reqs := f.reqs()
	if len(reqs) != 2 || reqs[1].Header.Get("If-None-Match") == "" || !r.FromCache {
		t.Errorf("requests=%d, FromCache=%v", len(reqs), r.FromCache)
	}
}

func TestSubmissionsAndUncompressed(t *testing.T) {
	f, clock := newFakeSEC(t), newClock()
	// A server (a mirror) that ignores Accept-Encoding is fine too.
	f.script("/submissions/CIK0000320193.json", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(f.body("/submissions/CIK0000320193.json"))
	})
	r, err := newTestClient(t, testConfig(t, f, clock)).Submissions(context.Background(), 320193)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(r.Body, []byte(`"fiscalYearEnd":"0926"`)) {
		t.Errorf("not Apple's submissions: %.100s", r.Body)
	}
	if got := f.reqs()[0].URL.Path; got != "/submissions/CIK0000320193.json" {
		t.Errorf("path %s", got)
	}
}

func TestForbiddenIsExplained(t *testing.T) {
	f, clock := newFakeSEC(t), newClock()
	f.script(googlFacts, status(http.StatusForbidden, ""))
	_, err := newTestClient(t, testConfig(t, f, clock)).CompanyFacts(context.Background(), 1652044)
	var he *HTTPError
	if !errors.As(err, &he) || he.Status != 403 {
		t.Fatalf("err = %v, want a 403 HTTPError", err)
	}
	for _, want := range []string{"companyfacts CIK0001652044", "403 Forbidden", "User-Agent", "contact email", "10 requests per second"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q: %s", want, err)
		}
	}
	if n := len(f.reqs()); n != 1 {
		t.Errorf("a 403 was retried: %d requests", n)
	}
}

func TestNotFound(t *testing.T) {
	f, clock := newFakeSEC(t), newClock()
	_, err := newTestClient(t, testConfig(t, f, clock)).CompanyFacts(context.Background(), 1)
	var he *HTTPError
	if !errors.As(err, &he) || he.Status != 404 || !strings.Contains(err.Error(), "CIK0000000001") {
		t.Fatalf("err = %v", err)
	}
	if n := len(f.reqs()); n != 1 {
		t.Errorf("a 404 was retried: %d requests", n)
	}
}

func TestTooManyRequestsThenOK(t *testing.T) {
	f, clock := newFakeSEC(t), newClock()
	f.script(googlFacts, status(http.StatusTooManyRequests, "7"))
	r, err := newTestClient(t, testConfig(t, f, clock)).CompanyFacts(context.Background(), 1652044)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.Body, f.body(googlFacts)) || len(f.reqs()) != 2 {
		t.Errorf("requests = %d", len(f.reqs()))
	}
	// Retry-After (7s) wins over the 1s backoff.
	if w := clock.slept(); len(w) != 1 || w[0] != 7*time.Second {
		t.Errorf("waits = %v, want [7s]", w)
	}
}

func TestServerErrorsThenOK(t *testing.T) {
	f, clock := newFakeSEC(t), newClock()
	f.script(googlFacts, status(http.StatusServiceUnavailable, ""), status(http.StatusBadGateway, ""))
	r, err := newTestClient(t, testConfig(t, f, clock)).CompanyFacts(context.Background(), 1652044)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.Body, f.body(googlFacts)) || len(f.reqs()) != 3 {
		t.Errorf("requests = %d", len(f.reqs()))
	}
	// Backoff doubles: 1s, then 2s, each with at most a quarter more.
	w := clock.slept()
	if len(w) != 2 || w[0] < time.Second || w[0] > 1250*time.Millisecond || w[1] < 2*time.Second || w[1] > 2500*time.Millisecond {
		t.Errorf("waits = %v", w)
	}
}

func TestServerErrorsGiveUp(t *testing.T) {
	f, clock := newFakeSEC(t), newClock()
	for range 10 {
		f.script(googlFacts, status(http.StatusInternalServerError, ""))
	}
	_, err := newTestClient(t, testConfig(t, f, clock)).CompanyFacts(context.Background(), 1652044)
	var he *HTTPError
	if !errors.As(err, &he) || he.Status != 500 || he.Attempts != DefaultAttempts {
		t.Fatalf("err = %#v", err)
	}
	if n := len(f.reqs()); n != DefaultAttempts || !strings.Contains(err.Error(), fmt.Sprintf("after %d attempts", n)) {
		t.Errorf("%d requests; %v", n, err)
	}
}

func TestRetryAfterTooLongStops(t *testing.T) {
	f, clock := newFakeSEC(t), newClock()
	f.script(googlFacts, status(http.StatusTooManyRequests, "3600"))
	_, err := newTestClient(t, testConfig(t, f, clock)).CompanyFacts(context.Background(), 1652044)
	if err == nil || !strings.Contains(err.Error(), "wait 1h0m0s") || len(f.reqs()) != 1 || len(clock.slept()) != 0 {
		t.Errorf("err = %v, requests = %d, waits = %v", err, len(f.reqs()), clock.slept())
	}
}

// truncated answers with the full Content-Length and then hangs up half
// way through the body.
func truncated(f *fakeSEC, path string, gzipped bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body := f.gz[path]
		if !gzipped {
			body = f.body(path)
		}
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			f.t.Error(err)
			return
		}
		defer conn.Close()
		enc := ""
		if gzipped {
			enc = "Content-Encoding: gzip\r\n"
		}
		fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n%sContent-Length: %d\r\n\r\n", enc, len(body))
		_, _ = buf.Write(body[:len(body)/2])
		_ = buf.Flush()
	}
}

func TestTruncatedBody(t *testing.T) {
	for _, gz := range []bool{true, false} {
		t.Run(fmt.Sprintf("gzip=%v", gz), func(t *testing.T) {
			f, clock := newFakeSEC(t), newClock()
			cfg := testConfig(t, f, clock)
			cfg.Attempts = 2
			for range cfg.Attempts {
				f.script(googlFacts, truncated(f, googlFacts, gz))
			}
			_, err := newTestClient(t, cfg).CompanyFacts(context.Background(), 1652044)
			var ne *NetworkError
			if !errors.As(err, &ne) || !strings.Contains(err.Error(), "truncated") {
				t.Fatalf("err = %v", err)
			}
			if n := len(f.reqs()); n != 2 {
				t.Errorf("%d requests, want 2 (a truncated body is retried)", n)
			}
			if _, err := os.Stat(filepath.Join(cfg.CacheDir, "companyfacts_CIK0001652044.json")); !os.IsNotExist(err) {
				t.Errorf("a truncated body was cached: %v", err)
			}
		})
	}
}

func TestSlowServerTimesOut(t *testing.T) {
	for _, what := range []string{"headers", "body"} {
		t.Run(what, func(t *testing.T) {
			f, clock := newFakeSEC(t), newClock()
			release := make(chan struct{})
			t.Cleanup(func() { close(release) }) // before the server closes
			f.script(googlFacts, func(w http.ResponseWriter, r *http.Request) {
				if what == "body" {
					w.Header().Set("Content-Length", "1000000")
					w.WriteHeader(200)
					_, _ = w.Write([]byte(`{"cik":1652044,`))
					w.(http.Flusher).Flush()
				}
				select {
				case <-r.Context().Done():
				case <-release:
				}
			})
			cfg := testConfig(t, f, clock)
			cfg.RequestTimeout = 100 * time.Millisecond
			cfg.Attempts = 1
			start := time.Now()
			_, err := newTestClient(t, cfg).CompanyFacts(context.Background(), 1652044)
			var ne *NetworkError
			if !errors.As(err, &ne) || !ne.Timeout() {
				t.Fatalf("err = %v, want a timeout", err)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %v with a 100ms timeout", d)
			}
		})
	}
}

// cacheFile is the path of the cached companyfacts for Alphabet.
func cacheFile(cfg Config) string {
	return filepath.Join(cfg.CacheDir, "companyfacts_CIK0001652044.json")
}

func TestCorruptCacheIsRefetched(t *testing.T) {
	for name, content := range map[string]string{
		"truncated": `{"cik":1652044,"entityName":"Alphabet Inc.","facts":{"us-gaap":{`,
		"not json":  "<html>oops</html>",
		"empty":     "",
	} {
		t.Run(name, func(t *testing.T) {
			f, clock := newFakeSEC(t), newClock()
			cfg := testConfig(t, f, clock)
			c := newTestClient(t, cfg)
			if _, err := c.CompanyFacts(context.Background(), 1652044); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(cacheFile(cfg), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := c.CompanyFacts(context.Background(), 1652044)
			if err != nil {
				t.Fatal(err)
			}
			reqs := f.reqs()
			if len(reqs) != 2 || reqs[1].Header.Get("If-None-Match") != "" || r.FromCache {
				t.Errorf("requests=%d, second conditional=%q, FromCache=%v", len(reqs), reqs[len(reqs)-1].Header.Get("If-None-Match"), r.FromCache)
			}
			if got, _ := os.ReadFile(cacheFile(cfg)); !bytes.Equal(got, f.body(googlFacts)) {
				t.Error("the corrupt cache file was not replaced")
			}
		})
	}
}

func TestFailureNeverOverwritesTheCache(t *testing.T) {
	f, clock := newFakeSEC(t), newClock()
	cfg := testConfig(t, f, clock)
	c := newTestClient(t, cfg)
	if _, err := c.CompanyFacts(context.Background(), 1652044); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(cacheFile(cfg))
	goodMeta, _ := os.ReadFile(cacheFile(cfg) + ".meta")
	fetched := clock.Now()
	for name, h := range map[string]http.HandlerFunc{
		"invalid json": func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(`{"cik":`)) },
		"html page":    func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(`<html>maintenance</html>`)) },
		"truncated":    truncated(f, googlFacts, true),
		"503":          status(http.StatusServiceUnavailable, ""),
		"403":          status(http.StatusForbidden, ""),
	} {
		t.Run(name, func(t *testing.T) {
			clock.advance(13 * time.Hour)
			for range DefaultAttempts {
				f.script(googlFacts, h)
			}
			r, err := c.CompanyFacts(context.Background(), 1652044)
			if err != nil {
				t.Fatal(err)
			}
			if !r.FromCache || !r.Offline() || !r.Fetched.Equal(fetched) || !bytes.Equal(r.Body, good) {
				t.Errorf("FromCache=%v Err=%v Fetched=%v", r.FromCache, r.Err, r.Fetched)
			}
			if got, _ := os.ReadFile(cacheFile(cfg)); !bytes.Equal(got, good) {
				t.Error("the cache file changed")
			}
			if got, _ := os.ReadFile(cacheFile(cfg) + ".meta"); !bytes.Equal(got, goodMeta) {
				t.Errorf("the cache meta changed:\n%s", got)
			}
			f.mu.Lock()
			delete(f.scripts, googlFacts)
			f.mu.Unlock()
		})
	}
	entries, _ := os.ReadDir(cfg.CacheDir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestOfflineUsesTheCacheAndSaysHowOld(t *testing.T) {
	f, clock := newFakeSEC(t), newClock()
	cfg := testConfig(t, f, clock)
	if _, err := newTestClient(t, cfg).CompanyFacts(context.Background(), 1652044); err != nil {
		t.Fatal(err)
	}
	fetched := clock.Now()
	f.srv.Close() // SEC unreachable: connections are refused
	clock.advance(3 * 24 * time.Hour)
	r, err := newTestClient(t, cfg).CompanyFacts(context.Background(), 1652044)
	if err != nil {
		t.Fatal(err)
	}
	var ne *NetworkError
	if !r.FromCache || !errors.As(r.Err, &ne) || !r.Fetched.Equal(fetched) {
		t.Fatalf("FromCache=%v Err=%v Fetched=%v", r.FromCache, r.Err, r.Fetched)
	}
	if age := clock.Now().Sub(r.Fetched); age != 72*time.Hour {
		t.Errorf("age %v", age)
	}
	if !strings.Contains(r.Err.Error(), "SEC unreachable") {
		t.Errorf("Err = %v", r.Err)
	}
	// A refused connection is not retried: the cached copy comes at once.
	if w := clock.slept(); len(w) != 0 {
		t.Errorf("waited %v before using the cache", w)
	}

	// Without a cached copy it is an error.
	_, err = newTestClient(t, cfg).CompanyFacts(context.Background(), 320193)
	if !errors.As(err, &ne) {
		t.Errorf("err = %v, want a NetworkError", err)
	}
}

func TestCacheWriteFailureKeepsTheResponse(t *testing.T) {
	f, clock := newFakeSEC(t), newClock()
	cfg := testConfig(t, f, clock)
	// The cache directory's place is taken by a file.
	if err := os.WriteFile(cfg.CacheDir, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := newTestClient(t, cfg).CompanyFacts(context.Background(), 1652044)
	if err != nil || r.CacheErr == nil || !bytes.Equal(r.Body, f.body(googlFacts)) {
		t.Errorf("err=%v CacheErr=%v", err, r.CacheErr)
	}
}

func TestSizeCap(t *testing.T) {
	f, clock := newFakeSEC(t), newClock()
	c := newTestClient(t, testConfig(t, f, clock))
	ep := endpoint{what: "companyfacts CIK0001652044", path: googlFacts, file: "capped.json", limit: 100_000}
	_, err := c.get(context.Background(), ep)
	var me *MalformedError
	if !errors.As(err, &me) || !strings.Contains(err.Error(), "limit") {
		t.Errorf("err = %v", err)
	}
}

func TestMalformedSaysWhere(t *testing.T) {
	f, clock := newFakeSEC(t), newClock()
	f.script(googlFacts, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("{\n  \"cik\": 1652044,\n  \"facts\": ]\n}"))
	})
	_, err := newTestClient(t, testConfig(t, f, clock)).CompanyFacts(context.Background(), 1652044)
	var me *MalformedError
	if !errors.As(err, &me) || !strings.Contains(err.Error(), "not valid JSON at line 3, column 12") {
		t.Errorf("err = %v", err)
	}
}

func TestUnaskedEncodingRefused(t *testing.T) {
	f, clock := newFakeSEC(t), newClock()
	f.script(googlFacts, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "br")
		_, _ = w.Write([]byte("xx"))
	})
	_, err := newTestClient(t, testConfig(t, f, clock)).CompanyFacts(context.Background(), 1652044)
	if err == nil || !strings.Contains(err.Error(), `"br"`) {
		t.Errorf("err = %v", err)
	}
}

func TestUserAgentRequired(t *testing.T) {
	for ua, want := range map[string]string{
		"":                                  "requires a User-Agent",
		"   ":                               "requires a User-Agent",
		"quarterdash":                       "has no contact email",
		"Jane Doe jane@example.com\r\nX: y": "control character",
	} {
		_, err := New(Config{UserAgent: ua})
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "jane@example.com") {
			t.Errorf("User-Agent %q: err = %v, want %q and an example", ua, err, want)
		}
	}
	if _, err := New(Config{UserAgent: "Jane Doe jane@example.com"}); err != nil {
		t.Error(err)
	}
}

func TestDefaultHostsPerEndpoint(t *testing.T) {
	var urls []string
	c, err := New(Config{
		UserAgent: testUA, Limiter: rate.NewLimiter(rate.Inf, 1), Attempts: 1,
		Transport: roundTripper(func(r *http.Request) (*http.Response, error) {
			urls = append(urls, r.URL.String())
			return nil, errors.New("no network in tests")
		}),
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_, _ = c.CompanyFacts(ctx, 1652044)
	_, _ = c.Submissions(ctx, 320193)
	_, _, _ = c.Tickers(ctx)
	want := []string{
		"https://data.sec.gov/api/xbrl/companyfacts/CIK0001652044.json",
		"https://data.sec.gov/submissions/CIK0000320193.json",
		"https://www.sec.gov/files/company_tickers.json",
	}
	if fmt.Sprint(urls) != fmt.Sprint(want) {
		t.Errorf("urls = %v\nwant   %v", urls, want)
	}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestBadBaseURL(t *testing.T) {
	for _, u := range []string{"data.sec.gov", "ftp://x", "http://"} {
		if _, err := New(Config{UserAgent: testUA, BaseURL: u}); err == nil {
			t.Errorf("base URL %q accepted", u)
		}
	}
}

func TestOneLimiterForTheProcess(t *testing.T) {
	a, _ := New(Config{UserAgent: testUA})
	b, _ := New(Config{UserAgent: testUA})
	if a.cfg.Limiter != b.cfg.Limiter || a.cfg.Limiter != SharedLimiter() {
		t.Error("clients do not share the limiter")
	}
	if l := SharedLimiter(); l.Limit() != 10 || l.Burst() != 1 {
		t.Errorf("limit %v burst %d, want 10/s and 1", l.Limit(), l.Burst())
	}
}

func TestProgressOnlyOnATerminal(t *testing.T) {
	for _, term := range []bool{true, false} {
		f, clock := newFakeSEC(t), newClock()
		cfg := testConfig(t, f, clock)
		var out bytes.Buffer
		cfg.Progress, cfg.ProgressIsTerminal = &out, term
		if _, err := newTestClient(t, cfg).CompanyFacts(context.Background(), 1652044); err != nil {
			t.Fatal(err)
		}
		if !term {
			if out.Len() != 0 {
				t.Errorf("progress written to a non-terminal: %q", out.String())
			}
			continue
		}
		// The gzipped body is 177 KB; the line counts it as it arrives.
		s := out.String()
		if !strings.HasPrefix(s, "\r\x1b[Kcompanyfacts CIK0001652044: ") || !strings.Contains(s, " KB of 177.0 KB") ||
			!strings.HasSuffix(s, "\r\x1b[K") {
			t.Errorf("progress = %q, want \"companyfacts CIK0001652044: N KB of 177.0 KB\" and a cleared line at the end", s)
		}
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 999: "999 B", 1200: "1.2 KB", 4_100_000: "4.1 MB", 15_000_000: "15.0 MB"} {
		if got := formatBytes(n); got != want {
			t.Errorf("formatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"":                              0,
		"5":                             5 * time.Second,
		"-3":                            0,
		"soon":                          0,
		"Mon, 02 Nov 2026 09:01:00 GMT": time.Minute,
		"Mon, 02 Nov 2026 08:00:00 GMT": 0,
	} {
		if got := parseRetryAfter(v, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestCacheDir(t *testing.T) {
	for _, c := range []struct{ xdg, home, want string }{
		{"/x/cache", "/home/u", "/x/cache/quarterdash/sec"},
		{"", "/home/u", "/home/u/.cache/quarterdash/sec"},
		{"relative", "/home/u", "/home/u/.cache/quarterdash/sec"},
		{"", "", ""},
	} {
		if got := CacheDir(c.xdg, c.home); got != c.want {
			t.Errorf("CacheDir(%q, %q) = %q, want %q", c.xdg, c.home, got, c.want)
		}
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := WriteFileAtomic(path, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, []byte("two"), 0o600); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	fi, _ := os.Stat(path)
	if string(b) != "two" || fi.Mode().Perm() != 0o600 {
		t.Errorf("content %q mode %v", b, fi.Mode())
	}
	// A directory that does not exist fails and leaves nothing.
	if err := WriteFileAtomic(filepath.Join(dir, "no", "such"), []byte("x"), 0o644); err == nil {
		t.Error("no error for a missing directory")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}
