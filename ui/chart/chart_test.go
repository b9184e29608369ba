package chart

import (
	"io"
	"math"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/graph"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"quarterdash/data"
	"quarterdash/ui/format"
)

// series makes consecutive quarters from 2022-Q1; NaN marks a gap.
func series(vals ...float64) []data.Point {
	pts := make([]data.Point, len(vals))
	p := data.Period{Year: 2022, Quarter: 1}
	for i, v := range vals {
		pts[i] = data.Point{Period: p, Value: v, OK: !math.IsNaN(v)}
		p = p.Next()
	}
	return pts
}

// colourStyles is a full set of styles from a true-colour renderer, so
// tests see real escape sequences (and layout properties that must be
// ignored).
func colourStyles() Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	return Styles{
		Bar:      r.NewStyle().Foreground(lipgloss.Color("#3fa7d6")),
		Negative: r.NewStyle().Foreground(lipgloss.Color("#ee6352")),
		Selected: r.NewStyle().Reverse(true).Bold(true).Padding(0, 2), // padding must be dropped
		Gap:      r.NewStyle().Faint(true),
		Axis:     r.NewStyle().Foreground(lipgloss.Color("240")).Border(lipgloss.NormalBorder()),
		Zero:     r.NewStyle().Foreground(lipgloss.Color("250")),
		Label:    r.NewStyle().Italic(true).Width(30),
	}
}

// levelOf is the index of a one-cell bar glyph in levels, or -1.
func levelOf(g string) int {
	for i, l := range levels {
		if l == g {
			return i
		}
	}
	return -1
}

