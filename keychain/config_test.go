package keychain

import (
	"path/filepath"
	"runtime"
	"testing"
)

func TestConfigPathsHonourXDG(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("XDG_CONFIG_HOME is only honoured on Unix systems other than macOS")
	}
	xdg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", xdg)
	tests := []struct {
		name string
		get  func() (string, error)
		want string
	}{
		{"config dir", ConfigDir, filepath.Join(xdg, "linkstep")},
		{"index", IndexPath, filepath.Join(xdg, "linkstep", "connections.json")},
		{"insecure file", InsecureFilePath, filepath.Join(xdg, "linkstep", "secrets.json")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.get()
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestConfigDirWithoutHome(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("checks the Unix environment variables")
	}
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("HOME", "")
	if _, err := ConfigDir(); err == nil {
		t.Fatal("ConfigDir succeeded with neither XDG_CONFIG_HOME nor HOME set")
	}
}
