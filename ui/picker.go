package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"quarterdash/data"
)

// picker is the company switcher (the c key): every open company by
// ticker and name, filtered with /, opened with enter.
type picker struct {
	list   list.Model
	choice int // the company chosen, -1 when closed without a choice
}

// companyItem is one company in the picker.
type companyItem struct {
	index        int
	ticker, name string
	detail       string
}

// Title implements list.DefaultItem.
func (it companyItem) Title() string { return it.ticker + "  " + it.name }

// Description implements list.DefaultItem.
func (it companyItem) Description() string { return it.detail }

// FilterValue implements list.Item: / matches the ticker or the name.
func (it companyItem) FilterValue() string { return it.ticker + " " + it.name }

func newPicker(st *Styles, ds []*data.Dataset) picker {
	items := make([]list.Item, len(ds))
	for i, d := range ds {
		detail := d.Company.Currency + " · fiscal year ends " + time.Month(max(min(d.Company.FiscalYearEndMonth, 12), 1)).String()
		if n := len(d.Quarters); n > 0 {
			detail = fmt.Sprintf("%d quarters %s–%s · %s", n, d.Quarters[0].Label(), d.Quarters[n-1].Label(), detail)
		}
		items[i] = companyItem{index: i, ticker: d.Company.Ticker, name: d.Company.Name, detail: detail}
	}
	del := list.NewDefaultDelegate()
	del.Styles = pickerItemStyles(st)
	l := list.New(items, del, 0, 0)
	l.Title = "Companies"
	l.Styles = pickerStyles(st)
	l.Help = newHelp(st)
	l.FilterInput.PromptStyle = l.Styles.FilterPrompt
	l.FilterInput.Cursor.Style = l.Styles.FilterCursor
	l.Paginator.ActiveDot = l.Styles.ActivePaginationDot.String()
	l.Paginator.InactiveDot = l.Styles.InactivePaginationDot.String()
	l.SetStatusBarItemName("company", "companies")
	// q and esc close the picker here, not the program.
	l.DisableQuitKeybindings()
	l.AdditionalShortHelpKeys = func() []key.Binding {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		}
	}
	return picker{list: l, choice: -1}
}

// rebind moves a style built on the default renderer onto the session's.
func rebind(st *Styles, s lipgloss.Style) lipgloss.Style { return s.Renderer(st.r) }

// pickerStyles are list's styles on the session's renderer, in the
// dashboard's colours where it has one for the part.
func pickerStyles(st *Styles) list.Styles {
	s := list.DefaultStyles()
	for _, p := range []*lipgloss.Style{&s.TitleBar, &s.Spinner, &s.FilterPrompt, &s.FilterCursor,
		&s.DefaultFilterCharacterMatch, &s.StatusBar, &s.StatusEmpty, &s.StatusBarActiveFilter,
		&s.StatusBarFilterCount, &s.NoItems, &s.PaginationStyle, &s.HelpStyle, &s.ActivePaginationDot,
		&s.InactivePaginationDot, &s.ArabicPagination, &s.DividerDot} {
		*p = rebind(st, *p)
	}
	s.Title = st.PanelHead
	s.FilterPrompt = st.HelpKey
	return s
}

func pickerItemStyles(st *Styles) list.DefaultItemStyles {
	s := list.NewDefaultItemStyles()
	for _, p := range []*lipgloss.Style{&s.NormalTitle, &s.NormalDesc, &s.SelectedTitle, &s.SelectedDesc,
		&s.DimmedTitle, &s.DimmedDesc, &s.FilterMatch} {
		*p = rebind(st, *p)
	}
	// The selection reads without colour: a bar at the left and bold.
	s.SelectedTitle = s.SelectedTitle.Foreground(st.RowFocus.GetForeground()).Bold(true).
		BorderForeground(st.RowFocus.GetForeground())
	s.SelectedDesc = s.SelectedDesc.Foreground(st.Dim.GetForeground()).BorderForeground(st.RowFocus.GetForeground())
	return s
}

// open shows the picker with company cur selected and no filter.
func (p picker) open(cur int) picker {
	p.list.ResetFilter()
	p.list.Select(cur)
	p.choice = -1
	return p
}

func (p *picker) setSize(w, h int) {
	// Two cells narrower: while filtering, list draws its input two cells
	// wider than the size it is given.
	p.list.SetSize(max(w-2, 1), max(h-1, 1))
}

// chosen is the company picked when the picker closed, or -1.
func (p picker) chosen() int { return p.choice }

// key handles a key while the picker is open; done reports that it closed
// (with chosen() set, or -1 for no choice).
func (p picker) key(msg tea.KeyMsg) (next picker, done bool, cmd tea.Cmd) {
	if msg.String() == "ctrl+c" {
		return p, true, tea.Quit
	}
	if p.list.FilterState() != list.Filtering {
		switch msg.String() {
		case "enter":
			if it, ok := p.list.SelectedItem().(companyItem); ok {
				p.choice = it.index
			}
			return p, true, nil
		case "esc":
			if p.list.FilterState() == list.FilterApplied {
				p.list.ResetFilter()
				return p, false, nil
			}
			return p, true, nil
		case "q", "c":
			return p, true, nil
		}
	}
	p.list, cmd = p.list.Update(msg)
	return p, false, cmd
}

// update passes other messages (the filter's results) to the list.
func (p picker) update(msg tea.Msg) (picker, tea.Cmd) {
	var cmd tea.Cmd
	p.list, cmd = p.list.Update(msg)
	return p, cmd
}

// pickerFrame is the picker filling the screen under a one-line title.
func (w Workspace) pickerFrame() string {
	width, h := w.width, w.height
	if width < MinWidth || h < MinHeight {
		return tooSmall(width, h)
	}
	head := w.st.Title.Render("Switch company") + w.st.Dim.Render(fmt.Sprintf(" · %d open · now %s · / filters, enter opens, esc goes back",
		len(w.companies), w.companies[w.cur].d.Company.Ticker))
	lines := append([]string{fitLine(head, width)}, block(w.picker.list.View(), width, h-1)...)
	return strings.Join(lines, "\n")
}
