package keychain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// TokenSet is what a connection keeps in a Store: the tokens and their metadata.
type TokenSet struct {
	AccessToken  string
	RefreshToken string
	TokenType    string
	Scope        string
	Expiry       time.Time
	IDToken      string
}

// ConnectionKey identifies one connection, e.g. {"truelayer", "embedded", "<credentials_id>"}.
type ConnectionKey struct {
	Provider    string
	Environment string
	ID          string
}

// String returns "provider/environment/id", the prefix of the connection's items.
func (k ConnectionKey) String() string {
	return k.Provider + "/" + k.Environment + "/" + k.ID
}

// validate rejects keys with an empty part, which would collide with other connections' items.
func (k ConnectionKey) validate() error {
	if k.Provider == "" || k.Environment == "" || k.ID == "" {
		return fmt.Errorf("connection key %q: provider, environment and id are all required", k.String())
	}
	return nil
}

// item names one of the connection's items, e.g. "truelayer/embedded/abc/refresh_token".
func (k ConnectionKey) item(name string) string { return k.String() + "/" + name }

// Item names, after the connection key.
const (
	itemAccess  = "access_token"
	itemRefresh = "refresh_token"
	itemID      = "id_token"
	itemMeta    = "meta"
)

// tokenMeta is the non-secret metadata item; it never holds a token.
type tokenMeta struct {
	TokenType string    `json:"token_type,omitempty"`
	Scope     string    `json:"scope,omitempty"`
	Expiry    time.Time `json:"expiry,omitzero"`
}

// SaveTokens stores t as separate items under k, the refresh token first; an empty
// RefreshToken or IDToken removes a stored one. Sizes are checked before anything is written.
func SaveTokens(ctx context.Context, s Store, k ConnectionKey, t TokenSet) error {
	if err := k.validate(); err != nil {
		return fmt.Errorf("save tokens: %w", err)
	}
	if t.AccessToken == "" {
		return fmt.Errorf("save tokens %s: no access token", k)
	}
	meta, err := json.Marshal(tokenMeta{TokenType: t.TokenType, Scope: t.Scope, Expiry: t.Expiry})
	if err != nil {
		return fmt.Errorf("save tokens %s: encode meta: %w", k, err)
	}
	// The refresh token goes first: a rotated one is the only way back in, so it must be persisted before anything else.
	steps := []struct{ name, value string }{
		{itemRefresh, t.RefreshToken},
		{itemAccess, t.AccessToken},
		{itemID, t.IDToken},
		{itemMeta, string(meta)},
	}
	for _, st := range steps {
		if err := checkSize(st.value); err != nil {
			return fmt.Errorf("save tokens %s: %s: %w", k, st.name, err)
		}
	}
	for _, st := range steps {
		if st.value == "" {
			err = s.Delete(ctx, k.item(st.name))
		} else {
			err = s.Set(ctx, k.item(st.name), st.value)
		}
		if err != nil {
			return fmt.Errorf("save tokens %s: %s: %w", k, st.name, err)
		}
	}
	return nil
}

// LoadTokens reads the tokens stored under k; it fails with ErrNotFound when the connection has none.
func LoadTokens(ctx context.Context, s Store, k ConnectionKey) (TokenSet, error) {
	if err := k.validate(); err != nil {
		return TokenSet{}, fmt.Errorf("load tokens: %w", err)
	}
	var t TokenSet
	var err error
	if t.AccessToken, err = s.Get(ctx, k.item(itemAccess)); err != nil {
		return TokenSet{}, fmt.Errorf("load tokens %s: %w", k, err)
	}
	raw, err := s.Get(ctx, k.item(itemMeta))
	if err != nil {
		return TokenSet{}, fmt.Errorf("load tokens %s: %w", k, err)
	}
	var meta tokenMeta
	if err := json.Unmarshal([]byte(raw), &meta); err != nil {
		return TokenSet{}, fmt.Errorf("load tokens %s: parse meta: %w", k, err)
	}
	t.TokenType, t.Scope, t.Expiry = meta.TokenType, meta.Scope, meta.Expiry
	if t.RefreshToken, err = getOptional(ctx, s, k.item(itemRefresh)); err != nil {
		return TokenSet{}, fmt.Errorf("load tokens %s: %w", k, err)
	}
	if t.IDToken, err = getOptional(ctx, s, k.item(itemID)); err != nil {
		return TokenSet{}, fmt.Errorf("load tokens %s: %w", k, err)
	}
	return t, nil
}

// DeleteTokens removes every item stored under k; items already absent are not an error.
func DeleteTokens(ctx context.Context, s Store, k ConnectionKey) error {
	if err := k.validate(); err != nil {
		return fmt.Errorf("delete tokens: %w", err)
	}
	var errs []error
	for _, name := range []string{itemAccess, itemRefresh, itemID, itemMeta} {
		if err := s.Delete(ctx, k.item(name)); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("delete tokens %s: %w", k, err)
	}
	return nil
}

// getOptional reads an item that may be absent, returning "" then.
func getOptional(ctx context.Context, s Store, key string) (string, error) {
	v, err := s.Get(ctx, key)
	if errors.Is(err, ErrNotFound) {
		return "", nil
	}
	return v, err
}
