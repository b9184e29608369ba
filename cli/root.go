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
	// DataPath is the first --data; empty means the embedded default.
	DataPath string
	// DataPaths is every --data given (files or directories), in order.
	DataPaths []string
	// Peers is --peers: the embedded companies beside the default one.
	Peers  bool
	Stdout io.Writer
	Stderr io.Writer
	// runUI runs the dashboard; nil means in this terminal (runProgram).
	// Tests replace it to see the Config a command builds.
	runUI func(ui.Config) error
	// Data, when set, is the data set already loaded (the SSH server's,
	// for commands run over SSH); LoadData returns it.
	Data *data.Dataset
	// Companies, when set, are the companies already loaded (the SSH
	// server's several); LoadCompanies returns them.
	Companies []ui.Company
}

// LoadData returns the data set selected by --data, or the embedded default.
func (a *App) LoadData() (*data.Dataset, error) {
	if a.Data != nil {
		return a.Data, nil
	}
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
	case errors.As(err, new(*loadError)):
		// One of several --data files: its problems, under its name.
		var le *loadError
		errors.As(err, &le)
		writeLoadError(app.Stderr, le.path, le.err)
		return 1
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
	company := ""
	var sec secFlags
	root := &cobra.Command{
		Use:   "quarterdash [TICKER|CIK]",
		Short: "A terminal dashboard of a company's quarterly results",
		Long: "quarterdash shows a company's quarterly results (revenue, margins, capex and its\n" +
			"guidance, segment losses, users) as a tabbed terminal dashboard with sparklines.\n" +
			"With no command it opens the dashboard on the embedded Meta Platforms data set;\n" +
			"with a ticker or CIK (quarterdash GOOGL) it opens it on that company's 10-Q and\n" +
			"10-K filings, fetched from SEC EDGAR into the cache (r in the dashboard fetches\n" +
			"them again).\n\n" + secFlagsHelp,
		Example: "  quarterdash\n" +
			"  quarterdash --data mine.json --quarter 2024-Q2\n" +
			"  QUARTERDASH_SEC_USER_AGENT=\"Jane Doe jane@example.com\" quarterdash GOOGL",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          rootArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 || len(args) == 1 && (len(app.DataPaths) > 0 && cmd.Flags().Changed("data") || app.Peers) {
				return runTickerCompanies(cmd, app, args, quarter, sec)
			}
			c, err := companyArg(cmd, args, company)
			if err != nil {
				return err
			}
			if c == "" {
				return runDashboard(app, quarter)
			}
			return runCompanyDashboard(cmd, app, c, quarter, sec)
		},
	}
	root.Version = buildVersion()
	root.SetVersionTemplate("quarterdash {{.Version}}\n")
	app.setDataDefault(envOr("QUARTERDASH_DATA", ""))
	root.PersistentFlags().Var(&dataFlag{app: app}, "data",
		"quarterly results file to use instead of the embedded default (env QUARTERDASH_DATA);\n"+
			"repeat it, or name a directory (every *.json in it), to open several companies")
	root.PersistentFlags().BoolVar(&app.Peers, "peers", false,
		"also open the companies shipped in the binary (Alphabet, Apple, NVIDIA, from SEC XBRL), no network")
	root.Flags().StringVar(&quarter, "quarter", "", "quarter to start on, e.g. 2024-Q2 (default: the latest)")
	root.Flags().StringVar(&company, "company", "", "open the dashboard on this company's SEC filings: a ticker or a CIK")
	addSECFlags(root.Flags(), &sec)
	root.AddCommand(newValidateCmd(app), newExportCmd(app), newRenderCmd(app), newServeCmd(app), newImportCmd(app))
	return root
}

func runDashboard(app *App, quarter string) error {
	if app.severalCompanies() || app.Peers {
		return runCompanies(app, quarter)
	}
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
	return app.runDashboardUI(cfg)
}

func (a *App) runDashboardUI(cfg ui.Config) error {
	if a.runUI != nil {
		return a.runUI(cfg)
	}
	return runProgram(cfg)
}

// runProgram runs the dashboard in the terminal until the user quits.
func runProgram(cfg ui.Config) error {
	var typed []rune
	if cfg.Renderer == nil {
		cfg.Renderer, typed = localRenderer(os.LookupEnv)
	}
	m := ui.Open(cfg) // the single-company Model, or a Workspace of several
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithMouseCellMotion())
	if len(typed) > 0 {
		// Keys pressed while the terminal was asked its background.
		go p.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: typed})
	}
	if _, err := p.Run(); err != nil {
		if !isTerminal(os.Stdout) {
			return fmt.Errorf("the dashboard needs a terminal (%v); for scripts use 'quarterdash render --view NAME' or 'quarterdash export'", err)
		}
		return err
	}
	return nil
}

func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}
