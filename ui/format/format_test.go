package format

import (
	"math"
	"strings"
	"testing"

	"quarterdash/data"
)

var (
	nan  = math.NaN()
	pInf = math.Inf(1)
	nInf = math.Inf(-1)
)

func TestValue(t *testing.T) {
	tests := []struct {
		name   string
		v      float64
		u      data.Unit
		cur    string
		approx bool
		want   string
	}{
		{"billions", 39071, data.UnitCurrencyMillions, "USD", false, "$39.07B"},
		{"negative billions keep unit", -4488, data.UnitCurrencyMillions, "USD", false, "−$4.49B"},
		{"millions", 353, data.UnitCurrencyMillions, "USD", false, "$353M"},
		{"tens of millions", 45.25, data.UnitCurrencyMillions, "USD", false, "$45.3M"},
		{"single millions", 5.251, data.UnitCurrencyMillions, "USD", false, "$5.25M"},
		{"negative millions", -353, data.UnitCurrencyMillions, "USD", false, "−$353M"},
		{"thousands", 0.5, data.UnitCurrencyMillions, "USD", false, "$500K"},
		{"trillions", 1250000, data.UnitCurrencyMillions, "USD", false, "$1.25T"},
		{"zero money", 0, data.UnitCurrencyMillions, "USD", false, "$0"},
		{"negative zero money", math.Copysign(0, -1), data.UnitCurrencyMillions, "USD", false, "$0"},
		{"tiny negative rounds to zero without sign", -1e-9, data.UnitCurrencyMillions, "USD", false, "$0"},
		{"rounding edge goes up a step", 999.995, data.UnitCurrencyMillions, "USD", false, "$1.00B"},
		{"rounding edge below stays", 999.4, data.UnitCurrencyMillions, "USD", false, "$999M"},
		{"rounding edge billions to trillions", 999995, data.UnitCurrencyMillions, "USD", false, "$1.00T"},
		{"negative rounding edge", -999.995, data.UnitCurrencyMillions, "USD", false, "−$1.00B"},
		{"approx money", 39071, data.UnitCurrencyMillions, "USD", true, "~$39.07B"},
		{"approx negative", -4488, data.UnitCurrencyMillions, "USD", true, "~−$4.49B"},
		{"euro", 39071, data.UnitCurrencyMillions, "EUR", false, "€39.07B"},
		{"pound", 39071, data.UnitCurrencyMillions, "gbp", false, "£39.07B"},
		{"yen", 39071, data.UnitCurrencyMillions, "JPY", false, "¥39.07B"},
		{"other code", 39071, data.UnitCurrencyMillions, "CHF", false, "CHF 39.07B"},
		{"negative other code", -39071, data.UnitCurrencyMillions, "CHF", false, "−CHF 39.07B"},
		{"no currency", 39071, data.UnitCurrencyMillions, "", false, "39.07B"},
		{"huge money", 1e300, data.UnitCurrencyMillions, "USD", false, "$1.00e+306"},
		{"huge negative money", -1e300, data.UnitCurrencyMillions, "USD", false, "−$1.00e+306"},
		{"eps", 5.16, data.UnitCurrencyPerShare, "USD", false, "$5.16/share"},
		{"negative eps", -0.25, data.UnitCurrencyPerShare, "USD", false, "−$0.25/share"},
		{"approx eps", 5.16, data.UnitCurrencyPerShare, "USD", true, "~$5.16/share"},
		{"price", 169.58, data.UnitCurrency, "USD", false, "$169.58"},
		{"price with separators", 1234.5, data.UnitCurrency, "USD", false, "$1,234.50"},
		{"huge price scales", 2.5e9, data.UnitCurrency, "USD", false, "$2.50B"},
		{"people billions", 3.27, data.UnitPeopleBillions, "", false, "3.27B people"},
		{"people billions under one", 0.5, data.UnitPeopleBillions, "", false, "500M people"},
		{"people millions approx", 200, data.UnitPeopleMillions, "", true, "~200M people"},
		{"people millions small", 12.5, data.UnitPeopleMillions, "", false, "12.5M people"},
		{"percent", 38.0, data.UnitPercent, "", false, "38.0%"},
		{"negative percent", -5.25, data.UnitPercent, "", false, "−5.3%"},
		{"percent rounds to zero", -0.01, data.UnitPercent, "", false, "0.0%"},
		{"count", 70799, data.UnitCount, "", false, "70,799"},
		{"count million", 1234567, data.UnitCount, "", false, "1,234,567"},
		{"count zero", 0, data.UnitCount, "", false, "0"},
		{"unknown unit", -1234.5, data.Unit("furlongs"), "", false, "−1,234.50"},
		{"nan", nan, data.UnitCurrencyMillions, "USD", false, Missing},
		{"inf", pInf, data.UnitPercent, "", true, Missing},
		{"minus inf", nInf, data.UnitCount, "", false, Missing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Value(tt.v, tt.u, tt.cur, tt.approx); got != tt.want {
				t.Errorf("Value(%v, %s, %q, %v) = %q, want %q", tt.v, tt.u, tt.cur, tt.approx, got, tt.want)
			}
		})
	}
}

