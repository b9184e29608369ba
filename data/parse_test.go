package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

const validMinimal = "testdata/valid/minimal.json"

// mustRead reads a test file or stops the test.
func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// problemsOf returns err's problems, failing the test when err is not a
// *ValidationError.
func problemsOf(t *testing.T, err error) []Problem {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want a *ValidationError, got %T: %v", err, err)
	}
	return ve.Problems
}

func TestParseValidMinimal(t *testing.T) {
	d, err := Load(validMinimal)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if d.Name != validMinimal {
		t.Errorf("Name = %q, want %q", d.Name, validMinimal)
	}
	if d.Company.Name != "Larkspur Instruments" || d.Company.FiscalYearEndMonth != 6 {
		t.Errorf("company = %+v", d.Company)
	}
	if len(d.Metrics) != 3 || len(d.Quarters) != 5 || len(d.Guidance) != 2 || len(d.AnnualActuals) != 1 {
		t.Fatalf("counts: %d metrics, %d quarters, %d guidance, %d annual", len(d.Metrics), len(d.Quarters), len(d.Guidance), len(d.AnnualActuals))
	}
	m, ok := d.Metric("operating_margin")
	if !ok || m.Ratio == nil || m.Ratio.Numerator != "operating_income" {
		t.Errorf("operating_margin = %+v, %v", m, ok)
	}
	if got := d.QuarterIndex(Period{Year: 2025, Quarter: 1}); got != 4 {
		t.Errorf("QuarterIndex(2025-Q1) = %d, want 4", got)
	}
	// The ratio is computed by derive.go from what the parser stored.
	v, ok := d.Get(0, "operating_margin")
	if !ok || v.Value < 11.78 || v.Value > 11.79 { // 14.2 / 120.5
		t.Errorf("operating margin 2024-Q1 = %v, %v", v.Value, ok)
	}
	q3 := d.Quarters[2]
	if q3.Values["operating_income"].Note != "after a restructuring charge" || q3.Notes[0].Kind != NoteOneOff {
		t.Errorf("quarter 2024-Q3 = %+v", q3)
	}
	if r := d.Quarters[3].Values["revenue"]; !r.Approx || r.StatedAs != "about 140 million" {
		t.Errorf("approx revenue = %+v", r)
	}
}

// TestDecodeMatchesUnmarshal checks that the parser's own decoding fills a
// Dataset exactly as encoding/json would, for files it accepts.
func TestDecodeMatchesUnmarshal(t *testing.T) {
	inputs := map[string][]byte{
		"minimal":   mustRead(t, validMinimal),
		"synthetic": mustMarshal(t, syntheticDataset(12, 8)),
	}
	if b, err := os.ReadFile("../quarters.json"); err == nil {
		if _, err := Parse(b, "quarters.json"); err == nil {
			inputs["quarters.json"] = b
		}
	}
	for name, b := range inputs {
		t.Run(name, func(t *testing.T) {
			got, err := Parse(b, name)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var want Dataset
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			want.Name = name
			want.index()
			want.id = got.id // Parse numbers every data set it returns
			if !reflect.DeepEqual(*got, want) {
				t.Errorf("Parse and json.Unmarshal disagree:\n got %+v\nwant %+v", *got, want)
			}
		})
	}
}

