package data

import (
	"fmt"
	"time"
)

// CalendarQuarter is a quarter of the calendar year (Quarter 1 is January to
// March), as opposed to a Period, which is a quarter of a company's fiscal
// year. Companies with different fiscal years are compared on it.
type CalendarQuarter struct {
	Year    int
	Quarter int // 1-4
}

// String formats "2024-Q4".
func (c CalendarQuarter) String() string { return fmt.Sprintf("%d-Q%d", c.Year, c.Quarter) }

// Short is the compact label charts use: "24Q4".
func (c CalendarQuarter) Short() string { return fmt.Sprintf("%02dQ%d", c.Year%100, c.Quarter) }

// Months names the quarter's months: "Oct–Dec 2024".
func (c CalendarQuarter) Months() string {
	first := time.Month(3*(c.Quarter-1) + 1)
	return fmt.Sprintf("%s–%s %d", first.String()[:3], (first + 2).String()[:3], c.Year)
}

// Next is the calendar quarter after c: quarters follow each other the
// same way on any calendar.
func (c CalendarQuarter) Next() CalendarQuarter {
	n := c.period().Next()
	return CalendarQuarter{Year: n.Year, Quarter: n.Quarter}
}

// Before reports whether c sorts before o.
func (c CalendarQuarter) Before(o CalendarQuarter) bool { return c.period().Before(o.period()) }

// period is c with Period's arithmetic; the types stay apart so a fiscal
// quarter is never passed where a calendar one is meant.
func (c CalendarQuarter) period() Period { return Period{Year: c.Year, Quarter: c.Quarter} }

// ParseCalendarQuarter reads "2024-Q4" or "2024Q4".
func ParseCalendarQuarter(s string) (CalendarQuarter, error) {
	p, err := ParsePeriod(s)
	if err != nil {
		return CalendarQuarter{}, err
	}
	if p.IsYear() {
		return CalendarQuarter{}, fmt.Errorf("calendar quarter %q: want YYYY-QN, not a year", s)
	}
	return CalendarQuarter{Year: p.Year, Quarter: p.Quarter}, nil
}

// calendarQuarterOf is the calendar quarter that holds day t.
func calendarQuarterOf(t time.Time) CalendarQuarter {
	return CalendarQuarter{Year: t.Year(), Quarter: (int(t.Month())-1)/3 + 1}
}

// start is the first day of c.
func (c CalendarQuarter) start() time.Time {
	return time.Date(c.Year, time.Month(3*(c.Quarter-1)+1), 1, 0, 0, 0, 0, time.UTC)
}

// CalendarQuarterFor is the calendar quarter that holds most of the days
// from start to end, both included. On a tie (possible only for a period
// split evenly across two quarters) the later quarter, the one the period
// ends in, wins: that is the quarter a reader files the results under.
// An end before start gives the quarter of end.
func CalendarQuarterFor(start, end time.Time) CalendarQuarter {
	cq := calendarQuarterOf(end)
	if end.Before(start) {
		return cq
	}
	best, bestDays := cq, -1
	for q := calendarQuarterOf(start); !cq.Before(q); q = q.Next() {
		from, to := q.start(), q.Next().start().AddDate(0, 0, -1)
		if from.Before(start) {
			from = start
		}
		if to.After(end) {
			to = end
		}
		days := int(to.Sub(from).Hours()/24) + 1
		if days >= bestDays {
			best, bestDays = q, days
		}
	}
	return best
}

// QuarterSpan is the first and last day of fiscal quarter qi. The last is
// its period_end; the first is the day after the previous fiscal quarter's
// period_end when that quarter is in the file, otherwise three months
// before the period end, plus a day. ok is false for an index out of
// range or a period end that is not a date (Parse refuses those).
func (d *Dataset) QuarterSpan(qi int) (start, end time.Time, ok bool) {
	if qi < 0 || qi >= len(d.Quarters) {
		return time.Time{}, time.Time{}, false
	}
	q := d.Quarters[qi]
	end, err := time.Parse(time.DateOnly, q.PeriodEnd)
	if err != nil {
		return time.Time{}, time.Time{}, false
	}
	if pi := d.QuarterIndex(q.Period().Prev()); pi >= 0 {
		if prev, err := time.Parse(time.DateOnly, d.Quarters[pi].PeriodEnd); err == nil && prev.Before(end) {
			return prev.AddDate(0, 0, 1), end, true
		}
	}
	return end.AddDate(0, -3, 1), end, true
}

// CalendarQuarter is the calendar quarter fiscal quarter qi is placed in:
// the one that holds most of its days (see QuarterSpan and
// CalendarQuarterFor). Apple's fiscal 2025-Q1 (2024-09-29 to 2024-12-28)
// is calendar 2024-Q4. ok is false when qi has no span.
func (d *Dataset) CalendarQuarter(qi int) (CalendarQuarter, bool) {
	start, end, ok := d.QuarterSpan(qi)
	if !ok {
		return CalendarQuarter{}, false
	}
	return CalendarQuarterFor(start, end), true
}
