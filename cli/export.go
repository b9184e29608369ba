package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"quarterdash/data"
)

func newExportCmd(app *App) *cobra.Command {
	format := "csv"
	cmd := &cobra.Command{
		Use:   "export [--data FILE] [--format csv|json]",
		Short: "Write the data set to stdout as CSV or JSON",
		Long: "export writes the data set (the embedded default, or --data FILE) to stdout.\n\n" +
			"csv:  long format, one row per quarter and reported metric, with the header\n" +
			"      period,metric,value,unit,approx,source. Derived ratio metrics are not\n" +
			"      exported, and a metric a quarter did not report has no row.\n" +
			"json: the parsed data set in the data-file format (docs/data-format.md).",
		Example: "  quarterdash export > quarters.csv\n  quarterdash export --format json --data mine.json",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError(cmd, fmt.Sprintf("unexpected argument %q (use --data FILE)", args[0]))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			var write func(d *data.Dataset) error
			// The format is checked before the data is loaded, so a typo
			// is reported as such even when the data file is also bad.
			switch strings.ToLower(strings.TrimSpace(format)) {
			case "csv":
				write = func(d *data.Dataset) error { return data.WriteCSV(app.Stdout, d) }
			case "json":
				write = func(d *data.Dataset) error { return data.WriteJSON(app.Stdout, d) }
			default:
				return usageError(cmd, fmt.Sprintf("unknown --format %q: want csv or json", format))
			}
			if app.severalCompanies() || app.Peers {
				return exportCompanies(cmd, app, format)
			}
			d, err := app.LoadData()
			var ve *data.ValidationError
			if errors.As(err, &ve) {
				// Every problem on its own file:line:col line, as validate
				// prints them, rather than behind an error prefix that
				// would spoil the first line for editors and grep.
				writeLoadError(app.Stderr, "", err)
				return exitError{code: exitInvalid}
			}
			if err != nil {
				return err
			}
			return write(d)
		},
	}
	cmd.Flags().StringVar(&format, "format", format, "output format: csv or json")
	// The Use line already shows the flags.
	cmd.DisableFlagsInUseLine = true
	cmd.SetFlagErrorFunc(flagError)
	return cmd
}
