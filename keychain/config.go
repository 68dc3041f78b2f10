package keychain

import (
	"fmt"
	"os"
	"path/filepath"
)

// ConfigDir returns linkstep's directory in the user config dir ("$XDG_CONFIG_HOME/linkstep" on Linux).
func ConfigDir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find user config dir: %w", err)
	}
	return filepath.Join(base, "linkstep"), nil
}

// IndexPath returns the default connection index file, "<ConfigDir>/connections.json".
func IndexPath() (string, error) {
	dir, err := ConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "connections.json"), nil
}

// InsecureFilePath returns the default plaintext secrets file for --insecure-storage, "<ConfigDir>/secrets.json".
func InsecureFilePath() (string, error) {
	dir, err := ConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "secrets.json"), nil
}
