package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"quarterdash/data"
)

// reloadedMsg carries the result of rereading the data file.
type reloadedMsg struct {
	d   *data.Dataset
	err error
}

// reloadCmd rereads the data file off the event loop.
func reloadCmd(reload func() (*data.Dataset, error)) tea.Cmd {
	return func() tea.Msg {
		d, err := reload()
		if err == nil && (d == nil || len(d.Quarters) == 0) {
			err = fmt.Errorf("the reloaded file has no quarters")
		}
		return reloadedMsg{d: d, err: err}
	}
}

// firstProblem is s up to its first newline, with a count of the rest: a
// validation error lists every problem, and the footer shows the first
// whole.
func firstProblem(s string) string {
	first, rest, found := strings.Cut(s, "\n")
	if !found {
		return first
	}
	return fmt.Sprintf("%s (and %d more; run quarterdash validate)", first, strings.Count(rest, "\n")+1)
}
