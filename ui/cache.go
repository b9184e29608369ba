package ui

import (
	"fmt"
	"reflect"
	"strings"
)

// frameKey is everything a frame depends on besides what sharedPrefix
// names (data set, colour profile, background, reload). It is built by
// Model.frameKey; frameKeyFields accounts for every Model field, and a test
// fails when a field is added to Model without being put in the key or
// explicitly left out of it.
type frameKey struct {
	tab, quarter, focus int
	overlay             overlay
	w, h                int
	goodbye             string
	scroll              int
	status              string
	statusErr           bool
}

// frameKeyFields says, for every field of Model, where it is in a frame's
// key (a frameKey field, or the shared prefix) or why a frame does not
// depend on it.
var frameKeyFields = map[string]string{
	"d":         "prefix: the data set's ID",
	"st":        "prefix: colour profile and background",
	"keys":      "prefix: reload (the only binding that changes)",
	"help":      "fixed: styles come from st",
	"cache":     "not drawn",
	"facts":     "derived from d",
	"panes":     "derived from d",
	"tabs":      "tab (Active; labels derive from d)",
	"quarter":   "quarter",
	"focus":     "focus (the active tab's)",
	"overlay":   "overlay",
	"width":     "w",
	"height":    "h",
	"goodbye":   "goodbye",
	"reload":    "prefix: reload",
	"shared":    "not drawn",
	"status":    "status",
	"statusErr": "statusErr",
	"scroll":    "scroll",
	"extraTab":  "prefix: the Workspace's Compare tab label",
}

// frameKey is the key of the frame m draws.
func (m Model) frameKey() frameKey {
	return frameKey{tab: m.tabs.Active, quarter: m.quarter, focus: m.currentFocus(), overlay: m.overlay,
		w: m.width, h: m.height, goodbye: m.goodbye, scroll: m.scroll, status: m.status, statusErr: m.statusErr}
}

// String is the key as cache text: every field, by reflection, so that a
// field added to frameKey is in it without a second edit.
func (k frameKey) String() string {
	var b strings.Builder
	b.WriteString("frame")
	v := reflect.ValueOf(k)
	for i := range v.NumField() {
		fmt.Fprintf(&b, "|%v", v.Field(i))
	}
	return b.String()
}

// renderCache is a session's view of the drawing budget (SharedCache): the
// frame on screen, kept so that View after an unrelated message costs a
// comparison, and the session's account in the budget, where going back to
// a tab or quarter seen (by this session or any other) costs a lookup and
// a quarter move redraws only the charts whose selection changed. It is
// only touched from the program's event loop.
type renderCache struct {
	pool   *SharedCache
	owner  *cacheOwner
	prefix string // keys this session's drawings in pool (see sharedPrefix)

	last      frameKey
	lastFrame string
	haveLast  bool
}

// localBudget is the drawing budget of a dashboard without a server's
// SharedCache (the local program): one user, a few sizes.
const localBudget = 16 << 20

// newRenderCache is a cache with a budget of its own.
func newRenderCache() *renderCache {
	return &renderCache{pool: NewSharedCache(localBudget), owner: &cacheOwner{}}
}

func (c *renderCache) frame(k frameKey) (string, bool) {
	if c == nil {
		return "", false
	}
	if c.haveLast && c.last == k {
		return c.lastFrame, true
	}
	f, ok := c.pool.get(c.prefix + k.String())
	if ok {
		c.last, c.lastFrame, c.haveLast = k, f, true
	}
	return f, ok
}

func (c *renderCache) setFrame(k frameKey, f string) {
	if c == nil {
		return
	}
	c.last, c.lastFrame, c.haveLast = k, f, true
	c.pool.put(c.owner, c.prefix+k.String(), f)
}

// chart returns the cached drawing under key, drawing it with draw on a miss.
func (c *renderCache) chart(key string, draw func() string) string {
	if c == nil {
		return draw()
	}
	s, ok := c.pool.get(c.prefix + key)
	if !ok {
		s = draw()
		c.pool.put(c.owner, c.prefix+key, s)
	}
	return s
}
