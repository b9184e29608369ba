// Package cli wires quarterdash's commands and flags to packages data, ui
// and server. It is the only place that reads flags and the environment.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spf13/cobra"

	"quarterdash/data"
	"quarterdash/ui"
)

// App carries what every command shares.
type App struct {
	// DefaultData is the embedded quarters.json.
	DefaultData []byte
	// DataPath is --data; empty means the embedded default.
	DataPath string
	Stdout   io.Writer
	Stderr   io.Writer
}

// LoadData returns the data set selected by --data, or the embedded default.
func (a *App) LoadData() (*data.Dataset, error) {
	if a.DataPath == "" {
		return data.Parse(a.DefaultData, "quarters.json (embedded)")
	}
	return data.Load(a.DataPath)
}

// exitError carries an exit status through cobra without printing twice.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// Execute runs the command line and returns the process exit status.
func Execute(defaultData []byte, args []string) int {
	return execute(&App{DefaultData: defaultData, Stdout: os.Stdout, Stderr: os.Stderr}, args)
}

// execute is Execute with the App (and so the output streams) given, for
// tests. Usage errors (an unknown command or flag) exit 2; failures exit 1.
func execute(app *App, args []string) int {
	root := newRootCmd(app)
	root.SetArgs(args)
	root.SetOut(app.Stdout)
	root.SetErr(app.Stderr)
	root.SetFlagErrorFunc(flagError)
	err := root.Execute()
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	case strings.HasPrefix(err.Error(), "unknown command"):
		fmt.Fprintln(app.Stderr, "quarterdash:", err)
		fmt.Fprintln(app.Stderr, "Run 'quarterdash --help' for usage.")
		return 2
	case errors.As(err, new(*data.ValidationError)):
		// An invalid --data file: every problem on its own file:line:col
		// line, as validate prints them, for editors and grep.
		writeLoadError(app.Stderr, app.DataPath, err)
		return 1
	default:
		fmt.Fprintln(app.Stderr, "quarterdash:", err)
		return 1
	}
}

func newRootCmd(app *App) *cobra.Command {
	quarter := ""
	root := &cobra.Command{
		Use:   "quarterdash",
		Short: "A terminal dashboard of a company's quarterly results",
		Long: "quarterdash shows a company's quarterly results (revenue, margins, capex and its\n" +
			"guidance, segment losses, users) as a tabbed terminal dashboard with sparklines.\n" +
			"With no command it opens the dashboard on the embedded Meta Platforms data set.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDashboard(app, quarter)
		},
	}
	root.PersistentFlags().StringVar(&app.DataPath, "data", envOr("QUARTERDASH_DATA", ""),
		"quarterly results file to use instead of the embedded default (env QUARTERDASH_DATA)")
	root.Flags().StringVar(&quarter, "quarter", "", "quarter to start on, e.g. 2024-Q2 (default: the latest)")
	root.AddCommand(newValidateCmd(app), newExportCmd(app), newRenderCmd(app), newServeCmd(app))
	return root
}

func runDashboard(app *App, quarter string) error {
	d, err := app.LoadData()
	if err != nil {
		return err
	}
	if quarter, err = checkQuarter(d, quarter); err != nil {
		return err
	}
	cfg := ui.Config{Data: d, Quarter: quarter}
	if app.DataPath != "" {
		// r in the dashboard rereads the file: edit it beside the dashboard
		// and see the result without restarting.
		path := app.DataPath
		cfg.Reload = func() (*data.Dataset, error) { return data.Load(path) }
	}
	m := ui.New(cfg)
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithMouseCellMotion())
	if _, err = p.Run(); err != nil && !isTerminal(os.Stdout) {
		return fmt.Errorf("the dashboard needs a terminal (%v); for scripts use 'quarterdash render --view NAME' or 'quarterdash export'", err)
	}
	return err
}

func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}
