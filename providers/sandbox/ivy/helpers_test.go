package ivy

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/linkstep/linkstep/providers/sandbox/sandboxtest"

	"github.com/linkstep/linkstep/providers/sandbox/browser"
)

// Credentials and callbacks of the tests.
const (
	testAPIKey        = "test-api-key"
	testWebhookSecret = "whsec-test"
	testCallbackBase  = "http://127.0.0.1:53682/callback" // where a client listens, as linkstep's loopback does
	testState         = "st4te"
)

// fakeClock is a clock the tests move by hand.
type fakeClock = sandboxtest.Clock

// testEnv is a Handler behind httptest with a fake clock.
type testEnv struct {
	t     testing.TB
	h     *Handler
	srv   *httptest.Server
	api   string // the API host: the server's URL plus Prefix
	clock *fakeClock
	refs  atomic.Int64
}

// newTestEnv serves a Handler configured by cfg: the test key and secret unless cfg has its
// own, and a fake clock.
func newTestEnv(t testing.TB, cfg Config) *testEnv {
	t.Helper()
	clock := sandboxtest.NewClock()
	cfg.Now = clock.Now
	if cfg.APIKey == "" {
		cfg.APIKey = testAPIKey
	}
	if cfg.WebhookSecret == "" {
		cfg.WebhookSecret = testWebhookSecret
	}
	h, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		h.Wait()
	})
	return &testEnv{t: t, h: h, srv: srv, api: srv.URL + Prefix, clock: clock}
}

// callWithKey posts body (a JSON value, or raw bytes) to path with the API key and returns the
// status and the decoded answer.
func (e *testEnv) callWithKey(path, key string, body any) (int, map[string]any) {
	e.t.Helper()
	raw, ok := body.([]byte)
	if !ok {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			e.t.Fatal(err)
		}
	}
	req, err := http.NewRequest(http.MethodPost, e.api+path, bytes.NewReader(raw))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set(apiKeyHeader, key)
	}
	return e.do(req)
}

// call posts body to path with the right API key.
func (e *testEnv) call(path string, body any) (int, map[string]any) {
	e.t.Helper()
	return e.callWithKey(path, e.h.APIKey(), body)
}

// do sends a request and decodes the JSON answer, checking it is JSON.
func (e *testEnv) do(req *http.Request) (int, map[string]any) {
	e.t.Helper()
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		e.t.Fatalf("%s %s answered %d %s, not JSON: %s", req.Method, req.URL.Path, resp.StatusCode, ct, data)
	}
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		e.t.Fatalf("decode %s: %v", data, err)
	}
	return resp.StatusCode, out
}

// createBody is a typical create request: a unique referenceId, DE, identity, accounts and
// balances, an external user by email, the callbacks with the client's state; extra fields
// replace or add to it (a nil value removes the field).
func (e *testEnv) createBody(extra map[string]any) map[string]any {
	b := map[string]any{
		"referenceId":        "ref-" + strconv.FormatInt(e.refs.Add(1), 10),
		"market":             "DE",
		"permissions":        []string{"identity", "accounts", "balances"},
		"externalUser":       map[string]any{"email": "jane@example.com"},
		"successCallbackUrl": testCallbackBase + "/success?state=" + testState,
		"errorCallbackUrl":   testCallbackBase + "/error?state=" + testState,
	}
	for k, v := range extra {
		if v == nil {
			delete(b, k)
		} else {
			b[k] = v
		}
	}
	return b
}

// create creates a session with the typical request plus extra, and returns the answer.
func (e *testEnv) create(extra map[string]any) map[string]any {
	e.t.Helper()
	status, body := e.call(pathCreate, e.createBody(extra))
	if status != http.StatusOK {
		e.t.Fatalf("create: %d %v", status, body)
	}
	return body
}

// walk walks a session's pages as username/password (declining when asked) and returns where
// the pages sent the browser.
func (e *testEnv) walk(redirectURL, username, password string, decline bool) (string, error) {
	return browser.SignIn(context.Background(), e.srv.Client(), browser.SignInRequest{
		AuthLink: redirectURL, RedirectURI: testCallbackBase, Username: username, Password: password, Decline: decline,
	})
}

// completed creates a session (with extra) and completes it as username/password; it returns
// the session's id.
func (e *testEnv) completed(username, password string, extra map[string]any) string {
	e.t.Helper()
	s := e.create(extra)
	got, err := e.walk(s["redirectUrl"].(string), username, password, false)
	if err != nil {
		e.t.Fatalf("walk as %s: %v", username, err)
	}
	if u, _ := url.Parse(got); u == nil || u.Path != "/callback/success" {
		e.t.Fatalf("walk as %s ended at %s, not the success callback", username, got)
	}
	return s["id"].(string)
}

// errorCode is the code of an error answer.
func errorCode(body map[string]any) string {
	c, _ := body["code"].(string)
	return c
}

// errorMessage is the message of an error answer.
func errorMessage(body map[string]any) string {
	m, _ := body["message"].(string)
	return m
}

// jsonOf is v as JSON.
func jsonOf(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
