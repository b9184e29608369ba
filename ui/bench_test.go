package ui

import (
	"fmt"
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"quarterdash/data"
	"quarterdash/internal/synth"
	"quarterdash/ui/compact"
)

// benchRenderer draws in true colour: the most expensive profile, the one
// an SSH client with COLORTERM gets.
func benchRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	return r
}

func benchModel(b *testing.B, w, h, tab int) Model {
	m := New(Config{Data: loadData(b), Renderer: benchRenderer()})
	m = step(m, tea.WindowSizeMsg{Width: w, Height: h})
	m.setTab(tab)
	return m
}

// BenchmarkViewUnchanged is View() when nothing changed since the last
// frame: what Bubble Tea pays after every unrelated message.
func BenchmarkViewUnchanged(b *testing.B) {
	d := loadData(b)
	for _, size := range [][2]int{{120, 40}, {240, 70}} {
		for tab, name := range viewTabs(d) {
			b.Run(fmt.Sprintf("%s_%dx%d", name, size[0], size[1]), func(b *testing.B) {
				m := benchModel(b, size[0], size[1], tab)
				frame := m.View()
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					frame = m.View()
				}
				b.ReportMetric(float64(len(frame)), "bytes/frame")
			})
		}
	}
}

// BenchmarkQuarterMove is one Update+View of a quarter move with a cold
// chart cache (the first visit to a quarter, the worst case).
func BenchmarkQuarterMove(b *testing.B) {
	d := loadData(b)
	for _, size := range [][2]int{{120, 40}, {240, 70}} {
		for tab, name := range viewTabs(d) {
			b.Run(fmt.Sprintf("%s_%dx%d", name, size[0], size[1]), func(b *testing.B) {
				m := benchModel(b, size[0], size[1], tab)
				var frame string
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; b.Loop(); i++ {
					m.cache = newRenderCache()
					m, _ = press(m, benchMoveKey(i))
					frame = m.View()
				}
				b.ReportMetric(float64(len(frame)), "bytes/frame")
			})
		}
	}
}

// BenchmarkTabSwitch is one Update+View of a tab switch, cold cache.
func BenchmarkTabSwitch(b *testing.B) {
	for _, size := range [][2]int{{120, 40}, {240, 70}} {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			m := benchModel(b, size[0], size[1], 0)
			var frame string
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				m.cache = newRenderCache()
				m, _ = press(m, "tab")
				frame = m.View()
			}
			b.ReportMetric(float64(len(frame)), "bytes/frame")
		})
	}
}

// stretched is the default file stretched to n quarters, parsed once per n.
var stretched = map[int]*data.Dataset{}

func stretchedData(b testing.TB, n int) *data.Dataset {
	b.Helper()
	if d, ok := stretched[n]; ok {
		return d
	}
	src, err := synth.Stretch(loadData(b), n)
	if err != nil {
		b.Fatal(err)
	}
	d, err := data.Parse(src, fmt.Sprintf("stretched-%d.json", n))
	if err != nil {
		b.Fatal(err)
	}
	stretched[n] = d
	return d
}

// BenchmarkLongHistory is a quarter move (every tab) and a tab switch at
// 240x70 with a cold frame and chart cache, on files of 18, 200 and 1,800
// quarters: a frame should cost what is on screen, not what is in the
// file. Target: 5 ms with 1,800 quarters. What depends on the data alone
// (dataFacts) is worked out once per data set, for all sessions; "first"
// is a session's first frame of a segment tab with those facts cold, paid
// once per data set and width.
func BenchmarkLongHistory(b *testing.B) {
	const w, h = 240, 70
	for _, n := range []int{18, 200, 1800} {
		d := stretchedData(b, n)
		open := func(tab int) Model {
			m := New(Config{Data: d, Renderer: benchRenderer()})
			m = step(m, tea.WindowSizeMsg{Width: w, Height: h})
			// Every tab once, so the data facts are known.
			for i := range m.panes {
				m.setTab(i)
				_ = m.View()
			}
			m.setTab(tab)
			return m
		}
		b.Run(fmt.Sprintf("q%d/first", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m := New(Config{Data: d, Renderer: benchRenderer()})
				m = step(m, tea.WindowSizeMsg{Width: w, Height: h})
				m.setTab(1)
				_ = m.View()
			}
		})
		for tab, name := range viewTabs(d) {
			b.Run(fmt.Sprintf("q%d/move/%s", n, name), func(b *testing.B) {
				m := open(tab)
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					m.cache = newRenderCache()
					m, _ = press(m, benchMoveKey(i))
					_ = m.View()
				}
			})
		}
		b.Run(fmt.Sprintf("q%d/tab", n), func(b *testing.B) {
			m := open(0)
			b.ReportAllocs()
			for b.Loop() {
				m.cache = newRenderCache()
				m, _ = press(m, "tab")
				_ = m.View()
			}
		})
	}
}

// BenchmarkFrameBytes is the size of the frames an SSH client is sent: the
// mean (bytes/frame) and largest (max-bytes/frame) over every view (each
// tab, its chart and sources, help) at 120x40 and at the largest window
// the server allows, 500x200, with the default file and with one
// stretched to 200 quarters, in 256 colours (what OpenSSH's
// xterm-256color gets) and true colour. Bubble Tea's renderer holds about
// three copies of a session's frame and measures every changed line, so
// its memory and CPU follow these bytes.
func BenchmarkFrameBytes(b *testing.B) {
	for _, n := range []int{18, 200} {
		d := loadData(b)
		if n != len(d.Quarters) {
			d = stretchedData(b, n)
		}
		for _, size := range [][2]int{{120, 40}, {500, 200}} {
			for _, p := range []struct {
				name    string
				profile termenv.Profile
			}{{"ansi256", termenv.ANSI256}, {"truecolor", termenv.TrueColor}} {
				b.Run(fmt.Sprintf("q%d_%dx%d_%s", n, size[0], size[1], p.name), func(b *testing.B) {
					r := lipgloss.NewRenderer(io.Discard)
					r.SetColorProfile(p.profile)
					r.SetHasDarkBackground(true)
					views := Views(d)
					var total, largest int
					for b.Loop() {
						total, largest = 0, 0
						for _, v := range views {
							f, err := Render(d, r, RenderOptions{View: v, Width: size[0], Height: size[1]})
							if err != nil {
								b.Fatal(err)
							}
							total += len(f)
							largest = max(largest, len(f))
						}
					}
					b.ReportMetric(float64(total)/float64(len(views)), "bytes/frame")
					b.ReportMetric(float64(largest), "max-bytes/frame")
					b.ReportMetric(0, "ns/op")
				})
			}
		}
	}
}

// BenchmarkCompact is compacting the largest frames (500x200, 200
// quarters, true colour): what View adds to drawing a frame.
func BenchmarkCompact(b *testing.B) {
	d := stretchedData(b, 200)
	for _, v := range []string{"overview", "overview/chart", "financials"} {
		b.Run(strings.ReplaceAll(v, "/", "_"), func(b *testing.B) {
			m, err := viewModel(d, benchRenderer(), RenderOptions{View: v, Width: 500, Height: 200})
			if err != nil {
				b.Fatal(err)
			}
			frame := m.render()
			b.SetBytes(int64(len(frame)))
			b.ReportAllocs()
			for b.Loop() {
				_ = compact.Frame(frame)
			}
		})
	}
}

// benchMoveKey is the key a cold-cache quarter-move benchmark presses at
// step i: left and right in turn, so the quarter never runs off the end.
func benchMoveKey(i int) string {
	if i%2 == 1 {
		return "right"
	}
	return "left"
}
