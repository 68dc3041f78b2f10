package providers

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// ConfigFile is the name of the optional credentials file inside the linkstep config dir.
const ConfigFile = "config.json"

// Config is the optional config file: one JSON section per provider ("truelayer", ...), each
// read by that provider's client package, plus the environment variables that override it.
type Config struct {
	path     string
	sections map[string]json.RawMessage
	getenv   func(string) string
}

// ReadConfig reads the config file at path (a missing file is fine) and keeps getenv (nil means
// os.Getenv) for the overrides. It refuses a file that others can read, since it holds client
// secrets.
func ReadConfig(path string, getenv func(string) string) (Config, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	c := Config{path: path, getenv: getenv}
	if path == "" {
		return c, nil
	}
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return Config{}, fmt.Errorf("read config %s: %w", path, err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		return Config{}, fmt.Errorf("config %s holds client secrets but is readable by others (mode %v): run chmod 600 %s", path, info.Mode().Perm(), path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("read config %s: %w", path, err)
	}
	if err := json.Unmarshal(data, &c.sections); err != nil {
		return Config{}, fmt.Errorf("config %s is not valid JSON: %w", path, err)
	}
	return c, nil
}

// Path is where the config file is (or would be).
func (c Config) Path() string { return c.path }

// Section decodes the provider's section of the file into v; a missing section leaves v as is.
func (c Config) Section(name string, v any) error {
	raw, ok := c.sections[name]
	if !ok {
		return nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("config %s: section %q: %w", c.path, name, err)
	}
	return nil
}

// Override sets *dst to the environment variable name when it is set and not blank.
func (c Config) Override(dst *string, name string) {
	getenv := c.getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	if v := strings.TrimSpace(getenv(name)); v != "" {
		*dst = v
	}
}

// Required is one credential a provider needs in a real environment: the environment variable
// that sets it, and its value as loaded.
type Required struct {
	Var   string
	Value string
}

// CheckCredentials says, for a provider named name in env, which of the required credentials
// are missing, naming the variables to set and the config file; nil when none is (and always
// in the embedded sandbox, which needs none).
func CheckCredentials(name string, env Environment, configPath string, required ...Required) error {
	if env == Embedded {
		return nil
	}
	var missing []string
	for _, r := range required {
		if r.Value == "" {
			missing = append(missing, r.Var)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return fmt.Errorf("%s %s needs credentials: set %s, or add them to %s", name, env, strings.Join(missing, " and "), configPath)
}