func TestCompact(t *testing.T) {
	tests := []struct {
		name   string
		v      float64
		u      data.Unit
		approx bool
		want   string
	}{
		{"billions", 39071, data.UnitCurrencyMillions, false, "$39.1B"},
		{"negative billions", -4488, data.UnitCurrencyMillions, false, "−$4.5B"},
		{"millions", 353, data.UnitCurrencyMillions, false, "$353M"},
		{"rounding edge", 999.96, data.UnitCurrencyMillions, false, "$1.0B"},
		{"hundreds of billions", 353000, data.UnitCurrencyMillions, false, "$353B"},
		{"zero", 0, data.UnitCurrencyMillions, false, "$0"},
		{"eps has no suffix", 5.16, data.UnitCurrencyPerShare, false, "$5.16"},
		{"people billions", 3.27, data.UnitPeopleBillions, false, "3.3B"},
		{"people millions approx", 200, data.UnitPeopleMillions, true, "~200M"},
		{"percent", 38.0, data.UnitPercent, false, "38%"},
		{"negative percent", -12.6, data.UnitPercent, false, "−13%"},
		{"count", 70799, data.UnitCount, false, "70.8K"},
		{"small count", 512, data.UnitCount, false, "512"},
		{"nan", nan, data.UnitCount, false, Missing},
		{"huge", -1e300, data.UnitCount, false, "−1.00e+300"},
		{"overflow in base units", 1e305, data.UnitPeopleBillions, false, Missing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Compact(tt.v, tt.u, "USD", tt.approx); got != tt.want {
				t.Errorf("Compact(%v, %s) = %q, want %q", tt.v, tt.u, got, tt.want)
			}
		})
	}
}

