package ui

import (
	"slices"
	"testing"
	"time"
)

// TestWrapAlwaysProgresses: a word whose first character is wider than
// the line is cut one grapheme at a time instead of looping forever.
func TestWrapAlwaysProgresses(t *testing.T) {
	tests := []struct {
		text string
		w    int
		want []string
	}{
		{"漢字漢字", 1, []string{"漢", "字", "漢", "字"}},
		{"漢字漢字", 3, []string{"漢", "字", "漢", "字"}},
		{"漢字漢字", 4, []string{"漢字", "漢字"}},
		{"a 漢字", 1, []string{"a", "漢", "字"}},
		{"👩‍👩‍👧 ok", 1, []string{"👩‍👩‍👧", "o", "k"}},
		{"plain words wrap", 6, []string{"plain", "words", "wrap"}},
	}
	for _, tt := range tests {
		done := make(chan []string, 1)
		go func() { done <- wrap(tt.text, tt.w) }()
		select {
		case got := <-done:
			if !slices.Equal(got, tt.want) {
				t.Errorf("wrap(%q, %d) = %q, want %q", tt.text, tt.w, got, tt.want)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("wrap(%q, %d) does not return", tt.text, tt.w)
		}
	}
}
