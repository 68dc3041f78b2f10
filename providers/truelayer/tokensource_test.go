package truelayer

import (
	"context"
	"errors"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

func TestTokenSource(t *testing.T) {
	valid := &oauth2.Token{AccessToken: makeJWT("cred-0"), RefreshToken: "rt-0", Expiry: time.Now().Add(time.Hour)}
	expired := &oauth2.Token{AccessToken: makeJWT("cred-0"), RefreshToken: "rt-0", Expiry: time.Now().Add(-time.Minute)}
	tests := []struct {
		name        string
		start       *oauth2.Token
		expiresIn   int // of refreshed tokens; 1 s is already "expired" for x/oauth2 (10 s margin)
		calls       int
		wantRefresh int
	}{
		{name: "valid token is not refreshed", start: valid, calls: 3, wantRefresh: 0},
		{name: "expired token is refreshed once", start: expired, expiresIn: 3600, calls: 3, wantRefresh: 1},
		{name: "every refresh is reported", start: expired, expiresIn: 1, calls: 3, wantRefresh: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ep := &tokenEndpoint{t: t, expires: tt.expiresIn}
			c, _ := newTestClient(t, ep, nil)
			var rotated []*oauth2.Token
			src := c.TokenSource(context.Background(), tt.start, func(tok *oauth2.Token) error {
				rotated = append(rotated, tok)
				return nil
			})
			var last *oauth2.Token
			for range tt.calls {
				tok, err := src.Token()
				if err != nil {
					t.Fatalf("Token: %v", err)
				}
				last = tok
			}
			if got := ep.count(); got != tt.wantRefresh {
				t.Errorf("refreshes = %d, want %d", got, tt.wantRefresh)
			}
			if len(rotated) != tt.wantRefresh {
				t.Fatalf("onRotate called %d times, want %d", len(rotated), tt.wantRefresh)
			}
			seen := map[string]bool{}
			for _, tok := range rotated {
				if seen[tok.RefreshToken] {
					t.Errorf("token %s reported twice", tok.RefreshToken)
				}
				seen[tok.RefreshToken] = true
			}
			if tt.wantRefresh > 0 && rotated[len(rotated)-1].RefreshToken != last.RefreshToken {
				t.Errorf("last reported %q, last handed out %q", rotated[len(rotated)-1].RefreshToken, last.RefreshToken)
			}
		})
	}
}

func TestTokenSourceRotateError(t *testing.T) {
	ep := &tokenEndpoint{t: t}
	c, _ := newTestClient(t, ep, nil)
	errKeychain := errors.New("keychain locked")
	fail := true
	var reported []string
	src := c.TokenSource(context.Background(), &oauth2.Token{RefreshToken: "rt-0", Expiry: time.Now().Add(-time.Minute)},
		func(tok *oauth2.Token) error {
			reported = append(reported, tok.RefreshToken)
			if fail {
				return errKeychain
			}
			return nil
		})
	if _, err := src.Token(); !errors.Is(err, errKeychain) {
		t.Fatalf("Token err = %v, want the onRotate error", err)
	}
	fail = false
	tok, err := src.Token()
	if err != nil {
		t.Fatalf("second Token: %v", err)
	}
	if ep.count() != 1 {
		t.Errorf("refreshes = %d, want 1 (the rotated token is kept, only persisting is retried)", ep.count())
	}
	if len(reported) != 2 || reported[0] != "rt-1" || reported[1] != "rt-1" || tok.RefreshToken != "rt-1" {
		t.Errorf("reported %v, token %q; want rt-1 offered again until persisted", reported, tok.RefreshToken)
	}
	if _, err := src.Token(); err != nil || len(reported) != 2 {
		t.Errorf("after persisting: err %v, reported %v; want no new report", err, reported)
	}
}

func TestTokenSourceRefreshFails(t *testing.T) {
	c, _ := newTestClient(t, answerWith(400, "application/json", []byte(`{"error":"invalid_grant","error_description":"consent expired"}`)), nil)
	src := c.TokenSource(context.Background(), &oauth2.Token{RefreshToken: "rt-0"}, func(*oauth2.Token) error {
		t.Error("onRotate called without a new token")
		return nil
	})
	_, err := src.Token()
	var e *Error
	if !errors.As(err, &e) || e.Code != "invalid_grant" || e.Op != "refresh token" || e.IsRetryable() {
		t.Errorf("err = %v, want a non-retryable invalid_grant *Error", err)
	}
}

func TestTokenSourceWithoutRefreshToken(t *testing.T) {
	c, _ := newTestClient(t, nil, nil)
	tests := []struct {
		name  string
		start *oauth2.Token
	}{
		{"nil token", nil},
		{"expired, no refresh token", &oauth2.Token{AccessToken: "a", Expiry: time.Now().Add(-time.Minute)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.TokenSource(context.Background(), tt.start, nil).Token()
			if !errors.Is(err, ErrNoRefreshToken) {
				t.Errorf("err = %v, want ErrNoRefreshToken", err)
			}
		})
	}
}
