package cli

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"quarterdash/data"
	"quarterdash/ui"
)

// fixtureText returns a small valid data file shared with the data
// package's exporter tests: two quarters, one gap (2024-Q2 has no
// net_income), one derived ratio, one guidance range, a source with a
// comma and a quote.
func fixtureText(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../data/testdata/valid/example.json")
	if err != nil {
		t.Fatalf("reading the fixture: %v", err)
	}
	return string(b)
}

// fixtureRows is the number of stored values in fixture.
const fixtureRows = 5

// result is what one command line produced.
type result struct {
	code           int
	stdout, stderr string
}

// run executes args the way Execute does, with the embedded data replaced
// by the repository's quarters.json and the output captured.
func run(t *testing.T, args ...string) result {
	t.Helper()
	// --data falls back to QUARTERDASH_DATA; keep the caller's environment
	// out of the test.
	t.Setenv("QUARTERDASH_DATA", "")
	var stdout, stderr bytes.Buffer
	app := &App{DefaultData: defaultBytes(t), Stdout: &stdout, Stderr: &stderr}
	code := execute(app, args)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func defaultBytes(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../quarters.json")
	if err != nil {
		t.Fatalf("reading the default data: %v", err)
	}
	return b
}

// writeFile writes content to a new file in a temporary directory.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestValidateValidFile(t *testing.T) {
	path := writeFile(t, "good.json", fixtureText(t))
	r := run(t, "validate", path)
	if r.code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	want := path + ": ok — Example, Inc. (EXMP), 2 quarters 2024-Q1..2024-Q2, 4 metrics, 1 segment, 1 guidance range\n"
	if r.stdout != want {
		t.Errorf("stdout = %q\nwant     %q", r.stdout, want)
	}
	if r.stderr != "" {
		t.Errorf("stderr not empty: %q", r.stderr)
	}
}

func TestValidateDefaultData(t *testing.T) {
	// The embedded default must always validate.
	r := run(t, "validate", "../quarters.json")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "../quarters.json: ok — ") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
}

// problemLine is the data.Problem String form: file:line:col: message.
var problemLine = regexp.MustCompile(`^(.+):(\d+):(\d+): \S.*$`)

func TestValidateInvalidFile(t *testing.T) {
	good := writeFile(t, "good.json", fixtureText(t))
	for name, content := range map[string]string{
		"truncated":  fixtureText(t)[:len(fixtureText(t))/2],
		"not json":   "quarters: many\n",
		"wrong type": strings.Replace(fixtureText(t), `"schema_version": 1`, `"schema_version": "one"`, 1),
	} {
		t.Run(name, func(t *testing.T) {
			bad := writeFile(t, "bad.json", content)
			r := run(t, "validate", good, bad)
			if r.code != 1 {
				t.Errorf("exit %d, want 1", r.code)
			}
			// The valid file is still reported: one bad file does not hide
			// the others.
			if !strings.HasPrefix(r.stdout, good+": ok — ") || strings.Contains(r.stdout, bad) {
				t.Errorf("stdout = %q", r.stdout)
			}
			lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
			if r.stderr == "" {
				t.Fatal("no problems on stderr")
			}
			for _, l := range lines {
				m := problemLine.FindStringSubmatch(l)
				if m == nil || m[1] != bad {
					t.Errorf("problem line %q is not %s:line:col: message", l, bad)
				}
			}
			if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
				t.Errorf("stack trace on stderr:\n%s", r.stderr)
			}
		})
	}
}

func TestValidateMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "absent.json")
	r := run(t, "validate", path)
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	want := path + ": cannot read: no such file or directory\n"
	if r.stderr != want {
		t.Errorf("stderr = %q\nwant     %q", r.stderr, want)
	}
}

func TestValidateRecoversFromPanic(t *testing.T) {
	var stdout, stderr bytes.Buffer
	boom := func(string) (*data.Dataset, error) { panic("index out of range") }
	if validateFile(&stdout, &stderr, "x.json", boom) {
		t.Error("a panicking load was reported valid")
	}
	if got, want := stderr.String(), "x.json: internal error while validating: index out of range\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout = %q", stdout.String())
	}
}

func TestValidateUsage(t *testing.T) {
	for _, args := range [][]string{{"validate"}, {"validate", "--bogus", "x.json"}} {
		r := run(t, args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2", args, r.code)
		}
		if !strings.Contains(r.stderr, "usage: quarterdash validate FILE...") {
			t.Errorf("%v: no usage line in stderr:\n%s", args, r.stderr)
		}
	}
}

