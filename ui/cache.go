package ui

// frameKey is everything a frame depends on besides the (read-only) data.
type frameKey struct {
	tab, quarter, focus int
	overlay             overlay
	w, h                int
	goodbye             string
	helpOffset          int
	status              string
}

// renderCache keeps the last frame and drawn charts, so that View after an
// unrelated message costs a comparison and a quarter move redraws only the
// charts whose selection changed. One per Model (per session); it is only
// touched from the program's event loop.
type renderCache struct {
	lastKey   frameKey
	lastFrame string
	hasFrame  bool
	charts    map[string]string
}

// maxCachedCharts bounds the chart cache; a long session moving through
// every quarter at several sizes would otherwise grow it without limit.
const maxCachedCharts = 512

func newRenderCache() *renderCache {
	return &renderCache{charts: make(map[string]string)}
}

func (c *renderCache) frame(k frameKey) (string, bool) {
	if c == nil || !c.hasFrame || c.lastKey != k {
		return "", false
	}
	return c.lastFrame, true
}

func (c *renderCache) setFrame(k frameKey, f string) {
	if c == nil {
		return
	}
	c.lastKey, c.lastFrame, c.hasFrame = k, f, true
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
	s := draw()
	c.charts[key] = s
	return s
}
