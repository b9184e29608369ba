package server

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNewRefusesLimitsOutOfRange: a limit that would switch a protection
// off is an error from New, not a server without the protection.
func TestNewRefusesLimitsOutOfRange(t *testing.T) {
	for name, edit := range map[string]func(*Config){
		"NaN rate":           func(c *Config) { c.ConnRate = math.NaN() },
		"Inf rate":           func(c *Config) { c.ConnRate = math.Inf(1) },
		"negative rate":      func(c *Config) { c.ConnRate = -1 },
		"overflowing cap":    func(c *Config) { c.MaxSessions = math.MaxInt/2 + 1 },
		"huge per-IP cap":    func(c *Config) { c.MaxSessionsPerIP = MaxSessionsCeiling + 1 },
		"negative burst":     func(c *Config) { c.ConnBurst = -1 },
		"negative idle":      func(c *Config) { c.IdleTimeout = -time.Second },
		"overflowing expiry": func(c *Config) { c.MaxSessionTime = math.MaxInt64 },
	} {
		cfg := Config{HostKeyPath: filepath.Join(t.TempDir(), "key"), Data: testData(t)}
		edit(&cfg)
		if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), "out of range") {
			t.Errorf("%s: err %v, want out of range", name, err)
		}
	}
}