func TestSparklineGlyphs(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name     string
		pts      []data.Point
		width    int
		selected int
		want     string
	}{
		{"rises from zero", series(1, 2, 4, 8), 4, -1, "▁▂▄█"},
		{"right-aligned with left padding", series(1, 2, 4, 8), 6, -1, "  ▁▂▄█"},
		{"tiny positive still shows", series(0.001, 1000), 2, -1, "▁█"},
		{"loss scale: deepest loss is lowest", series(-1, -4, -2), 3, -1, "▆▁▅"},
		{"mixed: above zero stands, below hangs", series(-2, 0, 2), 3, -1, "█▁▇"},
		{"mixed: shallow negatives hang short", series(-1, -4, 4), 3, -1, "▔█▇"},
		{"mixed: loss sizes differ", series(-130, -40, 20, -300, -90), 5, -1, "▀▔▇█▔"},
		{"all zero", series(0, 0, 0), 3, -1, "▁▁▁"},
		{"all equal", series(5, 5), 2, -1, "██"},
		{"gaps are not zero bars", append(series(1, nan), data.Point{Value: math.Inf(1), OK: true}, data.Point{Value: 7, OK: false}, data.Point{Value: 2, OK: true}), 5, -1, "▄···█"},
		{"outliers are clamped", series(1e300, -1e300), 2, -1, "▇█"},
		{"most recent when too narrow", series(1, 2, 3, 4, 5, 6, 7, 8), 3, -1, "▆▇█"},
		{"window moves to keep selected", series(1, 2, 3, 4, 5, 6, 7, 8), 3, 1, "▂▃▄"},
		{"one point", series(3), 1, 0, "█"},
		{"empty", nil, 3, 0, "   "},
		{"width zero", series(1, 2), 0, 0, ""},
		{"negative width", series(1, 2), -4, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sparkline(tt.pts, tt.width, tt.selected, Styles{})
			if got != tt.want {
				t.Errorf("Sparkline = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSparklineLevel(t *testing.T) {
	tests := []struct {
		name string
		pts  []data.Point
		want string
	}{
		{"a level spans its own range", series(2.9, 3.0, 3.1, 3.2, 3.6), "▁▂▃▄█"},
		{"a flat level is mid-height", series(5, 5), "▅▅"},
		{"an all-negative level keeps its order", series(-3, -1, -2), "▁█▅"},
		{"crossing zero draws as a flow", series(-2, 0, 2), "█▁▇"},
		{"gaps stay gaps", append(series(1), data.Point{}, series(2)[0]), "▁·█"},
	}
	for _, tt := range tests {
		if got := SparklineLevel(tt.pts, len(tt.pts), -1, Styles{}); got != tt.want {
			t.Errorf("%s: SparklineLevel = %q, want %q", tt.name, got, tt.want)
		}
	}
	if s := ScaleLevel(series(1, 2)); !strings.Contains(s, "low to high") {
		t.Errorf("ScaleLevel = %q, want it to say the range is the series' own", s)
	}
}

// TestSparklineLossOrder checks on a longer loss series that every deeper
// loss draws at or below every shallower one.
func TestSparklineLossOrder(t *testing.T) {
	vals := []float64{-2960, -3672, -2806, -2816, -3992, -4279, -3739, -4646, -4216, -6000}
	got := []rune(Sparkline(series(vals...), len(vals), -1, Styles{}))
	for i := range vals {
		for j := range vals {
			li, lj := levelOf(string(got[i])), levelOf(string(got[j]))
			if vals[i] < vals[j] && li > lj {
				t.Errorf("loss %v drawn higher (%c) than shallower loss %v (%c)", vals[i], got[i], vals[j], got[j])
			}
		}
	}
	if levelOf(string(got[9])) != 0 {
		t.Errorf("deepest loss drawn %c, want ▁", got[9])
	}
}

func TestScale(t *testing.T) {
	if s := Scale(series(-1, -2)); !strings.Contains(s, "loss") {
		t.Errorf("loss series legend %q does not mention losses", s)
	}
	if s := Scale(series(-1, 2)); s == "" {
		t.Error("mixed series has no legend")
	}
	for _, pts := range [][]data.Point{series(1, 2), nil, series(0, 0), series(math.NaN())} {
		if s := Scale(pts); s != "" {
			t.Errorf("Scale(%v) = %q, want empty", pts, s)
		}
	}
}

// TestMarkerAlignsWithSparkline makes the selected quarter the only gap,
// so its cell is the "·" in the plain sparkline; the marker's "▲" must be
// in the same column, for every size and selection.
func TestMarkerAlignsWithSparkline(t *testing.T) {
	for n := 1; n <= 12; n++ {
		for width := 1; width <= 14; width++ {
			for sel := 0; sel < n; sel++ {
				vals := make([]float64, n)
				for i := range vals {
					vals[i] = float64(i + 1)
				}
				vals[sel] = math.NaN()
				spark := []rune(Sparkline(series(vals...), width, sel, Styles{}))
				mark := []rune(Marker(n, width, sel))
				if len(mark) != width || len(spark) != width {
					t.Fatalf("n=%d width=%d: sparkline %q marker %q not %d wide", n, width, string(spark), string(mark), width)
				}
				gap, arrow := runeIndex(spark, '·'), runeIndex(mark, '▲')
				if gap < 0 || gap != arrow {
					t.Errorf("n=%d width=%d sel=%d: selected cell not visible or marker misaligned: %q / %q", n, width, sel, string(spark), string(mark))
				}
			}
		}
	}
	if m := Marker(5, 4, -1); strings.Contains(m, "▲") || len(m) != 4 {
		t.Errorf("Marker with no selection = %q, want 4 blanks", m)
	}
	if m := Marker(5, 0, 2); m != "" {
		t.Errorf("Marker width 0 = %q", m)
	}
}

// runeIndex is the cell index of r in s, or -1.
func runeIndex(s []rune, r rune) int {
	for i, c := range s {
		if c == r {
			return i
		}
	}
	return -1
}

func TestSparklineStyled(t *testing.T) {
	st := colourStyles()
	pts := series(-3, 1, math.NaN(), 4)
	got := Sparkline(pts, 6, 3, st)
	if w := lipgloss.Width(got); w != 6 {
		t.Errorf("styled width %d, want 6: %q", w, got)
	}
	if plain := ansi.Strip(got); plain != "  █▂·▇" {
		t.Errorf("styled sparkline reads %q, want %q", plain, "  █▂·▇")
	}
	if !strings.Contains(got, "\x1b[") {
		t.Error("styles were not applied")
	}
}

func TestRangeBar(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name       string
		low, high  float64
		actual     *float64
		smin, smax float64
		width      int
		want       string
	}{
		{"range with actual inside", 4000, 4500, f(4300), 3500, 5000, 31,
			strings.Repeat(" ", 10) + "├─────◆───┤" + strings.Repeat(" ", 10)},
		{"low and high swapped", 4500, 4000, f(4300), 3500, 5000, 31,
			strings.Repeat(" ", 10) + "├─────◆───┤" + strings.Repeat(" ", 10)},
		{"actual above the range", 4000, 4500, f(4800), 3500, 5000, 31,
			strings.Repeat(" ", 10) + "├─────────┤     ◆    "},
		{"actual beyond the scale is clamped", 4000, 4500, f(9000), 3500, 5000, 31,
			strings.Repeat(" ", 10) + "├─────────┤         ◆"},
		{"narrow range is one cell", 4000, 4001, nil, 3500, 5000, 31,
			strings.Repeat(" ", 10) + "┃" + strings.Repeat(" ", 20)},
		{"no actual", 3500, 5000, nil, 3500, 5000, 5, "├───┤"},
		{"NaN actual is not drawn", 3500, 5000, f(math.NaN()), 3500, 5000, 5, "├───┤"},
		{"NaN range keeps the actual", math.NaN(), 5000, f(4000), 3000, 5000, 5, "  ◆  "},
		{"degenerate scale spans the figures", 10, 20, f(15), 7, 7, 5, " ├◆─┤"},
		{"NaN scale spans the figures", 10, 20, nil, math.NaN(), math.NaN(), 5, "├───┤"},
		{"reversed scale", 4000, 4500, nil, 5000, 3500, 31, strings.Repeat(" ", 10) + "├─────────┤" + strings.Repeat(" ", 10)},
		{"width one", 1, 2, f(1.5), 0, 3, 1, "◆"},
		{"width zero", 1, 2, nil, 0, 3, 0, ""},
		{"nothing to draw", math.NaN(), math.NaN(), nil, math.NaN(), math.Inf(1), 3, "   "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RangeBar(tt.low, tt.high, tt.actual, tt.smin, tt.smax, tt.width, Styles{})
			if got != tt.want {
				t.Errorf("RangeBar = %q, want %q", got, tt.want)
			}
		})
	}
}

// plotRows splits a plain chart into its graph rows (without the Y
// gutter and axis) and the label line.
func plotRows(t *testing.T, out string, w, h int) (rows [][]rune, labels string) {
	t.Helper()
	lines := strings.Split(ansi.Strip(out), "\n")
	if len(lines) != h {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), h, out)
	}
	axis := -1
	for _, c := range []string{"┤", "│"} {
		if i := strings.Index(lines[0], c); i >= 0 && (axis < 0 || i < axis) {
			axis = i
		}
	}
	if axis < 0 {
		t.Fatalf("no Y axis in first line %q", lines[0])
	}
	col := len([]rune(lines[0][:axis])) + 1
	for _, l := range lines[:h-1] {
		r := []rune(l)
		if len(r) != w {
			t.Fatalf("line %q is %d cells, want %d", l, len(r), w)
		}
		rows = append(rows, r[col:])
	}
	return rows, lines[h-1]
}

