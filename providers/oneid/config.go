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
type Config struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	RedirectURI  string `json:"redirect_uri"`
}

// LoadConfig reads the "oneid" section of the config file, then lets ONEID_CLIENT_ID,
// ONEID_CLIENT_SECRET and ONEID_REDIRECT_URI override it.
func LoadConfig(file providers.Config) (Config, error) {
	var c Config
	if err := file.Section(ID, &c); err != nil {
		return Config{}, err
	}
	file.Override(&c.ClientID, EnvClientID)
	file.Override(&c.ClientSecret, EnvClientSecret)
	file.Override(&c.RedirectURI, EnvRedirectURI)
	return c, nil
}

// Credentials returns the client id and secret.
func (c Config) Credentials() Credentials {
	return Credentials{ClientID: c.ClientID, ClientSecret: c.ClientSecret}
}

// Check says what is missing for env, naming the variables to set; the embedded sandbox needs
// nothing.
func (c Config) Check(env providers.Environment, configPath string) error {
	return providers.CheckCredentials(Name, env, configPath,
		providers.Required{Var: EnvClientID, Value: c.ClientID},
		providers.Required{Var: EnvClientSecret, Value: c.ClientSecret})
}
