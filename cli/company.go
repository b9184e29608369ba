package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"quarterdash/data"
	"quarterdash/edgar"
	"quarterdash/ui"
	"quarterdash/xbrl"
)

// Environment variables of the SEC commands.
const (
	envUserAgent = "QUARTERDASH_SEC_USER_AGENT"
	// envBaseURL points every SEC request at one other server (a mirror,
	// or a test server) serving SEC's paths.
	envBaseURL = "QUARTERDASH_SEC_BASE_URL"
)

// secFlags are the flags of every command that fetches from SEC.
type secFlags struct {
	userAgent string
	refresh   bool
}

// secFlagsHelp is the part of a command's long help that explains them.
const secFlagsHelp = "SEC asks every client to name the person or company using it and a contact\n" +
	"email: give --sec-user-agent \"Jane Doe jane@example.com\" or set " + envUserAgent + ".\n" +
	"Responses are cached in $XDG_CACHE_HOME/quarterdash/sec (else ~/.cache/quarterdash/sec)\n" +
	"and reused for 12 hours; --refresh asks SEC anyway (an unchanged file is not\n" +
	"downloaded again). When SEC cannot be reached, the cached copy is used and its age\n" +
	"is shown. " + envBaseURL + " replaces SEC's hosts (a mirror or a test server)."

func addSECFlags(fl *pflag.FlagSet, f *secFlags) {
	fl.StringVar(&f.userAgent, "sec-user-agent", "",
		`your name and contact email for SEC, e.g. "Jane Doe jane@example.com" (env `+envUserAgent+`)`)
	fl.BoolVar(&f.refresh, "refresh", false, "ask SEC even when the cached copy is less than 12 hours old")
}

// userAgentValue is --sec-user-agent, else the environment (flags > env).
func (f secFlags) userAgentValue(fl *pflag.FlagSet) string {
	if fl.Changed("sec-user-agent") {
		return f.userAgent
	}
	return os.Getenv(envUserAgent)
}

// userAgentHelp is printed after a missing or unusable User-Agent.
const userAgentHelp = "Set it with --sec-user-agent \"Jane Doe jane@example.com\" or\n" +
	"  export " + envUserAgent + "=\"Jane Doe jane@example.com\"\n" +
	"(your own name or your company's, and an email where SEC can reach you)."

// secClientOptions say how a command's client reports progress.
type secClientOptions struct {
	refresh bool
	// progress, when set, gets the download progress line if it is a
	// terminal.
	progress io.Writer
}

// newSECClient builds the SEC client from the flags and the environment.
// A missing or unusable User-Agent is a usage error (exit 2) that says
// what SEC asks and how to give it.
func newSECClient(cmd *cobra.Command, f secFlags, o secClientOptions) (*edgar.Client, error) {
	ua := f.userAgentValue(cmd.Flags())
	home, _ := os.UserHomeDir()
	cfg := edgar.Config{
		UserAgent: ua,
		BaseURL:   strings.TrimSpace(os.Getenv(envBaseURL)),
		CacheDir:  edgar.CacheDir(os.Getenv("XDG_CACHE_HOME"), home),
		Refresh:   o.refresh,
	}
	if o.progress != nil {
		cfg.Progress, cfg.ProgressIsTerminal = o.progress, isTerminal(o.progress)
	}
	c, err := edgar.New(cfg)
	var uae *edgar.UserAgentError
	switch {
	case errors.Is(err, edgar.ErrNoUserAgent) || errors.As(err, &uae):
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: %v.\n%s\n", cmd.CommandPath(), err, userAgentHelp)
		return nil, exitError{code: exitUsage}
	case err != nil:
		return nil, valueError(cmd, fmt.Sprintf("%s: %v", envBaseURL, err))
	}
	return c, nil
}

// companyLoad is a company fetched from SEC and converted.
type companyLoad struct {
	company edgar.Company
	result  *xbrl.Result
	facts   *edgar.Response
	// notes are what the user should know beside the data: the
	// converter's warnings, a cached copy used offline, a cache that could
	// not be written, submissions that could not be had.
	notes []string
}

// fetchCompany fetches companyfacts and submissions for co and converts
// them. Submissions are optional: without them the data still converts,
// with a note.
func fetchCompany(ctx context.Context, c *edgar.Client, co edgar.Company, now time.Time) (*companyLoad, error) {
	facts, err := c.CompanyFacts(ctx, co.CIK)
	var he *edgar.HTTPError
	if errors.As(err, &he) && he.Status == http.StatusNotFound {
		return nil, fmt.Errorf("%w; is CIK %d right? A filer that has never filed XBRL has no companyfacts", err, co.CIK)
	}
	if err != nil {
		return nil, err
	}
	l := &companyLoad{company: co, facts: facts}
	l.noteResponse(facts, now)
	var subBody []byte
	subs, err := c.Submissions(ctx, co.CIK)
	switch {
	case err != nil:
		l.notes = append(l.notes, fmt.Sprintf("%v (without submissions, filings newer than companyfacts go unnoticed)", err))
	default:
		l.noteResponse(subs, now)
		subBody = subs.Body
	}
	res, err := xbrl.Convert(facts.Body, xbrl.Options{Submissions: subBody, Name: facts.URL, Ticker: co.Ticker, Company: co.Name})
	if err != nil {
		return nil, err
	}
	l.result = res
	l.notes = append(l.notes, res.Warnings...)
	res.Dataset.Name = "SEC EDGAR " + co.Ticker
	res.Dataset.Provenance = sourceLabel(facts, now)
	return l, nil
}

