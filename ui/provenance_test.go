package ui

import (
	"os"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"quarterdash/data"
)

// TestHeaderShowsProvenance: a company fetched from SEC and shown from a
// cached copy says so in the header, at every width the dashboard runs
// at (cut, not dropped, where the line is short); a file's data set has
// no such label and its header is as before.
func TestHeaderShowsProvenance(t *testing.T) {
	b, err := os.ReadFile("../quarters.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := data.Parse(b, "quarters.json")
	if err != nil {
		t.Fatal(err)
	}
	d.Provenance = "cached 3 days ago, SEC unreachable"
	for _, tc := range []struct {
		w, h int
		want string
	}{{120, 40, "cached 3 days ago, SEC unreachable"}, {80, 24, "cached 3 days ago, SEC unreachable"}, {60, 16, "· cached 3 days ago"}} {
		m := step(New(Config{Data: d, Renderer: plainRenderer()}), tea.WindowSizeMsg{Width: tc.w, Height: tc.h})
		header := strings.SplitN(m.View(), "\n", 2)[0]
		if !strings.Contains(header, tc.want) || !strings.Contains(header, "2026-Q2") {
			t.Errorf("%dx%d header %q lacks %q or the quarter", tc.w, tc.h, header, tc.want)
		}
	}
	if header := strings.SplitN(newTestModel(t, 80, 24, "").View(), "\n", 2)[0]; strings.Contains(header, "SEC") {
		t.Errorf("a file's header %q names a source", header)
	}
}
