package ui

import (
	"fmt"
	"io"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"quarterdash/data"
	"quarterdash/internal/synth"
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
				i := 0
				for b.Loop() {
					m.cache = newRenderCache()
					k := "left"
					if i%2 == 1 {
						k = "right"
					}
					i++
					m, _ = press(m, k)
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

func stretchedData(b *testing.B, n int) *data.Dataset {
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
				i := 0
				for b.Loop() {
					m.cache = newRenderCache()
					k := "left"
					if i%2 == 1 {
						k = "right"
					}
					i++
					m, _ = press(m, k)
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
