package data

import (
	"fmt"
	"os"
	"strings"
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

// hostileOneLine is a file near the size cap that is one long line: a
// 14 Mi-character string, then 200,000 unknown fields. Every problem sits
// at the end of that line, where counting its column from the line start
// once cost the whole line per problem (45 s for the capped 1,000).
func hostileOneLine() []byte {
	var b strings.Builder
	b.WriteString(`{"x":"`)
	b.WriteString(strings.Repeat("é", 14<<20))
	b.WriteString(`"`)
	for range 200_000 {
		b.WriteString(`,"y":0`)
	}
	b.WriteString(`}`)
	return []byte(b.String())
}

// hostileUnknownKeys is 400,000 unknown top-level fields with 60-letter
// names; the spelling suggestion once ran for every one of them, including
// those past the problem cap (4 s).
func hostileUnknownKeys() []byte {
	var b strings.Builder
	b.WriteString(`{"schema_version": 1`)
	k := strings.Repeat("q", 60)
	for range 400_000 {
		b.WriteString(`,"` + k + `":0`)
	}
	b.WriteString(`}`)
	return []byte(b.String())
}

// hostileUnknownMetrics is a valid file whose first quarter has 600,000
// values for unknown metrics; finding each one's position once meant a
// scan of the whole values object per problem (11 s).
func hostileUnknownMetrics(tb testing.TB) []byte {
	base := string(mustRead(tb, "testdata/valid/minimal.json"))
	var b strings.Builder
	for i := range 600_000 {
		fmt.Fprintf(&b, `"unknown_%d": {"value": 1, "source": "s"}, `, i)
	}
	return []byte(strings.Replace(base, `"revenue": {"value": 131,`, b.String()+`"revenue": {"value": 131,`, 1))
}

// BenchmarkParseHostile parses files built to make the validator slow.
// Each must stay within a small multiple of parsing a valid file of its
// size (BenchmarkParseLarge gives the rate), not grow with problems x size.
func BenchmarkParseHostile(b *testing.B) {
	for _, tc := range []struct {
		name string
		src  []byte
	}{
		{"one_long_line", hostileOneLine()},
		{"unknown_keys", hostileUnknownKeys()},
		{"unknown_metrics", hostileUnknownMetrics(b)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(tc.src, "hostile.json"); err == nil {
					b.Fatal("a hostile file was accepted")
				}
			}
		})
	}
}