func TestExportCSV(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		rows int
	}{
		{"fixture", []string{"export", "--data", writeFile(t, "d.json", fixtureText(t))}, fixtureRows},
		{"fixture explicit format", []string{"export", "--format", "CSV", "--data", writeFile(t, "d.json", fixtureText(t))}, fixtureRows},
		{"embedded default", []string{"export"}, storedValues(t, defaultBytes(t))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.args...)
			if r.code != 0 {
				t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
			}
			if !strings.HasPrefix(r.stdout, "period,metric,value,unit,approx,source\n") {
				t.Errorf("header: %.80q", r.stdout)
			}
			rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
			if err != nil {
				t.Fatalf("not CSV: %v", err)
			}
			if len(rows)-1 != tc.rows {
				t.Errorf("%d rows, want %d", len(rows)-1, tc.rows)
			}
		})
	}
}

// storedValues counts the values stored in a data file.
func storedValues(t *testing.T, b []byte) int {
	t.Helper()
	d, err := data.Parse(b, "quarters.json")
	if err != nil {
		t.Fatalf("default data does not parse: %v", err)
	}
	n := 0
	for _, q := range d.Quarters {
		n += len(q.Values)
	}
	return n
}

func TestExportJSON(t *testing.T) {
	path := writeFile(t, "d.json", fixtureText(t))
	for _, args := range [][]string{
		{"export", "--format", "json", "--data", path},
		{"export", "--format", "json"},
	} {
		r := run(t, args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d, stderr:\n%s", args, r.code, r.stderr)
		}
		d, err := data.Parse([]byte(r.stdout), "export.json")
		if err != nil {
			t.Fatalf("%v: exported JSON does not parse: %v", args, err)
		}
		if len(args) > 3 && (d.Company.Ticker != "EXMP" || len(d.Quarters) != 2) {
			t.Errorf("%v: round trip lost data: %+v", args, d.Company)
		}
	}
}

