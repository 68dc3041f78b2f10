package flows_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/linkstep/linkstep/flows/flowstest"
	"github.com/linkstep/linkstep/keychain"
)

// delivered is a token answer that reached the client whole: what the sandbox issued and the
// journey could keep.
type delivered struct {
	provider     string // truelayer or oneid: whose token endpoint answered
	connection   string // the access token's sub (TrueLayer's credentials id) or the ID token's
	accessToken  string
	refreshToken string
}

// deliveries records every token answer an environment's HTTP client receives intact: the
// code exchanges, refreshes and extends of TrueLayer and the code exchanges of OneID. A body the
// faults cut short is not among them: the client never had its tokens.
type deliveries struct {
	next http.RoundTripper
	mu   sync.Mutex
	seen []delivered
}

// watchTokens puts a deliveries in front of e's HTTP client, before any call is made.
func watchTokens(e *flowstest.Embedded) *deliveries {
	d := &deliveries{next: e.HTTP.Transport}
	e.HTTP.Transport = d
	return d
}

func (d *deliveries) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := d.next.RoundTrip(r)
	if err != nil || resp.StatusCode/100 != 2 || !strings.Contains(resp.Header.Get("Content-Type"), "json") {
		return resp, err
	}
	provider := ""
	switch p := r.URL.Path; {
	case strings.HasPrefix(p, "/truelayer/") && (strings.HasSuffix(p, "/connect/token") || strings.HasSuffix(p, "/connections/extend")):
		provider = "truelayer"
	case strings.HasPrefix(p, "/oneid/") && strings.HasSuffix(p, "/token"):
		provider = "oneid"
	default:
		return resp, nil
	}
	body, readErr := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	var tok struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
		IDToken      string `json:"id_token"`
	}
	if readErr != nil || json.Unmarshal(body, &tok) != nil || tok.AccessToken == "" {
		return resp, nil // cut short or no tokens: nothing reached the client
	}
	sub := jwtSubject(tok.AccessToken)
	if provider != "truelayer" {
		sub = jwtSubject(tok.IDToken)
	}
	d.mu.Lock()
	d.seen = append(d.seen, delivered{provider: provider, connection: sub, accessToken: tok.AccessToken, refreshToken: tok.RefreshToken})
	d.mu.Unlock()
	return resp, nil
}

// jwtSubject is the sub claim of a compact JWT, unverified; "" when it is not one.
func jwtSubject(token string) string {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return ""
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return ""
	}
	var claims struct {
		Sub string `json:"sub"`
	}
	_ = json.Unmarshal(payload, &claims)
	return claims.Sub
}

// assertNoTokenLost checks that what the last token answer for each connection delivered is
// what the store holds for it, and that the connection is in the index. TrueLayer's tokens
// (a refresh token, a 90-day consent) are kept as soon as they arrive, so this holds whether
// the run completed or not; OneID's (an access token for five minutes, no refresh token) are
// kept with the identity they read, so only a completed run must have kept them.
func assertNoTokenLost(t *testing.T, e *flowstest.Embedded, d *deliveries, completed bool) {
	t.Helper()
	last := map[string]delivered{}
	var order []string
	d.mu.Lock()
	for _, got := range d.seen {
		key := got.provider + "/" + got.connection
		prev, ok := last[key]
		if !ok {
			order = append(order, key)
		}
		if got.refreshToken == "" { // an answer without one keeps the refresh token in use
			got.refreshToken = prev.refreshToken
		}
		last[key] = got
	}
	d.mu.Unlock()
	indexed := map[string]bool{}
	conns, err := e.Index.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range conns {
		indexed[c.Provider+"/"+c.ID] = true
	}
	for _, key := range order {
		want := last[key]
		if want.provider == "oneid" && !completed {
			continue
		}
		if want.connection == "" {
			t.Errorf("a %s token answer names no connection", want.provider)
			continue
		}
		got, err := keychain.LoadTokens(t.Context(), e.Store, keychain.ConnectionKey{Provider: want.provider, Environment: "embedded", ID: want.connection})
		switch {
		case err != nil:
			t.Errorf("%s: tokens the sandbox issued and linkstep received are not in the store: %v", key, err)
		case got.AccessToken != want.accessToken:
			t.Errorf("%s: the store holds another access token than the last one received", key)
		case got.RefreshToken != want.refreshToken:
			t.Errorf("%s: the store holds another refresh token than the last one received", key)
		}
		if !indexed[key] {
			t.Errorf("%s: tokens received but the connection is not in the index (connections list would not show it)", key)
		}
	}
}