func mustMarshal(t testing.TB, d *Dataset) []byte {
	t.Helper()
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// corpus maps each file in testdata/invalid to the problems it must give,
// each as "line:col: message". A file has exactly these problems. The one
// rule without a file is the 32 MiB size cap: TestSizeCap makes its files
// (a sparse one, a stream) rather than keep 32 MiB in the repository.
var corpus = map[string][]string{
	"annual_duplicate.json":              {`122:5: annual_actuals[1]: the annual actual for revenue in FY2024 appears twice (first at line 115)`},
	"annual_fiscal_year_range.json":      {`117:7: annual_actuals[0].fiscal_year: fiscal year 24 is out of range (want 1900 to 2999)`},
	"annual_source_empty.json":           {`119:7: annual_actuals[0].source: the source is empty; every annual figure needs one`},
	"annual_unknown_metric.json":         {`116:7: annual_actuals[0].metric: "turnover" is not a known metric`},
	"company_name_empty.json":            {`4:5: company.name: the company name is empty`},
	"currency_invalid.json":              {`6:5: company.currency: currency "usd" is not three upper-case letters (an ISO 4217 code such as USD)`},
	"duplicate_key.json":                 {`67:7: quarters[2].fiscal_quarter: key "fiscal_quarter" appears twice in one object (first at line 66); remove one`},
	"duplicate_quarter.json":             {`64:5: quarters[2]: quarter 2024-Q2 appears twice (first at line 52)`},
	"duplicate_value_key.json":           {`59:9: quarters[1].values.revenue: key "revenue" appears twice in one object (first at line 57); remove one`},
	"empty_file.json":                    {`1:1: the file is empty; want a JSON object`},
	"fiscal_quarter_range.json":          {`66:7: quarters[2].fiscal_quarter: fiscal quarter 5 is out of range (want 1 to 4)`},
	"fiscal_year_end_month_range.json":   {`7:5: company.fiscal_year_end_month: fiscal year end month 13 is out of range (want 1 to 12)`},
	"fiscal_year_range.json":             {`86:7: quarters[4].fiscal_year: fiscal year 3025 is out of range (want 1900 to 2999)`},
	"guidance_duplicate.json":            {`105:5: guidance[1]: guidance for revenue given with 2024-Q4 for FY2025 appears twice (first at line 97)`},
	"guidance_given_with_invalid.json":   {`99:7: guidance[0].given_with: given_with "2024Q4" is not a quarter label of the form YYYY-QN, e.g. 2024-Q2`},
	"guidance_source_empty.json":         {`111:7: guidance[1].source: the source is empty; every guidance range needs one`},
	"guidance_target_before_given.json":  {`108:7: guidance[1].target: target 2024-Q4 is not after given_with 2024-Q4; guidance is for a later quarter`},
	"guidance_target_invalid.json":       {`100:7: guidance[0].target: target "2025" is not a period of the form FYYYYY or YYYY-QN, e.g. FY2024 or 2024-Q3`},
	"guidance_unknown_metric.json":       {`106:7: guidance[1].metric: "sales" is not a known metric`},
	"infinite_number.json":               {`69:21: quarters[2].values.revenue.value: 1e999 is not a finite number; it overflows a 64-bit float`},
	"number_too_large.json":              {`57:21: quarters[1].values.revenue.value: 1e303 is too large: numbers are at most 1e15 in the metric's unit (MaxMagnitude), so that every figure, change and sum can be shown`},
	"number_too_small.json":              {`101:7: guidance[0].low: 1e-12 is too small: a number other than 0 is at least 1e-9 in the metric's unit (MinMagnitude), so that ratios and distances from a range stay finite`},
	"number_underflows.json":             {`57:21: quarters[1].values.revenue.value: 1e-400 is too small to store: it underflows a 64-bit float to 0; write 0, or a number of at least 1e-9`},
	"control_character.json":             {`12:7: metrics[0].label: this text contains the control character U+001B; control and bidirectional-override characters are refused, since they could rewrite the screen of whoever views the data`},
	"bidi_override.json":                 {`4:5: company.name: this text contains the control character U+202E; control and bidirectional-override characters are refused, since they could rewrite the screen of whoever views the data`},
	"invalid_utf8.json":                  {`37:7: segments[0].label: this text is not valid UTF-8 (or has an unpaired \u surrogate); save the file as UTF-8`},
	"low_above_high.json":                {`101:7: guidance[0].low: low 580 is above high 570`},
	"malformed_json.json":                {`6:5: syntax error: want ',' or '}' after an object member, got '"'; is a comma missing?`},
	"metric_good_unknown.json":           {`15:7: metrics[0].good: good "sideways" is not known (want up, down or neutral)`},
	"metric_id_duplicate.json":           {`18:7: metrics[1].id: metric id "revenue" appears twice (first at line 11)`},
	"metric_id_empty.json":               {`11:7: metrics[0].id: the metric id is empty`},
	"metric_id_invalid.json":             {`11:7: metrics[0].id: metric id "Revenue" is not valid (want a lower-case letter, then lower-case letters, digits or _)`},
	"metric_kind_unknown.json":           {`14:7: metrics[0].kind: kind "stock" is not known (want flow or point)`},
	"metric_label_empty.json":            {`19:7: metrics[1].label: the metric label is empty`},
	"metric_unit_unknown.json":           {`13:7: metrics[0].unit: unit "dollars" is not known (want one of currency_millions, currency_per_share, currency, people_billions, people_millions, percent, count)`},
	"missing_field.json":                 {`64:5: quarters[2].period_end: required field "period_end" is missing from a quarter`},
	"nan_literal.json":                   {`81:30: syntax error: NaN is not a JSON value; JSON cannot spell NaN or infinity, and figures must be finite numbers`},
	"no_metrics.json":                    {`4:3: metrics: there are no metrics; at least one is needed`},
	"no_quarters.json":                   {`41:3: quarters: there are no quarters; at least one is needed`},
	"not_whole_number.json":              {`65:7: quarters[2].fiscal_year: want a whole number, got the number 2024.5`},
	"note_kind_unknown.json":             {`73:59: quarters[2].notes[0].kind: note kind "oneoff" is not known (want highlight or one_off, or leave it out)`},
	"note_source_empty.json":             {`73:78: quarters[2].notes[0].source: the note source is empty; every note needs one`},
	"note_text_empty.json":               {`61:10: quarters[1].notes[0].text: the note text is empty`},
	"overview_duplicate.json":            {`34:47: overview[2]: metric "revenue" is listed twice in the overview (first at line 34)`},
	"overview_unknown_metric.json":       {`34:27: overview[1]: "net_income" is not a known metric`},
	"out_of_order.json":                  {`76:5: quarters[3]: quarter 2024-Q3 comes after 2024-Q4; quarters must be in ascending order`},
	"period_end_invalid.json":            {`55:7: quarters[1].period_end: period end "2023-12-32" is not a valid date (want YYYY-MM-DD)`},
	"period_end_mismatch.json":           {`67:7: quarters[2].period_end: period end 2024-01-10 does not match 2024-Q3: with the fiscal year ending in June, 2024-Q3 ends between 2024-01-15 and 2024-04-14; 2024-01-10 falls in 2024-Q2`},
	"ratio_of_ratio.json":                {`31:50: metrics[2].ratio.denominator: ratio denominator "operating_margin" is itself a ratio metric; a ratio divides stored metrics`},
	"ratio_unit_not_percent.json":        {`28:7: metrics[2].unit: ratio metric "operating_margin" must have unit percent, not "count"`},
	"ratio_unknown_metric.json":          {`31:17: metrics[2].ratio.numerator: ratio numerator "gross_profit" is not a known metric`},
	"ratio_value_stored.json":            {`93:9: quarters[4].values.operating_margin: "operating_margin" is a ratio metric, computed from operating_income and revenue; do not store it`},
	"reported_on_before_period_end.json": {`89:7: quarters[4].reported_on: reported-on date 2024-09-01 is not after the period end 2024-09-28`},
	"reported_on_invalid.json":           {`46:7: quarters[0].reported_on: reported-on date "26/10/2023" is not a valid date (want YYYY-MM-DD)`},
	"schema_version_missing.json":        {`1:1: schema_version: the schema version is missing; this build understands version 1`},
	"schema_version_unsupported.json":    {`2:3: schema_version: schema version 2 is not supported; this build understands version 1`},
	"segment_duplicate_metric.json":      {`38:50: segments[0].metrics[2]: metric "revenue" is listed twice in this segment (first at line 38)`},
	"segment_id_duplicate.json":          {`41:7: segments[1].id: segment id "overview" appears twice (first at line 36)`},
	"segment_id_empty.json":              {`36:7: segments[0].id: the segment id is empty`},
	"segment_id_view_name.json":          {`36:7: segments[0].id: segment id "financials/chart" cannot name a view: want no "/" or white space`},
	"segment_label_empty.json":           {`37:7: segments[0].label: the segment label is empty`},
	"segment_no_metrics.json":            {`38:7: segments[0].metrics: segment "overview" lists no metrics; want at least one`},
	"segment_unknown_metric.json":        {`38:30: segments[0].metrics[1]: "net_income" is not a known metric`},
	"ticker_empty.json":                  {`5:5: company.ticker: the company ticker is empty`},
	"too_deep.json":                      {`2:70: nesting is deeper than 64 levels; the file is refused`},
	"top_level_not_object.json":          {`1:1: the top level must be an object, got an array`},
	"trailing_comma.json":                {`7:31: syntax error: trailing comma before '}'; JSON does not allow one`},
	"trailing_data.json":                 {`124:1: syntax error: unexpected '{' after the end of the top-level value`},
	"unknown_field.json":                 {`3:3: unknown field "compnay" in the top-level object; did you mean "company"?`},
	"unknown_metric.json":                {`82:9: quarters[3].values.operating_incme: "operating_incme" is not a known metric`},
	"unknown_nested_field.json":          {`57:21: quarters[1].values.revenue: unknown field "vlaue" in a value; did you mean "value"?`},
	"unterminated_string.json":           {`4:35: syntax error: line break inside the string that starts at 4:13; write \n, or close the string`},
	"value_source_empty.json":            {`57:35: quarters[1].values.revenue.source: the source is empty; every figure needs one`},
	"wrong_type.json":                    {`54:7: quarters[1].fiscal_quarter: want a whole number, got the string "2"`},

	// Files with several problems: every one must be listed, in order.
	"several_problems.json": {
		`6:5: company.currency: currency "US" is not three upper-case letters (an ISO 4217 code such as USD)`,
		`66:7: quarters[2].fiscal_quarter: fiscal quarter 5 is out of range (want 1 to 4)`,
		`101:7: guidance[0].low: low 600 is above high 570`,
		`119:7: annual_actuals[0].source: the source is empty; every annual figure needs one`,
	},
	"several_structural.json": {
		`3:14: company.ticker: required field "ticker" is missing from the company object`,
		`5:5: company: unknown field "tickr" in the company object; did you mean "ticker"?`,
		`54:7: quarters[1].fiscal_quarter: want a whole number, got the string "2"`,
		`69:21: quarters[2].values.revenue.value: -1e400 is not a finite number; it overflows a 64-bit float`,
		`102:7: guidance[0].low: key "low" appears twice in one object (first at line 101); remove one`,
	},
}

// TestInvalidCorpus loads every file in testdata/invalid and expects exactly
// the problems listed in corpus, with their positions.
func TestInvalidCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < len(corpus) {
		t.Errorf("%d files in testdata/invalid, but %d expected in the table", len(files), len(corpus))
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
			want, ok := corpus[name]
			if !ok {
				t.Fatalf("%s has no expected problems in the corpus table", name)
			}
			d, err := Load(path)
			if err == nil {
				t.Fatalf("Load accepted an invalid file: %s", d.Company.Name)
			}
			probs := problemsOf(t, err)
			got := make([]string, len(probs))
			for i, p := range probs {
				got[i] = p.String()
				if p.File != path {
					t.Errorf("problem %d: File = %q, want %q", i, p.File, path)
				}
				if p.Path != "" && !strings.Contains(p.Msg, p.Path+": ") {
					t.Errorf("problem %d: message %q does not start with its path %q", i, p.Msg, p.Path)
				}
			}
			if len(got) != len(want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
			}
			for i := range want {
				if w := path + ":" + want[i]; got[i] != w {
					t.Errorf("problem %d:\n got %s\nwant %s", i, got[i], w)
				}
			}
		})
	}
}

