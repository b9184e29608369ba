package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"

	"quarterdash/data"
)

// loadPeer reads a data file the SEC importer made from real companyfacts
// (peers/, regenerated and checked byte for byte in package peers).
func loadPeer(t *testing.T, name string) *data.Dataset {
	t.Helper()
	path := filepath.Join("..", "peers", name)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := data.Parse(b, path)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestImportedCompaniesRenderEveryView: every view of each imported
// company (Alphabet's calendar year, Apple's and NVIDIA's 52/53-week
// years, histories of 47 to 72 quarters) draws at 80x24 and 120x40, on
// the latest quarter and on the first, exactly the frame's size.
func TestImportedCompaniesRenderEveryView(t *testing.T) {
	for _, name := range []string{"googl.json", "aapl.json", "nvda.json"} {
		d := loadPeer(t, name)
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			for _, q := range []string{"", d.Quarters[0].Label()} {
				for _, view := range Views(d) {
					out, err := Render(d, plainRenderer(), RenderOptions{View: view, Quarter: q, Width: size[0], Height: size[1]})
					where := fmt.Sprintf("%s %s %dx%d quarter %q", name, view, size[0], size[1], q)
					if err != nil {
						t.Errorf("%s: %v", where, err)
						continue
					}
					lines := strings.Split(out, "\n")
					if len(lines) != size[1] {
						t.Errorf("%s: %d lines, want %d", where, len(lines), size[1])
					}
					for i, l := range lines {
						if w := lipgloss.Width(l); w > size[0] {
							t.Errorf("%s: line %d is %d wide", where, i, w)
						}
					}
					if strings.Contains(out, "NaN") || strings.Contains(out, "Inf") {
						t.Errorf("%s: shows NaN or Inf:\n%s", where, out)
					}
				}
			}
		}
	}
}

// TestGoldenImported: one imported company's views, Alphabet on 2024-Q4
// (a fourth quarter that is the year minus nine months, and an EPS gap:
// EPS is never derived by subtraction).
func TestGoldenImported(t *testing.T) {
	d := loadPeer(t, "googl.json")
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, view := range Views(d) {
			name := fmt.Sprintf("%s_%dx%d", strings.ReplaceAll(view, "/", "_"), size[0], size[1])
			t.Run(name, func(t *testing.T) {
				out, err := Render(d, plainRenderer(), RenderOptions{View: view, Quarter: "2024-Q4", Width: size[0], Height: size[1]})
				if err != nil {
					t.Fatal(err)
				}
				golden.RequireEqual(t, out)
			})
		}
	}
}
