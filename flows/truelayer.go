package flows

import (
	"errors"

	"github.com/linkstep/linkstep/providers/truelayer"
)

// TrueLayer is what TrueLayer's journeys use: the API client of the environment, the auth
// link's providers parameter there, and the redirect URI registered in TrueLayer Console.
type TrueLayer struct {
	Client     *truelayer.Client
	BankGroups []string
	// RedirectURI is the registered redirect URI; Common.RedirectURI, when set, overrides it.
	RedirectURI string
}

// trueLayer returns the TrueLayer part, or why there is none.
func (p Parts) trueLayer() (TrueLayer, error) {
	if p.TrueLayer == nil {
		return TrueLayer{}, p.missing(truelayer.ID)
	}
	return *p.TrueLayer, nil
}

// asTrueLayer reports whether err is a TrueLayer error answer, setting *e.
func asTrueLayer(err error, e **truelayer.Error) bool { return errors.As(err, e) }
