package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quarterdash/data"
)

const (
	refPath       = "../../data/testdata/reference/meta_quarters_sourced.json"
	committedPath = "../../quarters.json"
)

// TestCommittedFileIsGenerated guards against hand edits: the committed
// quarters.json must be exactly what the generator makes of the reference.
func TestCommittedFileIsGenerated(t *testing.T) {
	out := filepath.Join(t.TempDir(), "quarters.json")
	if err := run([]string{"-ref", refPath, "-out", out}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(committedPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("quarters.json differs from the generator's output; regenerate it with:\n" +
			"  go run ./internal/refgen -ref data/testdata/reference/meta_quarters_sourced.json -out quarters.json")
	}
}

// minimalRef is a one-quarter reference; tests break one thing in it.
func minimalRef(metricsJSON string) string {
	return `{"company":"Example","ticker":"EX","currency":"USD","quarters":[{"period":"2024-Q2","fiscal_year":2024,
"quarter":2,"period_end":"2024-06-30","reported_on":"2024-07-31","metrics":{` + metricsJSON + `},"notes":[]}]}`
}

func convertString(t *testing.T, s string) (*data.Dataset, error) {
	t.Helper()
	var ref refFile
	if err := json.Unmarshal([]byte(s), &ref); err != nil {
		t.Fatalf("test input: %v", err)
	}
	return convert(ref)
}

func TestConvertRefusesWhatItCannotCarry(t *testing.T) {
	tests := []struct {
		name, metrics, wantErr string
	}{
		{"string value", `"revenue":{"value":"39,071","flag":"exact","source":"s"}`, "not a number"},
		{"bool value", `"revenue":{"value":true,"flag":"exact","source":"s"}`, "not a number"},
		{"unknown flag", `"revenue":{"value":1,"flag":"maybe","source":"s"}`, `unknown flag "maybe"`},
		{"no source", `"revenue":{"value":1,"flag":"exact","source":null}`, "no source"},
		{"unknown metric", `"ebitda":{"value":1,"flag":"exact","source":"s"}`, `"ebitda" is neither`},
		{"half a range", `"capex_guidance_low":{"value":1,"flag":"exact","source":"s","fiscal_year":2024},
			"capex_guidance_high":{"value":null,"flag":null,"source":null}`, "only one end"},
		{"two years in one range", `"capex_guidance_low":{"value":1,"flag":"exact","source":"s","fiscal_year":2024},
			"capex_guidance_high":{"value":2,"flag":"exact","source":"s","fiscal_year":2025}`, "not one year"},
		{"bad quarter target", `"next_quarter_revenue_guidance_low":{"value":1,"flag":"exact","source":"s","for_period":"FY2024"},
			"next_quarter_revenue_guidance_high":{"value":2,"flag":"exact","source":"s","for_period":"FY2024"}`, "not one quarter"},
		{"inverted range", `"capex_guidance_low":{"value":3,"flag":"exact","source":"s","fiscal_year":2024},
			"capex_guidance_high":{"value":2,"flag":"exact","source":"s","fiscal_year":2024}`, "above high"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := convertString(t, minimalRef(tc.metrics))
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
			}
			if !strings.Contains(err.Error(), "2024-Q2") {
				t.Errorf("error %q does not name the quarter", err)
			}
		})
	}
}

