package cli

import (
	"runtime/debug"
	"strings"
)

// version is what --version prints: the module version and the VCS
// revision the binary was built from, as the Go toolchain stamped them
// ("v1.2.0, revision 0c8cd63 (2026-11-29T20:43:14Z), go1.26.8"). A build
// from a checkout has the module version "(devel)" and the revision, with
// "+ local changes" when the tree was modified; 'go run' stamps no
// revision, and says so.
func version(info *debug.BuildInfo, ok bool) string {
	if !ok || info == nil {
		return "unknown (no build information in this binary)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	parts := []string{v}
	if rev := settings["vcs.revision"]; rev != "" {
		r := "revision " + rev[:min(len(rev), 12)]
		if t := settings["vcs.time"]; t != "" {
			r += " (" + t + ")"
		}
		if settings["vcs.modified"] == "true" {
			r += " + local changes"
		}
		parts = append(parts, r)
	} else {
		parts = append(parts, "no VCS revision (built with go run or -buildvcs=false)")
	}
	if info.GoVersion != "" {
		parts = append(parts, info.GoVersion)
	}
	return strings.Join(parts, ", ")
}

// buildVersion is version for this binary.
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	return version(info, ok)
}
