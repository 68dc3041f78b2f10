package flows

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers/truelayer"
)

// detailRedirectURI is the index detail that keeps the redirect URI a connection was made
// with: re-authentication must use the same one.
const detailRedirectURI = "redirect_uri"

// detailBankName is the index detail that keeps the bank's display name.
const detailBankName = "bank_name"

// storedTrueLayer is a stored TrueLayer connection a journey works on, with its tokens.
type storedTrueLayer struct {
	conn   keychain.Connection
	tokens keychain.TokenSet
}

// grantedScopes are the scopes the connection was granted: as the token endpoint answered
// them, else as the index keeps them, else Signup+'s (the journey that makes TrueLayer
// connections).
func (s storedTrueLayer) grantedScopes() []string {
	if granted := strings.Fields(s.tokens.Scope); len(granted) > 0 {
		return granted
	}
	if len(s.conn.Scopes) > 0 {
		return s.conn.Scopes
	}
	return signupPlusScopes()
}

// chooseStored asks which stored TrueLayer connection to work on, and loads its tokens.
func chooseStored(ctx context.Context, a Asker, c Common, tl TrueLayer, purpose string) (storedTrueLayer, error) {
	list, err := NewConnections(Parts{Common: c, TrueLayer: &tl}).List(ctx)
	if err != nil {
		return storedTrueLayer{}, err
	}
	var offered []StoredConnection
	byID := map[string]keychain.Connection{}
	for _, s := range list {
		if s.Provider != truelayer.ID {
			continue
		}
		sc := StoredConnection{ID: s.ID, Bank: s.Bank, Created: s.Created, ConsentExpiresAt: s.ConsentExpiresAt, Usable: s.HasRefresh}
		if !s.HasRefresh {
			sc.Why = "no refresh token is kept for it"
		}
		if err := c.sameSandbox(s.Connection); err != nil {
			_, sc.Why = Describe(err)
			sc.Usable = false
		}
		offered = append(offered, sc)
		byID[s.ID] = s.Connection
	}
	if len(offered) == 0 {
		return storedTrueLayer{}, &Error{Code: "no_connections", Description: fmt.Sprintf("no TrueLayer connection is stored in the %s environment: make one with %s first", c.Env, SignupPlusID)}
	}
	choice, err := ask[ConnectionChoice](ctx, a, ChooseConnection{Provider: truelayer.Name, Environment: c.Env.String(), Purpose: purpose, Connections: offered})
	if err != nil {
		return storedTrueLayer{}, err
	}
	conn, ok := byID[choice.ID]
	if !ok {
		return storedTrueLayer{}, &Error{Code: "unknown_connection", Description: fmt.Sprintf("no stored TrueLayer connection %q here", choice.ID)}
	}
	if err := c.sameSandbox(conn); err != nil {
		return storedTrueLayer{}, err
	}
	toks, err := keychain.LoadTokens(ctx, c.Store, conn.Key())
	if errors.Is(err, keychain.ErrNotFound) || err == nil && toks.RefreshToken == "" {
		return storedTrueLayer{}, &Error{Code: "no_refresh_token", Description: fmt.Sprintf("connection %s has no refresh token in %s: connect again with %s", conn.ID, c.Store.Describe(), SignupPlusID)}
	}
	if err != nil {
		return storedTrueLayer{}, fmt.Errorf("read the connection's tokens: %w", err)
	}
	return storedTrueLayer{conn: conn, tokens: toks}, nil
}

// renewed stores a renewed connection's tokens and updates its index entry with the consent
// expiry /data/v1/me now gives.
func renewed(ctx context.Context, a Asker, c Common, tl TrueLayer, conn keychain.Connection, toks keychain.TokenSet) (keychain.Connection, error) {
	if err := c.keepTokenSet(ctx, a, conn.Key(), toks); err != nil {
		return conn, err
	}
	if me, err := tl.Client.Me(ctx, toks.AccessToken); err != nil {
		a.Tell(Warning{Message: fmt.Sprintf("could not read the new consent expiry: %v", err)})
	} else {
		conn.ConsentExpiresAt = me.ConsentExpiresAt
	}
	conn.Storage = c.Store.Describe()
	c.indexConnection(a, conn)
	return conn, nil
}

// checkFullName checks a reconfirming user's name: at least two words.
func checkFullName(name string) (string, bool) {
	name = strings.Join(strings.Fields(name), " ")
	return name, strings.Contains(name, " ")
}
