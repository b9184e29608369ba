package cli

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-isatty"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"

	"quarterdash/data"
	"quarterdash/ui"
)

// maxRenderSize bounds --width and --height locally. A frame is built in
// memory, and charts allocate per cell, so an absurd size must be refused
// up front. Over SSH the server's tighter window bounds apply instead.
const maxRenderSize = 1000

// renderFlags are the render command's options, and the bounds of its
// sizes.
type renderFlags struct {
	view    string
	quarter string
	width   int
	height  int
	color   string
	list    bool
	metric  string // compare views: the metric id

	maxWidth, maxHeight int
}

func newRenderCmd(app *App) *cobra.Command {
	return renderCmd(app, maxRenderSize, maxRenderSize)
}

// renderCmd is the render command with --width and --height bounded to
// 1-maxWidth and 1-maxHeight.
func renderCmd(app *App, maxWidth, maxHeight int) *cobra.Command {
	f := renderFlags{width: 100, height: 30, color: "auto", maxWidth: maxWidth, maxHeight: maxHeight}
	cmd := &cobra.Command{
		Use:   "render --view NAME [--quarter 2024-Q2] [--width 100] [--height 30] [--color auto|always|never]",
		Short: "Print one frame of a dashboard view to stdout and exit",
		Long: "render draws one view exactly as the dashboard would at the given size, prints it\n" +
			"and exits: for scripts, documentation and bug reports. 'render --list' prints the\n" +
			"view names.\n\n" +
			"--color auto uses colour only when stdout is a terminal and NO_COLOR is not set;\n" +
			"always forces 24-bit colour; never prints plain text.",
		Example: "  quarterdash render --list\n" +
			"  quarterdash render --view overview --quarter 2024-Q2 --width 120 --height 40 --color never",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError(cmd, fmt.Sprintf("unexpected argument %q (use --view NAME)", args[0]))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if app.severalCompanies() || app.Peers {
				return runRenderCompanies(cmd, app, f)
			}
			return runRender(cmd, app, f, ui.Render)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.view, "view", "", "view to draw (see --list)")
	fl.StringVar(&f.quarter, "quarter", "", "quarter to show, e.g. 2024-Q2 (default: the latest)")
	fl.IntVar(&f.width, "width", f.width, fmt.Sprintf("frame width in columns (1-%d)", maxWidth))
	fl.IntVar(&f.height, "height", f.height, fmt.Sprintf("frame height in rows (1-%d)", maxHeight))
	fl.StringVar(&f.color, "color", f.color, "colour: auto, always or never")
	fl.BoolVar(&f.list, "list", false, "print the view names, one per line, and exit")
	fl.StringVar(&f.metric, "metric", "", "with several companies, the compare views' metric id (default revenue)")
	// The Use line already shows the flags.
	cmd.DisableFlagsInUseLine = true
	cmd.SetFlagErrorFunc(flagError)
	return cmd
}

// drawFunc draws one frame; ui.Render outside tests.
type drawFunc func(*data.Dataset, *lipgloss.Renderer, ui.RenderOptions) (string, error)

func runRender(cmd *cobra.Command, app *App, f renderFlags, draw drawFunc) (err error) {
	// Last guard: the dashboard's drawing code is large and fed by
	// user-supplied data; a panic in it becomes an error line, not a
	// stack trace.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("render: internal error: %v", r)
		}
	}()

	if f.list {
		d, err := app.LoadData()
		if err != nil {
			return err
		}
		for _, v := range ui.Views(d) {
			fmt.Fprintln(app.Stdout, v)
		}
		return nil
	}

	mode, err := checkFrameFlags(cmd, f)
	if err != nil {
		return err
	}

	d, err := app.LoadData()
	if err != nil {
		return err
	}
	views := ui.Views(d)
	switch {
	case f.view == "":
		return usageError(cmd, "--view is required; views: "+strings.Join(views, ", "))
	case !slices.Contains(views, f.view):
		return valueError(cmd, fmt.Sprintf("unknown view %q; views: %s", f.view, strings.Join(views, ", ")))
	}
	quarter, err := checkQuarter(d, f.quarter)
	if err != nil {
		return valueError(cmd, err.Error())
	}

	r := newRenderer(app.Stdout, mode, os.LookupEnv)
	frame, err := draw(d, r, ui.RenderOptions{
		View: f.view, Quarter: quarter, Width: f.width, Height: f.height,
	})
	return writeFrame(app.Stdout, f.view, frame, err)
}

