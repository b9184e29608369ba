package ui

import (
	"fmt"
	"sync"
	"sync/atomic"

	"quarterdash/data"
)

// SharedCache is the one memory budget for drawings (frames and charts):
// every session of a server draws into it, and any session can reuse what
// another drew, since the data set is shared and read-only and two sessions
// with the same view, size and colour profile draw the same string. A
// crowd arriving at once and opening the same tabs then draws each of them
// once, not once per visitor.
//
// It is bounded in bytes, however many sessions there are and whatever
// they do (a window of 500x200 walking every quarter of every tab draws
// megabytes). Eviction is fair: every drawing is charged to the session
// that drew it, and room is made by dropping the least recently used
// drawing of the session charged with the most bytes. A session walking
// through everything therefore evicts its own drawings, while sessions
// using little keep theirs; under a crowd each gets about an equal share.
// It is safe for concurrent use.
type SharedCache struct {
	mu       sync.Mutex
	items    map[string]*drawing
	owners   map[*cacheOwner]struct{} // owners charged with at least one drawing
	bytes    int
	maxBytes int
	// facts are the data facts of the data sets sessions draw, so that
	// they are worked out once for all sessions; the latest few data sets
	// are kept.
	facts []*dataFacts
}

// drawing is one cached string, in its owner's recency list.
type drawing struct {
	key, s     string
	owner      *cacheOwner
	prev, next *drawing
}

// cost is what a drawing is charged: its key, its text and the
// bookkeeping around them (map entry, list node).
func (e *drawing) cost() int { return len(e.key) + len(e.s) + drawingOverhead }

// drawingOverhead is the bytes a drawing costs besides its key and text.
const drawingOverhead = 128

// cacheOwner is a session's account: its drawings from least to most
// recently used, and their cost.
type cacheOwner struct {
	head, tail *drawing
	bytes      int
}

func (o *cacheOwner) unlink(e *drawing) {
	if e.prev != nil {
		e.prev.next = e.next
	} else {
		o.head = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else {
		o.tail = e.prev
	}
	e.prev, e.next = nil, nil
}

func (o *cacheOwner) pushBack(e *drawing) {
	e.prev, e.next = o.tail, nil
	if o.tail != nil {
		o.tail.next = e
	} else {
		o.head = e
	}
	o.tail = e
}

// maxFactSets is how many data sets' facts a SharedCache keeps: a server
// draws one data set, a reload brings a second.
const maxFactSets = 2

// NewSharedCache holds at most maxBytes of drawings, counted as
// key + text + a fixed overhead per drawing.
func NewSharedCache(maxBytes int) *SharedCache {
	return &SharedCache{items: make(map[string]*drawing), owners: make(map[*cacheOwner]struct{}), maxBytes: max(maxBytes, 0)}
}

// get returns the drawing under key, whoever drew it, and marks it used.
func (c *SharedCache) get(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok {
		return "", false
	}
	e.owner.unlink(e)
	e.owner.pushBack(e)
	return e.s, true
}

// put stores s under key, charged to owner, making room first. A drawing
// of more than an eighth of the budget is not kept: it would evict
// too much to be worth it.
func (c *SharedCache) put(owner *cacheOwner, key, s string) {
	e := &drawing{key: key, s: s, owner: owner}
	if e.cost() > c.maxBytes/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[key]; ok {
		return
	}
	for c.bytes+e.cost() > c.maxBytes && c.evictOne() {
	}
	c.items[key] = e
	owner.pushBack(e)
	owner.bytes += e.cost()
	c.owners[owner] = struct{}{}
	c.bytes += e.cost()
}

// evictOne drops the least recently used drawing of the owner charged
// with the most bytes; false when there is nothing to drop.
func (c *SharedCache) evictOne() bool {
	var top *cacheOwner
	for o := range c.owners {
		if top == nil || o.bytes > top.bytes {
			top = o
		}
	}
	if top == nil || top.head == nil {
		return false
	}
	e := top.head
	top.unlink(e)
	top.bytes -= e.cost()
	c.bytes -= e.cost()
	delete(c.items, e.key)
	if top.head == nil {
		delete(c.owners, top)
	}
	return true
}

// Len is how many drawings the cache holds and what they are charged, in
// bytes.
func (c *SharedCache) Len() (entries, bytes int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items), c.bytes
}

// charged is the bytes charged to owner.
func (c *SharedCache) charged(o *cacheOwner) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return o.bytes
}

// factsFor returns the data facts of d, shared by every session of this
// cache.
func (c *SharedCache) factsFor(d *data.Dataset) *dataFacts {
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

// privateCaches numbers the prefixes of drawings that must not be shared
// (see sharedPrefix).
var privateCaches atomic.Uint64

// sharedPrefix names what besides the view a drawing depends on: the data
// set, the colour profile and the background the styles were chosen for,
// and whether the key map offers reload (the help overlay lists it). The
// data set is named by its ID, which Parse assigns and never reuses; a data
// set built in code has none, and its drawings are kept to this session.
func sharedPrefix(st *Styles, d *data.Dataset, reload bool) string {
	id := fmt.Sprintf("data%d", d.ID())
	if d.ID() == 0 {
		id = fmt.Sprintf("private%d", privateCaches.Add(1))
	}
	return fmt.Sprintf("%s|%d|%t|%t|", id, st.r.ColorProfile(), st.r.HasDarkBackground(), reload)
}
