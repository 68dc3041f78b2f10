package truelayer

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"
)

var testCreds = Credentials{ClientID: "sandbox-linkstep-4f1c2e", ClientSecret: "test-client-secret-value"}

// countingTransport counts the requests that went through the client's own *http.Client.
type countingTransport struct {
	base http.RoundTripper
	n    atomic.Int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.base.RoundTrip(r)
}

// newTestClient starts an auth server and an API server with the given handlers (nil answers
// 404) and returns a client for them whose requests are counted.
func newTestClient(t *testing.T, auth, api http.Handler) (*Client, *countingTransport) {
	t.Helper()
	if auth == nil {
		auth = http.NotFoundHandler()
	}
	if api == nil {
		api = http.NotFoundHandler()
	}
	authSrv := httptest.NewServer(auth)
	apiSrv := httptest.NewServer(api)
	t.Cleanup(authSrv.Close)
	t.Cleanup(apiSrv.Close)
	ct := &countingTransport{base: authSrv.Client().Transport}
	hc := &http.Client{Transport: ct}
	return New(Hosts{Auth: authSrv.URL + "/", API: apiSrv.URL}, testCreds, hc), ct
}

// fixture reads a file under testdata.
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// makeJWT builds an unsigned-looking JWT whose payload carries sub.
func makeJWT(sub string) string {
	enc := base64.RawURLEncoding.EncodeToString
	payload, _ := json.Marshal(map[string]any{"sub": sub, "iss": "https://auth.truelayer-sandbox.com"})
	return enc([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." + enc(payload) + ".c2lnbmF0dXJl"
}

// answerWith writes a response with the given status, content type and body.
func answerWith(status int, contentType string, body []byte, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		io.WriteString(w, string(body))
	}
}
