package truelayer

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/oauth2"
)

// TokenSource returns a source that hands out t while it is valid and refreshes it when it
// is not, calling onRotate with every new token before returning it so that the caller can
// persist the rotated refresh token first. onRotate's error is returned from Token; the same
// token is offered to onRotate again on the next call until it succeeds. onRotate must not
// call the source itself. ctx carries the refreshes (and the transcript sink), so it must
// outlive the source.
func (c *Client) TokenSource(ctx context.Context, t *oauth2.Token, onRotate func(*oauth2.Token) error) oauth2.TokenSource {
	base := c.oauthConfig("").TokenSource(c.oauthContext(ctx), t)
	return &rotatingSource{base: base, last: t, onRotate: onRotate}
}

// rotatingSource tells its owner about every token base hands out that it has not seen.
type rotatingSource struct {
	base     oauth2.TokenSource
	onRotate func(*oauth2.Token) error

	mu   sync.Mutex
	last *oauth2.Token // the newest token the owner has accepted
}

// Token returns a valid token, reporting a newly refreshed one to onRotate first.
func (s *rotatingSource) Token() (*oauth2.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tok, err := s.base.Token()
	if err != nil {
		if s.last == nil || s.last.RefreshToken == "" {
			return nil, fmt.Errorf("truelayer: refresh token: %w", ErrNoRefreshToken)
		}
		return nil, tokenError("refresh token", err)
	}
	if sameToken(tok, s.last) {
		return tok, nil
	}
	if s.onRotate != nil {
		if err := s.onRotate(tok); err != nil {
			return nil, fmt.Errorf("truelayer: persist refreshed token: %w", err)
		}
	}
	s.last = tok
	return tok, nil
}

// sameToken reports whether a and b carry the same access and refresh tokens.
func sameToken(a, b *oauth2.Token) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.AccessToken == b.AccessToken && a.RefreshToken == b.RefreshToken
}
