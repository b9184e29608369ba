// Package format turns typed figures into display strings in one pure,
// table-tested place, so every view scales, signs and labels numbers the
// same way.
//
// Conventions kept everywhere:
//   - negatives use U+2212 (−) before the currency symbol and keep their
//     unit: "−$4.49B", never "$-4.49B" or a bare "-4.49";
//   - an approximate figure is prefixed with "~";
//   - a missing or non-finite figure is Missing ("n/a"), never "0" or "NaN";
//   - a figure that rounds to zero is shown without a sign.
//
// The package has no terminal or styling code in it.
package format

import (
	"math"
	"strconv"
	"strings"

	"quarterdash/data"
)

// Missing is shown for a figure that is absent or not a finite number.
const Missing = "n/a"

// Minus is the sign used for negative figures. U+2212 is the typographic
// minus: it is as wide as "+" and does not break a number across lines the
// way a hyphen can.
const Minus = "−"

// approxMark prefixes a figure that is rounded, spoken or weakly sourced.
const approxMark = "~"

// hugeBase is the magnitude (in base units: dollars, people) above which a
// figure is written in exponent form. Trillions cover every real company;
// beyond 1e15 the input is an error or an outlier, and a 300-digit string
// would wreck any layout.
const hugeBase = 1e15

// Value formats v for a KPI card or table cell: scaled (K/M/B/T) where the
// unit is large, with the unit kept on negatives, and "~" when approx.
//
// Examples: currency_millions 39071 → "$39.07B", −4488 → "−$4.49B",
// currency_per_share 5.16 → "$5.16/share", people_millions 200 approx →
// "~200M people", percent 38 → "38.0%", count 70799 → "70,799".
func Value(v float64, u data.Unit, currency string, approx bool) string {
	return render(v, u, currency, approx, false)
}

// Compact is a shorter form of Value for narrow cells and axis labels:
// one decimal at most, no "/share" or "people" suffix. Examples: "$39.1B",
// "−$4.5B", "3.27B" (people), "~200M", "38%".
func Compact(v float64, u data.Unit, currency string, approx bool) string {
	return render(v, u, currency, approx, true)
}

func render(v float64, u data.Unit, currency string, approx, compact bool) string {
	if !finite(v) {
		return Missing
	}
	if !finite(v * multiplier(u)) {
		// Scaling to base units (dollars, people) would overflow: no real
		// figure is this large, and an overflowed "+Inf" must not show.
		return Missing
	}
	var s string
	switch u {
	case data.UnitCurrencyMillions:
		s = money(v*multiplier(u), currency, compact, false)
	case data.UnitCurrencyPerShare:
		s = money(v, currency, compact, true)
		if !compact && s != Missing {
			s += "/share"
		}
	case data.UnitCurrency:
		s = money(v, currency, compact, true)
	case data.UnitPeopleBillions:
		s = people(v*multiplier(u), compact)
	case data.UnitPeopleMillions:
		s = people(v*multiplier(u), compact)
	case data.UnitPercent:
		dp := 1
		if compact {
			dp = 0
		}
		s = plain(v, "", dp) + "%"
	case data.UnitCount:
		if compact {
			s = scaled(v, "", "", compact, 0)
		} else {
			s = plain(v, "", 0)
		}
	default:
		// An unknown unit still gets a readable, signed number rather than
		// nothing: validation reports the bad unit elsewhere.
		s = plain(v, "", 2)
	}
	if approx && s != Missing {
		s = approxMark + s
	}
	return s
}

// multiplier converts a figure in unit u to base units (dollars, people).
func multiplier(u data.Unit) float64 {
	switch u {
	case data.UnitCurrencyMillions, data.UnitPeopleMillions:
		return 1e6
	case data.UnitPeopleBillions:
		return 1e9
	}
	return 1
}

// money formats a base-unit amount of money. small says the figure is a
// price-like quantity (per share, a share price) that keeps its cents
// below a million.
func money(v float64, currency string, compact, small bool) string {
	sym := Symbol(currency)
	if small && math.Abs(v) < 1e6 {
		return plain(v, sym, 2)
	}
	return scaled(v, sym, "", compact, 0)
}

