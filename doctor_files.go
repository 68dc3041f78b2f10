package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers"
	"github.com/linkstep/linkstep/providers/ivy"
	"github.com/linkstep/linkstep/providers/oneid"
	"github.com/linkstep/linkstep/providers/truelayer"
)

// fileChecks look at the config and data dirs and every file linkstep keeps in them.
func fileChecks(d doctorEnv) []check {
	var checks []check
	if d.configDir == "" {
		checks = append(checks, check{Name: "config dir", Status: statusFail, Detail: "no user config dir (HOME and XDG_CONFIG_HOME are unset)", Fix: "set HOME or XDG_CONFIG_HOME"})
	} else {
		checks = append(checks,
			dirCheck("config dir", d.configDir),
			fileCheck("config.json", filepath.Join(d.configDir, providers.ConfigFile), 0o077, parseConfig),
			fileCheck("connections.json", filepath.Join(d.configDir, "connections.json"), 0, parseIndex),
			fileCheck("secrets.json", filepath.Join(d.configDir, "secrets.json"), 0o177, parseItems),
		)
	}
	if d.dataDir == "" {
		return append(checks, check{Name: "data dir", Status: statusFail, Detail: "no user data dir (HOME and XDG_DATA_HOME are unset)", Fix: "set HOME or XDG_DATA_HOME"})
	}
	sandboxDir := filepath.Join(d.dataDir, "sandbox")
	return append(checks,
		dirCheck("data dir", d.dataDir),
		fileCheck("sandbox-tokens.json", filepath.Join(d.dataDir, "sandbox-tokens.json"), 0o177, parseItems),
		dirCheck("sandbox state dir", sandboxDir),
		fileCheck("sandbox/truelayer.json", filepath.Join(sandboxDir, "truelayer.json"), 0, parseState),
		fileCheck("sandbox/ivy.json", filepath.Join(sandboxDir, "ivy.json"), 0, parseState),
	)
}

// dirCheck checks a directory exists (or can be made) and is 0700.
func dirCheck(name, path string) check {
	c := check{Name: name}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		c.Detail = path + " does not exist yet (made 0700 on first use)"
		return c
	case err != nil:
		return check{Name: name, Status: statusFail, Detail: err.Error(), Fix: "make it reachable: chmod u+rx on " + filepath.Dir(path)}
	case !info.IsDir():
		return check{Name: name, Status: statusFail, Detail: path + " is not a directory", Fix: "move it aside: mv " + path + " " + path + ".bak"}
	}
	if perm := info.Mode().Perm(); runtime.GOOS != "windows" && perm&0o077 != 0 {
		c.Status = statusWarn
		c.Detail = fmt.Sprintf("%s has mode %04o, wider than 0700", path, perm)
		c.Fix = "chmod 700 " + path
		return c
	}
	c.Detail = fmt.Sprintf("%s (mode %04o)", path, info.Mode().Perm())
	return c
}

// fileCheck checks a file's mode and contents. A missing file is fine. A mode wider than 0600
// is a warning, or a failure where it has a bit of refused (linkstep refuses to read the file).
func fileCheck(name, path string, refused fs.FileMode, parse func(path string, data []byte) (string, *check)) check {
	c := check{Name: name}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		c.Detail = path + " does not exist (none yet)"
		return c
	case err != nil:
		return check{Name: name, Status: statusFail, Detail: err.Error(), Fix: "make it reachable: chmod u+rx " + filepath.Dir(path)}
	case info.IsDir():
		return check{Name: name, Status: statusFail, Detail: path + " is a directory", Fix: "move it aside: mv " + path + " " + path + ".bak"}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return check{Name: name, Status: statusFail, Detail: fmt.Sprintf("cannot read %s: %v", path, err), Fix: "chmod 600 " + path + " (and chown it to you)"}
	}
	summary, bad := parse(path, data)
	if bad != nil {
		bad.Name = name
		return *bad
	}
	perm := info.Mode().Perm()
	c.Detail = fmt.Sprintf("%s (mode %04o): %s", path, perm, summary)
	if runtime.GOOS != "windows" && perm&^0o600 != 0 {
		c.Status = statusWarn
		c.Detail = fmt.Sprintf("%s has mode %04o, wider than 0600: %s", path, perm, summary)
		if perm&refused != 0 {
			c.Status = statusFail
			c.Detail = fmt.Sprintf("%s has mode %04o, wider than 0600, so linkstep refuses to read it", path, perm)
		}
		c.Fix = "chmod 600 " + path
	}
	return c
}

// corrupt is the failed check for a file that cannot be parsed, with the fix.
func corrupt(path, what string, err error, consequence string) *check {
	fe := keychain.Unparsable(path, what, err, consequence)
	return &check{Status: statusFail, Detail: path + " " + fe.Problem, Fix: fe.Fix}
}

// parseConfig reads config.json's sections, naming them.
func parseConfig(path string, data []byte) (string, *check) {
	var sections map[string]json.RawMessage
	if err := json.Unmarshal(data, &sections); err != nil {
		return "", corrupt(path, "is not a JSON object", err, "then set credentials in environment variables")
	}
	var names []string
	for _, n := range []string{truelayer.ID, oneid.ID, ivy.ID} {
		if _, ok := sections[n]; ok {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "no provider sections", nil
	}
	return "sections " + strings.Join(names, ", "), nil
}

// parseIndex reads the connection index as keychain.Index does.
func parseIndex(path string, _ []byte) (string, *check) {
	conns, err := keychain.OpenIndex(path).List()
	if errors.Is(err, keychain.ErrCorruptIndex) {
		return "", corrupt(path, "is a corrupt connection index", err, "linkstep starts a new index; the tokens stay where they are")
	}
	if err != nil {
		return "", &check{Status: statusFail, Detail: err.Error(), Fix: "chmod 600 " + path}
	}
	return fmt.Sprintf("%d connection(s)", len(conns)), nil
}

// parseItems reads a secrets file, counting its items and never showing one.
func parseItems(path string, data []byte) (string, *check) {
	if len(strings.TrimSpace(string(data))) == 0 {
		return "empty", nil
	}
	var items map[string]string
	if err := json.Unmarshal(data, &items); err != nil {
		return "", corrupt(path, "is not a JSON object of items", err, "the tokens in it are lost; connect again")
	}
	return fmt.Sprintf("%d item(s), values not shown", len(items)), nil
}

// parseState checks a sandbox state file is JSON.
func parseState(path string, data []byte) (string, *check) {
	if !json.Valid(data) {
		var v any
		return "", corrupt(path, "is not valid JSON", json.Unmarshal(data, &v), "the embedded sandbox starts afresh; connections it made stop working")
	}
	return "valid", nil
}
