package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"quarterdash/data"
	"quarterdash/edgar"
	"quarterdash/xbrl"
)

func newImportCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import SOURCE ...",
		Short: "Make a data file from another source (sec: SEC EDGAR's XBRL filings)",
		Long: "import makes a quarterdash data file from another source. The one source is sec:\n" +
			"a company's 10-Q and 10-K filings as SEC EDGAR publishes them (see 'quarterdash\n" +
			"import sec --help').",
		Example: "  quarterdash import sec AAPL -o apple.json",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError(cmd, fmt.Sprintf("unknown source %q: the source is sec", args[0]))
			}
			return usageError(cmd, "name a source: sec")
		},
	}
	cmd.AddCommand(newImportSECCmd(app))
	cmd.SetFlagErrorFunc(flagError)
	return cmd
}

// importSECFlags are import sec's own flags.
type importSECFlags struct {
	sec          secFlags
	output       string
	companyfacts string
	submissions  string
}

func newImportSECCmd(app *App) *cobra.Command {
	var f importSECFlags
	cmd := &cobra.Command{
		Use:   "sec TICKER|CIK [-o FILE]",
		Short: "Convert a company's SEC EDGAR filings into a data file",
		Long: "sec fetches a company's XBRL facts (companyfacts), its submissions and SEC's\n" +
			"ticker map from SEC EDGAR, converts its quarters (revenue, margins, EPS, cash flow,\n" +
			"capex) with every figure traced to its 10-Q or 10-K, and writes a data file:\n" +
			"to stdout, or with -o to FILE (written whole or not at all: a failure leaves an\n" +
			"existing FILE as it was). The company is a ticker (GOOGL, BRK.B) or a CIK, with or\n" +
			"without leading zeros. Warnings go to stderr. docs/sec-import.md has the rules.\n\n" +
			"Offline: --companyfacts FILE [--submissions FILE] converts saved SEC responses\n" +
			"(plain or gzipped) without any network and without a User-Agent; a TICKER given\n" +
			"then only labels the data.\n\n" +
			secFlagsHelp + "\n\n" +
			"Exit status: 0 on success; 1 when the company cannot be fetched or converted (an\n" +
			"unknown ticker, a filer without quarterly US-GAAP facts such as a 20-F filer, SEC\n" +
			"unreachable with nothing cached); 2 on a usage error or a missing User-Agent.",
		Example: "  quarterdash import sec AAPL -o apple.json --sec-user-agent \"Jane Doe jane@example.com\"\n" +
			"  QUARTERDASH_SEC_USER_AGENT=\"Jane Doe jane@example.com\" quarterdash import sec 0001652044 > alphabet.json\n" +
			"  quarterdash import sec --companyfacts CIK0001652044.json --submissions submissions.json -o alphabet.json",
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) > 1:
				return usageError(cmd, fmt.Sprintf("one company at a time: unexpected %q", args[1]))
			case f.companyfacts == "" && f.submissions != "":
				return usageError(cmd, "--submissions goes with --companyfacts")
			case f.companyfacts == "" && len(args) == 0:
				return usageError(cmd, "name a company: a ticker such as GOOGL or a CIK (or --companyfacts FILE)")
			case len(args) == 1 && f.companyfacts != "":
				if _, isCIK := edgar.ParseCIK(args[0]); isCIK {
					return usageError(cmd, "with --companyfacts, nothing is looked up: give a ticker to label the data, or nothing")
				}
			}
			if len(args) == 1 {
				if err := edgar.CheckQuery(args[0]); err != nil {
					return usageError(cmd, err.Error())
				}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			query := ""
			if len(args) == 1 {
				query = args[0]
			}
			return runImportSEC(cmd, app, f, query)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.output, "output", "o", "", "write the data file to FILE instead of stdout")
	fl.StringVar(&f.companyfacts, "companyfacts", "",
		"convert this saved companyfacts response (plain or .gz) instead of fetching; no network")
	fl.StringVar(&f.submissions, "submissions", "",
		"with --companyfacts: the saved submissions response of the same company (plain or .gz)")
	addSECFlags(fl, &f.sec)
	cmd.SetFlagErrorFunc(flagError)
	return cmd
}