// people formats a number of people: "3.27B people", "~200M" (compact).
func people(v float64, compact bool) string {
	suffix := " people"
	if compact {
		suffix = ""
	}
	return scaled(v, "", suffix, compact, 0)
}

// scale is one step of the K/M/B/T ladder.
type scale struct {
	div    float64
	letter string
}

var ladder = [...]scale{{1, ""}, {1e3, "K"}, {1e6, "M"}, {1e9, "B"}, {1e12, "T"}}

// scaled writes |v| on the K/M/B/T ladder with the sign before sym.
// Decimals depend on the step so that a card shows about four significant
// digits for billions ("$39.07B") and three for smaller steps ("$353M",
// "$45.2M"); compact uses at most one decimal. plainDP is the number of
// decimals used below a thousand. A mantissa that rounds up to 1000 moves
// to the next step, so 999.995 million is "$1.00B", not "$1000M".
func scaled(v float64, sym, suffix string, compact bool, plainDP int) string {
	a := math.Abs(v)
	if a >= hugeBase {
		return signed(sym+strconv.FormatFloat(a, 'e', 2, 64), v) + suffix
	}
	i := 0
	for i+1 < len(ladder) && a >= ladder[i+1].div {
		i++
	}
	for {
		m := a / ladder[i].div
		dp := decimals(m, i, compact, plainDP)
		s := fixed(m, dp)
		if r, _ := strconv.ParseFloat(s, 64); r >= 1000 && i+1 < len(ladder) {
			i++
			continue
		}
		return signed(sym+s+ladder[i].letter, roundedSign(v, s)) + suffix
	}
}

// decimals picks the number of decimals for mantissa m on ladder step i.
func decimals(m float64, i int, compact bool, plainDP int) int {
	if i == 0 {
		if compact {
			return 0
		}
		return plainDP
	}
	if compact {
		if m >= 100 {
			return 0
		}
		return 1
	}
	if i >= 3 { // billions and trillions: two decimals, "$39.07B"
		return 2
	}
	switch {
	case m >= 100:
		return 0
	case m >= 10:
		return 1
	}
	return 2
}

// plain writes v with thousands separators and dp decimals, sym after the
// sign: "−$1,234.56". Huge magnitudes fall back to exponent form.
func plain(v float64, sym string, dp int) string {
	a := math.Abs(v)
	if a >= hugeBase {
		return signed(sym+strconv.FormatFloat(a, 'e', 2, 64), v)
	}
	s := group(fixed(a, dp))
	return signed(sym+s, roundedSign(v, s))
}

// roundedSign is v, or zero when the digits shown are all zeros, so that
// −0.001 shown as "0.00" does not get a minus sign.
func roundedSign(v float64, shown string) float64 {
	if strings.Trim(shown, "0.,") == "" {
		return 0
	}
	return v
}

// signed prefixes s (the magnitude) with Minus when v is negative.
func signed(s string, v float64) string {
	if v < 0 {
		return Minus + s
	}
	return s
}

// fixed writes a non-negative number with dp decimals, rounding halves
// away from zero as financial statements do (strconv alone rounds an
// exact half to even: 45.25 would show as 45.2).
func fixed(a float64, dp int) string {
	p := math.Pow10(dp)
	if r := math.Round(a * p); !math.IsInf(r, 0) {
		a = r / p
	}
	return strconv.FormatFloat(a, 'f', dp, 64)
}

// group inserts thousands separators into the integer part of a
// non-negative decimal string.
func group(s string) string {
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if len(intPart) <= 3 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(intPart)/3)
	lead := len(intPart) % 3
	if lead > 0 {
		b.WriteString(intPart[:lead])
	}
	for i := lead; i < len(intPart); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(intPart[i : i+3])
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// Symbol is the display prefix for an ISO 4217 currency code: "$" for USD,
// "€" for EUR, "£" for GBP, "¥" for JPY, otherwise the code and a space
// ("CHF "). An empty code gives no prefix.
func Symbol(currency string) string {
	c := strings.ToUpper(strings.TrimSpace(currency))
	switch c {
	case "":
		return ""
	case "USD":
		return "$"
	case "EUR":
		return "€"
	case "GBP":
		return "£"
	case "JPY":
		return "¥"
	}
	return c + " "
}