// columnExtent is the rows a column's bar covers, above and below the
// zero row (the row holding "─").
func columnExtent(rows [][]rune, x int) (zero, above, below int) {
	zero = -1
	for r := range rows {
		if rows[r][x] == '─' || rows[r][x] == '·' {
			zero = r
		}
	}
	for r := range rows {
		if strings.ContainsRune("▁▂▃▄▅▆▇█▀", rows[r][x]) {
			if r < zero {
				above++
			} else {
				below++
			}
		}
	}
	return zero, above, below
}

func TestChartLossesHangBelowZero(t *testing.T) {
	vals := []float64{-2960, -3672, -4646, -6000}
	label := func(v float64) string { return format.Compact(v, data.UnitCurrencyMillions, "USD", false) }
	out := Chart(series(vals...), ChartOptions{Width: 40, Height: 12, Selected: 2, Label: label}, Styles{})
	rows, labels := plotRows(t, out, 40, 12)
	if !strings.HasPrefix(strings.TrimSpace(out), "$0") {
		t.Errorf("top tick of a loss chart should be $0:\n%s", out)
	}
	if !strings.Contains(out, "−$6.0B") {
		t.Errorf("bottom tick should reach the deepest loss on a nice step:\n%s", out)
	}
	slot := 36 / len(vals) // plot width / points
	prev := 0
	for i := range vals {
		zero, above, below := columnExtent(rows, i*slot)
		if zero != 0 || above != 0 || below == 0 {
			t.Errorf("loss %v: zero row %d, %d cells above, %d below; want a bar hanging from the top zero line", vals[i], zero, above, below)
		}
		if below < prev {
			t.Errorf("deeper loss %v drawn shorter (%d) than the one before (%d)", vals[i], below, prev)
		}
		prev = below
	}
	for _, want := range []string{"22Q1", "▲22Q3 −$4.6B"} {
		if !strings.Contains(labels, want) {
			t.Errorf("label line %q lacks %q", labels, want)
		}
	}
}

