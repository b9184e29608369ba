package ui

import "testing"

// TestFrameCacheKeepsRecentFrames: the ring returns each of the last
// maxCachedFrames frames and forgets older ones.
func TestFrameCacheKeepsRecentFrames(t *testing.T) {
	c := newRenderCache()
	key := func(i int) frameKey { return frameKey{tab: i, w: 80, h: 24} }
	for i := range maxCachedFrames + 3 {
		c.setFrame(key(i), string(rune('a'+i)))
	}
	for i := 3; i < maxCachedFrames+3; i++ {
		if f, ok := c.frame(key(i)); !ok || f != string(rune('a'+i)) {
			t.Errorf("frame %d: got %q, %v", i, f, ok)
		}
	}
	for i := range 3 {
		if _, ok := c.frame(key(i)); ok {
			t.Errorf("frame %d outlived the ring", i)
		}
	}
	if _, ok := c.frame(frameKey{tab: 3, w: 81, h: 24}); ok {
		t.Error("a frame for another size was returned")
	}
}

// TestFrameCacheReturnsWhatRenderDraws: a view served from the cache is
// the frame a fresh model draws for the same state.
func TestFrameCacheReturnsWhatRenderDraws(t *testing.T) {
	m := newTestModel(t, 100, 30, "2024-Q2")
	first := m.View()
	m, _ = press(m, "tab", "tab", "shift+tab", "shift+tab")
	if got := m.View(); got != first {
		t.Error("coming back to the first tab gave another frame")
	}
	fresh := newTestModel(t, 100, 30, "2024-Q2")
	if fresh.View() != first {
		t.Error("the cached frame differs from a fresh render")
	}
}
