package ui

import (
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// TermEnv is what a terminal says about itself through the environment:
// locally os.Getenv, over SSH the PTY request's TERM and the session's
// environment (OpenSSH sends TERM but not COLORTERM).
type TermEnv struct {
	Term        string // TERM
	ColorTerm   string // COLORTERM
	TermProgram string // TERM_PROGRAM
	NoColor     bool   // NO_COLOR is set to a non-empty value
}

// ColorProfile is the colour profile for a terminal described by e. It
// follows termenv for the terminals termenv knows, and fixes the case
// where termenv gives no colour (not even bold) to terminals that have
// had 256 colours for years: GNU screen and tmux (TERM=screen, screen.*,
// tmux, tmux.*, without "256color" in the name), and any TERM naming
// itself "-color" or "direct". NO_COLOR and TERM=dumb (or an empty TERM)
// give plain text.
func ColorProfile(e TermEnv) termenv.Profile {
	term := strings.ToLower(e.Term)
	switch {
	case e.NoColor, term == "", term == "dumb":
		return termenv.Ascii
	}
	switch strings.ToLower(e.ColorTerm) {
	case "truecolor", "24bit":
		if strings.HasPrefix(term, "screen") && e.TermProgram != "tmux" {
			return termenv.ANSI256 // GNU screen passes 256 colours, not 24-bit
		}
		return termenv.TrueColor
	case "yes", "true":
		return termenv.ANSI256
	}
	switch {
	case strings.HasSuffix(term, "-direct"), term == "alacritty", term == "contour", term == "rio",
		term == "wezterm", term == "xterm-ghostty", term == "xterm-kitty":
		return termenv.TrueColor
	case strings.Contains(term, "256color"),
		term == "screen", strings.HasPrefix(term, "screen."), strings.HasPrefix(term, "screen-"),
		term == "tmux", strings.HasPrefix(term, "tmux.") || strings.HasPrefix(term, "tmux-"):
		return termenv.ANSI256
	case strings.Contains(term, "color"), strings.Contains(term, "ansi"), term == "linux", term == "xterm",
		strings.HasPrefix(term, "vt") && term >= "vt220", term == "putty", term == "rxvt", strings.HasPrefix(term, "rxvt-"):
		return termenv.ANSI
	}
	return termenv.Ascii
}

// BackgroundWait bounds how long NewTerminalRenderer waits for the
// terminal to say its background colour: long enough for a terminal over
// a slow link, short enough that nobody sees a blank screen.
const BackgroundWait = 300 * time.Millisecond

// NewTerminalRenderer builds the renderer every style of a session comes
// from: the colour profile from e (ColorProfile), and the background from
// asking the terminal (OSC 11), waiting at most wait. The question is
// followed by a device-attributes request (DA1) that every terminal
// answers, so a terminal that does not know OSC 11 ends the wait at once;
// one that answers nothing at all ends it at wait, and is taken to be dark.
//
// out is where the frames go and in the terminal's input. The returned
// reader is the input to give Bubble Tea (tea.WithInput): it yields every
// byte read while waiting that was not an answer (a key pressed at once
// is not lost), then the rest of in. It owns in from now on: read in only
// through it. A colourless profile asks nothing and returns in.
//
// Over SSH, in place of bm.MakeRenderer(sess) and the input in
// bm.MakeOptions(sess):
//
//	pty, _, _ := sess.Pty()
//	r, input := ui.NewTerminalRenderer(sess, sess, ui.TermEnv{Term: pty.Term, ColorTerm: envOf(sess, "COLORTERM")}, ui.BackgroundWait)
//	opts := append(bm.MakeOptions(sess), tea.WithInput(input))
//	m := ui.New(ui.Config{Renderer: r, ...})
func NewTerminalRenderer(out io.Writer, in io.Reader, e TermEnv, wait time.Duration) (*lipgloss.Renderer, io.Reader) {
	r := lipgloss.NewRenderer(out, termenv.WithTTY(true), termenv.WithColorCache(true))
	p := ColorProfile(e)
	r.SetColorProfile(p)
	if p == termenv.Ascii || in == nil {
		r.SetHasDarkBackground(true)
		return r, in
	}
	dark, _, rest := QueryBackground(in, out, wait)
	r.SetHasDarkBackground(dark)
	return r, rest
}

// QueryBackground asks the terminal behind out and in for its background
// colour and reads the answer for at most wait. dark reports a dark
// background (assumed when there is no answer, ok false). rest yields the
// bytes read that were not an answer, then the rest of in; in is read by
// one goroutine from now on, through rest, so no byte is lost.
func QueryBackground(in io.Reader, out io.Writer, wait time.Duration) (dark, ok bool, rest io.Reader) {
	pr := newPumpReader(in)
	if _, err := io.WriteString(out, "\x1b]11;?\x07\x1b[c"); err != nil {
		return true, false, pr
	}
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	var buf []byte
	for {
		if d, found, rest, done := parseReplies(buf); done {
			pr.unread(rest)
			if !found {
				return true, false, pr
			}
			return d, true, pr
		}
		select {
		case chunk, open := <-pr.ch:
			if !open {
				pr.unread(buf)
				return true, false, pr
			}
			buf = append(buf, chunk...)
		case <-deadline.C:
			// No answer in time: what arrived (keys, a late half of an
			// answer) goes to the program, less any whole answer in it.
			d, found, rest, _ := parseReplies(buf)
			pr.unread(rest)
			if !found {
				d = true
			}
			return d, found, pr
		}
	}
}

var (
	oscBackground = regexp.MustCompile(`\x1b\]11;rgba?:([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})(?:/[0-9a-fA-F]{1,4})?(?:\x07|\x1b\\)`)
	deviceAttrs   = regexp.MustCompile(`\x1b\[\?[0-9;]*c`)
)

// parseReplies finds the OSC 11 answer and the DA1 answer in buf. It
// returns the background's darkness if the OSC answer is there (found),
// buf without the answers (rest), and done once the DA1 answer has come
// (terminals answer in order, so no OSC answer follows it).
func parseReplies(buf []byte) (dark, found bool, rest []byte, done bool) {
	rest = buf
	if m := oscBackground.FindSubmatchIndex(rest); m != nil {
		var rgb [3]float64
		for i := range 3 {
			hex := string(rest[m[2+2*i]:m[3+2*i]])
			v, _ := strconv.ParseUint(hex, 16, 16)
			rgb[i] = float64(v) / float64(uint64(1)<<(4*len(hex))-1)
		}
		// Relative luminance (Rec. 709 weights), as termenv judges it.
		dark, found = 0.2126*rgb[0]+0.7152*rgb[1]+0.0722*rgb[2] < 0.5, true
		rest = append(append([]byte{}, rest[:m[0]]...), rest[m[1]:]...)
	}
	if m := deviceAttrs.FindIndex(rest); m != nil {
		rest = append(append([]byte{}, rest[:m[0]]...), rest[m[1]:]...)
		done = true
	}
	return dark, found, rest, done
}

// pumpReader reads in on one goroutine and hands the bytes out through
// Read, after any bytes given back with unread.
type pumpReader struct {
	ch      chan []byte
	pending bytes.Buffer
	err     error
}

func newPumpReader(in io.Reader) *pumpReader {
	p := &pumpReader{ch: make(chan []byte)}
	go func() {
		defer close(p.ch)
		for {
			b := make([]byte, 256)
			n, err := in.Read(b)
			if n > 0 {
				p.ch <- b[:n]
			}
			if err != nil {
				p.err = err
				return
			}
		}
	}()
	return p
}

func (p *pumpReader) unread(b []byte) { p.pending.Write(b) }

// Read implements io.Reader.
func (p *pumpReader) Read(b []byte) (int, error) {
	if p.pending.Len() > 0 {
		return p.pending.Read(b)
	}
	chunk, open := <-p.ch
	if !open {
		if p.err != nil {
			return 0, p.err
		}
		return 0, io.EOF
	}
	n := copy(b, chunk)
	p.pending.Write(chunk[n:])
	return n, nil
}
