package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestServeEnvOverrides: an environment variable sets a flag that was not
// given, a flag on the command line wins, and a bad value is an error that
// names the variable.
func TestServeEnvOverrides(t *testing.T) {
	env := map[string]string{
		"QUARTERDASH_LISTEN":       "127.0.0.1:4000",
		"QUARTERDASH_IDLE_TIMEOUT": "3m",
		"QUARTERDASH_MAX_SESSIONS": "7",
	}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	cmd := newServeCmd(&App{})
	if err := cmd.Flags().Parse([]string{"--max-sessions", "9"}); err != nil {
		t.Fatal(err)
	}
	if err := applyServeEnv(cmd.Flags(), lookup); err != nil {
		t.Fatal(err)
	}
	get := func(name string) string { return cmd.Flags().Lookup(name).Value.String() }
	if got := get("listen"); got != "127.0.0.1:4000" {
		t.Errorf("listen %q: the environment did not apply", got)
	}
	if got := get("idle-timeout"); got != (3 * time.Minute).String() {
		t.Errorf("idle-timeout %q: the environment did not apply", got)
	}
	if got := get("max-sessions"); got != "9" {
		t.Errorf("max-sessions %q: the command-line flag should win over the environment", got)
	}
	if got := get("max-sessions-per-ip"); got != "10" {
		t.Errorf("max-sessions-per-ip %q: want the default 10", got)
	}

	env["QUARTERDASH_IDLE_TIMEOUT"] = "abc"
	cmd = newServeCmd(&App{})
	err := applyServeEnv(cmd.Flags(), lookup)
	if err == nil || !strings.Contains(err.Error(), "QUARTERDASH_IDLE_TIMEOUT") {
		t.Errorf("bad duration in the environment: got %v, want an error naming the variable", err)
	}
}

// TestServeRefusesUnsafeLimits: a limit that would switch a protection off
// is a usage error (exit 2) before anything listens.
func TestServeRefusesUnsafeLimits(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--max-sessions", "0"},
		{"serve", "--idle-timeout", "0s"},
		{"serve", "--listen", "nonsense"},
	} {
		var out, errOut bytes.Buffer
		code := execute(&App{DefaultData: defaultBytes(t), Stdout: &out, Stderr: &errOut}, args)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", args, code, errOut.String())
		}
		if errOut.Len() == 0 {
			t.Errorf("%v: no message on stderr", args)
		}
	}
}
