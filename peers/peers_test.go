package peers

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the embedded peer files from xbrl/testdata")

// TestRegenerate: converting the kept SEC responses again gives the
// committed files byte for byte.
func TestRegenerate(t *testing.T) {
	got, err := Generate("../xbrl/testdata")
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range got {
		if *update {
			if err := os.WriteFile(name, b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		have, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(have, b) {
			t.Errorf("%s differs from a fresh conversion; run go test ./peers -update and review the diff", name)
		}
	}
}

func TestLoad(t *testing.T) {
	cs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"GOOGL": "SEC XBRL as of 2026-04-30", "AAPL": "SEC XBRL as of 2026-01-30", "NVDA": "SEC XBRL as of 2026-05-20"}
	if len(cs) != 3 {
		t.Fatalf("%d peers, want 3", len(cs))
	}
	for _, c := range cs {
		if want[c.Data.Company.Ticker] != c.Source || c.Data.Provenance != c.Source {
			t.Errorf("%s: source %q", c.Data.Company.Ticker, c.Source)
		}
	}
}
