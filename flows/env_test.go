package flows_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/flowstest"
	"github.com/linkstep/linkstep/keychain"
)

// newEnv is an embedded-sandbox journey environment for one test.
func newEnv(t *testing.T) *env { return &env{flowstest.NewEmbedded(t)} }

// env adds what these tests need to flowstest.Embedded.
type env struct{ *flowstest.Embedded }

// signIn walks the mock bank for the prompt's link without answering the prompt.
func (e *env) signIn(ctx context.Context, p flows.OpenAuthLink, username, password string, decline bool) (string, error) {
	return e.SignIn(ctx, p.URL, p.RedirectURI, username, password, decline)
}

// browse GETs a URL the way a browser follows the bank's redirect to the loopback listener.
func browse(ctx context.Context, rawURL string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// flakyStore fails its first n Sets as an unavailable keychain does.
type flakyStore struct {
	keychain.Store
	mu       sync.Mutex
	failures int
}

func (s *flakyStore) Set(ctx context.Context, key, value string) error {
	s.mu.Lock()
	fail := s.failures > 0
	if fail {
		s.failures--
	}
	s.mu.Unlock()
	if fail {
		return errors.Join(keychain.ErrUnavailable, errors.New("the collection is locked"))
	}
	return s.Store.Set(ctx, key, value)
}
