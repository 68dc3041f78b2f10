package environment

import (
	"context"
	"time"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/providers"
	"github.com/linkstep/linkstep/providers/ivy"
)

// keychainLookupTimeout bounds reading an API key from the keychain while opening.
const keychainLookupTimeout = 3 * time.Second

// addIvy adds Ivy's part: the embedded sandbox's Ivy, or Ivy's own hosts with the API key from
// IVY_API_KEY or the keychain (never from a plaintext file).
func (e *Env) addIvy(file providers.Config) {
	cfg := ivy.LoadConfig(file)
	host := ivy.HostFor(e.Kind)
	if sb := e.endpoint; sb != nil {
		host = sb.urls.Ivy
		cfg = ivy.Config{APIKey: sb.client.IvyAPIKey, WebhookSecret: sb.client.IvyWebhookSecret}
	}
	if cfg.APIKey == "" && e.Kind.IsReal() {
		ctx, cancel := context.WithTimeout(context.Background(), keychainLookupTimeout)
		cfg.APIKey, _ = e.Storage.Get(ctx, ivy.KeychainAPIKey(e.Kind))
		cancel()
	}
	if err := cfg.Check(e.Kind); err != nil {
		e.Parts.Missing[ivy.ID] = err
		return
	}
	e.redactor.AddValue(cfg.APIKey)
	e.redactor.AddValue(cfg.WebhookSecret)
	e.Parts.Ivy = &flows.Ivy{Client: ivy.New(host, cfg.APIKey, e.HTTP), WebhookSecret: cfg.WebhookSecret, Markets: []string{"DE", "GB", "FR", "ES", "IT", "NL"}}
}
