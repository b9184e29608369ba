package data

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNoQuarters is ResolveQuarter's error for a data set with no quarters,
// or none at all (nil).
var ErrNoQuarters = errors.New("the data set has no quarters")

// ResolveQuarter is the one check of a quarter a user names (--quarter,
// the dashboard's starting quarter): "" or blanks is the latest quarter,
// "2024-Q2" (or "2024Q2", "2024-q2") that quarter. It returns the index
// into d.Quarters, or an error whose message says what is wrong and, for a
// quarter the data lacks, which quarters it has. It works on a nil
// *Dataset (ErrNoQuarters).
func (d *Dataset) ResolveQuarter(label string) (int, error) {
	if d == nil || len(d.Quarters) == 0 {
		return -1, ErrNoQuarters
	}
	if strings.TrimSpace(label) == "" {
		return d.Latest(), nil
	}
	p, err := ParsePeriod(label)
	if err != nil {
		return -1, err
	}
	if p.IsYear() {
		return -1, fmt.Errorf("%q is a fiscal year: want a quarter such as %d-Q4", label, p.Year)
	}
	if i := d.QuarterIndex(p); i >= 0 {
		return i, nil
	}
	return -1, fmt.Errorf("%s is not in the data: it has %s..%s", p, d.Quarters[0].Label(), d.Quarters[d.Latest()].Label())
}
