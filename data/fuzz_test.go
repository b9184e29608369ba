package data

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that no input makes Parse panic or hang, and that every
// failure is a *ValidationError whose problems all have a position.
//
// The seeds are small files (the valid examples and every file of the
// invalid corpus, a few KB each): the shipped 179 KB quarters.json was a
// seed once, and the fuzzer spent seconds at a time minimising inputs grown
// from it instead of exploring.
func FuzzParse(f *testing.F) {
	seeds, err := filepath.Glob("testdata/valid/*.json")
	if err != nil {
		f.Fatal(err)
	}
	invalid, err := filepath.Glob("testdata/invalid/*.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range append(seeds, invalid...) {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"a":"\ud800\udc00\u0041"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Parse(b, "fuzz.json")
		if err == nil {
			if d == nil {
				t.Fatal("nil dataset and nil error")
			}
			if len(d.Metrics) == 0 || len(d.Quarters) == 0 {
				t.Fatalf("accepted a dataset with %d metrics and %d quarters", len(d.Metrics), len(d.Quarters))
			}
			return
		}
		if d != nil {
			t.Fatal("a dataset together with an error")
		}
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("error is %T, not *ValidationError: %v", err, err)
		}
		if len(ve.Problems) == 0 {
			t.Fatal("a ValidationError without problems")
		}
		for _, p := range ve.Problems {
			if p.Line < 1 || p.Col < 1 || p.File != "fuzz.json" || p.Msg == "" {
				t.Fatalf("problem without a proper position or message: %+v", p)
			}
		}
	})
}
