package environment

import (
	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/providers"
	"github.com/linkstep/linkstep/providers/oneid"
)

// addOneID adds the OpenID Connect part: OneID in this environment (the embedded sandbox's, or
// OneID's own hosts with the configured client), or the issuer the user named with --issuer;
// and in every case a way to reach any other issuer.
func (e *Env) addOneID(file providers.Config, opts Options) {
	clientOpts := oneid.Options{HTTP: e.HTTP, Now: opts.Now}
	part := &flows.OneID{
		AnyIssuer: func(issuer string, creds oneid.Credentials) *oneid.Client {
			e.redactor.AddValue(creds.ClientSecret)
			return oneid.NewIssuer(issuer, creds, clientOpts)
		},
	}
	if opts.Issuer != "" {
		e.redactor.AddValue(opts.IssuerClientSecret)
		part.Client = oneid.NewIssuer(opts.Issuer, oneid.Credentials{ClientID: opts.IssuerClientID, ClientSecret: opts.IssuerClientSecret}, clientOpts)
		e.Parts.OneID = part
		return
	}
	cfg, err := oneid.LoadConfig(file)
	if err != nil {
		e.Parts.Missing[oneid.ID] = err
		return
	}
	host := oneid.HostFor(e.Kind)
	if sb := e.endpoint; sb != nil {
		host = sb.urls.OneID
		cfg = oneid.Config{ClientID: sb.client.ClientID, ClientSecret: sb.client.ClientSecret}
		part.SignInChoices = embeddedIdentities()
	}
	if err := cfg.Check(e.Kind, file.Path()); err != nil {
		e.Parts.Missing[oneid.ID] = err
		return
	}
	e.redactor.AddValue(cfg.ClientSecret)
	part.Client = oneid.NewOneID(host, cfg.Credentials(), clientOpts)
	if e.Kind.IsReal() {
		part.RedirectURI = cfg.RedirectURI
	}
	e.Parts.OneID = part
}

// embeddedIdentities are the test identities the embedded sandbox's OneID mock bank offers.
func embeddedIdentities() []flows.SignInChoice {
	return []flows.SignInChoice{
		{Value: "janet", Label: "Janet Davidson: the documented example"},
		{Value: "alix", Label: "Alix Rayner: fraud flags set"},
		{Value: "gary", Label: "Gary Humphrey: victim of fraud"},
		{Value: flows.SignInDecline, Label: "Cancel at the bank"},
	}
}
