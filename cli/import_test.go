package cli

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"quarterdash/data"
	"quarterdash/edgar"
	"quarterdash/ui"
)

// secTestdata is the real SEC responses the edgar package keeps, by the
// path SEC serves them at.
var secTestdata = map[string]string{
	"/api/xbrl/companyfacts/CIK0001652044.json": "companyfacts_CIK0001652044_GOOGL.json.gz",
	"/api/xbrl/companyfacts/CIK0000320193.json": "companyfacts_CIK0000320193_AAPL.json.gz",
	"/api/xbrl/companyfacts/CIK0001997711.json": "companyfacts_CIK0001997711_LPA.json.gz",
	"/submissions/CIK0000320193.json":           "submissions_CIK0000320193_AAPL.json.gz",
	"/files/company_tickers.json":               "company_tickers.json.gz",
}

func secFile(name string) string { return filepath.Join("..", "edgar", "testdata", name) }

// fakeSEC serves secTestdata gzipped, like SEC, and refuses a request
// without a User-Agent; it counts requests.
type fakeSEC struct {
	srv  *httptest.Server
	mu   sync.Mutex
	reqs []string
}

func (f *fakeSEC) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.reqs...)
}

// startSEC starts the fake SEC and points the commands at it, with a
// User-Agent and an empty cache of the test's own.
func startSEC(t *testing.T) *fakeSEC {
	t.Helper()
	f := &fakeSEC{}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.reqs = append(f.reqs, r.URL.Path)
		f.mu.Unlock()
		if r.Header.Get("User-Agent") == "" {
			http.Error(w, "Undeclared Automated Tool", http.StatusForbidden)
			return
		}
		name, ok := secTestdata[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		b, err := os.ReadFile(secFile(name))
		if err != nil {
			t.Error(err)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(b)
	}))
	t.Cleanup(f.srv.Close)
	t.Setenv("QUARTERDASH_SEC_BASE_URL", f.srv.URL)
	t.Setenv("QUARTERDASH_SEC_USER_AGENT", "Quarterdash Test test@example.com")
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	return f
}

// noSEC points the commands at a server that fails the test if asked
// anything, and removes the User-Agent: for what must work offline.
func noSEC(t *testing.T) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("network used: %s", r.URL)
		http.Error(w, "no", http.StatusTeapot)
	}))
	t.Cleanup(srv.Close)
	t.Setenv("QUARTERDASH_SEC_BASE_URL", srv.URL)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	unsetenv(t, "QUARTERDASH_SEC_USER_AGENT")
}

func unsetenv(t *testing.T, name string) {
	t.Helper()
	t.Setenv(name, "") // restored after the test
	if err := os.Unsetenv(name); err != nil {
		t.Fatal(err)
	}
}

// csvOf exports a data file as CSV through the command line.
func csvOf(t *testing.T, path string) string {
	t.Helper()
	r := run(t, "export", "--data", path, "--format", "csv")
	if r.code != 0 {
		t.Fatalf("export of %s: exit %d\n%s", path, r.code, r.stderr)
	}
	return r.stdout
}

func gunzipTo(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	zr, err := gzip.NewReader(in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// The pre-stop check: a saved companyfacts, no ticker, no User-Agent, no
// network.
func TestImportSECOfflineCompanyfacts(t *testing.T) {
	noSEC(t)
	dir := t.TempDir()
	plain := filepath.Join(dir, "companyfacts_CIK0001652044_GOOGL.json")
	gunzipTo(t, secFile("companyfacts_CIK0001652044_GOOGL.json.gz"), plain)
	for name, in := range map[string]string{"plain": plain, "gzip": secFile("companyfacts_CIK0001652044_GOOGL.json.gz")} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.json")
			r := run(t, "import", "sec", "--companyfacts", in, "-o", out)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout with -o: %.200q", r.stdout)
			}
			if !strings.Contains(r.stderr, "wrote "+out+": ") {
				t.Errorf("stderr: %s", r.stderr)
			}
			if v := run(t, "validate", out); v.code != 0 {
				t.Fatalf("the written file does not validate:\n%s", v.stderr)
			}
			if csv := csvOf(t, out); !strings.Contains(csv, "\n2024-Q4,revenue,96469,") {
				t.Errorf("no 2024-Q4 revenue 96469 in the CSV export")
			}
		})
	}
}

