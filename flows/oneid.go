package flows

import "github.com/linkstep/linkstep/providers/oneid"

// OneID is what the OpenID Connect journeys use: OneID's client in this environment (or the
// client of the issuer named with --issuer), its registered redirect URI, a way to reach any
// other issuer, and the test identities the embedded sandbox's mock bank offers.
type OneID struct {
	Client      *oneid.Client
	RedirectURI string
	// AnyIssuer returns a client for any OpenID provider (the "any issuer" journey).
	AnyIssuer func(issuer string, creds oneid.Credentials) *oneid.Client
	// SignInChoices are the people the embedded sandbox's mock bank offers; nil elsewhere.
	SignInChoices []SignInChoice
}

// oneID returns the OneID part, or why there is none.
func (p Parts) oneID() (OneID, error) {
	if p.OneID == nil {
		return OneID{}, p.missing(oneid.ID)
	}
	return *p.OneID, nil
}
