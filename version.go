package main

import (
	"runtime/debug"
	"strings"
)

// buildVersion names this build for --version and the TUI's header: the -ldflags version when
// one was set, else the module version (go install ...@vX), else the VCS revision the binary was
// built from (with "+dirty" for uncommitted changes), else "dev".
func buildVersion() string {
	if version != "dev" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return version
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev == "" {
		return version
	}
	return "dev-" + strings.TrimSpace(rev)[:min(12, len(rev))] + dirty
}
