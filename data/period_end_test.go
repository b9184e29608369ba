package data

import (
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestFiscalQuarterOf checks the period-end windows on real fiscal
// calendars: each end is one a company reported.
func TestFiscalQuarterOf(t *testing.T) {
	tests := []struct {
		name  string
		end   string
		fyEnd int
		want  string
	}{
		{"calendar Q4", "2024-12-31", 12, "2024-Q4"},
		{"calendar Q1", "2025-03-31", 12, "2025-Q1"},
		{"Apple 2025-Q1 (September year)", "2024-12-28", 9, "2025-Q1"},
		{"Apple 2024-Q4 ends in September", "2024-09-28", 9, "2024-Q4"},
		{"Apple 2023-Q4 ends on the 30th", "2023-09-30", 9, "2023-Q4"},
		{"a year ending 2022-10-01 is a September year", "2022-10-01", 9, "2022-Q4"},
		{"NVIDIA 2025-Q4 (January year)", "2025-01-26", 1, "2025-Q4"},
		{"NVIDIA 2026-Q1", "2025-04-27", 1, "2026-Q1"},
		{"NVIDIA 2021-Q4 ends on the 31st", "2021-01-31", 1, "2021-Q4"},
		{"a December year ending in January", "2022-01-01", 12, "2021-Q4"},
		{"Costco 12-week Q1", "2023-11-26", 8, "2024-Q1"},
		{"Costco Q2", "2024-02-18", 8, "2024-Q2"},
		{"Costco Q3, 36 weeks in", "2024-05-12", 8, "2024-Q3"},
		{"Costco 16-week Q4", "2024-09-01", 8, "2024-Q4"},
		{"last day of the window", "2024-04-14", 6, "2024-Q3"},
		{"first day of the next window", "2024-04-15", 6, "2024-Q4"},
		{"Microsoft June year Q1", "2024-09-30", 6, "2025-Q1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := FiscalQuarterOf(day(tc.end), tc.fyEnd).String(); got != tc.want {
				t.Errorf("FiscalQuarterOf(%s, %d) = %s, want %s", tc.end, tc.fyEnd, got, tc.want)
			}
		})
	}
}

// TestQuarterWindowsPartition checks that the windows of consecutive
// quarters meet without a gap or an overlap, for every fiscal year end
// month, and that each window's ends map back to its quarter.
func TestQuarterWindowsPartition(t *testing.T) {
	for fyEnd := 1; fyEnd <= 12; fyEnd++ {
		p := Period{Year: 2019, Quarter: 1}
		for range 24 {
			first, last := quarterWindow(p.Year, p.Quarter, fyEnd)
			if got := FiscalQuarterOf(first, fyEnd); got != p {
				t.Errorf("fyEnd %d: first day %s of %s maps to %s", fyEnd, first.Format(dateLayout), p, got)
			}
			if got := FiscalQuarterOf(last, fyEnd); got != p {
				t.Errorf("fyEnd %d: last day %s of %s maps to %s", fyEnd, last.Format(dateLayout), p, got)
			}
			nf, _ := quarterWindow(p.Next().Year, p.Next().Quarter, fyEnd)
			if !nf.Equal(last.AddDate(0, 0, 1)) {
				t.Errorf("fyEnd %d: %s ends %s but %s starts %s", fyEnd, p, last.Format(dateLayout), p.Next(), nf.Format(dateLayout))
			}
			p = p.Next()
		}
	}
}

// TestPeriodEndUnevenQuarters checks that the validator accepts a
// 52/53-week year with a 16-week fourth quarter and refuses a wrong label.
func TestPeriodEndUnevenQuarters(t *testing.T) {
	file := func(label2 int, end2 string) string {
		return `{"schema_version": 1,
 "company": {"name": "Warehouse Co", "ticker": "WH", "currency": "USD", "fiscal_year_end_month": 8},
 "metrics": [{"id": "revenue", "label": "Revenue", "unit": "currency_millions", "kind": "flow", "good": "up"}],
 "segments": [{"id": "f", "label": "F", "metrics": ["revenue"]}],
 "quarters": [
  {"fiscal_year": 2024, "fiscal_quarter": 1, "period_end": "2023-11-26", "values": {"revenue": {"value": 1, "source": "s"}}},
  {"fiscal_year": 2024, "fiscal_quarter": 2, "period_end": "2024-02-18", "values": {"revenue": {"value": 1, "source": "s"}}},
  {"fiscal_year": 2024, "fiscal_quarter": ` + string(rune('0'+label2)) + `, "period_end": "` + end2 + `", "values": {"revenue": {"value": 1, "source": "s"}}},
  {"fiscal_year": 2024, "fiscal_quarter": 4, "period_end": "2024-09-01", "values": {"revenue": {"value": 1, "source": "s"}}}
 ]}`
	}
	if _, err := Parse([]byte(file(3, "2024-05-12")), "uneven.json"); err != nil {
		t.Errorf("a 12/12/12/16-week year was refused: %v", err)
	}
	_, err := Parse([]byte(file(3, "2024-02-25")), "uneven.json")
	if err == nil || !strings.Contains(err.Error(), "period end 2024-02-25 does not match 2024-Q3") ||
		!strings.Contains(err.Error(), "2024-02-25 falls in 2024-Q2") {
		t.Errorf("a Q2 date labelled Q3: got %v", err)
	}
}