func TestChartMixedAndGaps(t *testing.T) {
	out := Chart(series(100, -50, math.NaN(), 25), ChartOptions{Width: 30, Height: 10, Selected: -1}, Styles{})
	rows, _ := plotRows(t, out, 30, 10)
	z0, a0, b0 := columnExtent(rows, 0)
	if z0 <= 0 || z0 >= len(rows)-1 || a0 == 0 || b0 != 0 {
		t.Errorf("positive value: zero row %d, above %d, below %d:\n%s", z0, a0, b0, out)
	}
	slot := (30 - lipgloss.Width(strings.Split(out, "┤")[0]) - 1) / 4
	if _, a, b := columnExtent(rows, slot); a != 0 || b == 0 {
		t.Errorf("negative value: above %d, below %d:\n%s", a, b, out)
	}
	if _, a, b := columnExtent(rows, 2*slot); a != 0 || b != 0 || rows[z0][2*slot] != '·' {
		t.Errorf("gap drawn as a bar or not marked:\n%s", out)
	}
	if _, a, _ := columnExtent(rows, 3*slot); a == 0 || a > a0 {
		t.Errorf("25 should be a shorter bar than 100 (%d vs %d):\n%s", a, a0, out)
	}
}

// TestChartNiceTicks: ticks are multiples of 1, 2, 2.5 or 5 × 10^n, a
// tall chart has more of them, and the bars use the whole width.
func TestChartNiceTicks(t *testing.T) {
	label := func(v float64) string { return format.Compact(v, data.UnitCount, "", false) }
	vals := []float64{27908, 28822, 27714, 32165, 28645}
	short := Chart(series(vals...), ChartOptions{Width: 60, Height: 10, Selected: 1, Label: label}, Styles{})
	tall := Chart(series(vals...), ChartOptions{Width: 60, Height: 40, Selected: 1, Label: label}, Styles{})
	if a, b := strings.Count(short, "┤"), strings.Count(tall, "┤"); b <= a || b < 6 {
		t.Errorf("tall chart has %d ticks, short %d; want more on the tall one:\n%s", b, a, tall)
	}
	for _, l := range strings.Split(tall, "\n") {
		lab, _, ok := strings.Cut(l, "┤")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(strings.NewReplacer("K", "e3", ",", "").Replace(strings.TrimSpace(lab)), 64)
		if err != nil {
			t.Fatalf("tick %q: %v", lab, err)
		}
		if v != 0 && !isNice(v) {
			t.Errorf("tick %v is not a multiple of a nice step:\n%s", v, tall)
		}
	}
	few := Chart(series(1, 2, 3, 4), ChartOptions{Width: 120, Height: 10, Selected: -1, Label: label}, Styles{})
	last := strings.Split(few, "\n")[8]
	if used := len(strings.TrimRight(last, " ")); used < 100 {
		t.Errorf("four bars use %d of 120 columns:\n%s", used, few)
	}
	if !strings.Contains(short, "▲22Q2 28.8K") {
		t.Errorf("the selected bar's figure is not at the cursor:\n%s", short)
	}
}