// TestParseTable covers syntax corners and rules best shown inline.
func TestParseTable(t *testing.T) {
	valid := string(mustRead(t, validMinimal))
	swap := func(old, new string) string {
		if !strings.Contains(valid, old) {
			t.Fatalf("fixture lacks %q", old)
		}
		return strings.Replace(valid, old, new, 1)
	}
	tests := []struct {
		name, in string
		want     string // "line:col: message" substring of the first problem; "" for valid
	}{
		{"valid", valid, ""},
		{"escapes decode", swap(`"Larkspur Instruments"`, `"Lark\u0073pur \"Instruments\" \ud83d\ude00 \/"`), ""},
		{"tab in text", swap(`"Larkspur Instruments"`, `"Larkspur\tInstruments"`), "4:5: company.name: this text contains the control character U+0009"},
		{"only whitespace", " \n\t ", "2:3: the file is empty"},
		{"byte-order mark", "\ufeff{}", "1:1: syntax error: the file starts with a byte-order mark"},
		{"leading zero", `{"schema_version": 01}`, `1:20: syntax error: "01" is not a valid JSON number`},
		{"bare minus", `{"schema_version": -}`, `1:20: syntax error: "-" is not a valid JSON number`},
		{"fraction without digits", `{"schema_version": 1.}`, `1:20: syntax error: "1." is not a valid JSON number`},
		{"minus infinity", `{"a": -Infinity}`, `1:7: syntax error: -Infinity is not a JSON value`},
		{"bare word", `{"a": yes}`, `1:7: syntax error: unexpected word "yes"`},
		{"single quotes", `{'a': 1}`, `1:2: syntax error: want an object key in double quotes, got '\''`},
		{"missing colon", `{"a" 1}`, `1:6: syntax error: want ':' after the key "a", got '1'`},
		{"bad escape", `{"a": "\x"}`, `1:8: syntax error: \x is not a valid escape`},
		{"short unicode escape", `{"a": "\u12"}`, `1:8: syntax error: \u must be followed by four hex digits`},
		{"unclosed object", `{"a": 1`, `1:8: syntax error: the file ends before the object opened at 1:1 is closed`},
		{"unclosed string", `{"a": "b`, `1:7: syntax error: this string is never closed`},
		{"array trailing comma", `{"a": [1,]}`, `1:9: syntax error: trailing comma before ']'`},
		{"missing comma in array", `{"a": [1 2]}`, `1:10: syntax error: want ',' or ']' after an array element, got '2'; is a comma missing?`},
		{"tab in string", "{\"a\": \"x\ty\"}", `1:9: syntax error: control character 0x09 inside a string`},
		{"unpaired surrogate", swap(`"Larkspur Instruments"`, `"Lark \ud800 spur"`), `4:5: company.name: this text is not valid UTF-8`},
		{"columns count characters", swap(`"name": "Larkspur Instruments",`, `"name": "Lärkspür", "x": 1,`), `4:25: company: unknown field "x" in the company object`},
		{"null for a number", swap(`"fiscal_year_end_month": 6`, `"fiscal_year_end_month": null`), `7:5: company.fiscal_year_end_month: want a whole number, got null`},
		{"null for a list is empty", swap(`"segments": [`, `"segments": null, "x": [`), `34:21: unknown field "x" in the top-level object`},
		{"object for a string", swap(`"ticker": "LARK"`, `"ticker": {}`), `5:5: company.ticker: want a string, got an object`},
		{"number for a bool", swap(`"approx": true`, `"approx": 1`), `81:37: quarters[3].values.revenue.approx: want true or false, got the number 1`},
		{"huge integer", swap(`"fiscal_year_end_month": 6`, `"fiscal_year_end_month": 99999999999999999999`), `7:5: company.fiscal_year_end_month: the number 99999999999999999999 is too large`},
		{"odd key quoted in path", swap(`"revenue": {"value": 131,`, `"a.b": {"value": 131,`), `57:9: quarters[1].values["a.b"]: "a.b" is not a known metric`},
		{"ratio metric not stored needs percent", swap(`"unit": "percent",`, `"unit": "currency",`), `28:7: metrics[2].unit: ratio metric "operating_margin" must have unit percent`},
		{"period end within slack", swap(`"period_end": "2024-03-31"`, `"period_end": "2024-04-13"`), ""},
		{"period end past slack", swap(`"period_end": "2024-03-31"`, `"period_end": "2024-04-15"`), `67:7: quarters[2].period_end: period end 2024-04-15 does not match 2024-Q3`},
		{"period end in Feb leap year", swap(`"period_end": "2024-03-31"`, `"period_end": "2024-02-30"`), `67:7: quarters[2].period_end: period end "2024-02-30" is not a valid date`},
		{"target year before given", swap(`"target": "FY2025"`, `"target": "FY2023"`), `100:7: guidance[0].target: target FY2023 is before the year of given_with 2024-Q4`},
		{"target year of given is fine", swap(`"target": "FY2025"`, `"target": "FY2024"`), ""},
		{"given_with a year", swap(`"given_with": "2024-Q4",`, `"given_with": "FY2024",`), `99:7: guidance[0].given_with: given_with "FY2024" is not a quarter label`},
		{"empty metric reference", swap(`"metric": "revenue",`, `"metric": "",`), `98:7: guidance[0].metric: the metric is empty`},
		{"note kind may be left out", swap(`"kind": "highlight", `, ``), ""},
		{"non-ASCII where a value should be", `{"a": é}`, `1:7: syntax error: want a value, got 'é'`},
		{"control byte where a value should be", "{\"a\": \x01}", `1:7: syntax error: want a value, got control character 0x01`},
		{"invalid UTF-8 where a value should be", "{\"a\": \xff}", `1:7: syntax error: want a value, got byte 0xff (not valid UTF-8)`},
		{"fractional range in message", swap(`"low": 540,`, `"low": 580.5,`), `101:7: guidance[0].low: low 580.5 is above high 570`},
		{"long text is clipped", swap(`"currency": "USD"`, `"currency": "`+strings.Repeat("é", 30)+`"`),
			`6:5: company.currency: currency "` + strings.Repeat("é", 20) + `..." is not three upper-case letters`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Parse([]byte(tc.in), "t.json")
			if tc.want == "" {
				if err != nil {
					t.Fatalf("want valid, got:\n%v", err)
				}
				if d == nil || d.Name != "t.json" {
					t.Fatalf("dataset = %+v", d)
				}
				return
			}
			if err == nil {
				t.Fatalf("want %q, got a valid dataset", tc.want)
			}
			probs := problemsOf(t, err)
			if len(probs) == 0 {
				t.Fatal("a ValidationError without problems")
			}
			if got := probs[0].String(); !strings.Contains(got, "t.json:"+tc.want) {
				t.Errorf("first problem:\n got %s\nwant t.json:%s...\nall:\n%v", got, tc.want, err)
			}
		})
	}
	// The escaped name decodes to the text it spells.
	d, err := Parse([]byte(tests[1].in), "t.json")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Larkspur \"Instruments\" \U0001F600 /"; d.Company.Name != want {
		t.Errorf("escaped name = %q, want %q", d.Company.Name, want)
	}
}