// Exact is the figure as reported, with its unit spelled out, for the
// detail panel: "39,071 USD millions", "−4,488 USD millions",
// "5.16 USD per share", "3.27 billion people", "200 million people",
// "22.1%", "70,799". Up to four decimals are kept (trailing zeros
// dropped), so a computed ratio does not print float noise.
func Exact(v float64, u data.Unit, currency string) string {
	if !finite(v) {
		return Missing
	}
	n := exactNumber(v)
	code := strings.ToUpper(strings.TrimSpace(currency))
	withCode := func(rest string) string {
		if code == "" {
			return n + " " + rest
		}
		return n + " " + code + " " + rest
	}
	switch u {
	case data.UnitCurrencyMillions:
		return withCode("millions")
	case data.UnitCurrencyPerShare:
		return withCode("per share")
	case data.UnitCurrency:
		if code == "" {
			return n
		}
		return n + " " + code
	case data.UnitPeopleBillions:
		return n + " billion people"
	case data.UnitPeopleMillions:
		return n + " million people"
	case data.UnitPercent:
		// Written like every other percentage on screen ("22.1%"), with
		// the digits the file gives beyond the first decimal.
		if !strings.ContainsAny(n, ".e") {
			n += ".0"
		}
		return n + "%"
	}
	return n
}

// ExactSigned is Exact with an explicit "+" on a positive figure, for
// figures that are themselves changes, as Signed writes them: "+14.0%".
func ExactSigned(v float64, u data.Unit, currency string) string {
	s := Exact(v, u, currency)
	if v > 0 && finite(v) && strings.ContainsAny(s, "123456789") {
		s = "+" + s
	}
	return s
}

// exactNumber writes v with separators and at most four decimals.
func exactNumber(v float64) string {
	a := math.Abs(v)
	if a >= hugeBase {
		return signed(strconv.FormatFloat(a, 'g', 6, 64), v)
	}
	s := fixed(a, 4)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	return signed(group(s), roundedSign(v, s))
}

// ChangeIn formats a move for a change column: "+22.1%", "−13.6%", "0.0%".
// For a percent-unit metric the move is in percentage points ("+1.2 pp"),
// since a relative change of a rate misleads. A change across zero (a loss
// to a profit, −40 to +10) or from zero has no meaningful percentage, as
// analysts say: it is the signed absolute change in Compact form
// ("+$50M"). A change between two losses (money below zero) names the
// loss, so a deeper one reads as worse: "loss widened 14.7%", "loss
// narrowed 13.0%".
func ChangeIn(c data.Change, u data.Unit, currency string) string {
	return change(c, u, currency, false)
}

// ChangeShort is ChangeIn for a narrow cell: the same figure, with a loss's
// change written "loss +14.7%" (widened) and "loss −13.0%" (narrowed).
func ChangeShort(c data.Change, u data.Unit, currency string) string {
	return change(c, u, currency, true)
}

func change(c data.Change, u data.Unit, currency string, short bool) string {
	mark := ""
	if c.Approx {
		mark = approxMark
	}
	switch changeKind(c, u) {
	case changePoints:
		if !finite(c.Abs) {
			return Missing
		}
		return mark + plusMinus(c.Abs, 1) + " pp"
	case changeLoss:
		if !finite(c.Pct) {
			return Missing
		}
		// Pct is against |From|: a deeper loss is a negative change.
		size := group(fixed(math.Abs(c.Pct), 1)) + "%"
		switch {
		case roundedSign(c.Pct, size) == 0:
			return mark + "loss unchanged"
		case short && c.Pct < 0:
			return "loss " + mark + "+" + size
		case short:
			return "loss " + mark + Minus + size
		case c.Pct < 0:
			return "loss widened " + mark + size
		}
		return "loss narrowed " + mark + size
	case changePct:
		if !finite(c.Pct) {
			return Missing
		}
		return mark + plusMinus(c.Pct, 1) + "%"
	}
	if !finite(c.Abs) {
		return Missing
	}
	s := Compact(c.Abs, u, currency, false)
	if c.Abs > 0 && showsNonZero(c.Abs, u) {
		s = "+" + s
	}
	return mark + s
}

