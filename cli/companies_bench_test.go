package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quarterdash/data"
	"quarterdash/ui"
)

// BenchmarkOpenTenCompanies loads ten companies' files (Meta's file under
// ten tickers, in the page cache after the first round), aligns them on
// the calendar and builds the workspace: what happens between the command
// line and the first frame.
func BenchmarkOpenTenCompanies(b *testing.B) {
	src, err := os.ReadFile("../quarters.json")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for i := range 10 {
		t := fmt.Sprintf("T%02d", i)
		body := strings.Replace(string(src), `"ticker": "META"`, `"ticker": "`+t+`"`, 1)
		if body == string(src) {
			b.Fatal("ticker not found in quarters.json")
		}
		if err := os.WriteFile(filepath.Join(dir, t+".json"), []byte(body), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	app := &App{DataPaths: []string{dir}}
	b.ReportAllocs()
	for b.Loop() {
		cs, err := app.LoadCompanies()
		if err != nil || len(cs) != 10 {
			b.Fatalf("%d companies, %v", len(cs), err)
		}
		_ = data.NewPeers(datasets(cs))
		_ = ui.NewWorkspace(ui.Config{Companies: cs})
	}
}