func TestImportSECOfflineToStdoutWithSubmissions(t *testing.T) {
	noSEC(t)
	r := run(t, "import", "sec", "--companyfacts", secFile("companyfacts_CIK0000320193_AAPL.json.gz"),
		"--submissions", secFile("submissions_CIK0000320193_AAPL.json.gz"))
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	d, err := data.Parse([]byte(r.stdout), "stdout")
	if err != nil {
		t.Fatal(err)
	}
	if d.Company.Ticker != "AAPL" || d.Company.FiscalYearEndMonth != 9 {
		t.Errorf("company %+v", d.Company)
	}
	// A ticker labels offline data.
	r = run(t, "import", "sec", "googl", "--companyfacts", secFile("companyfacts_CIK0001652044_GOOGL.json.gz"))
	if d, err := data.Parse([]byte(r.stdout), "stdout"); r.code != 0 || err != nil || d.Company.Ticker != "GOOGL" {
		t.Errorf("exit %d, err %v\n%s", r.code, err, r.stderr)
	}
}

func TestImportSECOnline(t *testing.T) {
	f := startSEC(t)
	out := filepath.Join(t.TempDir(), "apple.json")
	r := run(t, "import", "sec", "AAPL", "-o", out)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if v := run(t, "validate", out); v.code != 0 {
		t.Fatalf("does not validate:\n%s", v.stderr)
	}
	// Apple's fiscal 2025 first quarter ended 2024-12-28 (known figure).
	if csv := csvOf(t, out); !strings.Contains(csv, "\n2025-Q1,revenue,124300,") {
		t.Error("no 2025-Q1 revenue 124300 in the CSV export")
	}
	want := []string{"/files/company_tickers.json", "/api/xbrl/companyfacts/CIK0000320193.json", "/submissions/CIK0000320193.json"}
	if got := f.requests(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("requests %v, want %v", got, want)
	}
	cache := filepath.Join(os.Getenv("XDG_CACHE_HOME"), "quarterdash", "sec")
	for _, name := range []string{"company_tickers.json", "companyfacts_CIK0000320193.json", "submissions_CIK0000320193.json"} {
		if _, err := os.Stat(filepath.Join(cache, name)); err != nil {
			t.Errorf("not cached: %v", err)
		}
	}
	// Again, to stdout: all from the cache, nothing asked.
	r = run(t, "import", "sec", "aapl")
	if _, err := data.Parse([]byte(r.stdout), "stdout"); r.code != 0 || err != nil {
		t.Fatalf("exit %d, %v\n%s", r.code, err, r.stderr)
	}
	if n := len(f.requests()); n != 3 {
		t.Errorf("%d requests after a second import within 12 hours, want 3", n)
	}
	// --refresh asks again.
	if r := run(t, "import", "sec", "AAPL", "--refresh", "-o", out); r.code != 0 || len(f.requests()) != 6 {
		t.Errorf("--refresh: exit %d, %d requests\n%s", r.code, len(f.requests()), r.stderr)
	}
}

func TestImportSECByCIKWithoutSubmissions(t *testing.T) {
	startSEC(t)
	for _, q := range []string{"1652044", "0001652044"} {
		r := run(t, "import", "sec", q)
		if r.code != 0 {
			t.Fatalf("%s: exit %d\n%s", q, r.code, r.stderr)
		}
		d, err := data.Parse([]byte(r.stdout), "stdout")
		if err != nil || d.Company.Ticker != "GOOGL" {
			t.Errorf("%s: %v, company %+v", q, err, d.Company)
		}
		// The fake SEC has no submissions for Alphabet: a warning, not a
		// failure.
		if !strings.Contains(r.stderr, "quarterdash import sec: warning: submissions CIK0001652044: SEC has no such document") {
			t.Errorf("%s: stderr %s", q, r.stderr)
		}
	}
}

func TestImportSECFailureKeepsTheOutputFile(t *testing.T) {
	startSEC(t)
	out := writeFile(t, "out.json", "precious\n")
	for name, args := range map[string][]string{
		"unknown CIK":         {"import", "sec", "0000000001", "-o", out},
		"unknown ticker":      {"import", "sec", "GOOGLE", "-o", out},
		"20-F filer online":   {"import", "sec", "1997711", "-o", out},
		"20-F filer offline":  {"import", "sec", "--companyfacts", secFile("companyfacts_CIK0001997711_LPA.json.gz"), "-o", out},
		"not companyfacts":    {"import", "sec", "--companyfacts", secFile("company_tickers.json.gz"), "-o", out},
		"missing input":       {"import", "sec", "--companyfacts", filepath.Join(t.TempDir(), "absent.json"), "-o", out},
		"truncated companyfa": {"import", "sec", "--companyfacts", writeFile(t, "t.json", `{"cik":1652044,"facts":{"us-gaap":{`), "-o", out},
	} {
		t.Run(name, func(t *testing.T) {
			r := run(t, args...)
			if r.code != 1 {
				t.Errorf("exit %d, want 1\n%s", r.code, r.stderr)
			}
			if r.stderr == "" || strings.Contains(r.stderr, "panic") {
				t.Errorf("stderr: %s", r.stderr)
			}
			if b, _ := os.ReadFile(out); string(b) != "precious\n" {
				t.Errorf("the output file changed: %.100q", b)
			}
		})
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("files left beside the output: %v", entries)
	}
}

