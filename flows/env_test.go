package flows_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers"
	"github.com/linkstep/linkstep/providers/sandbox"
	"github.com/linkstep/linkstep/providers/transcript"
	"github.com/linkstep/linkstep/providers/truelayer"
)

// clock is a settable clock shared by the sandbox and the journey.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// env is a journey environment against an embedded sandbox served by httptest.
type env struct {
	deps    *flows.Deps
	sandbox *sandbox.Sandbox
	clock   *clock
	hc      *http.Client
	store   *keychain.Memory
}

func newEnv(t *testing.T) *env {
	t.Helper()
	clk := &clock{now: time.Now()}
	sb := sandbox.New(sandbox.Options{Now: clk.Now})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	urls := sandbox.URLsFor(srv.URL)
	hc := &http.Client{Timeout: 10 * time.Second, Transport: transcript.NewRecorder(http.DefaultTransport, transcript.NewRedactor(sb.ClientSecret()))}
	store := keychain.NewMemory()
	e := &env{sandbox: sb, clock: clk, hc: hc, store: store}
	e.deps = &flows.Deps{
		Env:                providers.Embedded,
		TrueLayer:          truelayer.New(truelayer.Hosts{Auth: urls.TrueLayerAuth, API: urls.TrueLayerAPI}, truelayer.Credentials{ClientID: sb.ClientID(), ClientSecret: sb.ClientSecret()}, hc),
		TrueLayerProviders: []string{"uk-cs-mock"},
		Store:              store,
		Index:              keychain.OpenIndex(filepath.Join(t.TempDir(), "connections.json")),
		CallbackTimeout:    30 * time.Second,
		MockBank: func(ctx context.Context, r flows.MockBankSignIn) (string, error) {
			return sandbox.SignIn(ctx, hc, sandbox.SignInRequest{AuthLink: r.AuthLink, RedirectURI: r.RedirectURI, BankID: r.BankID, Username: r.Username, Password: r.Password})
		},
		Now: clk.Now,
	}
	return e
}

// signIn walks the mock bank for the prompt's link without answering the prompt.
func (e *env) signIn(ctx context.Context, p flows.OpenAuthLink, username, password string, decline bool) (string, error) {
	return sandbox.SignIn(ctx, e.hc, sandbox.SignInRequest{AuthLink: p.URL, RedirectURI: p.RedirectURI, BankID: "mock", Username: username, Password: password, Decline: decline})
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
