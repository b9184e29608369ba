package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"quarterdash/data"
	"quarterdash/ui/compact"
)

// Company is one company a dashboard opens: its data and, when it came
// from a file, how to reread it (the r key).
type Company struct {
	Data   *data.Dataset
	Reload func() (*data.Dataset, error)
}

// CompaniesOf makes each data set a Company without reload (a server's
// read-only data sets).
func CompaniesOf(ds []*data.Dataset) []Company {
	var cs []Company
	for _, d := range ds {
		cs = append(cs, Company{Data: d})
	}
	return cs
}

// compareTab is the label of the Compare tab, drawn after each company's
// own tabs when several companies are open.
const compareTab = "Compare"

// Open builds the dashboard for cfg: the single-company Model when one
// company is given (cfg.Data, or one entry of cfg.Companies), exactly as
// New does, and a Workspace over all of them when there are several.
func Open(cfg Config) tea.Model {
	if len(cfg.Companies) <= 1 {
		if len(cfg.Companies) == 1 {
			cfg.Data, cfg.Reload = cfg.Companies[0].Data, cfg.Companies[0].Reload
		}
		return New(cfg)
	}
	return NewWorkspace(cfg)
}

// Workspace is several companies side by side. It owns one dashboard Model
// per company, each keeping its own tab, quarter, focus and overlay while
// another is shown, plus the Compare tab (one metric across the companies
// on one calendar) and the company picker. It routes keys, sizes and
// messages to the part they belong to and lays out the Compare frame; the
// company frames are the Models' own.
type Workspace struct {
	companies []Model
	cur       int // the company shown (and named in the header)
	peers     *data.Peers

	st     *Styles
	keys   KeyMap
	help   help.Model
	cache  *renderCache
	series []lipgloss.Style // one colour per company, for the charts

	comparing bool        // the Compare tab is showing
	cmp       compareView // its position: metric, calendar quarter, chart
	// helpFromCompare is set while a company's help shows over Compare:
	// closing the help goes back to Compare.
	helpFromCompare bool

	picking bool
	picker  picker

	width, height int
}

// NewWorkspace opens every company of cfg.Companies (cfg.Data and
// cfg.Reload are ignored). cfg.Quarter, when given, is the fiscal quarter
// each company starts on where it has it.
func NewWorkspace(cfg Config) Workspace {
	st := NewStyles(cfg.Renderer)
	w := Workspace{
		st:     st,
		keys:   DefaultKeyMap(),
		help:   newHelp(st),
		cache:  newRenderCache(),
		width:  cfg.Width,
		height: cfg.Height,
	}
	w.enableCompanyKeys(&w.keys)
	ds := make([]*data.Dataset, 0, len(cfg.Companies))
	for _, c := range cfg.Companies {
		one := cfg
		one.Data, one.Reload, one.Companies = c.Data, c.Reload, nil
		one.Renderer = st.r
		m := New(one)
		// The Model draws the Compare tab's label in its own tab bar;
		// the Workspace draws the tab.
		m.extraTab = compareTab
		m.setData(c.Data) // keeps the tab and quarter New chose
		w.enableCompanyKeys(&m.keys)
		w.companies = append(w.companies, m)
		ds = append(ds, c.Data)
	}
	w.peers = data.NewPeers(ds)
	w.series = seriesStyles(st, len(ds))
	start := w.startCalendar()
	if cfg.Quarter != "" {
		// --quarter: Compare opens on the calendar quarter the first
		// company's start quarter sits in.
		if cq, ok := w.companies[0].d.CalendarQuarter(w.companies[0].quarter); ok {
			start = cq
		}
	}
	w.cmp = newCompareView(w.peers, "revenue", start)
	w.picker = newPicker(st, ds)
	return w
}

// enableCompanyKeys turns on the keys that switch companies.
func (w Workspace) enableCompanyKeys(k *KeyMap) {
	k.Company.SetEnabled(true)
	k.PrevCompany.SetEnabled(true)
	k.NextCompany.SetEnabled(true)
}

// startCalendar is the calendar quarter the Compare tab opens on: the
// latest one in which every company has a quarter, or the latest at all.
func (w Workspace) startCalendar() data.CalendarQuarter {
	cal := w.peers.Calendar()
	for i := len(cal) - 1; i >= 0; i-- {
		all := true
		for c := range w.peers.Companies {
			all = all && w.peers.QuarterAt(c, cal[i]) >= 0
		}
		if all {
			return cal[i]
		}
	}
	if len(cal) == 0 {
		return data.CalendarQuarter{}
	}
	return cal[len(cal)-1]
}