func TestImportSECMessages(t *testing.T) {
	startSEC(t)
	r := run(t, "import", "sec", "GOOGLE")
	if r.code != 1 || !strings.Contains(r.stderr, `unknown ticker "GOOGLE"`) ||
		!strings.Contains(r.stderr, "did you mean GOOGL (Alphabet Inc.), GOOG (Alphabet Inc.)") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	r = run(t, "import", "sec", "--companyfacts", secFile("companyfacts_CIK0001997711_LPA.json.gz"))
	if r.code != 1 || !strings.Contains(r.stderr, "no quarterly US-GAAP facts") || r.stdout != "" {
		t.Errorf("20-F filer: exit %d\n%s", r.code, r.stderr)
	}
	r = run(t, "import", "sec", "--companyfacts", writeFile(t, "t.json", "{\n  \"cik\": 1652044,\n  \"facts\": {"))
	if r.code != 1 || !regexp.MustCompile(`t\.json:\d+:\d+: `).MatchString(r.stderr) {
		t.Errorf("truncated file: exit %d, want file:line:col\n%s", r.code, r.stderr)
	}
}

func TestImportSECUserAgentRequired(t *testing.T) {
	f := startSEC(t)
	unsetenv(t, "QUARTERDASH_SEC_USER_AGENT")
	for _, args := range [][]string{
		{"import", "sec", "GOOGL"},
		{"import", "sec", "GOOGL", "--sec-user-agent", "quarterdash"},
		{"GOOGL"},
		{"--company", "GOOGL"},
	} {
		r := run(t, args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2", args, r.code)
		}
		for _, want := range []string{"User-Agent", "Jane Doe jane@example.com", "--sec-user-agent", "QUARTERDASH_SEC_USER_AGENT"} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", args, want, r.stderr)
			}
		}
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests made without a User-Agent", n)
	}
	// The flag wins over the environment.
	t.Setenv("QUARTERDASH_SEC_USER_AGENT", "no email here")
	if r := run(t, "import", "sec", "AAPL", "--sec-user-agent", "Jane Doe jane@example.com"); r.code != 0 {
		t.Errorf("flag over env: exit %d\n%s", r.code, r.stderr)
	}
}

func TestImportSECUsage(t *testing.T) {
	noSEC(t)
	for _, args := range [][]string{
		{"import"},
		{"import", "edgar"},
		{"import", "sec"},
		{"import", "sec", "AAPL", "MSFT"},
		{"import", "sec", "GOO GLE"},
		{"import", "sec", "--submissions", "x.json"},
		{"import", "sec", "1652044", "--companyfacts", "x.json"},
		{"import", "sec", "--bogus"},
	} {
		r := run(t, args...)
		if r.code != 2 || r.stderr == "" {
			t.Errorf("%v: exit %d, want 2\n%s", args, r.code, r.stderr)
		}
	}
}

func TestImportSECServerDown(t *testing.T) {
	f := startSEC(t)
	f.srv.Close()
	r := run(t, "import", "sec", "AAPL")
	if r.code != 1 || !strings.Contains(r.stderr, "SEC unreachable") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
}

func TestRootCompanyArguments(t *testing.T) {
	noSEC(t)
	data := writeFile(t, "d.json", fixtureText(t))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"valdate"}, "unknown command"},
		{[]string{"quarters.json"}, "--data FILE"},
		{[]string{"GOOGL", "GOO GLE"}, "not a ticker"},
		{[]string{"GOOGL", "--company", "AAPL"}, "two companies"},
		{[]string{"--company", "GOOGL", "--data", data}, "--data"},
		{[]string{"GOO GLE"}, "not a ticker"},
	} {
		r := run(t, c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, want 2 and %q\n%s", c.args, r.code, c.want, r.stderr)
		}
	}
}

