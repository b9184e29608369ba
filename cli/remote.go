package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"quarterdash/data"
	"quarterdash/server"
	"quarterdash/ui"
)

// sshLong is the help text of the command tree served over SSH.
const sshLong = `quarterdash over SSH: the dashboard, and commands for scripts (plain text).

  ssh -t -p PORT HOST                      the dashboard (needs a terminal: -t)
  ssh -p PORT HOST render --view NAME [--quarter 2024-Q2] [--width 100] [--height 30]
                                           one frame of a view
  ssh -p PORT HOST render --list           the view names
  ssh -p PORT HOST export [--format csv|json]
                                           the data set
  ssh -p PORT HOST help [COMMAND]          this text, or a command's

Exit status: 0 on success, 2 for a bad flag or value, 1 otherwise.`

// sshCommands is the server's CommandFunc: every command a client sends
// runs on a fresh tree of the local render and export commands (and help),
// on the server's data set (its companies, when it serves several), with --width and --height bounded by the
// server's window limits. Nothing else is there: no --data (a client must
// not name files on the server), no validate, serve or import.
func sshCommands(d *data.Dataset, several ...ui.Company) server.CommandFunc {
	return func(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
		app := &App{Data: d, Companies: several, Stdout: stdout, Stderr: stderr}
		root := newSSHRootCmd(app)
		root.SetIn(stdin)
		root.SetOut(stdout)
		root.SetErr(stderr)
		root.SetArgs(args)
		err := root.Execute()
		var ee exitError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ee):
			return ee.code
		case strings.HasPrefix(err.Error(), "unknown command"):
			// Status 1, with the usage text: the documented SSH behaviour.
			fmt.Fprintf(stderr, "quarterdash: %v\n\n%s\n", err, sshLong)
			return 1
		}
		fmt.Fprintln(stderr, "quarterdash:", oneLine(err.Error()))
		return 1
	}
}

// newSSHRootCmd is the root of the tree served over SSH.
func newSSHRootCmd(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:           "quarterdash",
		Short:         "quarterdash over SSH",
		Long:          sshLong,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.CompletionOptions.DisableDefaultCmd = true
	render := renderCmd(app, server.MaxWidth, server.MaxHeight)
	export := newExportCmd(app)
	export.Use = "export [--format csv|json]"
	root.AddCommand(render, export)
	root.SetFlagErrorFunc(flagError)
	return root
}
