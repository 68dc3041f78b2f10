package flows_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/linkstep/linkstep/flows"
)

// cutRefreshAnswers cuts the body of every refresh answer in half while on is set, as a
// connection lost mid-answer would: TrueLayer has rotated the refresh token, linkstep never
// sees the new one.
type cutRefreshAnswers struct {
	next http.RoundTripper
	on   atomic.Bool
}

func (c *cutRefreshAnswers) RoundTrip(r *http.Request) (*http.Response, error) {
	refresh := false
	if c.on.Load() && r.Body != nil && strings.HasSuffix(r.URL.Path, "/connect/token") {
		form, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(form))
		refresh = strings.Contains(string(form), "grant_type=refresh_token")
	}
	resp, err := c.next.RoundTrip(r)
	if err != nil || !refresh {
		return resp, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body[:len(body)/2]))
	resp.ContentLength = -1
	return resp, nil
}

// TestARefreshAnswerLostIsToldHonestly: TrueLayer rotates the refresh token on every refresh,
// so a refresh whose answer never arrives whole leaves linkstep holding a refresh token that no
// longer works. The user is told so when it happens, and told to connect again when the next
// refresh is refused.
func TestARefreshAnswerLostIsToldHonestly(t *testing.T) {
	e := newEnv(t)
	id := connect(t, e, "john1", "doe1")
	cut := &cutRefreshAnswers{next: e.HTTP.Transport}
	e.HTTP.Transport = cut
	m := flows.NewConnections(e.Parts)
	before, _ := e.Tokens(t.Context(), id)

	cut.on.Store(true)
	_, err := m.Refresh(t.Context(), id)
	if err == nil {
		t.Fatal("a refresh whose answer was cut short succeeded")
	}
	if msg := err.Error(); !strings.Contains(msg, "may have replaced the refresh token") || !strings.Contains(msg, "connect again") {
		t.Errorf("the failed refresh says %q: it must say the refresh token may be gone and what to do then", msg)
	}
	if after, _ := e.Tokens(t.Context(), id); after.RefreshToken != before.RefreshToken {
		t.Error("the stored refresh token changed although no answer arrived")
	}

	cut.on.Store(false)
	_, err = m.Refresh(t.Context(), id)
	if code, _ := flows.Describe(err); code != "invalid_grant" || !strings.Contains(err.Error(), "connect again") {
		t.Fatalf("the next refresh: %v; want invalid_grant saying to connect again (the sandbox rotated the token)", err)
	}
}
