package oneid

import (
	"github.com/linkstep/linkstep/providers"
)

// The environment variables that configure OneID; they override the config file.
const (
	EnvClientID     = "ONEID_CLIENT_ID"
	EnvClientSecret = "ONEID_CLIENT_SECRET"
	EnvRedirectURI  = "ONEID_REDIRECT_URI"
)

// Config is a OneID client: its id, secret and registered redirect URI.
type Config providers.ClientConfig

// vars are the environment variables that override the config file.
var vars = providers.ClientVars{ID: EnvClientID, Secret: EnvClientSecret, RedirectURI: EnvRedirectURI}

// LoadConfig reads the "oneid" section of the config file, then lets ONEID_CLIENT_ID,
// ONEID_CLIENT_SECRET and ONEID_REDIRECT_URI override it.
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
