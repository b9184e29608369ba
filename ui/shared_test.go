package ui

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestSharedCacheEvictsTheBiggestOwnerFirst: room is made by dropping the
// least recently used drawing of whoever is charged with the most, so a
// session filling the budget evicts its own drawings, not others'.
func TestSharedCacheEvictsTheBiggestOwnerFirst(t *testing.T) {
	entry := 300 - drawingOverhead - 2 // with a 2-byte key, each costs 300
	c := NewSharedCache(3000)
	quiet, walker := &cacheOwner{}, &cacheOwner{}
	c.put(quiet, "q0", strings.Repeat("q", entry))
	c.put(quiet, "q1", strings.Repeat("q", entry))
	for i := range 30 {
		c.put(walker, fmt.Sprintf("w%c", 'a'+i), strings.Repeat("w", entry))
		if n, b := c.Len(); b > 3000 {
			t.Fatalf("after %d puts: %d entries, %d bytes, over the 3000-byte budget", i+1, n, b)
		}
	}
	for _, k := range []string{"q0", "q1"} {
		if _, ok := c.get(k); !ok {
			t.Errorf("the quiet session's %s was evicted by the walker", k)
		}
	}
	if got := c.charged(walker); got != 2400 {
		t.Errorf("the walker is charged %d bytes; want the 2400 left", got)
	}
	// Its most recent drawings are the ones kept.
	if _, ok := c.get("w" + string(rune('a'+29))); !ok {
		t.Error("the walker's latest drawing was evicted")
	}
	if _, ok := c.get("wa"); ok {
		t.Error("the walker's oldest drawing outlived the budget")
	}
	// A drawing larger than an eighth of the budget is not kept at all.
	c.put(quiet, "hx", strings.Repeat("x", 400))
	if _, ok := c.get("hx"); ok {
		t.Error("a drawing over an eighth of the budget was kept")
	}
}

// TestSharedCacheUseKeepsADrawing: a drawing another session uses counts
// as recently used for its owner.
func TestSharedCacheUseKeepsADrawing(t *testing.T) {
	entry := 300 - drawingOverhead - 2
	c := NewSharedCache(2400)
	a := &cacheOwner{}
	for i := range 8 {
		c.put(a, fmt.Sprintf("a%d", i), strings.Repeat("a", entry))
	}
	c.get("a0") // a0 is now the most recently used
	c.put(a, "a8", strings.Repeat("a", entry))
	if _, ok := c.get("a0"); !ok {
		t.Error("a drawing just used was evicted before older ones")
	}
	if _, ok := c.get("a1"); ok {
		t.Error("the least recently used drawing was kept")
	}
}

// TestSessionsShareDrawings: a second session at the same size reuses the
// first one's frames, and sharing changes no frame: every view drawn with
// a shared cache equals the view drawn without one.
func TestSessionsShareDrawings(t *testing.T) {
	d := loadData(t)
	shared := NewSharedCache(64 << 20)
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

// TestWalkingSessionCannotEvictOthers: one session at 500x200 walking every
// tab, quarter, chart and source stays within the budget and leaves an
// idle session's frame and charts in it.
func TestWalkingSessionCannotEvictOthers(t *testing.T) {
	d := loadData(t)
	const budget = 8 << 20
	shared := NewSharedCache(budget)
	idle := step(New(Config{Data: d, Renderer: plainRenderer(), Shared: shared}), windowSize(120, 40))
	idleFrame := idle.View()
	idleBytes := shared.charged(idle.cache.owner)
	walker := step(New(Config{Data: d, Renderer: benchRenderer(), Shared: shared}), windowSize(500, 200))
	for range viewTabs(d) {
		for range d.Quarters {
			for _, k := range []string{"enter", "enter", "s", "s", "left"} {
				walker, _ = press(walker, k)
				_ = walker.View()
			}
		}
		walker, _ = press(walker, "tab", "end")
		if _, b := shared.Len(); b > budget {
			t.Fatalf("%d bytes cached, over the %d budget", b, budget)
		}
	}
	if got := shared.charged(idle.cache.owner); got != idleBytes {
		t.Errorf("the idle session's drawings went from %d to %d bytes", idleBytes, got)
	}
	if f, ok := shared.get(idle.cache.prefix + idle.frameKey().String()); !ok || f != idleFrame {
		t.Error("the idle session's frame was evicted")
	}
}

// TestSharedCacheConcurrentSessions: many sessions drawing at once through
// one small budget: no race (go test -race), the budget holds, and every
// frame is the one a session without a cache draws.
func TestSharedCacheConcurrentSessions(t *testing.T) {
	d := loadData(t)
	const budget = 2 << 20
	shared := NewSharedCache(budget)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := New(Config{Data: d, Renderer: plainRenderer(), Shared: shared})
			m = step(m, windowSize(80+i%3, 24))
			for range 20 {
				m, _ = press(m, "tab", "left")
				got := m.View()
				if want := m.render(); got != want {
					errs <- fmt.Sprintf("session %d: a cached frame differs from a fresh one", i)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if _, b := shared.Len(); b > budget {
		t.Errorf("%d bytes cached, over the %d budget", b, budget)
	}
}

func windowSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
