package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"quarterdash/data"
	"quarterdash/ui/compact"
)

// overlay is what covers the content area, if anything.
type overlay int

const (
	overlayNone overlay = iota
	overlayChart
	overlaySource
	overlayHelp
)

// Model is the root dashboard model. It routes keys to the active pane,
// sizes to every pane, and lays out header, tabs, content and footer. It
// holds no package-level state: the SSH server runs one per session.
type Model struct {
	d     *data.Dataset
	st    *Styles
	keys  KeyMap
	help  help.Model
	cache *renderCache
	facts *dataFacts

	panes   []pane
	tabs    Tabs
	quarter int   // index into d.Quarters
	focus   []int // focused row per pane
	overlay overlay

	width, height int
	goodbye       string // set by ShutdownMsg: the last frame says why
	reload        func() (*data.Dataset, error)
	shared        *SharedCache
	status        string // a one-off message for the status line (a reload's result)
	statusErr     bool   // status reports a failure
	scroll        int    // first line shown of the current view, when it is taller than the screen
	// extraTab is a tab label drawn after the panes' tabs, owned by the
	// Workspace that holds this Model (Compare, with several companies).
	extraTab string
}

// New builds a dashboard on cfg.Data, on the latest quarter unless
// cfg.Quarter names another.
func New(cfg Config) Model {
	st := NewStyles(cfg.Renderer)
	m := Model{
		st:     st,
		keys:   DefaultKeyMap(),
		help:   newHelp(st),
		cache:  newRenderCache(),
		width:  cfg.Width,
		height: cfg.Height,
	}
	m.reload = cfg.Reload
	m.shared = cfg.Shared
	m.keys.Reload.SetEnabled(cfg.Reload != nil)
	d := cfg.Data
	if d == nil {
		// Drawn like a file with no quarters: a notice, not a panic.
		d = &data.Dataset{}
	}
	m.setData(d)
	// A quarter the data lacks was refused by the caller (the same check);
	// here it falls back to the latest.
	if i, err := d.ResolveQuarter(cfg.Quarter); err == nil {
		m.quarter = i
	}
	return m
}

// setData installs d and the tabs built from it. On a reload the active
// tab, each tab's focused metric and the selected quarter are found again by
// name (tab view name, metric id, period), not by position, so a file that
// gains or reorders segments keeps the user where they were; what is gone
// falls back to the first.
func (m *Model) setData(d *data.Dataset) {
	var oldQuarter data.Period
	hadData := m.d != nil && len(m.d.Quarters) > 0
	oldTab := ""
	oldFocus := map[string]string{} // tab view name -> focused item
	for i, p := range m.panes {
		if i < len(m.focus) {
			oldFocus[p.name()] = itemAt(p.items(), m.focus[i])
		}
		if i == m.tabs.Active {
			oldTab = p.name()
		}
	}
	if hadData {
		oldQuarter = m.d.Quarters[m.quarter].Period()
	}
	m.d = d
	m.panes = buildPanes(d)
	labels := make([]string, len(m.panes))
	for i, p := range m.panes {
		labels[i] = p.title()
	}
	if m.extraTab != "" {
		labels = append(labels, m.extraTab) // drawn by the workspace
	}
	names := paneNames(m.panes)
	active := max(slices.Index(names, oldTab), 0)
	if oldTab != "" && names[active] != oldTab {
		m.overlay = overlayNone // the tab it belonged to is gone
	}
	m.tabs = Tabs{Labels: labels, Active: active}
	// The help names the tab keys there are: "1-8" with eight tabs (the
	// workspace's Compare tab counts).
	m.keys.TabNumber.SetHelp(fmt.Sprintf("1-%d", min(len(labels), 9)), "jump to view")
	m.focus = make([]int, len(m.panes))
	for i, p := range m.panes {
		if id, ok := oldFocus[names[i]]; ok {
			m.focus[i] = max(slices.Index(p.items(), id), 0)
		}
	}
	m.quarter = d.Latest()
	if hadData {
		if i := d.QuarterIndex(oldQuarter); i >= 0 {
			m.quarter = i
		}
	}
	m.cache = newRenderCache()
	if m.shared != nil {
		m.cache.pool = m.shared
	}
	// A Workspace's companies draw a Compare tab in their bar and list
	// the company keys: their frames are not a single company's.
	m.cache.prefix = sharedPrefix(m.st, d, m.reload != nil) + m.extraTab + "|"
	m.facts = m.cache.pool.factsFor(d)
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return nil }

