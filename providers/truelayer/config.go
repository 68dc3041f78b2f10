package truelayer

import (
	"strings"

	"github.com/linkstep/linkstep/providers"
)

// The environment variables that configure TrueLayer; they override the config file.
const (
	EnvClientID     = "TRUELAYER_CLIENT_ID"
	EnvClientSecret = "TRUELAYER_CLIENT_SECRET"
	EnvRedirectURI  = "TRUELAYER_REDIRECT_URI"
)

// sandboxIDPrefix starts every TrueLayer sandbox client id.
const sandboxIDPrefix = "sandbox-"

// Config is a TrueLayer Console client: its id, secret and registered redirect URI.
type Config providers.ClientConfig

// vars are the environment variables that override the config file.
var vars = providers.ClientVars{ID: EnvClientID, Secret: EnvClientSecret, RedirectURI: EnvRedirectURI}

// LoadConfig reads the "truelayer" section of the config file, then lets TRUELAYER_CLIENT_ID,
// TRUELAYER_CLIENT_SECRET and TRUELAYER_REDIRECT_URI override it.
func LoadConfig(file providers.Config) (Config, error) {
	c, err := file.LoadClient(ID, vars)
	return Config(c), err
}

// Credentials returns the client id and secret.
func (c Config) Credentials() Credentials {
	return Credentials{ClientID: c.ClientID, ClientSecret: c.ClientSecret}
}

// Check says what is missing for env, naming the variables to set; the embedded sandbox needs
// nothing.
func (c Config) Check(env providers.Environment, configPath string) error {
	return providers.ClientConfig(c).Check(Name, env, configPath, vars)
}

// Warning returns a caution when the client id and the environment look mismatched (sandbox
// client ids start with "sandbox-"), or "".
func (c Config) Warning(env providers.Environment) string {
	sandboxID := strings.HasPrefix(c.ClientID, sandboxIDPrefix)
	switch {
	case env == providers.Live && sandboxID:
		return "the TrueLayer client id starts with \"sandbox-\" but the environment is live: use --env sandbox"
	case env == providers.Sandbox && !sandboxID && c.ClientID != "":
		return "the TrueLayer client id does not start with \"sandbox-\" but the environment is sandbox: is it a live client?"
	}
	return ""
}
