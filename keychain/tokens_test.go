package keychain

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

var testKey = ConnectionKey{Provider: "truelayer", Environment: "embedded", ID: "cred-123"}

func TestConnectionKeyString(t *testing.T) {
	if got, want := testKey.String(), "truelayer/embedded/cred-123"; got != want {
		t.Fatalf("String() = %q, want %q", got, want)
	}
}

func TestTokensRoundTrip(t *testing.T) {
	expiry := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name string
		in   TokenSet
	}{
		{"all fields", TokenSet{AccessToken: "at-1", RefreshToken: "rt-1", TokenType: "Bearer", Scope: "info accounts", Expiry: expiry, IDToken: "id-1"}},
		{"access token only", TokenSet{AccessToken: "at-2", TokenType: "Bearer"}},
		{"no id token", TokenSet{AccessToken: "at-3", RefreshToken: "rt-3", Expiry: expiry}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewMemory()
			if err := SaveTokens(t.Context(), s, testKey, tt.in); err != nil {
				t.Fatalf("SaveTokens: %v", err)
			}
			got, err := LoadTokens(t.Context(), s, testKey)
			if err != nil {
				t.Fatalf("LoadTokens: %v", err)
			}
			if !got.Expiry.Equal(tt.in.Expiry) {
				t.Errorf("Expiry = %v, want %v", got.Expiry, tt.in.Expiry)
			}
			got.Expiry, tt.in.Expiry = time.Time{}, time.Time{}
			if got != tt.in {
				t.Fatalf("LoadTokens = %+v, want %+v", got, tt.in)
			}
		})
	}
}

func TestSaveTokensItems(t *testing.T) {
	in := TokenSet{AccessToken: "at-secret", RefreshToken: "rt-secret", TokenType: "Bearer", Scope: "info", Expiry: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), IDToken: "id-secret"}
	s := newRecordingStore()
	if err := SaveTokens(t.Context(), s, testKey, in); err != nil {
		t.Fatalf("SaveTokens: %v", err)
	}

	t.Run("refresh token is written first", func(t *testing.T) {
		if want := "set truelayer/embedded/cred-123/refresh_token"; len(s.ops) == 0 || s.ops[0] != want {
			t.Fatalf("ops = %v, want %q first", s.ops, want)
		}
	})
	t.Run("each token is its own item", func(t *testing.T) {
		for item, want := range map[string]string{
			"truelayer/embedded/cred-123/access_token":  "at-secret",
			"truelayer/embedded/cred-123/refresh_token": "rt-secret",
			"truelayer/embedded/cred-123/id_token":      "id-secret",
		} {
			if got := mustGet(t, s, item); got != want {
				t.Errorf("%s = %q, want %q", item, got, want)
			}
		}
	})
	t.Run("metadata holds no token", func(t *testing.T) {
		raw := mustGet(t, s, "truelayer/embedded/cred-123/meta")
		var meta map[string]any
		if err := json.Unmarshal([]byte(raw), &meta); err != nil {
			t.Fatalf("meta is not JSON: %v (%s)", err, raw)
		}
		keys := make([]string, 0, len(meta))
		for k := range meta {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if want := []string{"expiry", "scope", "token_type"}; !slices.Equal(keys, want) {
			t.Errorf("meta keys = %v, want %v", keys, want)
		}
		if strings.Contains(raw, "secret") {
			t.Errorf("meta %s contains a token", raw)
		}
	})
}

func TestSaveTokensRemovesStaleOptionalItems(t *testing.T) {
	s := NewMemory()
	if err := SaveTokens(t.Context(), s, testKey, TokenSet{AccessToken: "at", RefreshToken: "rt", IDToken: "id"}); err != nil {
		t.Fatal(err)
	}
	if err := SaveTokens(t.Context(), s, testKey, TokenSet{AccessToken: "at2"}); err != nil {
		t.Fatal(err)
	}
	got, err := LoadTokens(t.Context(), s, testKey)
	if err != nil {
		t.Fatal(err)
	}
	if got.RefreshToken != "" || got.IDToken != "" {
		t.Fatalf("LoadTokens = %+v, want no refresh or id token", got)
	}
}

func TestSaveTokensRejects(t *testing.T) {
	big := strings.Repeat("x", MaxItemSize+1)
	tests := []struct {
		name     string
		key      ConnectionKey
		tokens   TokenSet
		wantErr  error
		wantText string
	}{
		{"access token over the cap", testKey, TokenSet{AccessToken: big, RefreshToken: "rt"}, ErrTooLarge, "access_token"},
		{"refresh token over the cap", testKey, TokenSet{AccessToken: "at", RefreshToken: big}, ErrTooLarge, "refresh_token"},
		{"id token over the cap", testKey, TokenSet{AccessToken: "at", IDToken: big}, ErrTooLarge, "id_token"},
		{"no access token", testKey, TokenSet{RefreshToken: "rt"}, nil, "no access token"},
		{"incomplete key", ConnectionKey{Provider: "truelayer", ID: "x"}, TokenSet{AccessToken: "at"}, nil, "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newRecordingStore()
			err := SaveTokens(t.Context(), s, tt.key, tt.tokens)
			if err == nil {
				t.Fatal("SaveTokens succeeded, want an error")
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error = %v, want %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not mention %q", err, tt.wantText)
			}
			if len(s.ops) != 0 {
				t.Errorf("store was written before the error: %v", s.ops)
			}
		})
	}
}

func TestLoadTokensMissing(t *testing.T) {
	if _, err := LoadTokens(t.Context(), NewMemory(), testKey); !errors.Is(err, ErrNotFound) {
		t.Fatalf("LoadTokens error = %v, want ErrNotFound", err)
	}
}

func TestDeleteTokens(t *testing.T) {
	tests := []struct {
		name  string
		saved bool
	}{
		{"saved connection", true},
		{"nothing stored", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewMemory()
			if tt.saved {
				if err := SaveTokens(t.Context(), s, testKey, TokenSet{AccessToken: "at", RefreshToken: "rt", IDToken: "id"}); err != nil {
					t.Fatal(err)
				}
			}
			if err := DeleteTokens(t.Context(), s, testKey); err != nil {
				t.Fatalf("DeleteTokens: %v", err)
			}
			if n := len(s.items); n != 0 {
				t.Fatalf("%d items left, want 0", n)
			}
		})
	}
}
