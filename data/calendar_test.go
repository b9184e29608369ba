package data

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// tq is one quarter of a test company: fiscal label, period end and values.
type tq struct {
	label, end string
	values     map[string]float64
}

// testCompany builds and parses a small data file, so the fixture passes
// the same validation as a real file (period ends in their fiscal windows).
func testCompany(t *testing.T, ticker, currency string, fyEnd int, metrics []Metric, quarters []tq) *Dataset {
	t.Helper()
	type value struct {
		Value  float64 `json:"value"`
		Source string  `json:"source"`
	}
	type quarter struct {
		FY     int              `json:"fiscal_year"`
		FQ     int              `json:"fiscal_quarter"`
		End    string           `json:"period_end"`
		Values map[string]value `json:"values"`
	}
	ids := make([]string, len(metrics))
	for i, m := range metrics {
		ids[i] = m.ID
	}
	doc := map[string]any{
		"schema_version": 1,
		"company":        Company{Name: ticker + " Inc.", Ticker: ticker, Currency: currency, FiscalYearEndMonth: fyEnd},
		"metrics":        metrics,
		"segments":       []Segment{{ID: "main", Label: "Main", Metrics: ids}},
	}
	var qs []quarter
	for _, q := range quarters {
		p, err := ParsePeriod(q.label)
		if err != nil {
			t.Fatal(err)
		}
		vs := map[string]value{}
		for id, v := range q.values {
			vs[id] = value{Value: v, Source: "https://example.com/" + ticker}
		}
		qs = append(qs, quarter{FY: p.Year, FQ: p.Quarter, End: q.end, Values: vs})
	}
	doc["quarters"] = qs
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(b, ticker+".json")
	if err != nil {
		t.Fatalf("test company %s: %v", ticker, err)
	}
	return d
}

var (
	mRevenue = Metric{ID: "revenue", Label: "Revenue", Unit: UnitCurrencyMillions, Kind: KindFlow, Good: GoodUp}
	mOpInc   = Metric{ID: "operating_income", Label: "Income from operations", Unit: UnitCurrencyMillions, Kind: KindFlow, Good: GoodUp}
	mOpMarg  = Metric{ID: "operating_margin", Label: "Operating margin", Unit: UnitPercent, Kind: KindPoint, Good: GoodUp,
		Ratio: &Ratio{Numerator: "operating_income", Denominator: "revenue"}}
)

// Apple's fiscal year ends on the last Saturday of September, NVIDIA's on
// the last Sunday of January. Period ends and revenue (USD millions) are
// the real ones, from their companyfacts in ../shared/sec/.
func apple(t *testing.T) *Dataset {
	return testCompany(t, "AAPL", "USD", 9, []Metric{mRevenue}, []tq{
		{"2024-Q2", "2024-03-30", map[string]float64{"revenue": 90753}},
		{"2024-Q3", "2024-06-29", map[string]float64{"revenue": 85777}},
		{"2024-Q4", "2024-09-28", map[string]float64{"revenue": 94930}},
		{"2025-Q1", "2024-12-28", map[string]float64{"revenue": 124300}},
		{"2025-Q2", "2025-03-29", map[string]float64{"revenue": 95359}},
	})
}

func nvidia(t *testing.T) *Dataset {
	return testCompany(t, "NVDA", "USD", 1, []Metric{mRevenue}, []tq{
		{"2025-Q1", "2024-04-28", map[string]float64{"revenue": 26044}},
		{"2025-Q2", "2024-07-28", map[string]float64{"revenue": 30040}},
		{"2025-Q3", "2024-10-27", map[string]float64{"revenue": 35082}},
		{"2025-Q4", "2025-01-26", map[string]float64{"revenue": 39331}},
		{"2026-Q1", "2025-04-27", map[string]float64{"revenue": 44062}},
	})
}

