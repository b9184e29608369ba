package data

import (
	"errors"
	"strings"
	"testing"
)

func TestResolveQuarter(t *testing.T) {
	d := &Dataset{Quarters: []Quarter{
		{FiscalYear: 2024, FiscalQuarter: 1},
		{FiscalYear: 2024, FiscalQuarter: 2},
		{FiscalYear: 2024, FiscalQuarter: 3},
	}}
	for _, tc := range []struct {
		in      string
		want    int
		errHas  string
		dataset *Dataset
	}{
		{"", 2, "", d},
		{"  ", 2, "", d},
		{"2024-Q2", 1, "", d},
		{"2024q1", 0, "", d},
		{"2024", -1, "is a fiscal year", d},
		{"FY2024", -1, "is a fiscal year", d},
		{"2023-Q4", -1, "2023-Q4 is not in the data: it has 2024-Q1..2024-Q3", d},
		{"2024-Q5", -1, "quarter must be Q1 to Q4", d},
		{"soon", -1, "want YYYY-QN", d},
		{"", -1, "no quarters", &Dataset{}},
		{"2024-Q1", -1, "no quarters", nil},
	} {
		got, err := tc.dataset.ResolveQuarter(tc.in)
		if got != tc.want || (err == nil) != (tc.errHas == "") || (err != nil && !strings.Contains(err.Error(), tc.errHas)) {
			t.Errorf("ResolveQuarter(%q) = %d, %v; want %d and an error with %q", tc.in, got, err, tc.want, tc.errHas)
		}
	}
	if _, err := (*Dataset)(nil).ResolveQuarter(""); !errors.Is(err, ErrNoQuarters) {
		t.Errorf("nil data set: %v, want ErrNoQuarters", err)
	}
}