// Update implements tea.Model.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(msg.Width, 0), max(msg.Height, 0)
		// A bigger screen needs less scrolling: keep the view's last line
		// at the bottom at most.
		m.clampScroll()
	case ShutdownMsg:
		m.goodbye = msg.Reason
		if m.goodbye == "" {
			m.goodbye = "quarterdash is closing. Goodbye."
		}
		return m, tea.Quit
	case reloadedMsg:
		if msg.err != nil {
			// Keep the data on screen; say why the new file was refused.
			m.status, m.statusErr = "reload failed, still showing the previous data: "+firstProblem(msg.err.Error()), true
			return m, nil
		}
		m.setData(msg.d)
		m.status, m.statusErr = fmt.Sprintf("reloaded %s: %d quarters %s–%s", msg.d.Name, len(msg.d.Quarters),
			msg.d.Quarters[0].Label(), msg.d.Quarters[msg.d.Latest()].Label()), false
	case tea.MouseMsg:
		return m.mouse(msg), nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
			return m.burst(msg.Runes)
		}
		return m.key(msg)
	}
	return m, nil
}

// burst handles letters that arrived in one read (a fast typist, or an SSH
// client sending keys together): Bubble Tea delivers them as one key "lll",
// which matches no binding, so each is pressed in turn and their commands
// run together. A quit ends the burst: what follows it is not pressed.
func (m Model) burst(runes []rune) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	for _, r := range runes {
		k := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}
		next, cmd := m.key(k)
		m = next.(Model)
		cmds = append(cmds, cmd)
		if key.Matches(k, m.keys.Quit) {
			break
		}
	}
	return m, tea.Batch(cmds...)
}

func (m Model) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	m.status, m.statusErr = "", false // a status message lasts until the next key
	if m.d == nil || len(m.d.Quarters) == 0 {
		if key.Matches(msg, k.Quit) {
			return m, tea.Quit
		}
		return m, nil
	}
	if m.scrollsWith(msg) {
		return m.scrolled(msg), nil
	}
	if m.overlay == overlayHelp {
		// Help covers the screen: keys act on it, not on what is hidden
		// behind it. Reload still works: the status line is not covered.
		switch {
		case key.Matches(msg, k.Quit):
			return m, tea.Quit
		case key.Matches(msg, k.Reload):
			m.status = "reloading…"
			return m, reloadCmd(m.reload)
		case key.Matches(msg, k.Close, k.Help):
			m.setOverlay(overlayNone)
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Reload):
		m.status = "reloading…"
		return m, reloadCmd(m.reload)
	case key.Matches(msg, k.Close):
		m.setOverlay(overlayNone)
	case key.Matches(msg, k.Help):
		m.setOverlay(toggle(m.overlay, overlayHelp))
	case key.Matches(msg, k.Chart):
		m.setOverlay(toggle(m.overlay, overlayChart))
	case key.Matches(msg, k.Source):
		m.setOverlay(toggle(m.overlay, overlaySource))
	case key.Matches(msg, k.NextTab):
		m.setTab(m.tabs.Active + 1)
	case key.Matches(msg, k.PrevTab):
		m.setTab(m.tabs.Active - 1)
	case key.Matches(msg, k.TabNumber):
		if n := int(msg.String()[0] - '1'); n < len(m.panes) {
			m.setTab(n)
		}
	case key.Matches(msg, k.Prev):
		m.quarter = max(m.quarter-1, 0)
	case key.Matches(msg, k.Next):
		m.quarter = min(m.quarter+1, m.d.Latest())
	case key.Matches(msg, k.First):
		m.quarter = 0
	case key.Matches(msg, k.Last):
		m.quarter = m.d.Latest()
	case key.Matches(msg, k.Up):
		m.moveFocus(-1)
	case key.Matches(msg, k.Down):
		m.moveFocus(+1)
	}
	// A quarter or focus move changes the view's length.
	m.clampScroll()
	return m, nil
}

// setOverlay opens o (or closes the overlay with overlayNone), starting
// it at its top.
func (m *Model) setOverlay(o overlay) {
	if o != m.overlay {
		m.overlay, m.scroll = o, 0
	}
}

func toggle(cur, o overlay) overlay {
	if cur == o {
		return overlayNone
	}
	return o
}

