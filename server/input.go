package server

import (
	"bytes"
	"io"
	"sync"
)

// x10Len is the length of an old-style (X10) mouse report: ESC [ M and
// three bytes, the button and the column and row plus 32. None of the
// three is below 32, so an ESC inside a report is always a new sequence.
const x10Len = 6

// x10Framer hands a session's input to Bubble Tea in reads that never end
// inside an X10 mouse report.
//
// The dashboard asks for SGR mouse reports, but a client decides what it
// sends, and an old terminal (or anyone) may send X10 reports. Bubble Tea
// parses a report only when all six bytes are in one read; a report split
// across reads (by the network, or by Bubble Tea's own 256-byte buffer)
// leaves its coordinate bytes to be read as typed keys, and a column or
// row of 81 is the byte "q": quit. So this reader keeps an incomplete
// report back until the rest arrives, and cuts each read before a report
// that would not fit in it. The cost: "ESC [" alone at the end of the input
// (alt+[, which the dashboard does not use) waits for the next byte; a lone
// ESC, the Esc key, never waits.
type x10Framer struct {
	mu      sync.Mutex // a timed-out terminal query may leave a Read behind
	r       io.Reader
	pending []byte // read from r, not yet handed on
	err     error  // r's error, reported once pending is empty
	buf     [1024]byte
}

// Read implements io.Reader.
func (f *x10Framer) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for {
		if n := f.ready(len(p)); n > 0 {
			copy(p, f.pending[:n])
			f.pending = f.pending[n:]
			if len(f.pending) == 0 {
				f.pending = nil
			}
			return n, nil
		}
		if f.err != nil {
			// The input ended inside a report: hand on what is left.
			n := copy(p, f.pending)
			f.pending = f.pending[n:]
			if n > 0 {
				return n, nil
			}
			return 0, f.err
		}
		n, err := f.r.Read(f.buf[:])
		f.pending = append(f.pending, f.buf[:n]...)
		f.err = err
	}
}

// ready returns how many pending bytes, at most limit, can be handed on
// without ending inside an X10 report. 0 means wait for more input.
func (f *x10Framer) ready(limit int) int {
	b := f.pending
	n := min(len(b), limit)
	// Only a report that starts in the last five bytes of the chunk can
	// be cut by its end.
	for i := max(0, n-(x10Len-1)); i < n; i++ {
		if b[i] != '\x1b' || !isX10Start(b[i:]) {
			continue
		}
		if i+x10Len <= len(b) && i+x10Len > n && i == 0 {
			// A whole report that does not fit in p at all (a tiny p):
			// nothing better to do than hand it on in pieces.
			return n
		}
		return i
	}
	return n
}

// isX10Start reports whether b starts with an X10 report, or with a prefix
// of one of at least two bytes ("ESC [") that more input may complete. A
// lone ESC is the Esc key and is not held back.
func isX10Start(b []byte) bool {
	const intro = "\x1b[M"
	if len(b) < len(intro) {
		return len(b) >= 2 && bytes.HasPrefix([]byte(intro), b)
	}
	return bytes.HasPrefix(b, []byte(intro))
}
