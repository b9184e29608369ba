package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"quarterdash/data"
	"quarterdash/peers"
	"quarterdash/ui"
)

// dataFlag is --data: a data file or a directory of them, repeatable
// (--data a.json --data b.json, --data DIR, or a mix). The first value
// given on the command line replaces the QUARTERDASH_DATA default rather
// than adding to it.
type dataFlag struct {
	app     *App
	changed bool
}

func (f *dataFlag) String() string { return strings.Join(f.app.DataPaths, ",") }

func (f *dataFlag) Set(s string) error {
	if !f.changed {
		f.app.DataPaths, f.changed = nil, true
	}
	if s == "" {
		return fmt.Errorf("want a data file or a directory")
	}
	f.app.DataPaths = append(f.app.DataPaths, s)
	f.app.DataPath = f.app.DataPaths[0]
	return nil
}

func (f *dataFlag) Type() string { return "FILE|DIR" }

// setDataDefault takes QUARTERDASH_DATA (one file or directory) as the
// default of --data.
func (a *App) setDataDefault(env string) {
	if env != "" {
		a.DataPaths, a.DataPath = []string{env}, env
	}
}

// dataFiles is every file --data names: files as given, and for a
// directory every *.json in it, sorted by name.
func (a *App) dataFiles() ([]string, error) {
	var files []string
	for _, p := range a.DataPaths {
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			files = append(files, p) // Load reports what is wrong with it
			continue
		}
		found, err := filepath.Glob(filepath.Join(p, "*.json"))
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("--data %s: the directory has no *.json data files", p)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}

// loadError is a data file that could not be loaded, with its path, so
// that the caller can print its problems one per line.
type loadError struct {
	path string
	err  error
}

func (e *loadError) Error() string { return e.err.Error() }
func (e *loadError) Unwrap() error { return e.err }

// LoadCompanies loads every company --data names (the embedded default
// when none), in order, each with a reload function. Two files of the
// same company (the same ticker) are refused: each company opens once.
func (a *App) LoadCompanies() ([]ui.Company, error) {
	if len(a.Companies) > 0 {
		return a.Companies, nil
	}
	cs, err := a.loadDataCompanies()
	if err != nil || !a.Peers {
		return cs, err
	}
	// --peers: the shipped companies after the others, no network.
	ps, err := peers.Load()
	if err != nil {
		return nil, fmt.Errorf("--peers: %w", err)
	}
	for _, p := range ps {
		cs = append(cs, ui.Company{Data: p.Data})
	}
	return cs, oneEach(cs)
}

// loadDataCompanies is every --data company, or the embedded default.
func (a *App) loadDataCompanies() ([]ui.Company, error) {
	if len(a.DataPaths) == 0 || a.Data != nil {
		d, err := a.LoadData()
		if err != nil {
			return nil, err
		}
		return []ui.Company{{Data: d}}, nil
	}
	files, err := a.dataFiles()
	if err != nil {
		return nil, err
	}
	companies := make([]ui.Company, 0, len(files))
	from := map[string]string{} // ticker -> the file that opened it
	for _, path := range files {
		d, err := data.Load(path)
		if err != nil {
			return nil, &loadError{path: path, err: err}
		}
		t := strings.ToUpper(d.Company.Ticker)
		if first, dup := from[t]; dup && first == path {
			return nil, fmt.Errorf("%s is given twice: open each company once", path)
		} else if dup {
			return nil, fmt.Errorf("%s and %s are both %s (%s): open each company once", first, path, d.Company.Ticker, d.Company.Name)
		}
		from[t] = path
		p := path
		companies = append(companies, ui.Company{Data: d, Reload: func() (*data.Dataset, error) { return data.Load(p) }})
	}
	return companies, nil
}

// severalCompanies reports whether --data names more than one file (or a
// directory), so commands take the several-company path.
func (a *App) severalCompanies() bool {
	if len(a.Companies) > 1 {
		return true
	}
	if a.Data != nil {
		return false // the SSH server's one data set
	}
	if len(a.DataPaths) > 1 {
		return true
	}
	for _, p := range a.DataPaths {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return true
		}
	}
	return false
}

// datasets are the companies' data sets.
func datasets(cs []ui.Company) []*data.Dataset {
	ds := make([]*data.Dataset, len(cs))
	for i, c := range cs {
		ds[i] = c.Data
	}
	return ds
}

// checkCompareQuarter checks a calendar quarter for the compare views; it
// returns the canonical label, or "" for the default.
func checkCompareQuarter(ds []*data.Dataset, s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	cq, err := data.ParseCalendarQuarter(s)
	if err != nil {
		return "", fmt.Errorf("--quarter: %v (on compare views it names a calendar quarter)", err)
	}
	p := data.NewPeers(ds)
	if p.CalendarIndex(cq) < 0 {
		cal := p.Calendar()
		return "", fmt.Errorf("--quarter %s: the companies report calendar %s..%s", cq, cal[0], cal[len(cal)-1])
	}
	return cq.String(), nil
}

