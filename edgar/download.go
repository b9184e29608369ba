package edgar

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// HTTPError is an answer from SEC other than 200 or 304.
type HTTPError struct {
	What   string // "companyfacts CIK0001652044"
	URL    string
	Status int
	// Attempts is how many requests were made in all.
	Attempts int
	// RetryAfter is the server's Retry-After, when it sent one.
	RetryAfter time.Duration
}

func (e *HTTPError) Error() string {
	status := fmt.Sprintf("%d %s", e.Status, http.StatusText(e.Status))
	tries := ""
	if e.Attempts > 1 {
		tries = fmt.Sprintf(" after %d attempts", e.Attempts)
	}
	switch {
	case e.Status == http.StatusForbidden:
		return fmt.Sprintf("%s: SEC refused the request (%s from %s). SEC answers 403 when the User-Agent is missing "+
			"or refused (it must name you or your company and give a contact email, such as \"Jane Doe jane@example.com\") "+
			"and when a client goes over 10 requests per second; check the User-Agent, wait ten minutes, and try again",
			e.What, status, e.URL)
	case e.Status == http.StatusNotFound:
		return fmt.Sprintf("%s: SEC has no such document (%s from %s)", e.What, status, e.URL)
	case e.Status == http.StatusTooManyRequests:
		return fmt.Sprintf("%s: SEC is rate-limiting us (%s from %s%s)%s; wait a few minutes and try again",
			e.What, status, e.URL, tries, e.retryAfterText())
	case e.Status >= 500:
		return fmt.Sprintf("%s: SEC's server failed (%s from %s%s)%s; try again later", e.What, status, e.URL, tries,
			e.retryAfterText())
	}
	return fmt.Sprintf("%s: unexpected answer %s from %s", e.What, status, e.URL)
}

func (e *HTTPError) retryAfterText() string {
	if e.RetryAfter <= 0 {
		return ""
	}
	return fmt.Sprintf(", and asked us to wait %s", e.RetryAfter.Round(time.Second))
}

// NetworkError is a failure to reach SEC or to read its answer whole:
// no route, refused connection, a timeout, a truncated body.
type NetworkError struct {
	What, URL string
	Attempts  int
	Err       error
}

func (e *NetworkError) Error() string {
	tries := ""
	if e.Attempts > 1 {
		tries = fmt.Sprintf(" (%d attempts)", e.Attempts)
	}
	return fmt.Sprintf("%s: SEC unreachable%s: %v", e.What, tries, e.Err)
}

func (e *NetworkError) Unwrap() error { return e.Err }

// Timeout reports whether the request timed out.
func (e *NetworkError) Timeout() bool { return isTimeout(e.Err) }

// MalformedError is a complete answer that is not what was asked for: not
// JSON, over the size cap, or in an encoding we did not ask for.
type MalformedError struct {
	What, URL string
	Problem   string
}

func (e *MalformedError) Error() string {
	return fmt.Sprintf("%s: bad response from %s: %s", e.What, e.URL, e.Problem)
}

// downloaded is one successful exchange: a body, or a 304.
type downloaded struct {
	body               []byte
	notModified        bool
	etag, lastModified string
}

// download makes up to Attempts requests, waiting for the shared limiter
// before each and backing off (honouring Retry-After) between them, on 429,
// 5xx and network failures other than a failed dial: a machine that cannot
// connect at all is offline, and retrying would only delay the cached copy.
func (c *Client) download(ctx context.Context, ep endpoint, u string, cached *entry) (*downloaded, error) {
	for attempt := 1; ; attempt++ {
		if err := c.cfg.Limiter.Wait(ctx); err != nil {
			return nil, &NetworkError{What: ep.what, URL: u, Attempts: attempt - 1, Err: err}
		}
		got, err := c.once(ctx, ep, u, cached)
		if err == nil {
			return got, nil
		}
		var wait time.Duration
		retry := false
		var he *HTTPError
		var ne *NetworkError
		switch {
		case errors.As(err, &he):
			he.Attempts = attempt
			retry = he.Status == http.StatusTooManyRequests || he.Status >= 500
			wait = he.RetryAfter
		case errors.As(err, &ne):
			ne.Attempts = attempt
			retry = !isDialError(ne.Err) && ctx.Err() == nil
		}
		if !retry || attempt >= c.cfg.Attempts {
			return nil, err
		}
		if wait > c.cfg.MaxWait {
			// SEC asked for a longer pause than we are willing to hang
			// on; the error says how long.
			return nil, err
		}
		wait = max(wait, c.backoff(attempt))
		if err := c.cfg.Sleep(ctx, wait); err != nil {
			return nil, &NetworkError{What: ep.what, URL: u, Attempts: attempt, Err: err}
		}
	}
}

// backoff is the wait after the given attempt: Backoff doubled per attempt
// with up to a quarter more, spread by the clock's nanoseconds so that
// clients started together do not retry together, at most MaxWait.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.cfg.Backoff << (attempt - 1)
	if d <= 0 || d > c.cfg.MaxWait {
		d = c.cfg.MaxWait
	}
	jitter := time.Duration(c.cfg.Now().UnixNano() % int64(d/4+1))
	return min(d+jitter, c.cfg.MaxWait)
}