// TestProblemsSortedAndComplete checks a file with problems in every stage
// that runs lists them all in file order.
func TestProblemsSortedAndComplete(t *testing.T) {
	_, err := Load("testdata/invalid/several_problems.json")
	probs := problemsOf(t, err)
	if len(probs) != 4 {
		t.Fatalf("got %d problems, want 4:\n%v", len(probs), err)
	}
	if !sort.SliceIsSorted(probs, func(i, j int) bool {
		if probs[i].Line != probs[j].Line {
			return probs[i].Line < probs[j].Line
		}
		return probs[i].Col < probs[j].Col
	}) {
		t.Errorf("problems not sorted by position:\n%v", err)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 4 {
		t.Errorf("Error() has %d lines, want one per problem", len(lines))
	}
	for i, p := range probs {
		if lines[i] != p.String() {
			t.Errorf("line %d = %q, want %q", i, lines[i], p.String())
		}
	}
}

func TestProblemString(t *testing.T) {
	p := Problem{File: "q.json", Line: 12, Col: 7, Path: "quarters[3].fiscal_quarter", Msg: "quarters[3].fiscal_quarter: fiscal quarter 5 is out of range (want 1 to 4)"}
	if got, want := p.String(), "q.json:12:7: quarters[3].fiscal_quarter: fiscal quarter 5 is out of range (want 1 to 4)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// TestDeepNestingDoesNotRecurse feeds far more nesting than any stack
// would survive if each level were a call.
func TestDeepNestingDoesNotRecurse(t *testing.T) {
	for _, open := range []string{"[", "{\"a\":"} {
		in := strings.Repeat(open, 1_000_000)
		_, err := Parse([]byte(in), "deep.json")
		probs := problemsOf(t, err)
		if len(probs) != 1 || !strings.Contains(probs[0].Msg, "nesting is deeper than 64 levels") {
			t.Errorf("%q x 1e6: %v", open, err)
		}
	}
}

func TestSizeCap(t *testing.T) {
	wantMsg := "over the 32 MiB limit for a data file"
	t.Run("Load refuses a large file without reading it", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "big.json")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		// Sparse: the size is set without writing 32 MiB.
		if err := f.Truncate(MaxFileSize + 1); err != nil {
			t.Fatal(err)
		}
		f.Close()
		_, err = Load(path)
		probs := problemsOf(t, err)
		if len(probs) != 1 || !strings.Contains(probs[0].String(), path+":1:1: the file is over") || !strings.Contains(probs[0].Msg, wantMsg) {
			t.Errorf("Load: %v", err)
		}
	})
	t.Run("Parse refuses a large slice", func(t *testing.T) {
		b := make([]byte, MaxFileSize+1)
		_, err := Parse(b, "big.json")
		probs := problemsOf(t, err)
		if len(probs) != 1 || !strings.Contains(probs[0].Msg, wantMsg) || !strings.Contains(probs[0].Msg, "it was not parsed") || probs[0].Line != 1 {
			t.Errorf("Parse: %v", err)
		}
	})
	t.Run("exactly the limit is read", func(t *testing.T) {
		b := make([]byte, MaxFileSize)
		for i := range b {
			b[i] = ' '
		}
		_, err := Parse(b, "spaces.json")
		probs := problemsOf(t, err)
		if len(probs) != 1 || !strings.Contains(probs[0].Msg, "the file is empty") {
			t.Errorf("Parse at the limit: %v", err)
		}
	})
}

