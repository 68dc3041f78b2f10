package flows

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/oauth2"

	"github.com/linkstep/linkstep/keychain"
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

// indexConnection records a connection in the non-secret index; failing to is only a warning.
func (c Common) indexConnection(a Asker, conn keychain.Connection) {
	if c.Index == nil {
		return
	}
	if err := c.Index.Upsert(conn); err != nil {
		a.Tell(Warning{Message: fmt.Sprintf("could not record the connection in the index: %v", err)})
	}
}