func TestExportErrors(t *testing.T) {
	r := run(t, "export", "--format", "xml")
	if r.code != 2 || !strings.Contains(r.stderr, `unknown --format "xml": want csv or json`) {
		t.Errorf("--format xml: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("--format xml wrote output: %q", r.stdout)
	}
	r = run(t, "export", "--data", filepath.Join(t.TempDir(), "absent.json"))
	if r.code != 1 || !strings.Contains(r.stderr, "absent.json") {
		t.Errorf("missing --data file: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	// An invalid data file: every problem as file:line:col: message, as
	// validate prints them, and nothing on stdout.
	bad := writeFile(t, "bad.json", strings.Replace(fixtureText(t), `"currency": "USD"`, `"currency": "usd"`, 1))
	r = run(t, "export", "--data", bad)
	if r.code != 1 || r.stdout != "" {
		t.Errorf("invalid --data file: exit %d, stdout %q", r.code, r.stdout)
	}
	for _, l := range strings.Split(strings.TrimRight(r.stderr, "\n"), "\n") {
		if m := problemLine.FindStringSubmatch(l); m == nil || m[1] != bad {
			t.Errorf("problem line %q is not %s:line:col: message", l, bad)
		}
	}
	r = run(t, "export", "extra")
	if r.code != 2 {
		t.Errorf("stray argument: exit %d, want 2", r.code)
	}
}

func TestRenderList(t *testing.T) {
	r := run(t, "render", "--list")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	d, err := data.Parse(defaultBytes(t), "quarters.json")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join(ui.Views(d), "\n") + "\n"
	if r.stdout != want || len(ui.Views(d)) == 0 {
		t.Errorf("stdout = %q, want %q", r.stdout, want)
	}
}

func TestRenderFrame(t *testing.T) {
	path := writeFile(t, "d.json", fixtureText(t))
	d, err := data.Parse([]byte(fixtureText(t)), "d.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, view := range ui.Views(d) {
		r := run(t, "render", "--data", path, "--view", view, "--quarter", "2024q1",
			"--width", "80", "--height", "24", "--color", "never")
		if r.code != 0 {
			t.Errorf("%s: exit %d, stderr:\n%s", view, r.code, r.stderr)
			continue
		}
		if strings.TrimSpace(r.stdout) == "" || !strings.HasSuffix(r.stdout, "\n") {
			t.Errorf("%s: frame %q is empty or unterminated", view, r.stdout)
		}
		if strings.Contains(r.stdout, "\x1b[") {
			t.Errorf("%s: --color never printed escape sequences", view)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	path := writeFile(t, "d.json", fixtureText(t))
	d, err := data.Parse([]byte(fixtureText(t)), "d.json")
	if err != nil {
		t.Fatal(err)
	}
	views := ui.Views(d)
	view := views[0]
	for _, tc := range []struct {
		name string
		args []string
		want []string // substrings of stderr
	}{
		{"unknown view", []string{"--view", "no-such-view"}, append([]string{`unknown view "no-such-view"`}, views...)},
		{"no view", nil, append([]string{"--view is required"}, views...)},
		{"quarter not in data", []string{"--view", view, "--quarter", "2030-Q1"}, []string{"2030-Q1 is not in the data", "2024-Q1..2024-Q2"}},
		{"quarter malformed", []string{"--view", view, "--quarter", "last"}, []string{"--quarter", `"last"`}},
		{"quarter is a year", []string{"--view", view, "--quarter", "FY2024"}, []string{"fiscal year"}},
		{"width 0", []string{"--view", view, "--width", "0"}, []string{"--width 0 is out of range: want 1 to 1000"}},
		{"height too big", []string{"--view", view, "--height", "1001"}, []string{"--height 1001 is out of range"}},
		{"width not a number", []string{"--view", view, "--width", "wide"}, []string{"--width", "usage: quarterdash render"}},
		{"bad colour", []string{"--view", view, "--color", "sometimes"}, []string{`unknown --color "sometimes"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, append([]string{"render", "--data", path}, tc.args...)...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2", r.code)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			if r.stdout != "" {
				t.Errorf("wrote a frame anyway: %q", r.stdout)
			}
		})
	}
}

func TestRenderRecoversFromPanic(t *testing.T) {
	t.Setenv("QUARTERDASH_DATA", "")
	var stdout, stderr bytes.Buffer
	app := &App{DefaultData: []byte(fixtureText(t)), Stdout: &stdout, Stderr: &stderr}
	d, err := app.LoadData()
	if err != nil {
		t.Fatal(err)
	}
	boom := func(*data.Dataset, *lipgloss.Renderer, ui.RenderOptions) (string, error) {
		panic("chart width 0")
	}
	f := renderFlags{view: ui.Views(d)[0], width: 80, height: 24, color: "never", maxWidth: maxRenderSize, maxHeight: maxRenderSize}
	err = runRender(newRenderCmd(app), app, f, boom)
	if err == nil || err.Error() != "render: internal error: chart width 0" {
		t.Errorf("err = %v", err)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout = %q", stdout.String())
	}
}

func TestNewRendererProfile(t *testing.T) {
	noEnv := func(string) (string, bool) { return "", false }
	noColorEnv := func(k string) (string, bool) {
		if k == "NO_COLOR" {
			return "1", true
		}
		return "", false
	}
	for _, tc := range []struct {
		name string
		mode colorMode
		env  func(string) (string, bool)
		want termenv.Profile
	}{
		{"never", colorNever, noEnv, termenv.Ascii},
		{"always", colorAlways, noEnv, termenv.TrueColor},
		{"always beats NO_COLOR", colorAlways, noColorEnv, termenv.TrueColor},
		// A bytes.Buffer is not a terminal.
		{"auto into a pipe", colorAuto, noEnv, termenv.Ascii},
		{"auto with NO_COLOR", colorAuto, noColorEnv, termenv.Ascii},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// CLICOLOR_FORCE makes termenv colour even a pipe: with it set,
			// only newRenderer's own rule keeps the auto cases plain.
			t.Setenv("CLICOLOR_FORCE", "1")
			r := newRenderer(&bytes.Buffer{}, tc.mode, tc.env)
			if got := r.ColorProfile(); got != tc.want {
				t.Errorf("profile %v, want %v", got, tc.want)
			}
		})
	}
}

// TestInvalidDataFileEveryCommand: render and the dashboard itself print an
// invalid --data file's problems as file:line:col lines, with no prefix,
// and exit 1, like validate and export.
func TestInvalidDataFileEveryCommand(t *testing.T) {
	bad := writeFile(t, "bad.json", `{"schema_version": 2}`)
	for _, args := range [][]string{
		{"render", "--view", "overview", "--data", bad},
		{"--data", bad},
	} {
		r := run(t, args...)
		if r.code != 1 || r.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q", args, r.code, r.stdout)
		}
		lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
		for _, l := range lines {
			if m := problemLine.FindStringSubmatch(l); m == nil || m[1] != bad {
				t.Errorf("%v: problem line %q is not %s:line:col: message", args, l, bad)
			}
		}
		if len(lines) < 2 {
			t.Errorf("%v: want every problem listed, got %q", args, r.stderr)
		}
	}
}

// TestValidateChecksTheDataFlag: --data (or QUARTERDASH_DATA) is validated
// with the named files, not silently ignored.
func TestValidateChecksTheDataFlag(t *testing.T) {
	bad := writeFile(t, "bad.json", `{}`)
	good := writeFile(t, "good.json", fixtureText(t))
	if r := run(t, "validate", "--data", bad, good); r.code != 1 || !strings.Contains(r.stderr, bad+":") {
		t.Errorf("validate --data BAD GOOD: exit %d, stderr %q; want 1 and BAD's problems", r.code, r.stderr)
	}
	if r := run(t, "validate", "--data", good); r.code != 0 || !strings.Contains(r.stdout, good+": ok") {
		t.Errorf("validate --data GOOD: exit %d, stdout %q", r.code, r.stdout)
	}
}
