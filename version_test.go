package main

import (
	"strings"
	"testing"
)

func TestBuildVersionIsNeverEmpty(t *testing.T) {
	v := buildVersion()
	if v == "" || strings.Contains(v, " ") {
		t.Fatalf("buildVersion() = %q", v)
	}
	saved := version
	defer func() { version = saved }()
	version = "v1.2.3"
	if got := buildVersion(); got != "v1.2.3" {
		t.Fatalf("with -ldflags the version is %q, want v1.2.3", got)
	}
}
