package data

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
)

// exampleFile is a small, valid data set with the cases the exporters
// must get right: a derived ratio metric (never exported), a gap (2024-Q2
// has no net_income), a source with a comma and a double quote, an
// approximate value, a fractional value, guidance and an annual actual.
// The command tests in cli use it too.
const exampleFile = "testdata/valid/example.json"

func parseFixture(t *testing.T) *Dataset {
	t.Helper()
	d, err := Load(exampleFile)
	if err != nil {
		t.Fatalf("fixture does not parse: %v", err)
	}
	return d
}

func TestWriteCSV(t *testing.T) {
	d := parseFixture(t)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, d); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	out := buf.String()
	if first, _, _ := strings.Cut(out, "\n"); first != "period,metric,value,unit,approx,source" {
		t.Errorf("header = %q", first)
	}
	// RFC 4180: a field with a comma or a quote is quoted, and a quote is
	// doubled.
	for _, want := range []string{
		`2024-Q1,revenue,36455,currency_millions,false,"https://example.com/q1?a=1,b=2"`,
		`2024-Q1,net_income,12369,currency_millions,false,"Example 10-Q, ""Income statement"", p. 4"`,
		`2024-Q2,revenue,39071,currency_millions,true,https://example.com/q2`,
		`2024-Q2,eps,5.16,currency_per_share,false,https://example.com/q2`,
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("missing row %s\nin:\n%s", want, out)
		}
	}

	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("output is not valid CSV: %v", err)
	}
	stored := 0
	for _, q := range d.Quarters {
		stored += len(q.Values)
	}
	if got := len(rows) - 1; got != stored {
		t.Errorf("%d data rows, want one per stored value (%d)", got, stored)
	}
	var order []string
	for _, r := range rows[1:] {
		if r[1] == "net_margin" {
			t.Errorf("derived ratio exported: %v", r)
		}
		if r[0] == "2024-Q2" && r[1] == "net_income" {
			t.Errorf("a gap produced a row: %v", r)
		}
		order = append(order, r[0]+" "+r[1])
	}
	wantOrder := []string{"2024-Q1 revenue", "2024-Q1 net_income", "2024-Q1 eps", "2024-Q2 revenue", "2024-Q2 eps"}
	if !reflect.DeepEqual(order, wantOrder) {
		t.Errorf("row order = %v, want %v (file order of quarters, then metrics)", order, wantOrder)
	}
}

func TestWriteCSVValueFormat(t *testing.T) {
	// Large and tiny values must come out in plain decimal, exactly.
	d := parseFixture(t)
	d.Quarters[0].Values["revenue"] = Value{Value: 1e21, Source: "s"}
	d.Quarters[0].Values["eps"] = Value{Value: -0.000001, Source: "s"}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, d); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	for _, want := range []string{",revenue,1000000000000000000000,", ",eps,-0.000001,"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("missing %q in:\n%s", want, buf.String())
		}
	}
}

func TestWriteJSONRoundTrip(t *testing.T) {
	d := parseFixture(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, d); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	if !strings.HasPrefix(buf.String(), "{\n  \"schema_version\": 1,") {
		t.Errorf("not two-space indented JSON:\n%.200s", buf.String())
	}
	back, err := Parse(buf.Bytes(), "exported.json")
	if err != nil {
		t.Fatalf("exported JSON does not parse back: %v", err)
	}
	// Compare the exported fields only: Name and the lookup indexes are
	// not part of the file.
	for _, f := range []struct {
		name      string
		got, want any
	}{
		{"schema_version", back.SchemaVersion, d.SchemaVersion},
		{"company", back.Company, d.Company},
		{"metrics", back.Metrics, d.Metrics},
		{"segments", back.Segments, d.Segments},
		{"quarters", back.Quarters, d.Quarters},
		{"guidance", back.Guidance, d.Guidance},
		{"annual_actuals", back.AnnualActuals, d.AnnualActuals},
	} {
		if !reflect.DeepEqual(f.got, f.want) {
			t.Errorf("%s changed in the round trip:\n got %+v\nwant %+v", f.name, f.got, f.want)
		}
	}
}

func TestWritersRejectNil(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, nil); err == nil {
		t.Error("WriteCSV(nil) succeeded")
	}
	if err := WriteJSON(&buf, nil); err == nil {
		t.Error("WriteJSON(nil) succeeded")
	}
}

// failWriter fails every write, like a closed pipe.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

func TestWritersReportWriteErrors(t *testing.T) {
	d := parseFixture(t)
	if err := WriteCSV(failWriter{}, d); err == nil {
		t.Error("WriteCSV to a failing writer succeeded")
	}
	if err := WriteJSON(failWriter{}, d); err == nil {
		t.Error("WriteJSON to a failing writer succeeded")
	}
}

// BenchmarkWriteCSV exports the embedded default data set, the SSH
// server's and the export command's real workload.
func BenchmarkWriteCSV(b *testing.B) {
	raw, err := os.ReadFile("../quarters.json")
	if err != nil {
		b.Fatal(err)
	}
	d, err := Parse(raw, "quarters.json")
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := WriteCSV(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWriteJSONStaysLoadable: a file whose indented export would pass the
// size a data file may have is exported compact, and one that is too large
// even compact is refused, never written half or too large. (The limit is
// small here; the real one is MaxFileSize: a valid 27.6 MiB compact file
// once exported as 65 MB that validate refused.)
func TestWriteJSONStaysLoadable(t *testing.T) {
	d, err := Load("testdata/valid/minimal.json")
	if err != nil {
		t.Fatal(err)
	}
	var indented, compact bytes.Buffer
	if err := writeJSON(&indented, d, MaxFileSize); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&compact, indented.Bytes()); err != nil {
		t.Fatal(err)
	}
	limit := compact.Len() + 1 // compact plus its newline fits; indented does not
	var out bytes.Buffer
	if err := writeJSON(&out, d, limit); err != nil {
		t.Fatalf("compact output refused: %v", err)
	}
	if out.Len() > limit || bytes.Contains(out.Bytes(), []byte("\n  ")) {
		t.Errorf("output is %d bytes (limit %d) or still indented", out.Len(), limit)
	}
	if _, err := Parse(out.Bytes(), "compact"); err != nil {
		t.Errorf("compact output does not parse: %v", err)
	}
	out.Reset()
	if err := writeJSON(&out, d, limit-1); err == nil || out.Len() != 0 {
		t.Errorf("over the limit even compact: err %v, %d bytes written", err, out.Len())
	}
}
