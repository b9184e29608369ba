package ui

import (
	"reflect"
	"strings"
	"testing"
)

// TestFrameCacheKeepsFrames: frames are served back by key, within the
// budget, and never for another size.
func TestFrameCacheKeepsFrames(t *testing.T) {
	c := newRenderCache()
	key := func(i int) frameKey { return frameKey{tab: i, w: 80, h: 24} }
	for i := range 13 {
		c.setFrame(key(i), string(rune('a'+i)))
	}
	for i := range 13 {
		if f, ok := c.frame(key(i)); !ok || f != string(rune('a'+i)) {
			t.Errorf("frame %d: got %q, %v", i, f, ok)
		}
	}
	if _, ok := c.frame(frameKey{tab: 3, w: 81, h: 24}); ok {
		t.Error("a frame for another size was returned")
	}
}

// TestFrameKeyCoversTheModel fails when a field is added to Model without
// saying where it is in the frame key or why frames do not depend on it
// (frameKeyFields), and when a frameKey field is not accounted for there.
func TestFrameKeyCoversTheModel(t *testing.T) {
	model := reflect.TypeFor[Model]()
	for i := range model.NumField() {
		if _, ok := frameKeyFields[model.Field(i).Name]; !ok {
			t.Errorf("Model.%s is neither in frameKey nor excluded in frameKeyFields", model.Field(i).Name)
		}
	}
	for name := range frameKeyFields {
		if _, ok := model.FieldByName(name); !ok {
			t.Errorf("frameKeyFields names %q, which Model does not have", name)
		}
	}
	key := reflect.TypeFor[frameKey]()
	for i := range key.NumField() {
		name, found := key.Field(i).Name, false
		for _, where := range frameKeyFields {
			if strings.HasPrefix(where, name) && (len(where) == len(name) || where[len(name)] == ' ') {
				found = true
			}
		}
		if !found {
			t.Errorf("frameKey.%s: no Model field is said to go there", name)
		}
	}
}

// TestFrameKeyTellsStatesApart: states that draw different frames have
// different keys; a failed reload and a successful one with the same
// text once shared one.
func TestFrameKeyTellsStatesApart(t *testing.T) {
	state := func(failed bool) Model {
		m := newTestModel(t, 100, 30, "2024-Q2")
		m.status, m.statusErr = "reloaded", failed
		return m
	}
	if state(false).render() == state(true).render() {
		t.Fatal("the test needs the two states to draw differently")
	}
	if state(false).frameKey().String() == state(true).frameKey().String() {
		t.Error("a failed and a successful status share a frame key")
	}
	// One session going from one to the other gets each its own frame.
	ok := state(false)
	bad := ok
	bad.statusErr = true
	if ok.View() == bad.View() {
		t.Error("the cache served the successful status's frame for the failed one")
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
