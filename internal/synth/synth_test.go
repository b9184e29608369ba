package synth

import (
	"os"
	"testing"

	"quarterdash/data"
)

// TestStretchIsValid: a stretched file passes the validator at every size
// the benchmarks use, with the quarters, guidance and actuals asked for.
func TestStretchIsValid(t *testing.T) {
	b, err := os.ReadFile("../../quarters.json")
	if err != nil {
		t.Fatal(err)
	}
	base, err := data.Parse(b, "quarters.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 18, 200, 1800} {
		src, err := Stretch(base, n)
		if err != nil {
			t.Fatal(err)
		}
		d, err := data.Parse(src, "stretched.json")
		if err != nil {
			t.Fatalf("%d quarters: %v", n, err)
		}
		if len(d.Quarters) != n {
			t.Errorf("%d quarters asked, %d made", n, len(d.Quarters))
		}
		if n >= 18 && (len(d.Guidance) < n || len(d.AnnualActuals) == 0) {
			t.Errorf("%d quarters: %d guidance ranges, %d annual actuals; want guidance every quarter and actuals", n, len(d.Guidance), len(d.AnnualActuals))
		}
		t.Logf("%d quarters: %d bytes, %d guidance, %d actuals", n, len(src), len(d.Guidance), len(d.AnnualActuals))
	}
}