func TestCalendarQuarterOfFiscalQuarters(t *testing.T) {
	aapl, nvda := apple(t), nvidia(t)
	nvdaQ4Alone := testCompany(t, "NVDA", "USD", 1, []Metric{mRevenue}, []tq{
		{"2025-Q4", "2025-01-26", map[string]float64{"revenue": 39331}},
	})
	tests := []struct {
		name       string
		d          *Dataset
		fiscal     string
		start, end string
		calendar   string
	}{
		// 2024-09-29..2024-12-28: two days of September, 89 of Q4.
		{"Apple fiscal 2025-Q1 is calendar 2024-Q4", aapl, "2025-Q1", "2024-09-29", "2024-12-28", "2024-Q4"},
		{"Apple fiscal 2024-Q4 is calendar 2024-Q3", aapl, "2024-Q4", "2024-06-30", "2024-09-28", "2024-Q3"},
		{"Apple fiscal 2025-Q2 is calendar 2025-Q1", aapl, "2025-Q2", "2024-12-29", "2025-03-29", "2025-Q1"},
		// The first quarter in the file: three months back from its end.
		{"Apple's first quarter in the file", aapl, "2024-Q2", "2023-12-31", "2024-03-30", "2024-Q1"},
		// 2024-10-28..2025-01-26: 65 days in 2024-Q4, 26 in 2025-Q1.
		{"NVIDIA fiscal 2025-Q4 is calendar 2024-Q4", nvda, "2025-Q4", "2024-10-28", "2025-01-26", "2024-Q4"},
		{"NVIDIA fiscal 2026-Q1 is calendar 2025-Q1", nvda, "2026-Q1", "2025-01-27", "2025-04-27", "2025-Q1"},
		{"NVIDIA fiscal 2025-Q1 is calendar 2024-Q1", nvda, "2025-Q1", "2024-01-29", "2024-04-28", "2024-Q1"},
		{"NVIDIA fiscal 2025-Q3 is calendar 2024-Q3", nvda, "2025-Q3", "2024-07-29", "2024-10-27", "2024-Q3"},
		{"NVIDIA fiscal 2025-Q4 alone: end minus three months", nvdaQ4Alone, "2025-Q4", "2024-10-27", "2025-01-26", "2024-Q4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _ := ParsePeriod(tt.fiscal)
			qi := tt.d.QuarterIndex(p)
			start, end, ok := tt.d.QuarterSpan(qi)
			if !ok || start.Format(time.DateOnly) != tt.start || end.Format(time.DateOnly) != tt.end {
				t.Errorf("span of %s = %v..%v (ok %v), want %s..%s", tt.fiscal, start.Format(time.DateOnly), end.Format(time.DateOnly), ok, tt.start, tt.end)
			}
			cq, ok := tt.d.CalendarQuarter(qi)
			if !ok || cq.String() != tt.calendar {
				t.Errorf("calendar quarter of %s = %s (ok %v), want %s", tt.fiscal, cq, ok, tt.calendar)
			}
		})
	}
}

func TestCalendarQuarterFor(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct{ start, end, want string }{
		{"2024-04-01", "2024-06-30", "2024-Q2"},
		{"2022-09-25", "2022-12-31", "2022-Q4"}, // Apple's 14-week fiscal 2023-Q1
		{"2023-02-15", "2023-05-15", "2023-Q2"}, // 45 days each side: the later wins
		{"2023-02-14", "2023-05-15", "2023-Q1"}, // 46 against 45
		{"2024-11-20", "2025-03-10", "2025-Q1"}, // a 16-week quarter across a year end
		{"2024-06-30", "2024-06-01", "2024-Q2"}, // an end before the start: the end's quarter
	}
	for _, tt := range tests {
		if got := CalendarQuarterFor(day(tt.start), day(tt.end)).String(); got != tt.want {
			t.Errorf("CalendarQuarterFor(%s, %s) = %s, want %s", tt.start, tt.end, got, tt.want)
		}
	}
}

func TestCalendarQuarterText(t *testing.T) {
	cq, err := ParseCalendarQuarter("2024q4")
	if err != nil || cq != (CalendarQuarter{2024, 4}) {
		t.Fatalf("ParseCalendarQuarter(2024q4) = %v, %v", cq, err)
	}
	if got := fmt.Sprint(cq, " ", cq.Short(), " ", cq.Months(), " ", cq.Next()); got != "2024-Q4 24Q4 Oct–Dec 2024 2025-Q1" {
		t.Errorf("got %q", got)
	}
	if _, err := ParseCalendarQuarter("FY2024"); err == nil {
		t.Error("ParseCalendarQuarter(FY2024): no error")
	}
}
