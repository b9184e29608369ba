package ui

import (
	"fmt"
	"io"
	"slices"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"quarterdash/data"
	"quarterdash/ui/compact/gridtest"
)

// TestCompactFramesShowTheSame holds every view's frame, as View hands it
// to Bubble Tea (compacted), to the cells the drawing code produced: the
// same characters, colours, attributes and links in every cell, in true
// colour, 256 colours and 16, on dark and light backgrounds, at the golden
// sizes and at the largest window with a 200-quarter file, where frames
// are biggest. It is also what justifies the byte changes of the two
// colour goldens. Without colour the frame must be byte for byte the one
// drawn, which the plain goldens hold.
func TestCompactFramesShowTheSame(t *testing.T) {
	d := loadData(t)
	profiles := []struct {
		name    string
		profile termenv.Profile
		dark    bool
	}{{"truecolor_dark", termenv.TrueColor, true}, {"ansi256_light", termenv.ANSI256, false}, {"ansi_dark", termenv.ANSI, true}}
	for _, p := range profiles {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(p.profile)
		r.SetHasDarkBackground(p.dark)
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			for _, v := range Views(d) {
				t.Run(fmt.Sprintf("%s_%s_%dx%d", p.name, v, size[0], size[1]), func(t *testing.T) {
					compareCompacted(t, d, r, RenderOptions{View: v, Quarter: "2024-Q2", Width: size[0], Height: size[1]})
				})
			}
		}
	}
	long := stretchedData(t, 200)
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	r.SetHasDarkBackground(true)
	for _, v := range []string{"overview", "overview/chart", "financials", "segments/chart", "guidance", "users/sources", "help"} {
		t.Run("ansi256_q200_"+v+"_500x200", func(t *testing.T) {
			compareCompacted(t, long, r, RenderOptions{View: v, Width: 500, Height: 200})
		})
	}
}

func compareCompacted(t *testing.T, d *data.Dataset, r *lipgloss.Renderer, opt RenderOptions) {
	t.Helper()
	m, err := viewModel(d, r, opt)
	if err != nil {
		t.Fatal(err)
	}
	compareFrames(t, m.render(), m.View())
}

// compareFrames fails t unless sent, the frame handed to Bubble Tea, shows
// the cells of drawn, is no longer, and ends every line in the default
// style.
func compareFrames(t *testing.T, drawn, sent string) {
	t.Helper()
	if len(sent) > len(drawn) {
		t.Errorf("compacted frame is longer: %d > %d bytes", len(sent), len(drawn))
	}
	if sent == drawn && slices.Contains([]byte(drawn), '\x1b') {
		t.Errorf("a colour frame was not compacted")
	}
	if diff := gridtest.Diff(gridtest.Decode(drawn), gridtest.Decode(sent)); diff != "" {
		t.Fatalf("the compacted frame shows something else: %s", diff)
	}
	if i, ok := gridtest.EndsPlain(sent); !ok {
		t.Errorf("line %d does not end in the default style", i)
	}
}

// TestCompactWorkspaceFrames: the Compare tab, its chart and the company
// picker are compacted too, to the same cells.
func TestCompactWorkspaceFrames(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	r.SetHasDarkBackground(true)
	for _, size := range [][2]int{{80, 24}, {120, 40}, {500, 200}} {
		next, _ := NewWorkspace(Config{Companies: CompaniesOf(twoCompanies(t)), Renderer: r}).
			Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		w := next.(Workspace)
		for _, tc := range []struct {
			name string
			keys []string
			raw  func(Workspace) string
		}{
			{"compare", []string{"9"}, Workspace.drawCompare},
			{"compare_chart", []string{"9", "enter"}, Workspace.drawCompare},
			{"picker", []string{"c", "down"}, Workspace.pickerFrame},
		} {
			t.Run(fmt.Sprintf("%s_%dx%d", tc.name, size[0], size[1]), func(t *testing.T) {
				w, _ := pressW(w, tc.keys...)
				compareFrames(t, tc.raw(w), w.View())
			})
		}
	}
}
