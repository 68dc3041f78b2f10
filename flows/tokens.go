package flows

import (
	"context"
	"errors"
	"fmt"
	"maps"

	"golang.org/x/oauth2"

	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers"
)

// keepTokens stores a connection's OAuth tokens in the keychain, as separate small items.
func (c Common) keepTokens(ctx context.Context, a Asker, key keychain.ConnectionKey, tok *oauth2.Token) error {
	set := keychain.TokenSet{
		AccessToken:  tok.AccessToken,
		RefreshToken: tok.RefreshToken,
		TokenType:    tok.TokenType,
		Expiry:       c.onClock(tok.Expiry),
	}
	if scope, ok := tok.Extra("scope").(string); ok {
		set.Scope = scope
	}
	return c.keepTokenSet(ctx, a, key, set)
}

// keepTokenSet stores set in the keychain, as separate small items.
func (c Common) keepTokenSet(ctx context.Context, a Asker, key keychain.ConnectionKey, set keychain.TokenSet) error {
	if err := keychain.SaveTokens(ctx, c.Store, key, set); err != nil {
		if errors.Is(err, keychain.ErrUnavailable) {
			return &Error{Code: "keychain_unavailable", Description: err.Error(), Retryable: true}
		}
		return fmt.Errorf("store the tokens: %w", err)
	}
	a.Tell(Progress{Message: "tokens stored in " + c.Store.Describe()})
	return nil
}

// detailSandbox is the index detail that names the standalone sandbox a connection was made
// against; the in-process sandbox's connections have none.
const detailSandbox = "sandbox"

// sameSandbox refuses to use a connection made against a standalone sandbox anywhere but
// there: that sandbox alone knows its tokens, and another's refusal would read as a revoked
// consent.
func (c Common) sameSandbox(conn keychain.Connection) error {
	if c.Env != providers.Embedded {
		return nil
	}
	made := conn.Details[detailSandbox]
	if made == "" || made == c.Sandbox { // "": the in-process sandbox, or an entry older than this detail
		return nil
	}
	return &Error{Code: "other_sandbox", Description: fmt.Sprintf("connection %s was made against the standalone sandbox at %s, which alone knows its tokens: pass --sandbox %s", conn.ID, made, made)}
}

// indexConnection records a connection in the non-secret index; failing to is only a warning.
func (c Common) indexConnection(a Asker, conn keychain.Connection) {
	if c.Index == nil {
		return
	}
	if c.Sandbox != "" {
		conn.Details = maps.Clone(conn.Details)
		if conn.Details == nil {
			conn.Details = map[string]string{}
		}
		conn.Details[detailSandbox] = c.Sandbox
	}
	if err := c.Index.Upsert(conn); err != nil {
		a.Tell(Warning{Message: fmt.Sprintf("could not record the connection in the index: %v", err)})
	}
}
