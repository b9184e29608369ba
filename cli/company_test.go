package cli

import (
	"bytes"
	"strings"
	"testing"
)

func TestServeCompanyRefusedBeforeListening(t *testing.T) {
	f := startSEC(t)
	data := writeFile(t, "d.json", fixtureText(t))
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve", "--company", "GOOGLE", "--listen", "127.0.0.1:0"}, 1, "did you mean GOOGL"},
		{[]string{"serve", "--company", "GOO GLE", "--listen", "127.0.0.1:0"}, 2, "not a ticker"},
		{[]string{"serve", "--company", "GOOGL", "--data", data, "--listen", "127.0.0.1:0"}, 2, "--company and --data"},
		{[]string{"serve", "--company", "GOOGL", "--listen", "127.0.0.1:0", "--sec-user-agent", "anonymous"}, 2, "QUARTERDASH_SEC_USER_AGENT"},
	} {
		r := run(t, c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("%v: exit %d, want %d and %q\nstdout: %s\nstderr: %s", c.args, r.code, c.code, c.want, r.stdout, r.stderr)
		}
	}
	if got := f.requests(); len(got) != 1 || got[0] != "/files/company_tickers.json" {
		t.Errorf("requests %v, want only the ticker map (for GOOGLE)", got)
	}
}

func TestServeCompanyData(t *testing.T) {
	f := startSEC(t)
	var stderr bytes.Buffer
	cmd := newServeCmd(&App{Stdout: &stderr, Stderr: &stderr})
	cmd.SetErr(&stderr)
	d, err := serveCompanyData(cmd, "AAPL", secFlags{})
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if d.Company.Ticker != "AAPL" || !strings.HasPrefix(d.Provenance, "SEC EDGAR, as of ") || strings.Contains(d.Provenance, "(") {
		t.Errorf("company %+v, label %q", d.Company, d.Provenance)
	}
	// SEC gone at start: the cached copy, dated, and said so.
	f.srv.Close()
	d, err = serveCompanyData(cmd, "AAPL", secFlags{refresh: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(d.Provenance, " (SEC unreachable at start)") {
		t.Errorf("label %q", d.Provenance)
	}
	if !strings.Contains(stderr.String(), "warning: companyfacts CIK0000320193: SEC unreachable") {
		t.Errorf("stderr: %s", stderr.String())
	}
}
