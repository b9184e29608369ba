package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const alphabetFile = "../peers/googl.json"

func tickersOf(cfgCompanies int, get func(i int) string) string {
	var t []string
	for i := range cfgCompanies {
		t = append(t, get(i))
	}
	return strings.Join(t, " ")
}

func TestOpenSeveralCompanies(t *testing.T) {
	noSEC(t)
	dir := t.TempDir()
	for _, f := range []struct{ name, src string }{{"b-googl.json", alphabetFile}, {"a-meta.json", "../quarters.json"}} {
		b, err := os.ReadFile(f.src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	example := writeFile(t, "example.json", fixtureText(t))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--data", "../quarters.json", "--data", alphabetFile}, "META GOOGL"},
		{[]string{"--data", dir}, "META GOOGL"}, // sorted by file name
		{[]string{"--data", example, "--data", dir}, "EXMP META GOOGL"},
		{[]string{"--data", alphabetFile, "--data", "../quarters.json", "--quarter", "2024-Q2"}, "GOOGL META"},
	} {
		r, cfg := runUI(t, c.args...)
		if r.code != 0 || cfg == nil {
			t.Fatalf("%v: exit %d\n%s", c.args, r.code, r.stderr)
		}
		got := tickersOf(len(cfg.Companies), func(i int) string { return cfg.Companies[i].Data.Company.Ticker })
		if got != c.want {
			t.Errorf("%v: companies %q, want %q", c.args, got, c.want)
		}
		for _, co := range cfg.Companies {
			if co.Reload == nil {
				t.Errorf("%v: %s has no reload", c.args, co.Data.Company.Ticker)
			}
		}
	}
}

func TestSameCompanyTwiceIsRefused(t *testing.T) {
	noSEC(t)
	copyOfMeta := writeFile(t, "meta-again.json", string(defaultBytes(t)))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--data", "../quarters.json", "--data", "../quarters.json"}, "../quarters.json is given twice"},
		{[]string{"--data", "../quarters.json", "--data", copyOfMeta}, "are both META"},
		{[]string{"export", "--data", "../quarters.json", "--data", copyOfMeta}, "are both META"},
	} {
		r, _ := runUI(t, c.args...)
		if r.code != 1 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, want 1 and %q\n%s", c.args, r.code, c.want, r.stderr)
		}
	}
}

func TestABrokenFileAmongSeveral(t *testing.T) {
	noSEC(t)
	bad := writeFile(t, "bad.json", `{"schema_version": 1}`)
	r := run(t, "--data", "../quarters.json", "--data", bad)
	if r.code != 1 || !strings.Contains(r.stderr, bad+":1:1:") {
		t.Errorf("exit %d, want 1 and %s's problems as file:line:col\n%s", r.code, bad, r.stderr)
	}
}

func TestSeveralTickers(t *testing.T) {
	startSEC(t)
	r, cfg := runUI(t, "GOOGL", "AAPL")
	if r.code != 0 || cfg == nil {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	got := tickersOf(len(cfg.Companies), func(i int) string { return cfg.Companies[i].Data.Company.Ticker })
	if got != "GOOGL AAPL" || cfg.Companies[1].Reload == nil {
		t.Errorf("companies %q", got)
	}
	// A mix: files first, then tickers.
	r, cfg = runUI(t, "--data", "../quarters.json", "AAPL")
	if r.code != 0 || cfg == nil || len(cfg.Companies) != 2 || cfg.Companies[1].Data.Company.Ticker != "AAPL" {
		t.Fatalf("--data quarters.json AAPL: exit %d %+v\n%s", r.code, cfg, r.stderr)
	}
	r, _ = runUI(t, "GOOGL", "googl")
	if r.code != 1 || !strings.Contains(r.stderr, "GOOGL is given twice") {
		t.Errorf("GOOGL googl: exit %d\n%s", r.code, r.stderr)
	}
}

func TestRenderCompare(t *testing.T) {
	two := []string{"--data", "../quarters.json", "--data", alphabetFile}
	r := run(t, append([]string{"render", "--list"}, two...)...)
	if r.code != 0 || !strings.Contains(r.stdout, "\ncompare\ncompare/chart\n") {
		t.Errorf("render --list: exit %d\n%s", r.code, r.stdout)
	}
	if r := run(t, "render", "--list"); strings.Contains(r.stdout, "compare") {
		t.Error("render --list lists compare with one company")
	}
	r = run(t, append([]string{"render", "--view", "compare", "--quarter", "2024-Q2", "--metric", "net_income",
		"--width", "100", "--height", "30", "--color", "never"}, two...)...)
	if r.code != 0 || !strings.Contains(r.stdout, "calendar 2024-Q2") || !strings.Contains(r.stdout, "Net income") ||
		!strings.Contains(r.stdout, "$23.62B") {
		t.Errorf("render compare: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, bad := range [][]string{
		{"--view", "compare", "--metric", "dap"},       // Meta only
		{"--view", "compare", "--quarter", "2030-Q1"},  // no company there
		{"--view", "compare", "--quarter", "FY2024"},   // not a quarter
		{"--view", "overview", "--quarter", "2026-Q3"}, // Meta's fiscal quarters
		{"--view", "nosuch"},
	} {
		r := run(t, append(append([]string{"render"}, bad...), two...)...)
		if r.code != 2 {
			t.Errorf("render %v: exit %d, want 2\n%s", bad, r.code, r.stderr)
		}
	}
}

func TestExportSeveral(t *testing.T) {
	r := run(t, "export", "--data", "../quarters.json", "--data", alphabetFile)
	lines := strings.Split(r.stdout, "\n")
	if r.code != 0 || lines[0] != "company,period,metric,value,unit,approx,source" ||
		!strings.HasPrefix(lines[1], "META,2022-Q1,revenue,") || !strings.Contains(r.stdout, "\nGOOGL,2024-Q4,revenue,96469,") {
		t.Errorf("export: exit %d\n%.400s", r.code, r.stdout)
	}
	one := run(t, "export", "--data", "../quarters.json")
	if strings.HasPrefix(one.stdout, "company") {
		t.Error("one company's export gained a company column")
	}
	if r := run(t, "export", "--format", "json", "--data", "../quarters.json", "--data", alphabetFile); r.code != 2 {
		t.Errorf("export json of two: exit %d, want 2", r.code)
	}
}

// TestPeers: --peers opens Meta and the shipped peers with no network; on
// calendar 2024-Q4 Apple's row is its fiscal 2025-Q1 and NVIDIA's its
// fiscal 2025-Q4, and a peer's header says where its figures come from.
func TestPeers(t *testing.T) {
	noSEC(t)
	r := run(t, "render", "--peers", "--view", "compare", "--quarter", "2024-Q4", "--width", "120", "--height", "40", "--color", "never")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"calendar 2024-Q4", "META  Meta Platforms, Inc. 2024-Q4 2024-12-31",
		"AAPL  Apple Inc.           2025-Q1 2024-12-28", "NVDA  NVIDIA CORP          2025-Q4 2025-01-26",
		"4 companies: META, GOOGL, AAPL, NVDA"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("no %q in\n%s", want, r.stdout)
		}
	}
	_, cfg := runUI(t, "--peers")
	if cfg == nil || len(cfg.Companies) != 4 || cfg.Companies[1].Data.Provenance != "SEC XBRL as of 2026-04-30" {
		t.Fatalf("--peers: %+v", cfg)
	}
}