// isCompareView reports whether view is one of the Compare tab's views.
func isCompareView(view string) bool {
	return slices.Contains([]string{ui.CompareView, ui.CompareChartView, ui.CompareSourcesView}, view)
}

// runCompanies opens the dashboard on several companies.
func runCompanies(app *App, quarter string) error {
	cs, err := app.LoadCompanies()
	if err != nil {
		return err
	}
	return openCompanies(app, cs, quarter)
}

// openCompanies runs the dashboard on cs, each starting on quarter where
// it has it.
func openCompanies(app *App, cs []ui.Company, quarter string) error {
	if strings.TrimSpace(quarter) != "" {
		p, err := data.ParsePeriod(quarter)
		if err != nil || p.IsYear() {
			return fmt.Errorf("--quarter %q: want a quarter such as 2024-Q2", quarter)
		}
		quarter = p.String()
	}
	return app.runDashboardUI(ui.Config{Companies: cs, Quarter: quarter})
}

// runTickerCompanies opens several companies named on the command line
// (quarterdash META GOOGL AAPL), after the --data files when there are
// any: each is fetched from SEC EDGAR (or the cache) and converted, as
// quarterdash TICKER does for one, and r fetches it again.
func runTickerCompanies(cmd *cobra.Command, app *App, tickers []string, quarter string, sec secFlags) error {
	var cs []ui.Company
	if len(app.DataPaths) > 0 || app.Peers {
		var err error
		if cs, err = app.LoadCompanies(); err != nil {
			return err
		}
	}
	client, reload, err := dashboardSECClients(cmd, sec)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	for _, q := range tickers {
		l, err := companyDataset(ctx, cmd, client, q)
		if err != nil {
			return err
		}
		cs = append(cs, ui.Company{Data: l.result.Dataset, Reload: reloadCompany(reload, l.company)})
	}
	if err := oneEach(cs); err != nil {
		return err
	}
	stop()
	return openCompanies(app, cs, quarter)
}

// oneEach refuses the same company (ticker) twice.
func oneEach(cs []ui.Company) error {
	seen := map[string]bool{}
	for _, c := range cs {
		t := strings.ToUpper(c.Data.Company.Ticker)
		if seen[t] {
			return fmt.Errorf("%s is given twice: open each company once", c.Data.Company.Ticker)
		}
		seen[t] = true
	}
	return nil
}

// runRenderCompanies is render with several companies: the views of the
// first company (with the Compare tab in its tab bar) and the compare
// views, where --quarter names a calendar quarter and --metric the metric.
func runRenderCompanies(cmd *cobra.Command, app *App, f renderFlags) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("render: internal error: %v", r)
		}
	}()
	if f.list {
		cs, err := app.LoadCompanies()
		if err != nil {
			return err
		}
		for _, v := range ui.CompanyViews(datasets(cs)) {
			fmt.Fprintln(app.Stdout, v)
		}
		return nil
	}
	mode, err := checkFrameFlags(cmd, f)
	if err != nil {
		return err
	}
	cs, err := app.LoadCompanies()
	if err != nil {
		return err
	}
	ds := datasets(cs)
	views := ui.CompanyViews(ds)
	switch {
	case f.view == "":
		return usageError(cmd, "--view is required; views: "+strings.Join(views, ", "))
	case !slices.Contains(views, f.view):
		return valueError(cmd, fmt.Sprintf("unknown view %q; views: %s", f.view, strings.Join(views, ", ")))
	}
	quarter := ""
	if isCompareView(f.view) && len(ds) > 1 {
		if quarter, err = checkCompareQuarter(ds, f.quarter); err != nil {
			return valueError(cmd, err.Error())
		}
		if f.metric != "" && !slices.Contains(data.NewPeers(ds).Metrics(), f.metric) {
			return valueError(cmd, fmt.Sprintf("--metric %q: not a metric two or more of these companies report; metrics: %s",
				f.metric, strings.Join(data.NewPeers(ds).Metrics(), ", ")))
		}
	} else if quarter, err = checkQuarter(ds[0], f.quarter); err != nil {
		return valueError(cmd, err.Error())
	}
	r := newRenderer(app.Stdout, mode, os.LookupEnv)
	frame, err := ui.RenderCompanies(ds, r, ui.RenderOptions{
		View: f.view, Quarter: quarter, Width: f.width, Height: f.height, Metric: f.metric,
	})
	return writeFrame(app.Stdout, f.view, frame, err)
}

// exportCompanies is export with several companies: one CSV whose rows
// lead with the company's ticker. JSON is one company's data file, so it
// is refused here rather than made into something --data cannot read.
func exportCompanies(cmd *cobra.Command, app *App, format string) error {
	if strings.ToLower(strings.TrimSpace(format)) != "csv" {
		return usageError(cmd, "--format json writes one company's data file: give one --data, or use --format csv")
	}
	cs, err := app.LoadCompanies()
	if err != nil {
		return err
	}
	if len(cs) == 1 {
		return data.WriteCSV(app.Stdout, cs[0].Data) // a directory holding one file
	}
	return data.WriteCSVCompanies(app.Stdout, datasets(cs))
}
