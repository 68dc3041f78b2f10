package flows

import (
	"context"
	"fmt"
	"time"

	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers/ivy"
)

// ivyKeeper keeps Ivy data sessions: no tokens, read by session id; the consent can be revoked.
type ivyKeeper struct{ part Ivy }

// ivyKeeperOf is the keeper, or nil where Ivy is not configured.
func ivyKeeperOf(p Parts) keeper {
	if p.Ivy == nil {
		return nil
	}
	return ivyKeeper{part: *p.Ivy}
}

func (k ivyKeeper) summarise(s *ConnectionSummary, now time.Time) {
	s.ProviderName = ivy.Name
	s.TokensFound = true // nothing to keep but the session id
	s.Consent = ConsentUnknown
	s.Actions = []ConnectionAction{ActionView, ActionForget}
	s.Note = "data session for " + s.Details["external_user"] + " (" + s.Details["market"] + ")"
}

func (k ivyKeeper) refresh(context.Context, keychain.Connection, keychain.TokenSet) (keychain.TokenSet, error) {
	return keychain.TokenSet{}, &Error{Code: "not_supported", Description: "Ivy sessions have no tokens to refresh"}
}

func (k ivyKeeper) revoke(ctx context.Context, c keychain.Connection, _ keychain.TokenSet) (bool, error) {
	if _, err := k.part.Client.RevokeConsent(ctx, c.ID); err != nil {
		return false, fmt.Errorf("revoke the session's consent: %w", err)
	}
	return true, nil
}

func (k ivyKeeper) view(ctx context.Context, c keychain.Connection, _ keychain.TokenSet) ([]Account, error) {
	accs, err := k.part.Client.ListAccounts(ctx, c.ID)
	if err != nil {
		return nil, fmt.Errorf("list the accounts: %w", err)
	}
	bals, err := k.part.Client.ListBalances(ctx, c.ID)
	if err != nil {
		return nil, fmt.Errorf("list the balances: %w", err)
	}
	return ivyAccounts(accs.Accounts, &bals), nil
}
