package flows

import (
	"context"
	"time"

	"github.com/linkstep/linkstep/keychain"
)

// shortLivedKeeper keeps OpenID Connect connections honestly: an access token of minutes and
// no refresh token, so nothing to refresh or revoke; once it ends, sign in again.
type shortLivedKeeper struct{ name string }

func (k shortLivedKeeper) summarise(s *ConnectionSummary, now time.Time) {
	s.ProviderName = k.name
	s.Consent = ConsentShortLived
	s.Actions = []ConnectionAction{ActionForget}
	if end := s.AccessExpiry; !end.IsZero() && end.After(now) {
		s.Note = "access ends in " + end.Sub(now).Round(time.Second).String() + "; no refresh token: sign in again after"
		return
	}
	s.Note = "expired: sign in again (no refresh token)"
}

func (k shortLivedKeeper) refresh(context.Context, keychain.Connection, keychain.TokenSet) (keychain.TokenSet, error) {
	return keychain.TokenSet{}, &Error{Code: "no_refresh_token", Description: k.name + " gives no refresh token: run the identity journey again to sign in"}
}

func (k shortLivedKeeper) revoke(context.Context, keychain.Connection, keychain.TokenSet) (bool, error) {
	return false, nil
}

func (k shortLivedKeeper) view(context.Context, keychain.Connection, keychain.TokenSet) ([]Account, error) {
	return nil, &Error{Code: "not_supported", Description: k.name + " connections are read once, during the journey: run it again"}
}
