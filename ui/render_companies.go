package ui

import (
	"fmt"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"quarterdash/data"
)

// Compare view names, for Render with several companies.
const (
	CompareView      = "compare"
	CompareChartView = "compare/chart"
	// CompareSourcesView is the Compare tab's sources: every company's
	// figure with its source (s).
	CompareSourcesView = "compare/sources"
)

// CompanyViews lists the views RenderCompanies accepts for ds: with one
// company, Views; with several, the first company's views (as the
// dashboard opens on it, with the Compare tab in its tab bar), then
// "compare" and "compare/chart".
func CompanyViews(ds []*data.Dataset) []string {
	if len(ds) == 0 {
		return nil
	}
	v := Views(ds[0])
	if len(ds) > 1 {
		v = append(v, CompareView, CompareChartView, CompareSourcesView)
	}
	return v
}

// RenderCompanies draws one frame of the dashboard opened on ds, as Render
// does for one company. On "compare" and "compare/chart", opt.Quarter is
// a calendar quarter ("2024-Q2", default: the latest every company has)
// and opt.Metric the metric id; on the other views opt.Quarter is the
// first company's fiscal quarter.
func RenderCompanies(ds []*data.Dataset, r *lipgloss.Renderer, opt RenderOptions) (string, error) {
	if len(ds) <= 1 {
		if len(ds) == 0 {
			return "", fmt.Errorf("no data to render")
		}
		return Render(ds[0], r, opt)
	}
	if !slices.Contains(CompanyViews(ds), opt.View) {
		return "", fmt.Errorf("unknown view %q; views: %s", opt.View, strings.Join(CompanyViews(ds), ", "))
	}
	for _, d := range ds {
		if d == nil || len(d.Quarters) == 0 {
			return "", fmt.Errorf("no quarters to render")
		}
	}
	cs := make([]Company, len(ds))
	for i, d := range ds {
		cs[i] = Company{Data: d}
	}
	compare := opt.View == CompareView || opt.View == CompareChartView || opt.View == CompareSourcesView
	cfg := Config{Companies: cs, Renderer: r}
	if !compare {
		if _, err := Render(ds[0], r, opt); err != nil {
			return "", err // the same checks and messages as one company
		}
		cfg.Quarter = opt.Quarter
	}
	w := NewWorkspace(cfg)
	next, _ := w.Update(tea.WindowSizeMsg{Width: opt.Width, Height: opt.Height})
	w = next.(Workspace)
	if !compare {
		return w.renderCompanyView(opt.View), nil
	}
	cq := w.startCalendar()
	if opt.Quarter != "" {
		q, err := data.ParseCalendarQuarter(opt.Quarter)
		if err != nil {
			return "", err
		}
		if w.peers.CalendarIndex(q) < 0 {
			cal := w.peers.Calendar()
			return "", fmt.Errorf("calendar quarter %s is not covered: the companies report %s to %s", q, cal[0], cal[len(cal)-1])
		}
		cq = q
	}
	metric := opt.Metric
	if metric == "" {
		metric = "revenue"
	} else if !slices.Contains(w.peers.Metrics(), metric) {
		return "", fmt.Errorf("metric %q is not reported by two or more of these companies; metrics: %s",
			metric, strings.Join(w.peers.Metrics(), ", "))
	}
	w.cmp = newCompareView(w.peers, metric, cq)
	w.cmp.chart = opt.View == CompareChartView
	w.cmp.sources = opt.View == CompareSourcesView
	w.comparing = true
	return w.View(), nil
}

// renderCompanyView puts the first company on view (a tab name, its
// overlay, or help) as Render does, and draws the workspace.
func (w Workspace) renderCompanyView(view string) string {
	m := w.companies[0]
	tab, overlayName := view, ""
	for _, o := range []string{"chart", "sources"} {
		if t, ok := strings.CutSuffix(view, "/"+o); ok {
			tab, overlayName = t, o
		}
	}
	switch {
	case tab == "help":
		m = step(m, keyMsg("?"))
	default:
		m.setTab(max(slices.Index(viewTabs(m.d), tab), 0))
		switch overlayName {
		case "chart":
			m = step(m, keyMsg("enter"))
		case "sources":
			m = step(m, keyMsg("s"))
		}
	}
	w.companies = cloneModels(w.companies)
	w.companies[0] = m
	return w.View()
}
