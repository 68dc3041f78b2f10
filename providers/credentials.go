package providers

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// Credentials are what the real environments need, per provider. None are needed for the
// embedded sandbox.
type Credentials struct {
	TrueLayer TrueLayerCredentials `json:"truelayer"`
}

// TrueLayerCredentials are a TrueLayer Console client's id, secret and registered redirect URI.
type TrueLayerCredentials struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	RedirectURI  string `json:"redirect_uri"`
}

// ConfigFile is the name of the optional credentials file inside the linkstep config dir.
const ConfigFile = "config.json"

// LoadCredentials reads the config file at path (a missing file is fine), then lets environment
// variables (TRUELAYER_CLIENT_ID, TRUELAYER_CLIENT_SECRET, TRUELAYER_REDIRECT_URI) override it.
// It refuses a config file that others can read, since it holds client secrets.
func LoadCredentials(path string, getenv func(string) string) (Credentials, error) {
	var c Credentials
	if path != "" {
		if err := readConfig(path, &c); err != nil {
			return Credentials{}, err
		}
	}
	override := func(dst *string, name string) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			*dst = v
		}
	}
	override(&c.TrueLayer.ClientID, "TRUELAYER_CLIENT_ID")
	override(&c.TrueLayer.ClientSecret, "TRUELAYER_CLIENT_SECRET")
	override(&c.TrueLayer.RedirectURI, "TRUELAYER_REDIRECT_URI")
	return c, nil
}

func readConfig(path string, c *Credentials) error {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read config %s: %w", path, err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("config %s holds client secrets but is readable by others (mode %v): run chmod 600 %s", path, info.Mode().Perm(), path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read config %s: %w", path, err)
	}
	if err := json.Unmarshal(data, c); err != nil {
		return fmt.Errorf("config %s is not valid JSON: %w", path, err)
	}
	return nil
}

// Check says what is missing for env, in words that name the variables to set.
func (c TrueLayerCredentials) Check(env Environment, configPath string) error {
	if env == Embedded {
		return nil
	}
	var missing []string
	if c.ClientID == "" {
		missing = append(missing, "TRUELAYER_CLIENT_ID")
	}
	if c.ClientSecret == "" {
		missing = append(missing, "TRUELAYER_CLIENT_SECRET")
	}
	if len(missing) > 0 {
		return fmt.Errorf("TrueLayer %s needs credentials: set %s, or add them to %s", env, strings.Join(missing, " and "), configPath)
	}
	return nil
}

// Warning returns a caution when the client id and the environment look mismatched (sandbox
// client ids start with "sandbox-"), or "".
func (c TrueLayerCredentials) Warning(env Environment) string {
	sandboxID := strings.HasPrefix(c.ClientID, "sandbox-")
	switch {
	case env == Live && sandboxID:
		return "the TrueLayer client id starts with \"sandbox-\" but the environment is live: use --env sandbox"
	case env == Sandbox && !sandboxID && c.ClientID != "":
		return "the TrueLayer client id does not start with \"sandbox-\" but the environment is sandbox: is it a live client?"
	}
	return ""
}
