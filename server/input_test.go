package server

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// TestX10MouseBurstDoesNotQuit: old-style mouse reports split across
// packets used to leave their coordinate bytes to be read as keys, and a
// coordinate of 81 is "q", which quit the session.
func TestX10MouseBurstDoesNotQuit(t *testing.T) {
	ts := startServer(t, nil)
	tm := openTerm(t, dial(t, ts.addr), 120, 40)
	tm.waitText(0, "META")
	// A press at column 81, row 81: ESC [ M, then " qq" in a packet of
	// its own, and the other way round: "ESC [" then "M qq".
	for i := 0; i < 50; i++ {
		tm.press("\x1b[M")
		tm.press(" qq")
		tm.press("\x1b[")
		tm.press("M#qq")
	}
	// Still there: a tab redraws, and the session has not ended.
	m := tm.mark()
	tm.press("\t")
	tm.waitUntil(m, "a redraw after tab", func(out []byte) bool { return strings.TrimSpace(visible(out)) != "" })
	select {
	case <-tm.done:
		t.Fatalf("the session ended after a burst of mouse reports; log:\n%s", ts.logs.String())
	default:
	}
	if strings.Contains(ts.logs.String(), "session close") {
		t.Fatalf("the session closed:\n%s", ts.logs.String())
	}
	tm.press("q")
	if st := tm.exitStatus(); st != 0 {
		t.Errorf("q: exit status %d", st)
	}
}

// pieces is a reader that returns one piece per Read.
type pieces struct{ p []string }

func (r *pieces) Read(b []byte) (int, error) {
	if len(r.p) == 0 {
		return 0, io.EOF
	}
	n := copy(b, r.p[0])
	if n < len(r.p[0]) {
		r.p[0] = r.p[0][n:]
	} else {
		r.p = r.p[1:]
	}
	return n, nil
}

// TestX10FramerNeverSplitsAReport: whatever the pieces the input arrives
// in and whatever the reader's buffer size, no read ends inside an X10
// report, the bytes come out unchanged, and a lone ESC is not held back.
func TestX10FramerNeverSplitsAReport(t *testing.T) {
	report := "\x1b[M qq"
	stream := "ab" + strings.Repeat(report, 60) + "\x1b[Ax\x1b" + report + "q"
	for _, bufSize := range []int{256, 7, 64, 1000} {
		for _, cut := range []int{1, 2, 3, 5, 7, 250} {
			var in []string
			for s := stream; s != ""; {
				n := min(cut, len(s))
				in = append(in, s[:n])
				s = s[n:]
			}
			f := &x10Framer{r: &pieces{p: in}}
			var got bytes.Buffer
			buf := make([]byte, bufSize)
			for {
				n, err := f.Read(buf)
				chunk := buf[:n]
				got.Write(chunk)
				// A chunk must not end with a report's first 1-5 bytes
				// (ESC alone excepted: that is the Esc key).
				for k := 2; k < x10Len; k++ {
					if len(chunk) >= k && bytes.HasSuffix(chunk, []byte(report[:k])) {
						t.Fatalf("buf %d, pieces of %d: a read ends inside a report: %q", bufSize, cut, chunk)
					}
				}
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			if got.String() != stream {
				t.Fatalf("buf %d, pieces of %d: bytes changed:\n%q\nwant\n%q", bufSize, cut, got.String(), stream)
			}
		}
	}

	// The Esc key on its own is handed on at once.
	f := &x10Framer{r: &pieces{p: []string{"\x1b"}}}
	buf := make([]byte, 256)
	if n, err := f.Read(buf); n != 1 || err != nil {
		t.Errorf("lone ESC: %d bytes, %v; want it at once", n, err)
	}
}
