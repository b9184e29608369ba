package data

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// syntheticDataset builds a valid dataset of nq quarters (from FY1990-Q1,
// fiscal year ending in June) and nm metrics, the last of which is a ratio
// of the first two, with a few segments, notes, guidance and annual actuals.
// Texts are of realistic length, so its size scales like a real file.
func syntheticDataset(nq, nm int) *Dataset {
	nm = max(nm, 3)
	d := &Dataset{
		SchemaVersion: SchemaVersion,
		Company:       Company{Name: "Synthetic Holdings", Ticker: "SYN", Currency: "USD", FiscalYearEndMonth: 6},
		Segments:      []Segment{},
	}
	for i := 0; i < nm; i++ {
		m := Metric{
			ID:         fmt.Sprintf("metric_%02d", i),
			Label:      fmt.Sprintf("Metric number %d", i),
			Unit:       Units[i%len(Units)],
			Kind:       KindFlow,
			Good:       GoodUp,
			Definition: "A synthetic figure used to measure how parsing time grows with file size.",
		}
		if i == nm-1 {
			m.Unit, m.Kind = UnitPercent, KindPoint
			m.Ratio = &Ratio{Numerator: "metric_01", Denominator: "metric_00"}
		}
		d.Metrics = append(d.Metrics, m)
	}
	for s := 0; s < 4; s++ {
		seg := Segment{ID: fmt.Sprintf("segment_%d", s), Label: fmt.Sprintf("Segment %d", s)}
		for i := s; i < nm; i += 4 {
			seg.Metrics = append(seg.Metrics, d.Metrics[i].ID)
		}
		d.Segments = append(d.Segments, seg)
	}
	p := Period{Year: 1990, Quarter: 1}
	for qi := 0; qi < nq; qi++ {
		end := quarterEnd(p.Year, p.Quarter, 6)
		q := Quarter{
			FiscalYear: p.Year, FiscalQuarter: p.Quarter,
			PeriodEnd:  end.Format(dateLayout),
			ReportedOn: end.Add(28 * 24 * time.Hour).Format(dateLayout),
			Values:     make(map[string]Value, nm),
		}
		src := fmt.Sprintf("https://investor.example.com/results/%d-q%d/press-release.pdf", p.Year, p.Quarter)
		for i := 0; i < nm-1; i++ {
			v := Value{Value: float64(1000+qi*7+i) + 0.25, Source: src,
				StatedAs: fmt.Sprintf("%d.25 million, up from the quarter before", 1000+qi*7+i)}
			if i%2 == 0 {
				v.CrossCheck = []string{"https://www.example.org/analysis/synthetic-holdings-quarterly-figures-compared"}
			}
			q.Values[d.Metrics[i].ID] = v
		}
		if qi%4 == 0 {
			q.Notes = []Note{{Text: "Revenue grew on stronger demand in every region.", Kind: NoteHighlight, Source: src}}
		}
		d.Quarters = append(d.Quarters, q)
		if p.Quarter == 4 {
			d.AnnualActuals = append(d.AnnualActuals, AnnualActual{Metric: "metric_00", FiscalYear: p.Year, Value: 4000, Source: src})
			d.Guidance = append(d.Guidance, Guidance{Metric: "metric_00", GivenWith: p.String(), Target: fmt.Sprintf("FY%d", p.Year+1), Low: 4100, High: 4300, Source: src})
		}
		d.Guidance = append(d.Guidance, Guidance{Metric: "metric_00", GivenWith: p.String(), Target: p.Next().String(), Low: 1000, High: 1100, Source: src})
		p = p.Next()
	}
	return d
}

// BenchmarkParseDefault parses and validates the shipped data file. Target:
// under 2 ms per parse.
func BenchmarkParseDefault(b *testing.B) {
	src, err := os.ReadFile("../quarters.json")
	if err != nil {
		b.Skip("../quarters.json not present")
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(src, "quarters.json"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseLarge parses a valid file of 160 quarters and 60 metrics,
// about 50 times the default file, to show the cost grows linearly.
func BenchmarkParseLarge(b *testing.B) {
	src := mustMarshal(b, syntheticDataset(160, 60))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(src, "large.json"); err != nil {
			b.Fatal(err)
		}
	}
}
