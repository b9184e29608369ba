package data

import "testing"

func TestPeriodLabels(t *testing.T) {
	tests := []struct {
		in           string
		long, short  string
		prev, next   string
		wantParseErr bool
	}{
		{"2024-Q2", "2024-Q2", "24Q2", "2024-Q1", "2024-Q3", false},
		{"2024q1", "2024-Q1", "24Q1", "2023-Q4", "2024-Q2", false},
		{"FY2024", "FY2024", "FY24", "", "", false},
		{"2009-Q4", "2009-Q4", "09Q4", "2009-Q3", "2010-Q1", false},
		{"2024-Q5", "", "", "", "", true},
		{"24-Q1", "", "", "", "", true},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if (err != nil) != tt.wantParseErr {
			t.Errorf("ParsePeriod(%q) error %v, want error %v", tt.in, err, tt.wantParseErr)
			continue
		}
		if err != nil {
			continue
		}
		if p.String() != tt.long || p.Short() != tt.short {
			t.Errorf("%q: String %q Short %q, want %q %q", tt.in, p.String(), p.Short(), tt.long, tt.short)
		}
		if !p.IsYear() && (p.Prev().String() != tt.prev || p.Next().String() != tt.next) {
			t.Errorf("%q: Prev %s Next %s, want %s %s", tt.in, p.Prev(), p.Next(), tt.prev, tt.next)
		}
	}
}