// Init implements tea.Model.
func (w Workspace) Init() tea.Cmd { return nil }

// companyMsg is a message from company i's command (a reload's result),
// routed back to that company whichever is shown when it arrives.
type companyMsg struct {
	i   int
	msg tea.Msg
}

// forCompany tags the messages of company i's command.
func forCompany(i int, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		msg := cmd()
		if _, ok := msg.(reloadedMsg); ok {
			return companyMsg{i: i, msg: msg}
		}
		return msg
	}
}

// Update implements tea.Model.
func (w Workspace) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		w.width, w.height = max(msg.Width, 0), max(msg.Height, 0)
		for i := range w.companies {
			w.companies[i] = step(w.companies[i], msg)
		}
		w.picker.setSize(w.width, w.height)
		return w, nil
	case ShutdownMsg:
		// The goodbye is the company frame's.
		w.comparing, w.picking = false, false
		return w.toCompany(w.cur, msg)
	case companyMsg:
		w, cmd := w.toCompany(msg.i, msg.msg)
		return w.(Workspace).refreshPeers(), cmd
	case tea.MouseMsg:
		return w.mouse(msg)
	case tea.KeyMsg:
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
			// The picker too: "/go" typed fast must open the filter.
			return w.burst(msg.Runes)
		}
		return w.key(msg)
	}
	if w.picking {
		var cmd tea.Cmd
		w.picker, cmd = w.picker.update(msg)
		return w, cmd
	}
	return w.toCompany(w.cur, msg)
}

// toCompany hands msg to company i.
func (w Workspace) toCompany(i int, msg tea.Msg) (tea.Model, tea.Cmd) {
	if i < 0 || i >= len(w.companies) {
		return w, nil
	}
	next, cmd := w.companies[i].Update(msg)
	w.companies = cloneModels(w.companies)
	w.companies[i] = next.(Model)
	if w.helpFromCompare && i == w.cur && w.companies[i].overlay != overlayHelp {
		w.helpFromCompare, w.comparing = false, true
	}
	return w, forCompany(i, cmd)
}

// cloneModels copies the slice before a write, so that a Workspace value
// handed out earlier (Bubble Tea keeps the last one) never changes.
func cloneModels(ms []Model) []Model { return append([]Model(nil), ms...) }

// refreshPeers rebuilds the comparison after a company's data changed (a
// reload), keeping the metric and calendar quarter by name.
func (w Workspace) refreshPeers() Workspace {
	changed := false
	for i, m := range w.companies {
		changed = changed || m.d != w.peers.Companies[i]
	}
	if !changed {
		return w
	}
	ds := make([]*data.Dataset, len(w.companies))
	for i, m := range w.companies {
		ds[i] = m.d
	}
	w.peers = data.NewPeers(ds)
	w.cmp = newCompareView(w.peers, w.cmp.metricID(), w.cmp.calendar())
	w.cache = newRenderCache()
	w.picker = newPicker(w.st, ds)
	w.picker.setSize(w.width, w.height)
	return w
}

// burst presses the letters of one read one by one (see Model.burst).
func (w Workspace) burst(runes []rune) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	for _, r := range runes {
		k := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}
		wasPicking := w.picking // q there closes the picker, not the program
		next, cmd := w.key(k)
		w = next.(Workspace)
		cmds = append(cmds, cmd)
		if key.Matches(k, w.keys.Quit) && !w.picking && !wasPicking {
			break
		}
	}
	return w, tea.Batch(cmds...)
}

func (w Workspace) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := w.keys
	if w.picking {
		choice, done, cmd := w.picker.key(msg)
		w.picker = choice
		if done {
			w.picking = false
			if i := w.picker.chosen(); i >= 0 {
				w.cur = i
			}
		}
		return w, cmd
	}
	cur := w.companies[w.cur]
	if cur.overlay == overlayHelp || cur.goodbye != "" {
		// Help is modal, and the goodbye frame final: the company's.
		return w.toCompany(w.cur, msg)
	}
	switch {
	case key.Matches(msg, k.Company):
		w.picking = true
		w.picker = w.picker.open(w.cur)
		return w, nil
	case key.Matches(msg, k.PrevCompany):
		w.cur = (w.cur + len(w.companies) - 1) % len(w.companies)
		return w, nil
	case key.Matches(msg, k.NextCompany):
		w.cur = (w.cur + 1) % len(w.companies)
		return w, nil
	}
	if w.comparing {
		return w.compareKey(msg)
	}
	last := len(cur.panes) - 1
	switch {
	case key.Matches(msg, k.NextTab) && cur.tabs.Active == last,
		key.Matches(msg, k.PrevTab) && cur.tabs.Active == 0,
		key.Matches(msg, k.TabNumber) && int(msg.String()[0]-'1') == last+1:
		w.comparing = true
		return w, nil
	}
	return w.toCompany(w.cur, msg)
}

