package ui

import (
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestSharedCacheEvictsOldestFirst(t *testing.T) {
	c := NewSharedCache(3, 1000)
	for _, k := range []string{"a", "b", "c", "d"} {
		c.put(k, strings.Repeat(k, 10))
	}
	if _, ok := c.get("a"); ok {
		t.Error("the oldest entry outlived the entry cap")
	}
	for _, k := range []string{"b", "c", "d"} {
		if v, ok := c.get(k); !ok || v != strings.Repeat(k, 10) {
			t.Errorf("%s: got %q, %v", k, v, ok)
		}
	}
	// The byte cap evicts as many old entries as needed; a drawing larger
	// than the whole cap is not kept at all.
	c.put("big", strings.Repeat("x", 990))
	if n, b := c.Len(); n != 2 || b != 1000 {
		t.Errorf("after a 990-byte entry: %d entries, %d bytes; want 2 (d and big), 1000", n, b)
	}
	if _, ok := c.get("c"); ok {
		t.Error("c should have been evicted to make room")
	}
	c.put("huge", strings.Repeat("x", 1001))
	if _, ok := c.get("huge"); ok {
		t.Error("an entry larger than the byte cap was kept")
	}
}

// TestSessionsShareDrawings: a second session at the same size reuses the
// first one's frames, and sharing changes no frame: every view drawn with
// a shared cache equals the view drawn without one.
func TestSessionsShareDrawings(t *testing.T) {
	d := loadData(t)
	shared := NewSharedCache(1000, 64<<20)
	open := func() Model {
		m := New(Config{Data: d, Renderer: plainRenderer(), Quarter: "2024-Q2", Shared: shared})
		return m
	}
	a := step(open(), windowSize(120, 40))
	first := a.View()
	entries, _ := shared.Len()
	b := step(open(), windowSize(120, 40))
	if b.View() != first {
		t.Fatal("the second session drew another frame")
	}
	if n, _ := shared.Len(); n != entries {
		t.Errorf("the second session's first frame added %d entries; want it served from the shared cache", n-entries)
	}
	for i := range viewTabs(d) {
		for _, keys := range [][]string{nil, {"down", "enter"}, {"s"}} {
			with := step(open(), windowSize(100, 30))
			with.setTab(i)
			with, _ = press(with, keys...)
			without := newTestModel(t, 100, 30, "2024-Q2")
			without.setTab(i)
			without, _ = press(without, keys...)
			if with.View() != without.View() {
				t.Errorf("tab %d keys %v: the shared cache changed the frame", i, keys)
			}
		}
	}
}

// TestSharedCacheConcurrentSessions: many sessions drawing at once through
// one cache (run with -race).
func TestSharedCacheConcurrentSessions(t *testing.T) {
	d := loadData(t)
	shared := NewSharedCache(200, 8<<20)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := New(Config{Data: d, Renderer: plainRenderer(), Shared: shared})
			m = step(m, windowSize(80+i%3, 24))
			for range 20 {
				m, _ = press(m, "tab", "left")
				_ = m.View()
			}
		}()
	}
	wg.Wait()
}

func windowSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
