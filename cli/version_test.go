package cli

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionString(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "quarterdash", Version: "v1.2.0"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0c8cd63a1b2c3d4e5f60718293a4b5c6d7e8f901"},
			{Key: "vcs.time", Value: "2026-11-29T20:43:14Z"}, {Key: "vcs.modified", Value: "true"}}}
	if got, want := version(info, true), "v1.2.0, revision 0c8cd63a1b2c (2026-11-29T20:43:14Z) + local changes, go1.26.8"; got != want {
		t.Errorf("version = %q, want %q", got, want)
	}
	if got := version(&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true); !strings.Contains(got, "(devel)") || !strings.Contains(got, "go run") {
		t.Errorf("version without VCS stamp = %q", got)
	}
	if got := version(nil, false); !strings.Contains(got, "unknown") {
		t.Errorf("version without build info = %q", got)
	}
}

// TestVersionFlag: quarterdash --version prints one line and exits 0.
func TestVersionFlag(t *testing.T) {
	r := run(t, "--version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "quarterdash ") || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("--version: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}