func TestConvertCopiesAndKeepsGaps(t *testing.T) {
	ds, err := convertString(t, minimalRef(`
		"revenue":{"value":39071,"flag":"exact","source":"https://r","stated_as":"$39,071M","cross_check":["https://c",7]},
		"threads_mau":{"value":200,"flag":"approx","source":"call","as_of":"2024-08-01 (after the call)","note":"n"},
		"headcount":{"value":null,"flag":null,"source":null},
		"next_quarter_revenue_guidance_low":{"value":38500,"flag":"exact","source":"g","stated_as":"$38.5-41B","for_period":"2024-Q3"},
		"next_quarter_revenue_guidance_high":{"value":41000,"flag":"approx","source":"g2","for_period":"2024-Q3"}`))
	if err != nil {
		t.Fatal(err)
	}
	q := ds.Quarters[0]
	if _, ok := q.Values["headcount"]; ok {
		t.Error("a null must stay absent")
	}
	rev := q.Values["revenue"]
	if rev.Value != 39071 || rev.Approx || rev.Source != "https://r" || rev.StatedAs != "$39,071M" ||
		len(rev.CrossCheck) != 1 || rev.CrossCheck[0] != "https://c" {
		t.Errorf("revenue = %+v", rev)
	}
	th := q.Values["threads_mau"]
	if !th.Approx || th.AsOf != "2024-08-01" || th.Note != "n As of 2024-08-01: after the call." {
		t.Errorf("threads = %+v", th)
	}
	if len(ds.Guidance) != 1 {
		t.Fatalf("guidance = %+v", ds.Guidance)
	}
	g := ds.Guidance[0]
	want := data.Guidance{Metric: "revenue", GivenWith: "2024-Q2", Target: "2024-Q3", Low: 38500, High: 41000,
		Approx: true, StatedAs: "$38.5-41B", Source: "g"}
	if g != want {
		t.Errorf("guidance = %+v, want %+v", g, want)
	}
}

func TestNoteKind(t *testing.T) {
	tests := []struct {
		text string
		want data.NoteKind
	}{
		{"One-time non-cash $15.93B tax charge", data.NoteOneOff},
		{"EPS included an $8.03B one-time Tax Benefit", data.NoteOneOff},
		{"Costs included $1.87B legal expenses", data.NoteOneOff},
		{"the ~$1.4B Texas facial-recognition settlement", data.NoteOneOff},
		{"$1.18B severance from the workforce reduction", data.NoteOneOff},
		{"restructuring charges $3.76B", data.NoteOneOff},
		{"goodwill impairment", data.NoteOneOff},
		{"Threads at 'just under' 100M monthly actives", data.NoteHighlight},
		{"2026 capex guided to $115-135B", data.NoteHighlight},
		// Notes about the reference's sources are not one-off items, even
		// when they mention one that another note reports.
		{"Second pass: Q1 2026 financials upgraded (net income incl. an $8.03B tax benefit)", data.NoteHighlight},
		{"Reliability: no press-release reprint; severance figures from GitHub files", data.NoteHighlight},
	}
	for _, tc := range tests {
		if got := noteKind(tc.text); got != tc.want {
			t.Errorf("noteKind(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestRunRequiresRef(t *testing.T) {
	if err := run(nil, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "-ref") {
		t.Errorf("run without -ref: %v", err)
	}
	if err := run([]string{"-ref", "does-not-exist.json"}, io.Discard, io.Discard); err == nil {
		t.Error("a missing reference file should be an error")
	}
}

func TestStatedRange(t *testing.T) {
	tests := []struct{ lo, hi, want string }{
		// The high end's wording adds to the low end's: keep the fuller.
		{"2024: $30-37 billion", "2024: $30-37 billion (+$2B at the high end)", "2024: $30-37 billion (+$2B at the high end)"},
		// The usual case: the low end words the whole range.
		{"2024: $37-40 billion (raised from $35-40B)", "2024: $37-40 billion", "2024: $37-40 billion (raised from $35-40B)"},
		// Different wordings: the low end's is kept.
		{"'We anticipate ... $130-145 billion'", "2026: $130-145B", "'We anticipate ... $130-145 billion'"},
		{"", "only the high end", "only the high end"},
		{"", "", ""},
	}
	for _, tc := range tests {
		if got := statedRange(tc.lo, tc.hi); got != tc.want {
			t.Errorf("statedRange(%q, %q) = %q, want %q", tc.lo, tc.hi, got, tc.want)
		}
	}
}