func TestLoadErrors(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "absent.json"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
	if _, err := Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
}

// TestQuarterEnd checks the fiscal calendar arithmetic directly.
func TestQuarterEnd(t *testing.T) {
	tests := []struct {
		fy, q, fyEnd int
		want         string
	}{
		{2024, 1, 6, "2023-09-30"},
		{2024, 2, 6, "2023-12-31"},
		{2024, 4, 6, "2024-06-30"},
		{2024, 1, 12, "2024-03-31"},
		{2024, 4, 12, "2024-12-31"},
		{2024, 1, 1, "2023-04-30"},
		{2024, 4, 9, "2024-09-30"},
		{2024, 1, 9, "2023-12-31"},
		{2024, 3, 3, "2023-12-31"},
		{2024, 1, 3, "2023-06-30"},
	}
	for _, tc := range tests {
		if got := quarterEnd(tc.fy, tc.q, tc.fyEnd).Format(dateLayout); got != tc.want {
			t.Errorf("quarterEnd(FY%d Q%d, year ends month %d) = %s, want %s", tc.fy, tc.q, tc.fyEnd, got, tc.want)
		}
	}
}

// TestManyProblemsAreCapped checks that a file with a huge number of
// problems (here duplicate keys, which once cost a scan each) is reported
// quickly, with the list capped and the rest counted.
func TestManyProblemsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"schema_version": 1, "x": 0`)
	const n = 200_000
	for i := 0; i < n; i++ {
		b.WriteString(`, "company": {}`)
	}
	b.WriteString("}")
	_, err := Parse([]byte(b.String()), "many.json")
	probs := problemsOf(t, err)
	if len(probs) != maxProblems+1 {
		t.Fatalf("got %d problems, want %d listed and a count of the rest", len(probs), maxProblems+1)
	}
	if !strings.Contains(probs[0].Msg, `unknown field "x" in the top-level object`) ||
		!strings.Contains(probs[1].Msg, `company.name: required field "name" is missing`) ||
		!strings.Contains(probs[5].Msg, `company: key "company" appears twice in one object (first at line 1)`) {
		t.Errorf("first problems:\n%v\n%v\n%v", probs[0], probs[1], probs[5])
	}
	// Listed: x, the first company's four missing fields and 95
	// duplicates. Not listed: the other n-1-95 duplicates and the three
	// missing top-level fields, found last.
	last := probs[len(probs)-1]
	if want := fmt.Sprintf("%d more problems are not listed; fix the ones above and run again", n-1-95+3); last.Msg != want {
		t.Errorf("last problem = %q, want %q", last.Msg, want)
	}
}

// TestPositionsMatchLineCol checks the one-pass column counting against
// the direct count, on text with multi-byte characters, empty lines and
// several offsets on one line (and the same offset twice).
func TestPositionsMatchLineCol(t *testing.T) {
	src := "{\"é\": 1,\n\n  \"ñañ\": [1, 2],   \"x\": \"日本語\"}\n" + strings.Repeat("ü", 50) + "!"
	var offs []int
	for off := 0; off <= len(src); off++ {
		offs = append(offs, off)
		if off%7 == 0 {
			offs = append(offs, off)
		}
	}
	lines, cols := (&lineTable{src: src}).positions(offs)
	for i, off := range offs {
		wl, wc := lineCol(src, off)
		if lines[i] != wl || cols[i] != wc {
			t.Errorf("offset %d: got %d:%d, want %d:%d", off, lines[i], cols[i], wl, wc)
		}
	}
}

// TestOtherSchemaVersionSaysSo: a file written for another schema version
// fails the shape checks too, but the version problem must be among them,
// or the shape problems alone would be a mystery.
func TestOtherSchemaVersionSaysSo(t *testing.T) {
	_, err := Parse([]byte(`{"schema_version": 2, "company": {}}`), "v2.json")
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v, want a *ValidationError", err)
	}
	want := "v2.json:1:2: schema_version: schema version 2 is not supported; this build understands version 1"
	for _, p := range ve.Problems {
		if p.String() == want {
			return
		}
	}
	t.Errorf("no %q among:\n%v", want, err)
}

// TestParseGivesNewIDs: every parse of a file gives a data set an ID no
// other has had, so caches keyed on it cannot confuse two data sets.
func TestParseGivesNewIDs(t *testing.T) {
	b := mustRead(t, "testdata/valid/minimal.json")
	seen := map[uint64]bool{0: true}
	for range 3 {
		d, err := Parse(b, "minimal.json")
		if err != nil {
			t.Fatal(err)
		}
		if seen[d.ID()] {
			t.Fatalf("ID %d given twice (or zero)", d.ID())
		}
		seen[d.ID()] = true
	}
}

// TestNegativeZeroIsZero: -0 is read as 0, so nothing downstream (the
// export, a sign) tells it apart.
func TestNegativeZeroIsZero(t *testing.T) {
	src := strings.Replace(string(mustRead(t, "testdata/valid/minimal.json")), `"revenue": {"value": 131,`, `"revenue": {"value": -0,`, 1)
	d, err := Parse([]byte(src), "minimal.json")
	if err != nil {
		t.Fatal(err)
	}
	v := d.Quarters[1].Values["revenue"].Value
	if v != 0 || math.Signbit(v) {
		t.Errorf("-0 was stored as %v (sign bit %t)", v, math.Signbit(v))
	}
}

// TestUnknownMetricValues: a quarter's values for metrics the file does
// not define are checked like any value (type, duplicate key, empty
// source) though decoding does not keep them; the messages are the ones
// of a decoder that kept them.
func TestUnknownMetricValues(t *testing.T) {
	valid := string(mustRead(t, validMinimal))
	swap := func(old, new string) string {
		if !strings.Contains(valid, old) {
			t.Fatalf("fixture lacks %q", old)
		}
		return strings.Replace(valid, old, new, 1)
	}
	const rev = `"revenue": {"value": 131,`
	for _, tc := range []struct{ name, in, want string }{
		{"unknown, empty source", swap(rev, `"nope": {"value": 1, "source": " "}, `+rev),
			"f.json:57:9: quarters[1].values.nope: \"nope\" is not a known metric\n" +
				"f.json:57:30: quarters[1].values.nope.source: the source is empty; every figure needs one"},
		{"unknown, wrong type", swap(rev, `"nope": {"value": "1", "source": "s"}, `+rev),
			`f.json:57:18: quarters[1].values.nope.value: want a number, got the string "1"`},
		{"unknown twice, once escaped", swap(rev, `"nope": {"value": 1, "source": "s"}, "no\u0070e": {"value": 2, "source": "s"}, `+rev),
			`f.json:57:46: quarters[1].values.nope: key "nope" appears twice in one object (first at line 57); remove one`},
		{"known twice", swap(rev, `"revenue": {"value": 1, "source": "s"}, `+rev),
			`f.json:57:49: quarters[1].values.revenue: key "revenue" appears twice in one object (first at line 57); remove one`},
		{"a metric id that is not a string", swap(`"id": "revenue",`, `"id": 7,`),
			`f.json:11:7: metrics[0].id: want a string, got the number 7`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in), "f.json")
			if err == nil || err.Error() != tc.want {
				t.Errorf("got\n%v\nwant\n%s", err, tc.want)
			}
		})
	}
}

// TestCountValues: the arena is sized by countValues, which must count
// every value of a valid file exactly (keys are not values; strings with
// quotes and backslashes are skipped whole).
func TestCountValues(t *testing.T) {
	for _, src := range []string{
		`{}`, `[]`, `1`, `"a"`, `{"a": 1}`, `{"a": [1, true, null, "x"], "b": {"c": {}}}`,
		`{"a\"b": "c\\", "d\\\"e": ["f\\\\", -1.5e3]}`, `[{"a":[]},{"b":[{}]}]`,
		string(mustRead(t, validMinimal)),
	} {
		tr, _, err := readTree(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err.msg)
		}
		if n := countValues(src); n != max(len(tr.nodes), 2) {
			t.Errorf("countValues(%.40q) = %d, the tree has %d", src, n, len(tr.nodes))
		}
	}
}