func runImportSEC(cmd *cobra.Command, app *App, f importSECFlags, query string) error {
	stderr := cmd.ErrOrStderr()
	prefix := cmd.CommandPath()
	var res *xbrl.Result
	if f.companyfacts != "" {
		facts, err := readResponse(f.companyfacts, edgar.MaxCompanyFactsBytes)
		if err != nil {
			return conversionError(stderr, prefix, fmt.Errorf("--companyfacts %v", err))
		}
		var subs []byte
		if f.submissions != "" {
			if subs, err = readResponse(f.submissions, edgar.MaxSubmissionsBytes); err != nil {
				return conversionError(stderr, prefix, fmt.Errorf("--submissions %v", err))
			}
		}
		ticker := ""
		if query != "" {
			ticker = strings.ToUpper(strings.TrimSpace(query))
		}
		if res, err = xbrl.Convert(facts, xbrl.Options{Submissions: subs, Name: f.companyfacts, Ticker: ticker}); err != nil {
			return convertError(stderr, prefix, err)
		}
		writeNotes(stderr, prefix, res.Warnings)
	} else {
		client, err := newSECClient(cmd, f.sec, secClientOptions{refresh: f.sec.refresh, progress: stderr})
		if err != nil {
			return err
		}
		// Ctrl-C stops a download cleanly: nothing half-written is left.
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		co, err := client.Resolve(ctx, query)
		if err != nil {
			return conversionError(stderr, prefix, err)
		}
		l, err := fetchCompany(ctx, client, co, time.Now())
		if err != nil {
			return convertError(stderr, prefix, err)
		}
		writeNotes(stderr, prefix, l.notes)
		res = l.result
	}
	return writeDataset(cmd, app, f.output, res.Dataset)
}

// writeDataset writes d as a data file to stdout, or atomically to path.
// The bytes are parsed back before anything is written, so no invalid file
// is ever produced.
func writeDataset(cmd *cobra.Command, app *App, path string, d *data.Dataset) error {
	stderr := cmd.ErrOrStderr()
	var b bytes.Buffer
	if err := data.WriteJSON(&b, d); err != nil {
		return conversionError(stderr, cmd.CommandPath(), err)
	}
	name := path
	if name == "" || name == "-" {
		name = "(stdout)"
	}
	back, err := data.Parse(b.Bytes(), name)
	if err != nil {
		return conversionError(stderr, cmd.CommandPath(),
			fmt.Errorf("internal error: the converted data does not validate, nothing written: %v", err))
	}
	if path == "" || path == "-" {
		_, err := app.Stdout.Write(b.Bytes())
		return err
	}
	if err := edgar.WriteFileAtomic(path, b.Bytes(), 0o644); err != nil {
		return conversionError(stderr, cmd.CommandPath(), fmt.Errorf("-o %s: %v", path, err))
	}
	fmt.Fprintf(stderr, "wrote %s: %s (%s), %s", path, back.Company.Name, back.Company.Ticker, plural(len(back.Quarters), "quarter"))
	if n := len(back.Quarters); n > 0 {
		fmt.Fprintf(stderr, " %s..%s", back.Quarters[0].Label(), back.Quarters[n-1].Label())
	}
	fmt.Fprintf(stderr, ", %s\n", plural(len(back.Metrics), "metric"))
	return nil
}

// readResponse reads a saved SEC response, gunzipping it when it is
// gzipped, up to limit bytes.
func readResponse(path string, limit int64) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: cannot read: %v", path, pe.Err)
		}
		return nil, err
	}
	defer fh.Close()
	b, err := xbrl.ReadMaybeGzip(fh, limit)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return b, nil
}

// convertError prints a conversion failure. The converter's messages
// start with the file (or URL) and often line:col, so they are printed as
// they are, for editors and grep; exit status 1.
func convertError(w io.Writer, prefix string, err error) error {
	var he *edgar.HTTPError
	var ne *edgar.NetworkError
	var me *edgar.MalformedError
	if errors.As(err, &he) || errors.As(err, &ne) || errors.As(err, &me) {
		return conversionError(w, prefix, err)
	}
	// A *xbrl.NoQuarterlyFactsError (a 20-F filer) lands here too: its
	// message names the filer and says why there is nothing to show.
	fmt.Fprintln(w, oneLine(err.Error()))
	return exitError{code: exitInvalid}
}