// setTab selects tab i, wrapping at both ends. Switching tabs closes the
// chart and source overlays, which belong to the previous tab's focus.
func (m *Model) setTab(i int) {
	n := len(m.panes)
	if n == 0 {
		return
	}
	if a := ((i % n) + n) % n; a != m.tabs.Active {
		m.tabs.Active, m.scroll = a, 0
	}
	if m.overlay != overlayHelp {
		m.setOverlay(overlayNone)
	}
}

func (m *Model) moveFocus(delta int) {
	n := m.panes[m.tabs.Active].rows(m.d)
	if n == 0 {
		return
	}
	m.focus = slices.Clone(m.focus)
	f := m.focus[m.tabs.Active] + delta
	m.focus[m.tabs.Active] = min(max(f, 0), n-1)
}

// mouse selects a tab when one is clicked and scrolls the view with the
// wheel. It does nothing where keys would not either: on the goodbye frame
// and on the too-small notice, where no tab bar is drawn; a click does
// nothing under the (modal) help.
func (m Model) mouse(msg tea.MouseMsg) Model {
	if msg.Action != tea.MouseActionPress || m.goodbye != "" || m.width < MinWidth || m.height < MinHeight ||
		m.d == nil || len(m.d.Quarters) == 0 {
		return m
	}
	if msg.Button == tea.MouseButtonWheelUp || msg.Button == tea.MouseButtonWheelDown {
		return m.scrolled(msg)
	}
	if msg.Button != tea.MouseButtonLeft || m.overlay == overlayHelp || msg.Y != m.tabsRow() {
		return m
	}
	if i := m.tabs.HitTest(m.st, msg.X, m.width); i >= 0 {
		m.setTab(i)
	}
	return m
}

// tabsRow is the screen row the tab bar is drawn on: right below the header.
func (m Model) tabsRow() int { return len(m.headerView(m.width)) }

// View implements tea.Model. The frame is cached: Bubble Tea calls View
// after every message, and an SSH server renders for many sessions, so an
// unchanged state returns the previous string without drawing anything.
// It is compacted (package compact): the same cells in fewer bytes, which
// is what the cache and Bubble Tea's renderer then hold and measure.
func (m Model) View() string {
	key := m.frameKey()
	if f, ok := m.cache.frame(key); ok {
		return f
	}
	f := compact.Frame(m.render())
	m.cache.setFrame(key, f)
	return f
}

func (m Model) currentFocus() int {
	if len(m.focus) == 0 {
		return 0
	}
	return m.focus[m.tabs.Active]
}

func (m Model) render() string {
	w, h := m.width, m.height
	if m.goodbye != "" {
		return strings.Join(block("\n  "+m.goodbye+"\n", max(w, 1), max(min(h, 3), 1)), "\n")
	}
	if w < MinWidth || h < MinHeight {
		return tooSmall(w, h)
	}
	if m.d == nil || len(m.d.Quarters) == 0 {
		// Parse refuses such a file; a data set built in code may not.
		return strings.Join(block("\n  This data set has no quarters to show.", w, 2), "\n")
	}
	header := m.headerView(w)
	tabs, spans := m.tabs.View(m.st, w)
	footer := m.footerView(w)
	_, contentH := m.contentSize()

	lines := make([]string, 0, h)
	lines = append(lines, header...)
	lines = append(lines, fitLine(tabs, w), m.tabRule(spans, w))
	lines = append(lines, m.window(m.page(), w, contentH)...)
	lines = append(lines, footer...)
	return strings.Join(lines, "\n")
}

// tooSmall is the notice for a terminal below the minimum; it fits any size
// down to 0x0 by cutting itself.
func tooSmall(w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	msg := fmt.Sprintf("terminal too small: need at least %d×%d, have %d×%d", MinWidth, MinHeight, w, h)
	return strings.Join(block(strings.Join(wrap(msg, w), "\n"), w, min(h, 4)), "\n")
}

// contentSize is the size of the area between the tab rule and the footer
// (one header line, the tab bar and its rule, the footer: two lines, more
// while a reload error is shown).
func (m Model) contentSize() (w, h int) {
	footer := 2
	if m.statusErr && m.d != nil && len(m.d.Quarters) > 0 {
		footer = len(m.footerView(m.width))
	}
	return m.width, m.height - 3 - footer
}