// checkFrameFlags checks what needs no data first, so a typo is reported
// as such: the colour mode and the size's bounds. Below the minimum size
// every view is the too-small notice, which a script must see as a
// failure (exit 1, one line on stderr), not as a frame.
func checkFrameFlags(cmd *cobra.Command, f renderFlags) (colorMode, error) {
	mode, err := parseColorMode(f.color)
	if err != nil {
		return 0, valueError(cmd, err.Error())
	}
	for _, s := range []struct {
		name   string
		v, max int
	}{{"--width", f.width, f.maxWidth}, {"--height", f.height, f.maxHeight}} {
		if s.v < 1 || s.v > s.max {
			return 0, valueError(cmd, fmt.Sprintf("%s %d is out of range: want 1 to %d", s.name, s.v, s.max))
		}
	}
	if f.width < ui.MinWidth || f.height < ui.MinHeight {
		fmt.Fprintf(cmd.ErrOrStderr(), "quarterdash render: %d×%d is too small: the dashboard needs at least %d×%d\n",
			f.width, f.height, ui.MinWidth, ui.MinHeight)
		return 0, exitError{code: 1}
	}
	return mode, nil
}

// writeFrame writes a drawn frame, ending in a newline, or the error that
// stopped it.
func writeFrame(w io.Writer, view, frame string, err error) error {
	if err != nil {
		return fmt.Errorf("render %s: %w", view, err)
	}
	if !strings.HasSuffix(frame, "\n") {
		frame += "\n"
	}
	_, err = io.WriteString(w, frame)
	return err
}

// colorMode is the --color setting.
type colorMode int

const (
	colorAuto colorMode = iota
	colorAlways
	colorNever
)

func parseColorMode(s string) (colorMode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "auto", "":
		return colorAuto, nil
	case "always":
		return colorAlways, nil
	case "never":
		return colorNever, nil
	}
	return colorAuto, fmt.Errorf("unknown --color %q: want auto, always or never", s)
}

// newRenderer builds the renderer every style of the frame comes from, with
// the colour profile --color asks for. lookupEnv is os.LookupEnv outside
// tests.
func newRenderer(out io.Writer, mode colorMode, lookupEnv func(string) (string, bool)) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(out)
	switch mode {
	case colorNever:
		r.SetColorProfile(termenv.Ascii)
	case colorAlways:
		// TrueColor rather than guessing from TERM: whoever forces colour
		// is usually piping into a viewer that handles 24-bit escapes.
		r.SetColorProfile(termenv.TrueColor)
	default:
		// termenv already returns Ascii for a pipe and for NO_COLOR, but
		// saying so here keeps the rule visible and independent of
		// CLICOLOR_FORCE, which would otherwise colour a pipe.
		if noColor(lookupEnv) || !isTerminal(out) {
			r.SetColorProfile(termenv.Ascii)
		}
	}
	return r
}

// noColor reports whether NO_COLOR is set to a non-empty value
// (https://no-color.org).
func noColor(lookupEnv func(string) (string, bool)) bool {
	v, ok := lookupEnv("NO_COLOR")
	return ok && v != ""
}

// isTerminal reports whether w is a terminal. Anything that is not an
// *os.File (a buffer in tests, a network stream) is not.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// checkQuarter checks --quarter against the data (data's one quarter
// check) and returns the canonical label ("2024-Q2"), or "" for the
// latest.
func checkQuarter(d *data.Dataset, s string) (string, error) {
	i, err := d.ResolveQuarter(s)
	switch {
	case err != nil:
		return "", fmt.Errorf("--quarter %v", err)
	case strings.TrimSpace(s) == "":
		return "", nil
	}
	return d.Quarters[i].Label(), nil
}

// valueError reports a flag whose value is wrong (as opposed to a missing
// or unknown flag): one line naming the problem, exit status 2.
func valueError(cmd *cobra.Command, msg string) error {
	fmt.Fprintf(cmd.ErrOrStderr(), "quarterdash %s: %s\n", cmd.Name(), msg)
	return exitError{code: exitUsage}
}