// once makes one request and reads its answer whole, within
// RequestTimeout.
func (c *Client) once(ctx context.Context, ep endpoint, u string, cached *entry) (*downloaded, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, &MalformedError{What: ep.what, URL: u, Problem: err.Error()}
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("Accept", "application/json")
	if cached != nil {
		if cached.meta.ETag != "" {
			req.Header.Set("If-None-Match", cached.meta.ETag)
		}
		if cached.meta.LastModified != "" {
			req.Header.Set("If-Modified-Since", cached.meta.LastModified)
		}
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, &NetworkError{What: ep.what, URL: u, Err: unwrapURLError(err)}
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotModified:
		if cached == nil {
			return nil, &MalformedError{What: ep.what, URL: u, Problem: "304 Not Modified to an unconditional request"}
		}
		return &downloaded{notModified: true, etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified")}, nil
	default:
		// Drain a little so the connection can be reused; the body of an
		// error page is not shown.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, &HTTPError{What: ep.what, URL: u, Status: resp.StatusCode,
			RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), c.cfg.Now())}
	}
	body, err := c.readBody(ep, u, resp)
	if err != nil {
		return nil, err
	}
	return &downloaded{body: body, etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified")}, nil
}

// readBody reads a 200 answer: counted for the progress line, gunzipped
// when SEC gzipped it, capped at the endpoint's limit, checked to be JSON.
func (c *Client) readBody(ep endpoint, u string, resp *http.Response) ([]byte, error) {
	var raw io.Reader = resp.Body
	if c.cfg.Progress != nil && c.cfg.ProgressIsTerminal {
		p := &progress{w: c.cfg.Progress, what: ep.what, total: resp.ContentLength, now: c.cfg.Now}
		defer p.done()
		raw = io.TeeReader(raw, p)
	}
	// The compressed stream is capped too, so a body that never ends
	// cannot be read forever.
	raw = io.LimitReader(raw, ep.limit+1)
	src := raw
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(raw)
		if err != nil {
			return nil, bodyError(ep, u, err, "the gzip stream does not start right")
		}
		defer zr.Close()
		src = zr
	default:
		return nil, &MalformedError{What: ep.what, URL: u, Problem: fmt.Sprintf("Content-Encoding %q, which we did not ask for", enc)}
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 && resp.ContentLength <= ep.limit {
		buf.Grow(int(resp.ContentLength))
	}
	n, err := io.Copy(&buf, io.LimitReader(src, ep.limit+1))
	if err != nil {
		return nil, bodyError(ep, u, err, fmt.Sprintf("truncated after %d bytes", n))
	}
	if n > ep.limit {
		return nil, &MalformedError{What: ep.what, URL: u,
			Problem: fmt.Sprintf("over the %d MB limit for this document; not read whole", ep.limit>>20)}
	}
	if !json.Valid(buf.Bytes()) {
		return nil, &MalformedError{What: ep.what, URL: u, Problem: jsonProblem(buf.Bytes())}
	}
	return buf.Bytes(), nil
}

// bodyError classifies a failure while reading the body: the connection
// dropping or the deadline passing is a network failure (worth a retry),
// anything else a malformed answer.
func bodyError(ep endpoint, u string, err error, what string) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || isTimeout(err) ||
		errors.Is(err, context.Canceled) || isNetError(err) {
		return &NetworkError{What: ep.what, URL: u, Err: fmt.Errorf("%s: %w", what, err)}
	}
	return &MalformedError{What: ep.what, URL: u, Problem: fmt.Sprintf("%s: %v", what, err)}
}

// jsonProblem says where a body stops being JSON.
func jsonProblem(b []byte) string {
	var v any
	err := json.Unmarshal(b, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the bytes read, the offending one included.
		line, col := lineCol(b, se.Offset-1)
		return fmt.Sprintf("not valid JSON at line %d, column %d (byte %d of %d): %v", line, col, se.Offset, len(b), se)
	}
	if err != nil {
		return fmt.Sprintf("not valid JSON (%d bytes): %v", len(b), err)
	}
	return "not valid JSON"
}

// lineCol is the 1-based line and column of the byte at offset off in b.
func lineCol(b []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(b)))
	line = 1 + bytes.Count(b[:off], []byte("\n"))
	col = int(off) - bytes.LastIndexByte(b[:off], '\n')
	return line, col
}

// unwrapURLError drops net/http's `Get "URL": ` prefix: our errors name
// the URL themselves.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var te interface{ Timeout() bool }
	return errors.As(err, &te) && te.Timeout()
}

func isNetError(err error) bool {
	var ne net.Error
	return errors.As(err, &ne)
}

// isDialError reports a failure to connect at all: refused, no route, no
// DNS answer, no answer within ConnectTimeout. Such a machine is offline
// for our purpose.
func isDialError(err error) bool {
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return true
	}
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// parseRetryAfter reads Retry-After as seconds or an HTTP date; zero when
// absent or unreadable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(min(s, 24*3600)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