func TestExact(t *testing.T) {
	tests := []struct {
		name string
		v    float64
		u    data.Unit
		cur  string
		want string
	}{
		{"money", 39071, data.UnitCurrencyMillions, "USD", "39,071 USD millions"},
		{"negative money", -4488, data.UnitCurrencyMillions, "USD", "−4,488 USD millions"},
		{"money without code", 39071, data.UnitCurrencyMillions, "", "39,071 millions"},
		{"eps", 5.16, data.UnitCurrencyPerShare, "USD", "5.16 USD per share"},
		{"price", 169.58, data.UnitCurrency, "usd", "169.58 USD"},
		{"people billions", 3.27, data.UnitPeopleBillions, "", "3.27 billion people"},
		{"people millions", 200, data.UnitPeopleMillions, "", "200 million people"},
		{"percent", 22.1, data.UnitPercent, "", "22.1%"},
		{"computed ratio has no float noise", 100.0 / 3, data.UnitPercent, "", "33.3333%"},
		{"float noise trimmed", 0.1 + 0.2, data.UnitPercent, "", "0.3%"},
		{"count", 70799, data.UnitCount, "", "70,799"},
		{"zero", 0, data.UnitCount, "", "0"},
		{"tiny negative rounds to zero", -1e-9, data.UnitCount, "", "0"},
		{"huge", 1e300, data.UnitCount, "", "1e+300"},
		{"overflowing unit", 1e305, data.UnitPeopleBillions, "", "1e+305 billion people"},
		{"nan", nan, data.UnitCount, "", Missing},
		{"inf", pInf, data.UnitCurrencyMillions, "USD", Missing},
	}
	tests = append(tests, struct {
		name string
		v    float64
		u    data.Unit
		cur  string
		want string
	}{"whole percent keeps a decimal", 14, data.UnitPercent, "", "14.0%"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Exact(tt.v, tt.u, tt.cur); got != tt.want {
				t.Errorf("Exact(%v, %s, %q) = %q, want %q", tt.v, tt.u, tt.cur, got, tt.want)
			}
		})
	}
}

