package ui

import (
	"fmt"
	"io"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
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