// isNice reports whether |v| is k × (1, 2, 2.5 or 5) × 10^n for a small k.
func isNice(v float64) bool {
	v = math.Abs(v)
	for e := -3.0; e <= 15; e++ {
		for _, m := range []float64{1, 2, 2.5, 5} {
			step := m * math.Pow(10, e)
			if k := v / step; k >= 1 && k <= 20 && math.Abs(k-math.Round(k)) < 1e-9 {
				return true
			}
		}
	}
	return false
}

// TestChartExact pins one small chart cell for cell.
func TestChartExact(t *testing.T) {
	label := func(v float64) string { return format.Compact(v, data.UnitCount, "", false) }
	got := Chart(series(4, -2, 8, math.NaN()), ChartOptions{Width: 20, Height: 7, Selected: 2, Label: label}, Styles{})
	want := strings.Join([]string{
		"10┤        ▃▃▃      ",
		"  │▂▂▂     ███      ",
		"  │███     ███      ",
		" 0┤────────────···──",
		"  │    ███          ",
		"−5┤                 ",
		"   22Q1    ▲22Q3 8  ",
	}, "\n")
	if got != want {
		t.Errorf("Chart =\n%s\nwant\n%s", got, want)
	}
}

func TestChartLabels(t *testing.T) {
	vals := make([]float64, 18)
	for i := range vals {
		vals[i] = float64(i + 1)
	}
	xl := make([]string, 18)
	for i := range xl {
		xl[i] = "L" + string(rune('a'+i))
	}
	out := Chart(series(vals...), ChartOptions{Width: 80, Height: 12, Selected: 7, XLabels: xl}, Styles{})
	last := strings.Split(out, "\n")[11]
	for _, want := range []string{"La", "▲Lh", "Lr"} {
		if !strings.Contains(last, want) {
			t.Errorf("label line %q lacks %q", last, want)
		}
	}
	// Tick labels: at least two, at most one row in two.
	ticks := strings.Count(out, "┤")
	if ticks < 2 || ticks > 6 {
		t.Errorf("%d ticks, want 2-6:\n%s", ticks, out)
	}
}

func TestChartDegrades(t *testing.T) {
	pts := series(1, 2, 3)
	small := Chart(pts, ChartOptions{Width: 19, Height: 8}, Styles{})
	if !strings.Contains(small, "(chart") || len(strings.Split(small, "\n")) != 8 {
		t.Errorf("small chart = %q", small)
	}
	empty := Chart(series(math.NaN(), math.NaN()), ChartOptions{Width: 30, Height: 6}, Styles{})
	if !strings.Contains(empty, "no figures") {
		t.Errorf("empty chart = %q", empty)
	}
	panicky := Chart(pts, ChartOptions{Width: 30, Height: 6, Label: func(float64) string { panic("boom") }}, Styles{})
	if !strings.Contains(panicky, "unavailable") || len(strings.Split(panicky, "\n")) != 6 {
		t.Errorf("panicking label gave %q", panicky)
	}
	if got := Chart(pts, ChartOptions{Width: 0, Height: 10}, Styles{}); got != "" {
		t.Errorf("zero width gave %q", got)
	}
}

// hostile is a set of inputs that have hung or crashed chart code.
func hostile() map[string][]data.Point {
	many := make([]float64, 150)
	for i := range many {
		many[i] = math.Sin(float64(i)) * 1e6
	}
	return map[string][]data.Point{
		"nil":        nil,
		"one":        series(42),
		"one loss":   series(-42),
		"all equal":  series(7, 7, 7, 7),
		"all zero":   series(0, 0, 0),
		"non-finite": {{Value: math.NaN(), OK: true}, {Value: math.Inf(1), OK: true}, {Value: math.Inf(-1), OK: true}, {Value: 3, OK: true}},
		"outliers":   series(1e300, -1e300, 1, math.MaxFloat64, -math.SmallestNonzeroFloat64),
		"all gaps":   series(math.NaN(), math.NaN()),
		"many":       series(many...),
		"tiny":       series(1e-300, -1e-300, 5e-324),
	}
}