func TestExactSigned(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{{14, "+14.0%"}, {-7.7, "−7.7%"}, {0, "0.0%"}, {0.00001, "0.0%"}} {
		if got := ExactSigned(tt.v, data.UnitPercent, ""); got != tt.want {
			t.Errorf("ExactSigned(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestChange(t *testing.T) {
	tests := []struct {
		name string
		c    data.Change
		u    data.Unit
		want string
	}{
		{"rise", data.Change{Abs: 7000, Pct: 22.1, PctOK: true}, data.UnitCurrencyMillions, "+22.1%"},
		{"fall", data.Change{Abs: -700, Pct: -13.64, PctOK: true}, data.UnitCurrencyMillions, "−13.6%"},
		{"zero", data.Change{PctOK: true}, data.UnitCurrencyMillions, "0.0%"},
		{"rounds to zero has no sign", data.Change{Abs: -0.001, Pct: -0.04, PctOK: true}, data.UnitCurrencyMillions, "0.0%"},
		{"big rise grouped", data.Change{Abs: 1, Pct: 12345.6, PctOK: true}, data.UnitCount, "+12,345.6%"},
		{"approx", data.Change{Abs: 7000, Pct: 22.1, PctOK: true, Approx: true}, data.UnitCurrencyMillions, "~+22.1%"},
		{"percent metric in points", data.Change{From: 20, To: 21.2, Abs: 1.2, Pct: 6, PctOK: true}, data.UnitPercent, "+1.2 pp"},
		{"percent metric down", data.Change{Abs: -0.45, Pct: -2, PctOK: true}, data.UnitPercent, "−0.5 pp"},
		{"percent metric flat", data.Change{}, data.UnitPercent, "0.0 pp"},
		{"from zero falls back to absolute", data.Change{From: 0, To: 353, Abs: 353}, data.UnitCurrencyMillions, "+$353M"},
		{"from zero negative absolute", data.Change{From: 0, To: -4488, Abs: -4488}, data.UnitCurrencyMillions, "−$4.5B"},
		{"absolute zero", data.Change{}, data.UnitCurrencyMillions, "$0"},
		{"absolute approx", data.Change{Abs: 200, Approx: true}, data.UnitPeopleMillions, "~+200M"},
		{"nan pct", data.Change{Pct: nan, PctOK: true}, data.UnitCount, Missing},
		{"inf abs", data.Change{Abs: pInf}, data.UnitCount, Missing},
		{"nan points", data.Change{Abs: nan}, data.UnitPercent, Missing},
		{"loss to profit is absolute", data.Change{From: -40, To: 10, Abs: 50, Pct: 125, PctOK: true}, data.UnitCurrencyMillions, "+$50.0M"},
		{"profit to loss is absolute", data.Change{From: 10, To: -40, Abs: -50, Pct: -500, PctOK: true}, data.UnitCurrencyMillions, "−$50.0M"},
		{"loss to zero is absolute", data.Change{From: -40, To: 0, Abs: 40, Pct: 100, PctOK: true}, data.UnitCurrencyMillions, "+$40.0M"},
		{"profit to zero is a fall", data.Change{From: 40, To: 0, Abs: -40, Pct: -100, PctOK: true}, data.UnitCurrencyMillions, "−100.0%"},
		{"deeper loss widened", data.Change{From: -4000, To: -4588, Abs: -588, Pct: -14.7, PctOK: true}, data.UnitCurrencyMillions, "loss widened 14.7%"},
		{"smaller loss narrowed", data.Change{From: -4588, To: -4000, Abs: 588, Pct: 12.8, PctOK: true}, data.UnitCurrencyMillions, "loss narrowed 12.8%"},
		{"approx loss", data.Change{From: -4000, To: -4588, Abs: -588, Pct: -14.7, PctOK: true, Approx: true}, data.UnitCurrencyMillions, "loss widened ~14.7%"},
		{"same loss", data.Change{From: -4000, To: -4000, PctOK: true}, data.UnitCurrencyMillions, "loss unchanged"},
		{"negative count is not a loss", data.Change{From: -10, To: -12, Abs: -2, Pct: -20, PctOK: true}, data.UnitCount, "−20.0%"},
		{"across zero, percent metric in points", data.Change{From: -5, To: 5, Abs: 10, Pct: 200, PctOK: true}, data.UnitPercent, "+10.0 pp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ChangeIn(tt.c, tt.u, "USD"); got != tt.want {
				t.Errorf("ChangeIn(%+v, %s, USD) = %q, want %q", tt.c, tt.u, got, tt.want)
			}
		})
	}
	if got := ChangeIn(data.Change{Abs: 353}, data.UnitCurrencyMillions, "EUR"); got != "+€353M" {
		t.Errorf("ChangeIn EUR = %q, want +€353M", got)
	}
	for _, tt := range []struct {
		c    data.Change
		want string
	}{
		{data.Change{From: -4000, To: -4588, Abs: -588, Pct: -14.7, PctOK: true}, "loss +14.7%"},
		{data.Change{From: -4588, To: -4000, Abs: 588, Pct: 12.8, PctOK: true, Approx: true}, "loss ~−12.8%"},
		{data.Change{Abs: 7000, Pct: 22.1, PctOK: true}, "+22.1%"},
	} {
		if got := ChangeShort(tt.c, data.UnitCurrencyMillions, "USD"); got != tt.want {
			t.Errorf("ChangeShort(%+v) = %q, want %q", tt.c, got, tt.want)
		}
	}
}

func TestArrow(t *testing.T) {
	tests := []struct {
		delta float64
		want  string
	}{
		{22.1, "▲"}, {-13.6, "▼"}, {0, "▬"}, {0.04, "▬"}, {-0.04, "▬"},
		{0.05, "▲"}, {-0.05, "▼"}, {pInf, "▲"}, {nInf, "▼"}, {nan, "·"},
	}
	for _, tt := range tests {
		if got := Arrow(tt.delta); got != tt.want {
			t.Errorf("Arrow(%v) = %q, want %q", tt.delta, got, tt.want)
		}
	}
}

// TestArrowAgreesWithChange checks that the arrow never contradicts the
// sign printed by Change beside it.
func TestArrowAgreesWithChange(t *testing.T) {
	changes := []data.Change{
		{Abs: 1, Pct: 22.1, PctOK: true}, {Abs: -1, Pct: -0.04, PctOK: true}, {Abs: 1, Pct: 0.049, PctOK: true},
		{Abs: 353}, {Abs: -353}, {Abs: 1e-12}, {}, {Abs: 0.06, Pct: 1, PctOK: true},
		{From: -40, To: 10, Abs: 50, Pct: 125, PctOK: true}, {From: -4000, To: -4588, Abs: -588, Pct: -14.7, PctOK: true},
		{From: -4588, To: -4000, Abs: 588, Pct: 12.8, PctOK: true}, {From: -4000, To: -4000, PctOK: true},
	}
	for _, u := range data.Units {
		for _, c := range changes {
			s := strings.TrimPrefix(ChangeIn(c, u, "USD"), approxMark)
			a := ArrowFor(c, u)
			var want string
			switch {
			case strings.HasPrefix(s, "+"), strings.HasPrefix(s, "loss narrowed"):
				want = "▲"
			case strings.HasPrefix(s, "loss widened"):
				want = "▼"
			case strings.HasPrefix(s, Minus):
				want = "▼"
			default:
				want = "▬"
			}
			if a != want {
				t.Errorf("unit %s change %+v: text %q but arrow %q", u, c, s, a)
			}
		}
	}
}

// TestNegativesKeepUnit guards against the classic formatter bug of
// dropping the unit (or the sign) for negative numbers.
func TestNegativesKeepUnit(t *testing.T) {
	for _, u := range data.Units {
		for _, v := range []float64{-0.5, -3.27, -353, -4488, -39071, -1250000} {
			pos := Value(-v, u, "USD", false)
			neg := Value(v, u, "USD", false)
			if neg != Minus+pos {
				t.Errorf("unit %s: Value(%v) = %q, want %q", u, v, neg, Minus+pos)
			}
			cpos := Compact(-v, u, "USD", false)
			cneg := Compact(v, u, "USD", false)
			if cneg != Minus+cpos {
				t.Errorf("unit %s: Compact(%v) = %q, want %q", u, v, cneg, Minus+cpos)
			}
		}
	}
}

func TestGroup(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "999": "999", "1000": "1,000", "12345.67": "12,345.67", "1234567": "1,234,567", "100000": "100,000",
	} {
		if got := group(in); got != want {
			t.Errorf("group(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNoRawFloatOutput feeds awkward magnitudes to every formatter and
// checks that none prints Go's raw float spellings or an ASCII hyphen as
// a sign.
func TestNoRawFloatOutput(t *testing.T) {
	values := []float64{0, 1e-300, -1e-300, 0.005, -0.005, 999.5, 999999.5, 1e14, -1e15, 1e300, -1e300,
		math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, nan, pInf, nInf}
	for _, u := range append(data.Units, data.Unit("")) {
		for _, v := range values {
			outs := []string{
				Value(v, u, "USD", true), Compact(v, u, "EUR", false), Exact(v, u, "USD"),
				ChangeIn(data.Change{Abs: v, Pct: v, PctOK: true}, u, "USD"), ChangeIn(data.Change{Abs: v}, u, "USD"),
			}
			for _, s := range outs {
				if s == "" || strings.Contains(s, "NaN") || strings.Contains(s, "Inf") ||
					strings.Contains(strings.ReplaceAll(s, "e-", "e"), "-") || len(s) > 40 {
					t.Errorf("unit %q value %v: bad output %q", u, v, s)
				}
			}
		}
	}
}

func TestSigned(t *testing.T) {
	tests := []struct {
		v      float64
		approx bool
		want   string
	}{
		{12.3, false, "+12.3%"},
		{0.4, false, "+0.4%"},
		{0.01, false, "0.0%"},
		{0, false, "0.0%"},
		{-22, false, "−22.0%"},
		{18, true, "~+18.0%"},
		{math.NaN(), false, "n/a"},
	}
	for _, tt := range tests {
		if got := Signed(tt.v, data.UnitPercent, "USD", tt.approx); got != tt.want {
			t.Errorf("Signed(%v, approx %v) = %q, want %q", tt.v, tt.approx, got, tt.want)
		}
	}
}
