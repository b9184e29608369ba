package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"quarterdash/data"
)

// Exit statuses shared by validate, export and render. 1 is also what
// Execute returns for any other error.
const (
	exitInvalid = 1 // a data file has problems
	exitUsage   = 2 // the command line itself is wrong
)

func newValidateCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check quarterly-results files and report every problem",
		Long: "validate parses each FILE (and the --data file, when one is given) and checks it\n" +
			"against the data format (docs/data-format.md). A valid file gets one summary line on\n" +
			"stdout; an invalid one gets every problem on stderr, one per line as\n" +
			"file:line:col: message.\n\n" +
			"Exit status: 0 when every file is valid, 1 when any is not, 2 on a usage error.",
		Example: "  quarterdash validate quarters.json\n  quarterdash validate a.json b.json\n  quarterdash --data mine.json validate",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && app.DataPath == "" {
				return usageError(cmd, "no FILE given: name at least one data file")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			// --data names a file like any other here: checking it is what
			// someone who sets QUARTERDASH_DATA and runs validate means.
			files := slices.Clone(args)
			extra, err := app.dataFiles() // every --data, a directory's files too
			if err != nil {
				return err
			}
			for _, f := range extra {
				if !slices.Contains(files, f) {
					files = append(files, f)
				}
			}
			bad := 0
			for _, path := range files {
				if !validateFile(app.Stdout, app.Stderr, path, data.Load) {
					bad++
				}
			}
			if bad > 0 {
				return exitError{code: exitInvalid}
			}
			return nil
		},
	}
	cmd.SetFlagErrorFunc(flagError)
	return cmd
}

// validateFile checks one file, writes its summary or its problems, and
// reports whether it was valid. It recovers from a panic in the parser so
// that one hostile file cannot hide the results for the others or print a
// Go stack trace. load is data.Load outside tests.
func validateFile(stdout, stderr io.Writer, path string, load func(string) (*data.Dataset, error)) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "%s: internal error while validating: %v\n", path, r)
			ok = false
		}
	}()
	d, err := load(path)
	if err != nil {
		writeLoadError(stderr, path, err)
		return false
	}
	fmt.Fprintln(stdout, summary(path, d))
	return true
}

// writeLoadError prints a load failure: every problem of a validation error
// on its own line, or a single line for anything else (a missing file).
func writeLoadError(w io.Writer, path string, err error) {
	var ve *data.ValidationError
	if errors.As(err, &ve) && len(ve.Problems) > 0 {
		for _, p := range ve.Problems {
			fmt.Fprintln(w, oneLine(p.String()))
		}
		return
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		fmt.Fprintf(w, "%s: cannot read: %v\n", path, pe.Err)
		return
	}
	fmt.Fprintf(w, "%s: %s\n", path, oneLine(err.Error()))
}

// summary is the one-line description of a valid file.
func summary(path string, d *data.Dataset) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: ok — %s (%s), %s", path, d.Company.Name, d.Company.Ticker,
		plural(len(d.Quarters), "quarter"))
	if n := len(d.Quarters); n > 0 {
		fmt.Fprintf(&b, " %s..%s", d.Quarters[0].Label(), d.Quarters[n-1].Label())
	}
	fmt.Fprintf(&b, ", %s, %s, %s", plural(len(d.Metrics), "metric"),
		plural(len(d.Segments), "segment"), plural(len(d.Guidance), "guidance range"))
	return b.String()
}

func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// oneLine keeps a message to one line, so each problem stays one line of
// output that editors and grep can follow.
func oneLine(s string) string {
	return strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", " ")
}

// usageError prints msg and the command's usage line to stderr and returns
// the exit status for a usage error. Execute does not print exitError, so
// the message is printed here.
func usageError(cmd *cobra.Command, msg string) error {
	w := cmd.ErrOrStderr()
	fmt.Fprintf(w, "%s: %s\n", cmd.CommandPath(), msg)
	fmt.Fprintf(w, "usage: %s\nrun '%s --help' for more\n", cmd.UseLine(), cmd.CommandPath())
	return exitError{code: exitUsage}
}

// flagError turns cobra's flag-parsing errors (an unknown flag, a bad
// number) into usage errors with status 2 instead of the generic 1.
func flagError(cmd *cobra.Command, err error) error {
	return usageError(cmd, err.Error())
}
