package ivy

import (
	"fmt"

	"github.com/linkstep/linkstep/providers"
)

// The environment variables that configure Ivy. The API key is never read from the config
// file: it comes from the environment or the keychain.
const (
	EnvAPIKey        = "IVY_API_KEY"
	EnvWebhookSecret = "IVY_WEBHOOK_SECRET"
)

// KeychainAPIKey names the keychain item that holds the API key of an environment.
func KeychainAPIKey(env providers.Environment) string { return ID + "/" + env.String() + "/api_key" }

// Config is how linkstep reaches Ivy: the API key and the webhook signing secret.
type Config struct {
	APIKey        string
	WebhookSecret string
}

// LoadConfig reads IVY_API_KEY and IVY_WEBHOOK_SECRET; the API key may instead be in the
// keychain (the caller looks there when this one is empty).
func LoadConfig(file providers.Config) Config {
	var c Config
	file.Override(&c.APIKey, EnvAPIKey)
	file.Override(&c.WebhookSecret, EnvWebhookSecret)
	return c
}

// Check says what is missing for env; the embedded sandbox needs nothing.
func (c Config) Check(env providers.Environment) error {
	if env == providers.Embedded || c.APIKey != "" {
		return nil
	}
	return fmt.Errorf("%s %s needs an API key: set %s, or keep it in the keychain with 'linkstep keys set ivy --env %s'", Name, env, EnvAPIKey, env)
}