// noteResponse records a cached copy used because SEC failed, and a
// cache that could not be written.
func (l *companyLoad) noteResponse(r *edgar.Response, now time.Time) {
	if r.Err != nil {
		l.notes = append(l.notes, fmt.Sprintf("%v; using the copy cached %s", r.Err, ago(now.Sub(r.Fetched))))
	}
	if r.CacheErr != nil {
		l.notes = append(l.notes, fmt.Sprintf("%s could not be cached: %v", r.What, r.CacheErr))
	}
}

// sourceLabel says where the data came from and, for a cached copy, how
// old it is: "SEC EDGAR, fetched 2026-11-02 09:14", "SEC EDGAR, checked
// 2026-11-02 09:14" (unchanged), "SEC EDGAR, cached 3 hours ago", "cached
// 3 days ago, SEC unreachable". The dashboard shows it in its header,
// beside the company, cut before it is left out at narrow widths.
func sourceLabel(r *edgar.Response, now time.Time) string {
	const stamp = "2006-01-02 15:04"
	switch {
	case r.Err != nil:
		return fmt.Sprintf("cached %s, %s", ago(now.Sub(r.Fetched)), failure(r.Err))
	case r.Revalidated:
		return "SEC EDGAR, checked " + r.Fetched.Local().Format(stamp)
	case r.FromCache:
		return fmt.Sprintf("SEC EDGAR, cached %s", ago(now.Sub(r.Fetched)))
	}
	return "SEC EDGAR, fetched " + r.Fetched.Local().Format(stamp)
}

// failure is a few words on why SEC gave no fresh copy.
func failure(err error) string {
	var he *edgar.HTTPError
	var me *edgar.MalformedError
	switch {
	case errors.As(err, &he):
		return fmt.Sprintf("SEC answered %d", he.Status)
	case errors.As(err, &me):
		return "SEC's answer was unusable"
	}
	return "SEC unreachable"
}

// ago is a rough age: "just now", "5 minutes ago", "3 hours ago", "1 day
// ago".
func ago(d time.Duration) string {
	unit := func(n int, s string) string {
		if n == 1 {
			return "1 " + s + " ago"
		}
		return fmt.Sprintf("%d %ss ago", n, s)
	}
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return unit(int(d/time.Minute), "minute")
	case d < 48*time.Hour:
		return unit(int(d/time.Hour), "hour")
	}
	return unit(int(d/(24*time.Hour)), "day")
}

// writeNotes prints each note on stderr as a warning.
func writeNotes(w io.Writer, prefix string, notes []string) {
	for _, n := range notes {
		fmt.Fprintf(w, "%s: warning: %s\n", prefix, oneLine(n))
	}
}

// conversionError prints a failure to fetch or convert: the converter's
// messages already name the file and place; exit status 1.
func conversionError(w io.Writer, prefix string, err error) error {
	fmt.Fprintf(w, "%s: %s\n", prefix, oneLine(err.Error()))
	return exitError{code: exitInvalid}
}

// companyDataset fetches and converts a company for a command that shows
// it (the dashboard, serve): progress and notes on stderr.
func companyDataset(ctx context.Context, cmd *cobra.Command, c *edgar.Client, query string) (*companyLoad, error) {
	prefix := cmd.CommandPath()
	co, err := c.Resolve(ctx, query)
	if err != nil {
		return nil, conversionError(cmd.ErrOrStderr(), prefix, err)
	}
	l, err := fetchCompany(ctx, c, co, time.Now())
	if err != nil {
		return nil, conversionError(cmd.ErrOrStderr(), prefix, err)
	}
	writeNotes(cmd.ErrOrStderr(), prefix, l.notes)
	return l, nil
}

// reloadCompany is the dashboard's r for a company: a forced refetch of
// companyfacts and submissions (not the ticker map) and a conversion. When
// SEC cannot be reached it fails, so the dashboard keeps what it shows and
// says why, rather than swapping in the same cached copy.
func reloadCompany(c *edgar.Client, co edgar.Company) func() (*data.Dataset, error) {
	return func() (*data.Dataset, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		l, err := fetchCompany(ctx, c, co, time.Now())
		if err != nil {
			return nil, err
		}
		if l.facts.Err != nil {
			return nil, l.facts.Err
		}
		return l.result.Dataset, nil
	}
}

