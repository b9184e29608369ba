package xbrl

import (
	"runtime"
	"testing"
)

// BenchmarkConvert converts the two largest files, NVIDIA's and Apple's
// companyfacts (about 4 MB each). Targets: under 150 ms, and allocations
// under five times the file size; x-file reports bytes allocated per
// conversion divided by the file's size.
func BenchmarkConvert(b *testing.B) {
	for _, ticker := range []string{"NVDA", "AAPL"} {
		b.Run(ticker, func(b *testing.B) {
			in := readTestdata(b, ticker)
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			n := 0
			for b.Loop() {
				if _, err := Convert(in, Options{Name: ticker}); err != nil {
					b.Fatal(err)
				}
				n++
			}
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(n)/float64(len(in)), "x-file")
		})
	}
}
