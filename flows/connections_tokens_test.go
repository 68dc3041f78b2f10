package flows_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/keychain"
)

// failingStore is a store whose reads fail with err, as a corrupt or unreadable file does.
type failingStore struct {
	keychain.Store
	err error
}

func (s failingStore) Get(context.Context, string) (string, error) { return "", s.err }

// describedStore is another storage than the one the connection was made with.
type describedStore struct {
	keychain.Store
	describe string
}

func (s describedStore) Describe() string { return s.describe }

// TestConnectionTokensAreNeverCalledGoneWhenUnknown: tokens the storage cannot read are
// "unreadable" with the storage's reason and fix, tokens another storage keeps are
// "elsewhere"; only tokens the storage in use answers without are "gone".
func TestConnectionTokensAreNeverCalledGoneWhenUnknown(t *testing.T) {
	e := newEnv(t)
	id := connect(t, e, "john1", "doe1")
	unreadable := &keychain.FileError{Path: "/home/u/.config/linkstep/secrets.json", Problem: "cannot be read: permission denied", Fix: "chmod 600 /home/u/.config/linkstep/secrets.json", Err: fs.ErrPermission}
	emptied := keychain.NewMemory()

	tests := []struct {
		name    string
		store   keychain.Store
		want    flows.TokensState
		note    []string
		actions []flows.ConnectionAction
	}{
		{"found", e.Store, flows.TokensFound, nil, []flows.ConnectionAction{flows.ActionView, flows.ActionRefresh, flows.ActionExtend, flows.ActionReauth, flows.ActionForget}},
		{"an unreadable file", failingStore{e.Store, fmt.Errorf("file get %q: %w", "k", unreadable)}, flows.TokensUnreadable,
			[]string{"cannot read its tokens", "/home/u/.config/linkstep/secrets.json cannot be read: permission denied", "chmod 600"}, nil},
		{"a keychain that does not answer", failingStore{e.Store, keychain.ErrTimeout}, flows.TokensUnreadable, []string{"cannot read its tokens", "timed out"}, nil},
		{"another storage in use", describedStore{emptied, "OS keychain (test)"}, flows.TokensElsewhere,
			[]string{"kept in " + keychain.MemoryStorage, "not in OS keychain (test)"}, nil},
		{"gone from the storage in use", emptied, flows.TokensGone, []string{"gone from " + keychain.MemoryStorage, "connect again"}, []flows.ConnectionAction{flows.ActionForget}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := e.Parts
			p.Common.Store = tt.store
			s, err := flows.NewConnections(p).Show(t.Context(), id)
			if err != nil {
				t.Fatal(err)
			}
			if s.Tokens != tt.want || s.TokensFound != (tt.want == flows.TokensFound) {
				t.Fatalf("tokens %v (found %v), want %v; note %q", s.Tokens, s.TokensFound, tt.want, s.Note)
			}
			if tt.want != flows.TokensFound && strings.Contains(s.Note, "gone") != (tt.want == flows.TokensGone) {
				t.Errorf("note %q: only tokens the storage answers without are gone", s.Note)
			}
			for _, want := range tt.note {
				if !strings.Contains(s.Note, want) {
					t.Errorf("note %q lacks %q", s.Note, want)
				}
			}
			if !slices.Equal(s.Actions, tt.actions) {
				t.Errorf("actions %v, want %v", s.Actions, tt.actions)
			}
		})
	}
}

// TestConnectionInTheInsecureFileSaysHowToReadIt: a connection whose tokens the insecure file
// keeps, listed without it, says to pass --insecure-storage.
func TestConnectionInTheInsecureFileSaysHowToReadIt(t *testing.T) {
	e := newEnv(t)
	c := keychain.Connection{Provider: "truelayer", Environment: "embedded", ID: "cred-1", Created: time.Now(), Storage: keychain.NewFile("/home/u/.config/linkstep/secrets.json").Describe()}
	if err := e.Index.Upsert(c); err != nil {
		t.Fatal(err)
	}
	s, err := flows.NewConnections(e.Parts).Show(t.Context(), "cred-1")
	if err != nil {
		t.Fatal(err)
	}
	if s.Tokens != flows.TokensElsewhere || !strings.Contains(s.Note, "pass --insecure-storage") {
		t.Fatalf("tokens %v, note %q: want elsewhere, saying to pass --insecure-storage", s.Tokens, s.Note)
	}
}

// TestRefreshAndForgetRefuseUnusableStorageBeforeAnyCall: a token file that cannot be read
// stops a refresh (which would lose the rotated refresh token) and a forget before any call.
func TestRefreshAndForgetRefuseUnusableStorageBeforeAnyCall(t *testing.T) {
	e := newEnv(t)
	id := connect(t, e, "john", "doe")
	before, err := e.Tokens(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "secrets.json")
	if err := os.WriteFile(path, []byte(`{"truncated`), 0o600); err != nil {
		t.Fatal(err)
	}
	p := e.Parts
	p.Common.Store = keychain.NewFile(path)
	m := flows.NewConnections(p)
	_, refreshErr := m.Refresh(t.Context(), id)
	_, forgetErr := m.Forget(t.Context(), id)
	for _, err := range []error{refreshErr, forgetErr} {
		var fe *keychain.FileError
		if !errors.As(err, &fe) || fe.Path != path || !strings.Contains(err.Error(), "nothing was sent") {
			t.Fatalf("error = %v, want the token file's problem, before any call", err)
		}
	}
	if _, err := e.TrueLayer.Client.Refresh(t.Context(), before.RefreshToken); err != nil {
		t.Fatalf("the refresh token was used or revoked: %v", err)
	}
}
