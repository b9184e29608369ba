package ui

import (
	"fmt"
	"sync"

	"quarterdash/data"
)

// SharedCache holds drawings (frames and charts) that every session of a
// server can reuse: the data set is shared and read-only, so two sessions
// with the same view, size and colour profile draw the same string. When
// hundreds of visitors arrive at once and open the same tabs, each drawing
// is then made once instead of once per visitor. It is safe for concurrent
// use and bounded: past its capacity the oldest entries go first.
type SharedCache struct {
	mu         sync.Mutex
	items      map[string]string
	queue      []string // keys in insertion order; the oldest first
	bytes      int
	maxEntries int
	maxBytes   int
	// facts are the data facts of the data sets sessions draw, so that
	// they are worked out once for all sessions; the latest few data sets
	// are kept.
	facts []*dataFacts
}

// maxFactSets is how many data sets' facts a SharedCache keeps: a server
// draws one data set, a reload brings a second.
const maxFactSets = 2

// NewSharedCache holds at most maxEntries drawings and maxBytes of them.
func NewSharedCache(maxEntries, maxBytes int) *SharedCache {
	return &SharedCache{items: make(map[string]string), maxEntries: max(maxEntries, 1), maxBytes: max(maxBytes, 0)}
}

func (c *SharedCache) get(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.items[key]
	return s, ok
}

func (c *SharedCache) put(key, s string) {
	if c == nil || len(s) > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[key]; ok {
		return
	}
	for len(c.queue) > 0 && (len(c.items) >= c.maxEntries || c.bytes+len(s) > c.maxBytes) {
		oldest := c.queue[0]
		c.queue = c.queue[1:]
		c.bytes -= len(c.items[oldest])
		delete(c.items, oldest)
	}
	c.items[key] = s
	c.queue = append(c.queue, key)
	c.bytes += len(s)
}

// factsFor returns the data facts of d, shared by every session of this
// cache; without a cache (a local program), a fresh set.
func (c *SharedCache) factsFor(d *data.Dataset) *dataFacts {
	if c == nil {
		return newDataFacts(d)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, f := range c.facts {
		if f.d == d {
			return f
		}
	}
	f := newDataFacts(d)
	c.facts = append(c.facts, f)
	if len(c.facts) > maxFactSets {
		c.facts = c.facts[1:]
	}
	return f
}

// Len is how many drawings the cache holds and their total size in bytes.
func (c *SharedCache) Len() (entries, bytes int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items), c.bytes
}

// sharedPrefix names what besides the view a drawing depends on: the data
// set, the colour profile and the background the styles were chosen for,
// and whether the key map offers reload (the help overlay lists it).
func sharedPrefix(st *Styles, d any, reload bool) string {
	return fmt.Sprintf("%p|%d|%t|%t|", d, st.r.ColorProfile(), st.r.HasDarkBackground(), reload)
}
