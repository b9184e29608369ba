package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestNewWithoutData: New dereferenced a nil data set; it now draws the
// same notice as a data set with no quarters, and Render refuses both with
// the same error.
func TestNewWithoutData(t *testing.T) {
	m := New(Config{Width: 80, Height: 24})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	next, _ = next.Update(keyMsg("tab"))
	if v := next.View(); !strings.Contains(v, "no quarters") {
		t.Errorf("view of a nil data set:\n%s", v)
	}
	if _, err := Render(nil, nil, RenderOptions{View: "overview", Width: 80, Height: 24}); err == nil ||
		!strings.Contains(err.Error(), "no quarters") {
		t.Errorf("Render(nil): %v", err)
	}
}