type changeKindT int

const (
	changeAbs    changeKindT = iota // the absolute change: from zero, or across it
	changePct                       // the relative change
	changePoints                    // percentage points, for a percent metric
	changeLoss                      // the change of a loss's size
)

// changeKind says how a change is written (see ChangeIn).
func changeKind(c data.Change, u data.Unit) changeKindT {
	switch {
	case u == data.UnitPercent:
		return changePoints
	case !c.PctOK, c.From < 0 && c.To >= 0, c.From > 0 && c.To < 0:
		return changeAbs
	case c.From < 0 && c.To < 0 && isMoney(u):
		return changeLoss
	}
	return changePct
}

func isMoney(u data.Unit) bool {
	return u == data.UnitCurrencyMillions || u == data.UnitCurrency || u == data.UnitCurrencyPerShare
}

// plusMinus writes v with dp decimals and an explicit sign, no sign when
// it rounds to zero.
func plusMinus(v float64, dp int) string {
	a := math.Abs(v)
	if a >= hugeBase {
		s := strconv.FormatFloat(a, 'e', 2, 64)
		if v < 0 {
			return Minus + s
		}
		return "+" + s
	}
	s := group(fixed(a, dp))
	switch {
	case roundedSign(v, s) == 0:
		return s
	case v < 0:
		return Minus + s
	}
	return "+" + s
}

// FlatThreshold is the magnitude below which Arrow calls a move flat: half
// of the last decimal that Change shows, so the arrow never disagrees with
// a "0.0%" beside it.
const FlatThreshold = 0.05

// Signed is Value with an explicit "+" on a positive figure, for figures
// that are themselves changes (a growth rate, a share-price move): "+0.4%",
// "−22.0%", "~+18.0%". A figure that shows as zero gets no sign.
func Signed(v float64, u data.Unit, currency string, approx bool) string {
	s := Value(v, u, currency, false)
	if v > 0 && finite(v) && strings.ContainsAny(s, "123456789") {
		s = "+" + s
	}
	if approx && s != Missing {
		s = "~" + s
	}
	return s
}

// Arrow is "▲" for a rise, "▼" for a fall and "▬" for a flat move
// (|delta| < FlatThreshold); "·" when delta is not a number. Show it next
// to a signed figure: the arrow and the sign carry the meaning, colour
// only repeats it.
func Arrow(delta float64) string {
	switch {
	case math.IsNaN(delta):
		return "·"
	case delta >= FlatThreshold:
		return "▲"
	case delta <= -FlatThreshold:
		return "▼"
	}
	return "▬"
}

// ArrowFor is the arrow that agrees with ChangeIn(c, u, ...): it looks at the
// same quantity (points for percent metrics, the relative change when
// ChangeIn shows one, else the absolute change). A loss that widened is ▼,
// one that narrowed ▲: the figure fell or rose.
func ArrowFor(c data.Change, u data.Unit) string {
	switch changeKind(c, u) {
	case changePoints:
		return Arrow(c.Abs)
	case changePct, changeLoss:
		return Arrow(c.Pct)
	}
	switch {
	case math.IsNaN(c.Abs):
		return Arrow(c.Abs)
	case !showsNonZero(c.Abs, u):
		return Arrow(0)
	case c.Abs > 0:
		return Arrow(math.Inf(1))
	}
	return Arrow(math.Inf(-1))
}

// showsNonZero reports whether Compact shows v as something other than
// zero. Compact drops the sign of a figure that rounds to zero, so a
// negated figure that keeps its minus is visibly non-zero.
func showsNonZero(v float64, u data.Unit) bool {
	return strings.HasPrefix(Compact(-math.Abs(v), u, "", false), Minus)
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