// runUI runs args with the dashboard replaced by a recorder of its Config.
func runUI(t *testing.T, args ...string) (result, *ui.Config) {
	t.Helper()
	t.Setenv("QUARTERDASH_DATA", "")
	var stdout, stderr strings.Builder
	var got *ui.Config
	app := &App{DefaultData: defaultBytes(t), Stdout: &stdout, Stderr: &stderr,
		runUI: func(c ui.Config) error { got = &c; return nil }}
	code := execute(app, args)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}, got
}

func TestDashboardOnACompany(t *testing.T) {
	f := startSEC(t)
	for _, args := range [][]string{{"GOOGL"}, {"--company", "googl", "--quarter", "2024-Q4"}, {"0001652044"}} {
		r, cfg := runUI(t, args...)
		if r.code != 0 || cfg == nil {
			t.Fatalf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
		if cfg.Data.Company.Ticker != "GOOGL" || cfg.Reload == nil {
			t.Errorf("%v: company %+v, reload %v", args, cfg.Data.Company, cfg.Reload != nil)
		}
		if !strings.HasPrefix(cfg.Data.Provenance, "SEC EDGAR, ") { // fetched, or cached
			t.Errorf("%v: source %q", args, cfg.Data.Provenance)
		}
	}
	_, cfg := runUI(t, "GOOGL", "--quarter", "2024-Q4")
	if cfg.Quarter != "2024-Q4" || cfg.Data.Provenance != "SEC EDGAR, cached just now" {
		t.Errorf("quarter %q, source %q", cfg.Quarter, cfg.Data.Provenance)
	}
	// r fetches again, though the cached copy is fresh.
	before := len(f.requests())
	d, err := cfg.Reload()
	if err != nil || d.Company.Ticker != "GOOGL" {
		t.Fatalf("reload: %v", err)
	}
	if got := f.requests()[before:]; len(got) != 2 || got[0] != "/api/xbrl/companyfacts/CIK0001652044.json" {
		t.Errorf("reload asked %v", got)
	}
	// SEC gone: r keeps what is shown and says why.
	f.srv.Close()
	if _, err := cfg.Reload(); err == nil || !strings.Contains(err.Error(), "SEC unreachable") {
		t.Errorf("reload offline: %v", err)
	}
	// Started offline: the cached copy, and the status line says so.
	r, cfg := runUI(t, "GOOGL", "--refresh")
	if r.code != 0 || cfg == nil {
		t.Fatalf("offline start: exit %d\n%s", r.code, r.stderr)
	}
	if cfg.Data.Provenance != "cached just now, SEC unreachable" {
		t.Errorf("offline source %q", cfg.Data.Provenance)
	}
	if !strings.Contains(r.stderr, "warning: companyfacts CIK0001652044: SEC unreachable") ||
		!strings.Contains(r.stderr, "; using the copy cached just now") {
		t.Errorf("stderr: %s", r.stderr)
	}
}

func TestSourceLabelAndAge(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "just now", 59 * time.Second: "just now", time.Minute: "1 minute ago", 5 * time.Minute: "5 minutes ago",
		3 * time.Hour: "3 hours ago", 47 * time.Hour: "47 hours ago", 72 * time.Hour: "3 days ago",
	} {
		if got := ago(d); got != want {
			t.Errorf("ago(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestSourceLabel(t *testing.T) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.Local)
	down := &edgar.NetworkError{What: "companyfacts CIK0001652044", Err: errors.New("connection refused")}
	for _, c := range []struct {
		r    edgar.Response
		want string
	}{
		{edgar.Response{Fetched: now}, "SEC EDGAR, fetched 2026-11-02 09:00"},
		{edgar.Response{Fetched: now, FromCache: true, Revalidated: true}, "SEC EDGAR, checked 2026-11-02 09:00"},
		{edgar.Response{Fetched: now.Add(-3 * time.Hour), FromCache: true}, "SEC EDGAR, cached 3 hours ago"},
		{edgar.Response{Fetched: now.Add(-72 * time.Hour), FromCache: true, Err: down}, "cached 3 days ago, SEC unreachable"},
		{edgar.Response{Fetched: now.Add(-time.Hour), FromCache: true, Err: &edgar.HTTPError{Status: 403}}, "cached 1 hour ago, SEC answered 403"},
	} {
		if got := sourceLabel(&c.r, now); got != c.want {
			t.Errorf("sourceLabel = %q, want %q", got, c.want)
		}
	}
}