// watchdog runs f, which calls tick after each unit of work, and fails
// the test if no tick arrives for stall: a hang (the NaN trap in
// ntcharts) must fail rather than stall the suite, while a slow or busy
// machine, which still makes progress, must not.
func watchdog(t *testing.T, stall time.Duration, f func(tick func())) {
	t.Helper()
	var n atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(func() { n.Add(1) })
	}()
	last := int64(-1)
	for {
		select {
		case <-done:
			return
		case <-time.After(stall):
			cur := n.Load()
			if cur == last {
				t.Fatalf("no progress for %v after %d calls: a chart call hangs", stall, cur)
			}
			last = cur
		}
	}
}

func checkBlock(t *testing.T, what, out string, w, h int) {
	t.Helper()
	if w <= 0 || h <= 0 {
		if out != "" {
			t.Errorf("%s: %dx%d gave %q, want empty", what, w, h, out)
		}
		return
	}
	lines := strings.Split(out, "\n")
	if len(lines) != h {
		t.Errorf("%s: %d lines, want %d", what, len(lines), h)
		return
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw != w {
			t.Errorf("%s: line %d is %d cells, want %d: %q", what, i, lw, w, l)
			return
		}
	}
}

func TestSizesHostile(t *testing.T) {
	styles := map[string]Styles{"plain": {}, "colour": colourStyles()}
	// Every output line must be exactly the width asked for, at every size,
	// for inputs that crash or hang ntcharts; the watchdog fails on a hang.
	watchdog(t, 10*time.Second, func(tick func()) {
		for name, pts := range hostile() {
			for sname, st := range styles {
				for _, sel := range []int{-5, 0, 3, len(pts) - 1, 9999} {
					for w := 0; w <= 200; w++ {
						tick()
						checkBlock(t, name+"/"+sname+" sparkline", Sparkline(pts, w, sel, st), w, 1)
						checkBlock(t, name+" marker", Marker(len(pts), w, sel), w, 1)
					}
				}
				for w := 0; w <= 200; w += 5 {
					for _, h := range []int{0, 1, 4, 5, 6, 12, 30, 60} {
						o := ChartOptions{Width: w, Height: h, Selected: 3, Label: func(v float64) string {
							return format.Compact(v, data.UnitCurrencyMillions, "USD", true)
						}}
						tick()
						checkBlock(t, name+"/"+sname+" chart", Chart(pts, o, st), w, h)
					}
				}
				for h := 0; h <= 60; h++ {
					for _, w := range []int{19, 20, 21, 80} {
						o := ChartOptions{Width: w, Height: h, Selected: -1, XLabels: []string{"a\nb", "\x1b[31mred\x1b[0m", "很长的标签"}}
						tick()
						checkBlock(t, name+"/"+sname+" chart", Chart(pts, o, st), w, h)
					}
				}
			}
		}
		f := func(v float64) *float64 { return &v }
		bad := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 1e300, -1e300, 0, 1}
		colour := colourStyles()
		for w := 0; w <= 200; w++ {
			for _, a := range bad {
				for _, b := range bad {
					tick()
					checkBlock(t, "rangebar", RangeBar(a, b, f(a), b, a, w, colour), w, 1)
					checkBlock(t, "rangebar", RangeBar(b, a, nil, 0, 0, w, Styles{}), w, 1)
				}
			}
		}
	})
}

func benchPoints() []data.Point {
	vals := []float64{-2960, -3672, -2806, -2816, -3992, -4279, -3739, -4646, -4216,
		-3846, -3850, -4970, -4200, -4530, -4400, -6000, -4210, -4530}
	return series(vals...)
}

func BenchmarkSparkline40(b *testing.B) {
	pts, st := benchPoints(), colourStyles()
	b.ReportAllocs()
	for b.Loop() {
		_ = Sparkline(pts, 40, 10, st)
	}
}