// compareKey handles a key on the Compare tab.
func (w Workspace) compareKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := w.keys
	cur := w.companies[w.cur]
	switch {
	case key.Matches(msg, k.Quit):
		return w, tea.Quit
	case key.Matches(msg, k.Help):
		// The company's help covers Compare; closing it comes back here.
		w.comparing, w.helpFromCompare = false, true
		return w.toCompany(w.cur, msg)
	case key.Matches(msg, k.Reload):
		return w.toCompany(w.cur, msg)
	case key.Matches(msg, k.NextTab):
		w.comparing = false
		w.companies = cloneModels(w.companies)
		w.companies[w.cur].setTab(0)
	case key.Matches(msg, k.PrevTab):
		w.comparing = false
		w.companies = cloneModels(w.companies)
		w.companies[w.cur].setTab(len(cur.panes) - 1)
	case key.Matches(msg, k.TabNumber):
		if n := int(msg.String()[0] - '1'); n < len(cur.panes) {
			w.comparing = false
			w.companies = cloneModels(w.companies)
			w.companies[w.cur].setTab(n)
		}
	default:
		w.cmp = w.cmp.key(msg, k, w.compareSourceScrollEnd)
	}
	return w, nil
}

// compareSourceScrollEnd is the last line the Compare sources can start
// at, for v at this window's size: the scroll stops at their end.
func (w Workspace) compareSourceScrollEnd(v compareView) int {
	id := v.metricID()
	if id == "" {
		return 0
	}
	c := w.compareCtx()
	lines := v.sourceLines(c, w.peers.Compare(id, v.calendar()))
	return max(len(lines)-max(c.h-1, 1), 0)
}

// compareCtx is what the Compare tab draws with in this window.
func (w Workspace) compareCtx() compareCtx {
	return compareCtx{peers: w.peers, st: w.st, series: w.series, cur: w.cur, w: w.width, h: w.height - 5, cache: w.cache}
}

// mouse: a click on the Compare tab opens it, a click on a company tab
// from Compare opens that tab; everything else is the company's.
func (w Workspace) mouse(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	cur := w.companies[w.cur]
	if w.picking || cur.goodbye != "" || cur.overlay == overlayHelp {
		if w.picking {
			return w, nil
		}
		return w.toCompany(w.cur, msg)
	}
	onTabs := msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft &&
		w.width >= MinWidth && w.height >= MinHeight && msg.Y == cur.tabsRow()
	if onTabs {
		i := w.tabs().HitTest(w.st, msg.X, w.width)
		switch {
		case i == len(cur.panes):
			w.comparing = true
			return w, nil
		case i >= 0 && w.comparing:
			w.comparing = false
			w.companies = cloneModels(w.companies)
			w.companies[w.cur].setTab(i)
			return w, nil
		}
	}
	if w.comparing {
		// The wheel scrolls the Compare sources, three lines a notch.
		if w.cmp.sources && msg.Action == tea.MouseActionPress {
			switch msg.Button {
			case tea.MouseButtonWheelUp:
				w.cmp.scroll = max(w.cmp.scroll-3, 0)
			case tea.MouseButtonWheelDown:
				w.cmp.scroll = min(w.cmp.scroll+3, w.compareSourceScrollEnd(w.cmp))
			}
		}
		return w, nil
	}
	return w.toCompany(w.cur, msg)
}

// tabs is the tab bar of the frame shown: the company's tabs and Compare.
func (w Workspace) tabs() Tabs {
	t := w.companies[w.cur].tabs
	if w.comparing {
		t.Active = len(t.Labels) - 1
	}
	return t
}

// View implements tea.Model.
func (w Workspace) View() string {
	switch {
	case w.picking:
		// Compacted like a dashboard frame (Model.View).
		return compact.Frame(w.pickerFrame())
	case w.comparing:
		return w.compareFrame()
	}
	return w.companies[w.cur].View()
}

