package server

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/muesli/termenv"

	"quarterdash/data"
	"quarterdash/ui"
)

// commandUsage lists what works over SSH besides the dashboard.
const commandUsage = `quarterdash over SSH

  ssh -t -p PORT HOST                      the dashboard (needs a terminal: -t)
  ssh -p PORT HOST render --view NAME [--quarter 2024-Q2] [--width 100] [--height 30]
                                           one frame of a view, as plain text
  ssh -p PORT HOST render --list           the view names
  ssh -p PORT HOST export [--format csv|json]
                                           the data set
  ssh -p PORT HOST help                    this text
`

// runCommand runs a command sent with `ssh host CMD ...`. The arguments
// come from the client's command string split by charmbracelet/ssh's
// shell-word lexer; nothing is ever run by a shell. Output is plain text:
// scripts are the audience.
func (s *Server) runCommand(sess ssh.Session, args []string) (status int, reason string) {
	out := bufio.NewWriter(sess)
	defer out.Flush()
	errOut := sess.Stderr()
	switch args[0] {
	case "render":
		err := s.render(out, errOut, args[1:])
		return commandStatus(err, errOut, "render")
	case "export":
		err := s.export(out, errOut, args[1:])
		return commandStatus(err, errOut, "export")
	case "help", "-h", "--help", "-help":
		_, _ = io.WriteString(out, commandUsage)
		return 0, "help"
	}
	fmt.Fprintf(errOut, "quarterdash: unknown command %q\n\n%s", args[0], commandUsage)
	return 1, "unknown command"
}

// errUsage marks an error already explained by the flag package.
var errUsage = errors.New("usage")

// badValue is a flag whose value is wrong; like the local commands, it is
// reported in one line with exit status 2.
type badValue string

func (b badValue) Error() string { return string(b) }

func badValuef(format string, a ...any) error { return badValue(fmt.Sprintf(format, a...)) }

// commandStatus maps a command's error to its exit status: 0, 2 for bad
// flags (as the local commands do), 1 for anything else.
func commandStatus(err error, errOut io.Writer, name string) (int, string) {
	switch {
	case err == nil:
		return 0, name
	case errors.Is(err, flag.ErrHelp):
		return 0, name + " help"
	case errors.Is(err, errUsage):
		return 2, name + ": bad arguments"
	}
	var bv badValue
	if errors.As(err, &bv) {
		fmt.Fprintf(errOut, "quarterdash %s: %v\n", name, err)
		return 2, name + ": bad arguments"
	}
	fmt.Fprintf(errOut, "quarterdash %s: %v\n", name, err)
	return 1, name + " failed"
}

func newFlagSet(name string, errOut io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(errOut)
	return fs
}

// parseFlags parses args and rejects leftover arguments.
func parseFlags(fs *flag.FlagSet, args []string, errOut io.Writer) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(errOut, "quarterdash %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}

// render prints one frame like `quarterdash render --color never`. Sizes
// are bounded like a PTY's, since strangers choose them.
func (s *Server) render(out, errOut io.Writer, args []string) (err error) {
	fs := newFlagSet("render", errOut)
	view := fs.String("view", "", "view to draw (see --list)")
	quarter := fs.String("quarter", "", "quarter to show, e.g. 2024-Q2 (default: the latest)")
	width := fs.Int("width", 100, fmt.Sprintf("frame width in columns (%d-%d)", minWidth, maxWidth))
	height := fs.Int("height", 30, fmt.Sprintf("frame height in rows (%d-%d)", minHeight, maxHeight))
	list := fs.Bool("list", false, "print the view names and exit")
	if err := parseFlags(fs, args, errOut); err != nil {
		return err
	}
	d := s.cfg.Data
	views := ui.Views(d)
	if *list {
		for _, v := range views {
			fmt.Fprintln(out, v)
		}
		return nil
	}
	switch {
	case *width < minWidth || *width > maxWidth:
		return badValuef("--width %d is out of range: want %d to %d", *width, minWidth, maxWidth)
	case *height < minHeight || *height > maxHeight:
		return badValuef("--height %d is out of range: want %d to %d", *height, minHeight, maxHeight)
	case *view == "":
		return badValuef("--view is required; views: %s", strings.Join(views, ", "))
	case !slices.Contains(views, *view):
		return badValuef("unknown view %q; views: %s", *view, strings.Join(views, ", "))
	}
	q, err := canonicalQuarter(d, *quarter)
	if err != nil {
		return err
	}
	// Drawing code is large and fed by data; a panic in it is an error
	// line for this client, not a dead server.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	frame, err := ui.Render(d, plainRenderer(), ui.RenderOptions{View: *view, Quarter: q, Width: *width, Height: *height})
	if err != nil {
		return err
	}
	if !strings.HasSuffix(frame, "\n") {
		frame += "\n"
	}
	_, err = io.WriteString(out, frame)
	return err
}

// plainRenderer is the renderer of `render --color never`: no escapes.
func plainRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return r
}

// canonicalQuarter checks --quarter against the data and returns its
// canonical label, or "" for the latest.
func canonicalQuarter(d *data.Dataset, s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	p, err := data.ParsePeriod(s)
	if err != nil {
		return "", badValuef("--quarter: %v", err)
	}
	if p.IsYear() || d.QuarterIndex(p) < 0 {
		return "", badValuef("--quarter %s is not a quarter in the data", s)
	}
	return p.String(), nil
}

// export prints the data set like `quarterdash export`.
func (s *Server) export(out, errOut io.Writer, args []string) error {
	fs := newFlagSet("export", errOut)
	format := fs.String("format", "csv", "output format: csv or json")
	if err := parseFlags(fs, args, errOut); err != nil {
		return err
	}
	switch strings.ToLower(strings.TrimSpace(*format)) {
	case "csv":
		return data.WriteCSV(out, s.cfg.Data)
	case "json":
		return data.WriteJSON(out, s.cfg.Data)
	}
	return badValuef("unknown --format %q: want csv or json", *format)
}