// rootArgs accepts companies (TICKER or CIK) for the dashboard; several
// open side by side. A lowercase word close to a command name is still an
// unknown command ("valdate"), and a file name is pointed at --data.
func rootArgs(cmd *cobra.Command, args []string) error {
	for _, arg := range args {
		if err := rootArg(cmd, arg); err != nil {
			return err
		}
	}
	return nil
}

func rootArg(cmd *cobra.Command, arg string) error {
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2
	}
	if s := cmd.SuggestionsFor(arg); len(s) > 0 && len(arg) >= 3 && arg == strings.ToLower(arg) {
		return fmt.Errorf("unknown command %q for %q\n\nDid you mean this?\n\t%s", arg, cmd.CommandPath(), strings.Join(s, "\n\t"))
	}
	if strings.ContainsAny(arg, `/\`) || strings.HasSuffix(strings.ToLower(arg), ".json") {
		return usageError(cmd, fmt.Sprintf("%q looks like a file: open a data file with --data FILE; a company is a ticker such as GOOGL or a CIK", arg))
	}
	if err := edgar.CheckQuery(arg); err != nil {
		return usageError(cmd, err.Error())
	}
	return nil
}

// companyArg is the company named by the argument or --company, "" for
// none. It refuses two different ones, and a company with --data.
func companyArg(cmd *cobra.Command, args []string, flag string) (string, error) {
	c := strings.TrimSpace(flag)
	if c != "" {
		if err := edgar.CheckQuery(c); err != nil {
			return "", usageError(cmd, "--company: "+err.Error())
		}
	}
	if len(args) == 1 {
		if c != "" && !strings.EqualFold(c, args[0]) {
			return "", usageError(cmd, fmt.Sprintf("two companies: %q and --company %q", args[0], c))
		}
		c = args[0]
	}
	if c != "" && cmd.Flags().Changed("data") {
		return "", usageError(cmd, "a company and --data: open one or the other")
	}
	return c, nil
}

// runCompanyDashboard opens the dashboard on a company's SEC filings. The
// dashboardSECClients are the two clients a dashboard on SEC companies
// uses: one to open them (honouring --refresh, with a progress line on
// stderr) and one for r, which always asks SEC and shows no progress line,
// since the dashboard owns the screen then.
func dashboardSECClients(cmd *cobra.Command, sec secFlags) (open, reload *edgar.Client, err error) {
	if open, err = newSECClient(cmd, sec, secClientOptions{refresh: sec.refresh, progress: cmd.ErrOrStderr()}); err != nil {
		return nil, nil, err
	}
	if reload, err = newSECClient(cmd, sec, secClientOptions{refresh: true}); err != nil {
		return nil, nil, err
	}
	return open, reload, nil
}

// download's progress and any warnings go to stderr before the dashboard
// starts; its status line says where the data came from and, for a cached
// copy, how old it is. r fetches again (forced).
func runCompanyDashboard(cmd *cobra.Command, app *App, query, quarter string, sec secFlags) error {
	client, reload, err := dashboardSECClients(cmd, sec)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	l, err := companyDataset(ctx, cmd, client, query)
	stop()
	if err != nil {
		return err
	}
	d := l.result.Dataset
	if quarter, err = checkQuarter(d, quarter); err != nil {
		return err
	}
	return app.runDashboardUI(ui.Config{Data: d, Quarter: quarter, Reload: reloadCompany(reload, l.company)})
}

// addServeCompanyFlags adds serve's --company and the SEC flags.
func addServeCompanyFlags(fl *pflag.FlagSet, company *string, sec *secFlags) {
	fl.StringVar(company, "company", "",
		"serve this company's SEC filings (a ticker or a CIK), fetched at start into the cache, instead of --data")
	addSECFlags(fl, sec)
}

// serveCompanyData fetches and converts the company serve was given. Every
// session shares the result for the server's life, so its label carries
// the date of the copy rather than an age that would go stale.
func serveCompanyData(cmd *cobra.Command, company string, sec secFlags) (*data.Dataset, error) {
	if err := edgar.CheckQuery(company); err != nil {
		return nil, usageError(cmd, "--company: "+err.Error())
	}
	if cmd.Flags().Changed("data") {
		return nil, usageError(cmd, "--company and --data: serve one or the other")
	}
	client, err := newSECClient(cmd, sec, secClientOptions{refresh: sec.refresh, progress: cmd.ErrOrStderr()})
	if err != nil {
		return nil, err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	l, err := companyDataset(ctx, cmd, client, company)
	if err != nil {
		return nil, err
	}
	d := l.result.Dataset
	d.Provenance = "SEC EDGAR, as of " + l.facts.Fetched.Local().Format("2006-01-02 15:04")
	if l.facts.Err != nil {
		d.Provenance += " (" + failure(l.facts.Err) + " at start)"
	}
	return d, nil
}
