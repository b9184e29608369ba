package xbrl

import (
	"os"
	"path/filepath"
	"testing"
)

// files maps a ticker to its companyfacts file in testdata.
var files = map[string]string{
	"AAPL":  "companyfacts_CIK0000320193_AAPL.json.gz",
	"NVDA":  "companyfacts_CIK0001045810_NVDA.json.gz",
	"GOOGL": "companyfacts_CIK0001652044_GOOGL.json.gz",
	"LPA":   "companyfacts_CIK0001997711_LPA.json.gz",
}

// readFile reads a testdata file, gunzipped.
func readFile(t testing.TB, name string) []byte {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := ReadMaybeGzip(f, 64<<20)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readTestdata reads a company's companyfacts.
func readTestdata(t testing.TB, ticker string) []byte {
	t.Helper()
	return readFile(t, files[ticker])
}
