package ui

import (
	"io"
	"testing"
	"time"

	"github.com/muesli/termenv"
)

func TestColorProfile(t *testing.T) {
	tests := []struct {
		env  TermEnv
		want termenv.Profile
	}{
		{TermEnv{Term: "screen"}, termenv.ANSI256},
		{TermEnv{Term: "screen.xterm-256color"}, termenv.ANSI256},
		{TermEnv{Term: "screen.linux"}, termenv.ANSI256},
		{TermEnv{Term: "tmux"}, termenv.ANSI256},
		{TermEnv{Term: "tmux-256color"}, termenv.ANSI256},
		{TermEnv{Term: "xterm-256color"}, termenv.ANSI256},
		{TermEnv{Term: "xterm-256color", ColorTerm: "truecolor"}, termenv.TrueColor},
		{TermEnv{Term: "screen", ColorTerm: "truecolor"}, termenv.ANSI256},
		{TermEnv{Term: "screen", ColorTerm: "truecolor", TermProgram: "tmux"}, termenv.TrueColor},
		{TermEnv{Term: "xterm-kitty"}, termenv.TrueColor},
		{TermEnv{Term: "xterm"}, termenv.ANSI},
		{TermEnv{Term: "linux"}, termenv.ANSI},
		{TermEnv{Term: "dumb"}, termenv.Ascii},
		{TermEnv{}, termenv.Ascii},
		{TermEnv{Term: "xterm-256color", NoColor: true}, termenv.Ascii},
	}
	for _, tt := range tests {
		if got := ColorProfile(tt.env); got != tt.want {
			t.Errorf("ColorProfile(%+v) = %v, want %v", tt.env, got, tt.want)
		}
	}
}

// fakeTerminal answers the background query like a terminal: reply is
// written to the program's input when the query arrives; before is typed
// first (a key pressed at once).
type fakeTerminal struct {
	before, reply string
	w             *io.PipeWriter
}

func (f fakeTerminal) Write(b []byte) (int, error) {
	go func() {
		if f.before != "" {
			_, _ = f.w.Write([]byte(f.before))
		}
		if f.reply != "" {
			_, _ = f.w.Write([]byte(f.reply))
		}
	}()
	return len(b), nil
}

func TestQueryBackground(t *testing.T) {
	const da1 = "\x1b[?62;22c"
	tests := []struct {
		name          string
		before, reply string
		dark, ok      bool
		keep          string
		fasterThan    time.Duration
	}{
		{"black, BEL", "", "\x1b]11;rgb:0000/0000/0000\x07" + da1, true, true, "", 250 * time.Millisecond},
		{"white, ST", "", "\x1b]11;rgb:ffff/ffff/ffff\x1b\\" + da1, false, true, "", 250 * time.Millisecond},
		{"two-digit hex", "", "\x1b]11;rgb:f0/f0/f0\x07" + da1, false, true, "", 250 * time.Millisecond},
		{"no OSC 11, DA1 ends the wait", "", da1, true, false, "", 250 * time.Millisecond},
		{"a key before the answer is kept", "j", "\x1b]11;rgb:ffff/ffff/ffff\x07" + da1, false, true, "j", 250 * time.Millisecond},
		{"no answer: bounded wait, key kept", "q", "", true, false, "q", 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pr, pw := io.Pipe()
			defer pw.Close()
			start := time.Now()
			dark, ok, rest := QueryBackground(pr, fakeTerminal{before: tt.before, reply: tt.reply, w: pw}, 300*time.Millisecond)
			if d := time.Since(start); d > tt.fasterThan {
				t.Errorf("took %v", d)
			}
			if dark != tt.dark || ok != tt.ok {
				t.Errorf("dark %v ok %v, want %v %v", dark, ok, tt.dark, tt.ok)
			}
			go func() { _, _ = pw.Write([]byte("x")) }()
			want := tt.keep + "x"
			got := make([]byte, len(want))
			if _, err := io.ReadFull(rest, got); err != nil || string(got) != want {
				t.Errorf("the program reads %q (%v), want %q", got, err, want)
			}
		})
	}
}

// TestNewTerminalRendererProfile: TERM=screen gets colour and bold.
func TestNewTerminalRendererProfile(t *testing.T) {
	r, in := NewTerminalRenderer(io.Discard, nil, TermEnv{Term: "screen"}, BackgroundWait)
	if r.ColorProfile() != termenv.ANSI256 || in != nil {
		t.Errorf("profile %v", r.ColorProfile())
	}
	if s := NewStyles(r).Title.Render("x"); s == "x" {
		t.Error("TERM=screen draws without bold or colour")
	}
}