func (m Model) viewCtx(w, h int) viewCtx {
	return viewCtx{d: m.d, st: m.st, qi: m.quarter, w: w, h: h, cache: m.cache, facts: m.facts}
}

// headerView is the company, the selected quarter and where it sits.
// When room runs out the report date goes first, then the period end,
// then the provenance label is cut: how current the figures are (a cached
// SEC copy and its age) outranks the dates.
func (m Model) headerView(w int) []string {
	q := m.d.Quarters[m.quarter]
	st := m.st
	left := st.Title.Render(m.d.Company.Name) + " " + st.Ticker.Render(m.d.Company.Ticker)
	var pos strings.Builder
	if m.quarter > 0 {
		pos.WriteString(st.Dim.Render("◀ "))
	}
	pos.WriteString(st.Quarter.Render(q.Label()))
	if m.quarter < m.d.Latest() {
		pos.WriteString(st.Dim.Render(" ▶"))
	}
	provenance := ""
	if p := m.d.Provenance; p != "" {
		provenance = " · " + p
	}
	details := []string{" · ended " + q.PeriodEnd}
	if q.ReportedOn != "" {
		details = append([]string{details[0] + " · reported " + q.ReportedOn}, details...)
	}
	var rights []string
	for _, d := range details {
		rights = append(rights, pos.String()+st.Dim.Render(d))
	}
	rights = append(rights, pos.String())
	right := rights[len(rights)-1]
	for _, r := range rights {
		if lipgloss.Width(left)+ansi.StringWidth(provenance)+lipgloss.Width(r)+2 <= w {
			right = r
			break
		}
	}
	if provenance != "" {
		room := w - lipgloss.Width(left) - lipgloss.Width(right) - 2
		if room >= len(" · ")+8 {
			// Cut, and only the label's text, never its separator.
			label := ansi.Truncate(provenance, room, "…")
			left += st.Dim.Render(" · ") + st.Warning.Render(strings.TrimPrefix(label, " · "))
		}
	}
	gap := max(w-lipgloss.Width(left)-lipgloss.Width(right), 1)
	return []string{fitLine(left+strings.Repeat(" ", gap)+right, w)}
}

// footerView is the short help and a status line, each cut only at a
// whole entry. A reload error is shown whole, wrapped over as many lines
// as it needs (up to a third of the screen), until the next key.
func (m Model) footerView(w int) []string {
	// The width comes from the frame being drawn, not from model state, so
	// that nothing a frame depends on is missing from its cache key.
	h := m.help
	h.Width = w
	helpLine := h.ShortHelpView(m.keys.ShortHelp())
	switch {
	case m.status != "" && m.statusErr:
		lines := wrap("! "+m.status, w)
		if limit := max(m.height/3, 1); len(lines) > limit {
			lines = append(lines[:limit-1], "… (run quarterdash validate for the rest)")
		}
		for i, l := range lines {
			lines[i] = fitLine(m.st.Warning.Render(l), w)
		}
		return append([]string{fitLine(helpLine, w)}, lines...)
	case m.status != "":
		return []string{fitLine(helpLine, w), fitLine(m.st.StatusOK.Render(m.status), w)}
	}
	d := m.d
	sep := m.st.Status.Render(" · ")
	status := fitParts([]part{
		{m.st.Status.Render("~ approximate"), 1},
		{m.st.Status.Render("n/a no figure"), 2},
		{m.st.Status.Render(d.Name), 3},
		{m.st.Status.Render(fmt.Sprintf("%d quarters %s–%s", len(d.Quarters), d.Quarters[0].Label(), d.Quarters[d.Latest()].Label())), 0},
		{m.st.Status.Render(fmt.Sprintf("%d metrics", len(d.Metrics))), 4},
	}, sep, w)
	return []string{fitLine(helpLine, w), status}
}

// tabRule is the line under the tab bar, heavy under the active tab so the
// selection reads without colour or underline.
func (m Model) tabRule(spans [][2]int, w int) string {
	if m.tabs.Active >= len(spans) {
		return rule(m.st, w)
	}
	sp := spans[m.tabs.Active]
	from, to := min(max(sp[0], 0), w), min(max(sp[1], 0), w)
	return m.st.Rule.Render(strings.Repeat("─", from)) +
		m.st.TabActive.Render(strings.Repeat("━", to-from)) +
		m.st.Rule.Render(strings.Repeat("─", w-to))
}
