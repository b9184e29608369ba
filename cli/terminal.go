package cli

import (
	"io"
	"os"
	"time"
	"unicode"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"

	"quarterdash/ui"
)

// localRenderer builds the dashboard's renderer for this terminal: the
// colour profile from TERM and COLORTERM (ui.ColorProfile: GNU screen and
// tmux get 256 colours, not none) and the background from asking the
// terminal, waiting at most ui.BackgroundWait instead of termenv's five
// seconds. The question is asked on /dev/tty in raw mode, before Bubble
// Tea takes the terminal; keys typed meanwhile are returned, as runes, for
// the program to be sent. Without a terminal it returns nil, and the
// caller keeps lipgloss's default renderer.
func localRenderer(lookupEnv func(string) (string, bool)) (*lipgloss.Renderer, []rune) {
	if !isTerminal(os.Stdout) || !term.IsTerminal(os.Stdin.Fd()) {
		return nil, nil
	}
	get := func(k string) string { v, _ := lookupEnv(k); return v }
	env := ui.TermEnv{Term: get("TERM"), ColorTerm: get("COLORTERM"), TermProgram: get("TERM_PROGRAM"), NoColor: noColor(lookupEnv)}
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		r, _ := ui.NewTerminalRenderer(os.Stdout, nil, env, 0)
		r.SetHasDarkBackground(lipgloss.HasDarkBackground())
		return r, nil
	}
	state, err := term.MakeRaw(os.Stdin.Fd()) // termios belongs to the terminal: raw on tty too
	if err != nil {
		_ = tty.Close()
		return nil, nil
	}
	r, rest := ui.NewTerminalRenderer(os.Stdout, tty, env, ui.BackgroundWait)
	// Closing tty ends the reader NewTerminalRenderer started (tty is
	// polled, so Close interrupts its Read); what it read is in rest.
	_ = tty.SetReadDeadline(time.Now())
	_ = tty.Close()
	_ = term.Restore(os.Stdin.Fd(), state)
	var keys []rune
	if rest != nil {
		b, _ := io.ReadAll(rest)
		for _, c := range string(b) {
			if unicode.IsPrint(c) {
				keys = append(keys, c)
			}
		}
	}
	return r, keys
}
