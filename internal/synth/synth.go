// Package synth makes long data files for benchmarks: a real file's
// metrics, segments and text, repeated over as many quarters as wanted,
// so that a benchmark of a 1,800-quarter history measures the dashboard on
// figures, notes and guidance shaped like real ones.
package synth

import (
	"encoding/json"
	"time"

	"quarterdash/data"
)

// FirstYear is the fiscal year the stretched file starts in: the format
// allows 1900 to 2999, room for 4,400 quarters.
const FirstYear = 1900

// Stretch returns a valid data file of n quarters built from base. Quarter
// i carries the figures and notes of base's quarter i mod len(base), from
// FY1900-Q1 on; each quarter repeats the guidance its base quarter gave,
// shifted by as many quarters, and each fiscal year gets the annual actuals
// of the base year it repeats. n is clamped to 1-4,400.
func Stretch(base *data.Dataset, n int) ([]byte, error) {
	n = min(max(n, 1), 4400)
	nb := len(base.Quarters)
	d := data.Dataset{
		SchemaVersion: base.SchemaVersion,
		Company:       base.Company,
		Metrics:       base.Metrics,
		Segments:      base.Segments,
		Overview:      base.Overview,
	}
	fyEnd := base.Company.FiscalYearEndMonth
	baseStart := base.Quarters[0].Period()
	// shift moves a period of base by k quarters.
	shift := func(p data.Period, k int) data.Period {
		i := p.Year*4 + p.Quarter - 1 + k
		return data.Period{Year: i / 4, Quarter: i%4 + 1}
	}
	given := make(map[data.Period][]data.Guidance)
	for _, g := range base.Guidance {
		if p, err := data.ParsePeriod(g.GivenWith); err == nil {
			given[p] = append(given[p], g)
		}
	}
	for i := range n {
		b := base.Quarters[i%nb]
		p := data.Period{Year: FirstYear + i/4, Quarter: i%4 + 1}
		end := quarterEnd(p, fyEnd)
		q := data.Quarter{
			FiscalYear: p.Year, FiscalQuarter: p.Quarter,
			PeriodEnd:  end.Format(time.DateOnly),
			ReportedOn: end.AddDate(0, 0, 28).Format(time.DateOnly),
			Values:     b.Values, Notes: b.Notes,
		}
		d.Quarters = append(d.Quarters, q)
		// The base quarter's offset from base's start, in quarters: the
		// guidance it gave moves by the difference.
		bp := b.Period()
		k := (p.Year*4 + p.Quarter) - (bp.Year*4 + bp.Quarter)
		for _, g := range given[bp] {
			t, err := data.ParsePeriod(g.Target)
			if err != nil {
				continue
			}
			g.GivenWith = p.String()
			if t.IsYear() {
				t.Year += p.Year - bp.Year
			} else {
				t = shift(t, k)
			}
			g.Target = t.String()
			if t.Year > 2999 {
				continue
			}
			d.Guidance = append(d.Guidance, g)
		}
	}
	years := (n + 3) / 4
	baseYears := max(base.Quarters[nb-1].FiscalYear-baseStart.Year+1, 1)
	for y := range years {
		by := baseStart.Year + y%baseYears
		for _, a := range base.AnnualActuals {
			if a.FiscalYear == by {
				a.FiscalYear = FirstYear + y
				d.AnnualActuals = append(d.AnnualActuals, a)
			}
		}
	}
	return json.Marshal(d)
}

// quarterEnd is the last day of the month fiscal quarter p ends in.
func quarterEnd(p data.Period, fyEnd int) time.Time {
	months := p.Year*12 + (fyEnd - 1) - 3*(4-p.Quarter)
	y, m := months/12, months%12+1
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC)
}