func benchChart(b *testing.B, w, h int) {
	pts, st := benchPoints(), colourStyles()
	o := ChartOptions{Width: w, Height: h, Selected: 10, Label: func(v float64) string {
		return format.Compact(v, data.UnitCurrencyMillions, "USD", false)
	}}
	b.ReportAllocs()
	for b.Loop() {
		_ = Chart(pts, o, st)
	}
}

func BenchmarkChart80x12(b *testing.B)  { benchChart(b, 80, 12) }
func BenchmarkChart200x30(b *testing.B) { benchChart(b, 200, 30) }

// TestChartShadesApproximateBars: an approximate figure's bar body is ▓,
// an exact one's █, for gains and losses alike, and Legend names both the
// shading and the gap dot.
func TestChartShadesApproximateBars(t *testing.T) {
	for _, sign := range []float64{1, -1} {
		pts := series(sign*100, sign*100, math.NaN())
		pts[1].Approx = true
		out := Chart(pts, ChartOptions{Width: 30, Height: 10, Selected: -1}, Styles{})
		rows, _ := plotRows(t, out, 30, 10)
		slot := len(rows[0]) / len(pts)
		exactCol, approxCol := columnText(rows, 0), columnText(rows, slot)
		if !strings.Contains(exactCol, "█") || strings.Contains(exactCol, "▓") {
			t.Errorf("sign %v: exact bar column %q, want █ and no ▓\n%s", sign, exactCol, out)
		}
		if !strings.Contains(approxCol, "▓") || strings.Contains(approxCol, "█") {
			t.Errorf("sign %v: approximate bar column %q, want ▓ and no █\n%s", sign, approxCol, out)
		}
		if got := Legend(pts); got != "▓ approximate figure · · not reported" {
			t.Errorf("Legend = %q", got)
		}
	}
	if got := Legend(series(1, 2)); got != "" {
		t.Errorf("Legend of exact, complete data = %q, want empty", got)
	}
}

// columnText is the glyphs of plot column x, top to bottom.
func columnText(rows [][]rune, x int) string {
	var b strings.Builder
	for _, r := range rows {
		if x < len(r) {
			b.WriteRune(r[x])
		}
	}
	return b.String()
}

// TestRangeBarActualJustOutside: an actual just above (below) the range,
// close enough to round onto the bracket's cell, is drawn one cell beyond
// it, so a beat never looks like "at the top of the range".
func TestRangeBarActualJustOutside(t *testing.T) {
	above, below := 40.01, 29.99
	if got := RangeBar(30, 40, &above, 20, 50, 31, Styles{}); !strings.Contains(got, "┤◆") {
		t.Errorf("just above: %q, want ◆ right after ┤", got)
	}
	if got := RangeBar(30, 40, &below, 20, 50, 31, Styles{}); !strings.Contains(got, "◆├") {
		t.Errorf("just below: %q, want ◆ right before ├", got)
	}
	inside := 40.0
	if got := RangeBar(30, 40, &inside, 20, 50, 31, Styles{}); !strings.Contains(got, "├─────────◆") {
		t.Errorf("at the top, inside: %q, want ◆ on the bracket", got)
	}
}

// TestColumnGlyphMatchesNtcharts: the columns Chart draws without a canvas
// are the ones ntcharts' DrawColumnBottomToTop draws on an empty canvas,
// for heights on and between every sixteenth of a row.
func TestColumnGlyphMatchesNtcharts(t *testing.T) {
	for _, rows := range []int{1, 3, 8} {
		for k := 1; k <= rows*64; k++ {
			height := float64(k) / 64
			col := canvas.New(1, rows)
			graph.DrawColumnBottomToTop(&col, canvas.Point{X: 0, Y: rows - 1}, height, lipgloss.Style{})
			for r := 0; r < rows; r++ {
				want := col.Cell(canvas.Point{X: 0, Y: r}).Rune
				if got := columnGlyph(height, rows-1-r); got != want {
					t.Fatalf("height %v in %d rows, row %d: got %q, ntcharts draws %q", height, rows, r, got, want)
				}
			}
		}
	}
}
