package environment

import (
	"strings"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/oauthlink"
	"github.com/linkstep/linkstep/providers"
	"github.com/linkstep/linkstep/providers/truelayer"
)

// trueLayerID is TrueLayer's key in Parts.Missing.
const trueLayerID = truelayer.ID

// addTrueLayer adds TrueLayer's part: the embedded sandbox's client, or the Console client of
// the config file and environment variables on TrueLayer's own hosts. Without credentials in a
// real environment, Missing says which variables to set.
func (e *Env) addTrueLayer(file providers.Config, opts Options) {
	cfg, err := truelayer.LoadConfig(file)
	if err != nil {
		e.Parts.Missing[trueLayerID] = err
		return
	}
	hosts := truelayer.HostsFor(e.Kind)
	if sb := e.endpoint; sb != nil {
		hosts = truelayer.Hosts{Auth: sb.urls.TrueLayerAuth, API: sb.urls.TrueLayerAPI}
		cfg = truelayer.Config{ClientID: sb.client.ClientID, ClientSecret: sb.client.ClientSecret}
	}
	if err := cfg.Check(e.Kind, file.Path()); err != nil {
		e.Parts.Missing[trueLayerID] = err
		return
	}
	e.warn(cfg.Warning(e.Kind))
	e.redactor.AddValue(cfg.ClientSecret)
	part := &flows.TrueLayer{
		Client:     truelayer.New(hosts, cfg.Credentials(), e.HTTP),
		BankGroups: truelayer.BankGroups(e.Kind),
	}
	if e.endpoint != nil && e.endpoint.remote {
		// A standalone sandbox offers more banks than the Mock bank: let the auth link reach them.
		part.BankGroups = append(part.BankGroups, truelayer.ProvidersUKOpenBank)
	}
	if e.Kind.IsReal() {
		part.RedirectURI = cfg.RedirectURI
	}
	redirect := opts.RedirectURI
	if redirect == "" {
		redirect = part.RedirectURI
	}
	if e.Kind == providers.Live && strings.HasPrefix(redirect, "http://") && oauthlink.IsLoopback(redirect) {
		e.warn("TrueLayer Console requires https:// redirect URIs for live clients: a loopback redirect URI will likely be refused")
	}
	e.Parts.TrueLayer = part
}
