package edgar

import (
	"fmt"
	"io"
	"time"
)

// progressEvery is how often the progress line is redrawn at most.
const progressEvery = 100 * time.Millisecond

// progress draws "companyfacts CIK0001652044: 1.2 MB of 4.1 MB" on one
// terminal line while a body downloads, and clears it at the end. It
// counts the bytes as they arrive (compressed, like Content-Length).
type progress struct {
	w     io.Writer
	what  string
	total int64 // Content-Length; -1 when unknown
	n     int64
	now   func() time.Time
	last  time.Time
	shown bool
}

// Write implements io.Writer for io.TeeReader; it never fails, so a
// broken terminal cannot break a download.
func (p *progress) Write(b []byte) (int, error) {
	p.n += int64(len(b))
	if t := p.now(); !p.shown || t.Sub(p.last) >= progressEvery {
		p.last = t
		p.shown = true
		line := fmt.Sprintf("%s: %s", p.what, formatBytes(p.n))
		if p.total > 0 {
			line += " of " + formatBytes(p.total)
		}
		fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	}
	return len(b), nil
}

// done clears the line, so what follows starts on a clean one.
func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// formatBytes is a size in decimal units with one decimal: "812 B",
// "4.1 KB", "1.2 MB".
func formatBytes(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f KB", float64(n)/1e3)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
}
