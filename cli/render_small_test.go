package cli

import (
	"strings"
	"testing"
)

// TestRenderBelowMinimumFails: a frame below the dashboard's minimum is
// the too-small notice, which a script must see as a failure: exit 1, one
// line on stderr, nothing on stdout.
func TestRenderBelowMinimumFails(t *testing.T) {
	path := writeFile(t, "d.json", fixtureText(t))
	for _, size := range [][2]string{{"50", "10"}, {"59", "30"}, {"100", "15"}} {
		r := run(t, "render", "--data", path, "--view", "overview", "--width", size[0], "--height", size[1], "--color", "never")
		if r.code != 1 {
			t.Errorf("%sx%s: exit %d, want 1", size[0], size[1], r.code)
		}
		if r.stdout != "" {
			t.Errorf("%sx%s: wrote a frame: %q", size[0], size[1], r.stdout)
		}
		if lines := strings.Split(strings.TrimSpace(r.stderr), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "needs at least 60×16") {
			t.Errorf("%sx%s: stderr is not one line naming the minimum:\n%s", size[0], size[1], r.stderr)
		}
	}
	if r := run(t, "render", "--data", path, "--view", "overview", "--width", "60", "--height", "16", "--color", "never"); r.code != 0 {
		t.Errorf("60x16: exit %d, stderr %s", r.code, r.stderr)
	}
}
