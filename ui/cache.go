package ui

import "fmt"

// frameKey is everything a frame depends on besides the (read-only) data.
type frameKey struct {
	tab, quarter, focus int
	overlay             overlay
	w, h                int
	goodbye             string
	scroll              int
	status              string
}

// renderCache keeps recent frames and drawn charts, so that View after an
// unrelated message costs a comparison, going back to a tab or quarter
// just seen costs a lookup, and a quarter move redraws only the charts
// whose selection changed. One per Model (per session); it is only touched
// from the program's event loop.
type renderCache struct {
	frames [maxCachedFrames]cachedFrame // a small ring, most recent at next-1
	next   int
	charts map[string]string
	// shared, when set, is the server's cache across sessions; prefix
	// keys this session's entries in it (data set, colour profile,
	// background).
	shared *SharedCache
	prefix string
}

type cachedFrame struct {
	key   frameKey
	frame string
	ok    bool
}

// maxCachedFrames is how many recent frames a session keeps: enough for
// flipping through the tabs, small enough (~20 KB a frame) that hundreds
// of SSH sessions stay cheap.
const maxCachedFrames = 10

// maxCachedCharts bounds the chart cache; a long session moving through
// every quarter at several sizes would otherwise grow it without limit.
const maxCachedCharts = 512

func newRenderCache() *renderCache {
	return &renderCache{charts: make(map[string]string)}
}

func (c *renderCache) frame(k frameKey) (string, bool) {
	if c == nil {
		return "", false
	}
	for i := range c.frames {
		if f := &c.frames[i]; f.ok && f.key == k {
			return f.frame, true
		}
	}
	if c.shared != nil {
		if f, ok := c.shared.get(c.frameSharedKey(k)); ok {
			c.remember(k, f)
			return f, true
		}
	}
	return "", false
}

func (c *renderCache) setFrame(k frameKey, f string) {
	if c == nil {
		return
	}
	c.remember(k, f)
	if c.shared != nil {
		c.shared.put(c.frameSharedKey(k), f)
	}
}

func (c *renderCache) remember(k frameKey, f string) {
	c.frames[c.next] = cachedFrame{key: k, frame: f, ok: true}
	c.next = (c.next + 1) % len(c.frames)
}

func (c *renderCache) frameSharedKey(k frameKey) string {
	return fmt.Sprintf("%sframe|%+v", c.prefix, k)
}

// chart returns the cached drawing under key, drawing it with draw on a miss.
func (c *renderCache) chart(key string, draw func() string) string {
	if c == nil {
		return draw()
	}
	if s, ok := c.charts[key]; ok {
		return s
	}
	if len(c.charts) >= maxCachedCharts {
		clear(c.charts)
	}
	s, ok := c.shared.get(c.prefix + key)
	if !ok {
		s = draw()
		c.shared.put(c.prefix+key, s)
	}
	c.charts[key] = s
	return s
}
