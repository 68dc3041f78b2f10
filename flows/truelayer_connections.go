package flows

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"golang.org/x/oauth2"

	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers/truelayer"
)

// trueLayerKeeper keeps TrueLayer connections: 90-day consents with rotating refresh tokens.
type trueLayerKeeper struct {
	c  Common
	tl TrueLayer
}

// trueLayerKeeperOf is the keeper, or nil where TrueLayer is not configured.
func trueLayerKeeperOf(p Parts) keeper {
	if p.TrueLayer == nil {
		return nil
	}
	return trueLayerKeeper{c: p.Common, tl: *p.TrueLayer}
}

func (k trueLayerKeeper) summarise(s *ConnectionSummary, now time.Time) {
	s.ProviderName = truelayer.Name
	s.Consent = consentState(s.ConsentExpiresAt, now)
	s.Actions = []ConnectionAction{ActionView, ActionRefresh, ActionExtend, ActionReauth, ActionForget}
	switch s.Consent {
	case ConsentFresh:
		s.Note = "consent expires in " + days(s.ConsentLeft)
	case ConsentExpiringSoon:
		s.Note = "consent expires in " + days(s.ConsentLeft) + ": extend or re-authenticate before it does"
	case ConsentExpired:
		s.Note = "consent expired " + days(-s.ConsentLeft) + " ago: extend or re-authenticate (possible for " + days(ReauthWindowLength+s.ConsentLeft) + " more)"
		s.Actions = []ConnectionAction{ActionExtend, ActionReauth, ActionForget}
	case ConsentPastWindow:
		s.Note = "consent expired " + days(-s.ConsentLeft) + " ago, past the 90-day re-auth window: connect again with a new auth link"
		s.Actions = []ConnectionAction{ActionForget}
	}
}

// days says a duration in whole days, "today" under one.
func days(d time.Duration) string {
	n := int(math.Round(float64(d) / float64(24*time.Hour)))
	switch {
	case d < 24*time.Hour:
		if h := int(d / time.Hour); h > 0 {
			return plural(h, "hour")
		}
		return "less than an hour"
	}
	return plural(n, "day")
}

// source is the connection's token source: it refreshes an expired access token and stores
// the rotated refresh token before handing the new access token out.
func (k trueLayerKeeper) source(ctx context.Context, c keychain.Connection, toks keychain.TokenSet, force bool) oauth2.TokenSource {
	t := &oauth2.Token{AccessToken: toks.AccessToken, RefreshToken: toks.RefreshToken, TokenType: toks.TokenType, Expiry: k.c.offClock(toks.Expiry)}
	if force || t.AccessToken == "" {
		t.Expiry = time.Unix(1, 0) // long past: the next Token refreshes
	}
	return k.tl.Client.TokenSource(ctx, t, func(nt *oauth2.Token) error {
		set := keychain.TokenSet{AccessToken: nt.AccessToken, RefreshToken: nt.RefreshToken, TokenType: nt.TokenType, Expiry: k.c.onClock(nt.Expiry), Scope: toks.Scope}
		if set.RefreshToken == "" {
			set.RefreshToken = toks.RefreshToken
		}
		if err := keychain.SaveTokens(ctx, k.c.Store, c.Key(), set); err != nil {
			return fmt.Errorf("store the refreshed tokens: %w", err)
		}
		return nil
	})
}

func (k trueLayerKeeper) refresh(ctx context.Context, c keychain.Connection, toks keychain.TokenSet) (keychain.TokenSet, error) {
	if toks.RefreshToken == "" {
		return keychain.TokenSet{}, &Error{Code: "no_refresh_token", Description: "the connection has no refresh token: connect again"}
	}
	t, err := k.source(ctx, c, toks, true).Token()
	if err != nil {
		return keychain.TokenSet{}, explainRefreshError(err)
	}
	return keychain.TokenSet{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, Expiry: k.c.onClock(t.Expiry)}, nil
}

// explainRefreshError says what a refused refresh means for a 90-day consent, and what a
// refresh without an answer may have cost: TrueLayer rotates the refresh token on every refresh,
// so when the answer is lost (cut short, dropped, timed out) the one linkstep keeps may no
// longer work.
func explainRefreshError(err error) error {
	code, _ := Describe(err)
	if code == "invalid_grant" {
		return &Error{Code: "invalid_grant", Description: "the refresh token was refused (consent expired or revoked, or the token was already used): extend or re-authenticate the connection, or connect again"}
	}
	var answered *oauth2.RetrieveError
	if errors.As(err, &answered) || (code != "" && code != "error") {
		return fmt.Errorf("refresh the access token: %w", err) // TrueLayer answered: nothing changed
	}
	return fmt.Errorf("refresh the access token (TrueLayer may have replaced the refresh token before its answer was lost: if the next refresh is refused, connect again): %w", err)
}

func (k trueLayerKeeper) revoke(ctx context.Context, c keychain.Connection, toks keychain.TokenSet) (bool, error) {
	t, err := k.source(ctx, c, toks, false).Token()
	if err != nil {
		return false, explainRefreshError(err)
	}
	if err := k.tl.Client.Revoke(ctx, t.AccessToken); err != nil {
		return false, err
	}
	return true, nil
}

func (k trueLayerKeeper) view(ctx context.Context, c keychain.Connection, toks keychain.TokenSet) ([]Account, error) {
	t, err := k.source(ctx, c, toks, false).Token()
	if err != nil {
		return nil, explainRefreshError(err)
	}
	list, err := k.tl.Client.Accounts(ctx, t.AccessToken)
	if err != nil {
		return nil, fmt.Errorf("list the accounts: %w", err)
	}
	out := make([]Account, 0, len(list))
	for _, x := range list {
		acc := trueLayerAccount(x)
		b, err := k.tl.Client.Balance(ctx, t.AccessToken, x.AccountID)
		if err != nil {
			return nil, fmt.Errorf("read the balance of %s: %w", x.DisplayName, err)
		}
		acc.Balance = strconv.FormatFloat(b.Available, 'f', 2, 64) + " " + b.Currency
		out = append(out, acc)
	}
	return out, nil
}