// compareFrame is the Compare tab in the company frame's layout: header,
// tab bar, content, key bar and status line.
func (w Workspace) compareFrame() string {
	width, h := w.width, w.height
	if width < MinWidth || h < MinHeight {
		return tooSmall(width, h)
	}
	cur := w.companies[w.cur]
	key := fmt.Sprintf("compare|%d|%s|%dx%d|%t|%s", w.cur, w.cmp.key4(), width, h, cur.statusErr, cur.status)
	return w.cache.chart(key, func() string { return compact.Frame(w.drawCompare()) })
}

// drawCompare draws the Compare tab; compareFrame keeps it compacted.
func (w Workspace) drawCompare() string {
	width, h := w.width, w.height
	tabs := w.tabs()
	bar, spans := tabs.View(w.st, width)
	lines := make([]string, 0, h)
	lines = append(lines, w.compareHeader(width), fitLine(bar, width), tabRuleFor(w.st, tabs.Active, spans, width))
	content := w.cmp.view(w.compareCtx())
	lines = append(lines, block(content, width, h-5)...)
	lines = append(lines, w.compareFooter(width, w.companies[w.cur])...)
	return strings.Join(lines, "\n")
}

// tabRuleFor is Model.tabRule for any active tab.
func tabRuleFor(st *Styles, active int, spans [][2]int, w int) string {
	m := Model{st: st, tabs: Tabs{Active: active}}
	return m.tabRule(spans, w)
}

// compareHeader names the company shown and the calendar quarter.
func (w Workspace) compareHeader(width int) string {
	st := w.st
	d := w.companies[w.cur].d
	left := st.Title.Render(d.Company.Name) + " " + st.Ticker.Render(d.Company.Ticker)
	if p := d.Provenance; p != "" {
		left += st.Dim.Render(" · " + p) // how current an SEC company's figures are
	}
	cal := w.peers.Calendar()
	var pos strings.Builder
	if w.cmp.cal > 0 {
		pos.WriteString(st.Dim.Render("◀ "))
	}
	pos.WriteString(st.Dim.Render("calendar ") + st.Quarter.Render(w.cmp.calendar().String()))
	if w.cmp.cal < len(cal)-1 {
		pos.WriteString(st.Dim.Render(" ▶"))
	}
	right := pos.String() + st.Dim.Render(" · "+w.cmp.calendar().Months())
	gap := width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 2 {
		right = pos.String()
		gap = max(width-lipgloss.Width(left)-lipgloss.Width(right), 1)
	}
	return fitLine(left+strings.Repeat(" ", gap)+right, width)
}

// compareFooter is the key bar of the Compare tab and a status line.
func (w Workspace) compareFooter(width int, cur Model) []string {
	show := func(keys, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys), key.WithHelp(keys, desc))
	}
	h := w.help
	h.Width = width
	bar := h.ShortHelpView([]key.Binding{
		show("?", "help"), show("q", "quit"), show("c [ ]", "company"),
		show("←/→", "calendar quarter"), show("↑/↓", "metric"), show("tab/1-9", "view"),
		show("enter", "chart all"), show("s", "sources"),
	})
	tickers := make([]string, len(w.peers.Companies))
	for i, d := range w.peers.Companies {
		tickers[i] = d.Company.Ticker
	}
	status := w.st.Status.Render(fmt.Sprintf("~ approximate · n/a no figure · %d companies: %s",
		len(tickers), strings.Join(tickers, ", ")))
	if cur.status != "" {
		status = w.st.StatusOK.Render(cur.status)
		if cur.statusErr {
			status = w.st.Warning.Render("! " + cur.status)
		}
	}
	return []string{fitLine(bar, width), fitLine(status, width)}
}

// seriesStyles gives each company a colour of its own, from the session's
// renderer; past the palette the colours repeat (the markers do not).
func seriesStyles(st *Styles, n int) []lipgloss.Style {
	pairs := [][2]string{
		{"#5A3FD9", "#A78BFA"}, // violet
		{"#0B7A75", "#2DD4BF"}, // teal
		{"#B35900", "#FB923C"}, // orange
		{"#0B5CAD", "#60A5FA"}, // blue
		{"#A3127F", "#F472B6"}, // pink
		{"#4D7C0F", "#A3E635"}, // green
	}
	out := make([]lipgloss.Style, n)
	for i := range out {
		p := pairs[i%len(pairs)]
		out[i] = st.r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: p[0], Dark: p[1]}).Bold(true)
	}
	return out
}
