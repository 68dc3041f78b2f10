package sandbox

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestOneIDThroughTheRoot walks OneID's pages with the root's SignIn, as the journey does, and
// exchanges the code with the Sandbox's client id and secret: OneID accepts TrueLayer's
// credentials.
func TestOneIDThroughTheRoot(t *testing.T) {
	tests := []struct {
		name, secret string
		cancel       bool
		wantStatus   int
	}{
		{"janet with the sandbox's credentials", "", false, http.StatusOK},
		{"janet with a configured secret", "configured-s3cret", false, http.StatusOK},
		{"cancel", "", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb, srv, urls := serve(t, Options{ClientSecret: tt.secret})
			verifier := strings.Repeat("v", 43)
			sum := sha256.Sum256([]byte(verifier))
			link := urls.OneID + "/v2/authorize?" + url.Values{
				"client_id": {sb.ClientID()}, "response_type": {"code"}, "redirect_uri": {testRedirectURI},
				"scope": {"openid profile product:id_assure"}, "state": {"st4te"}, "nonce": {"n0nce"},
				"code_challenge": {base64.RawURLEncoding.EncodeToString(sum[:])}, "code_challenge_method": {"S256"},
			}.Encode()
			got, err := SignIn(context.Background(), srv.Client(), SignInRequest{AuthLink: link, RedirectURI: testRedirectURI,
				Username: "janet", Decline: tt.cancel})
			u, perr := url.Parse(got)
			if err != nil || perr != nil || u.Query().Get("state") != "st4te" {
				t.Fatalf("SignIn = %q, %v", got, err)
			}
			if tt.cancel {
				if q := u.Query(); q.Get("error") != "access_denied" || q.Get("error_oneid") != "OneID.OIDC.Redirect.UserCancelled" {
					t.Fatalf("cancel redirect %v", q)
				}
				return
			}
			form := url.Values{"grant_type": {"authorization_code"}, "code": {u.Query().Get("code")}, "code_verifier": {verifier}}
			req, _ := http.NewRequest(http.MethodPost, urls.OneID+"/token", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.SetBasicAuth(sb.ClientID(), sb.ClientSecret())
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body map[string]any
			_ = json.NewDecoder(resp.Body).Decode(&body)
			if resp.StatusCode != tt.wantStatus || body["id_token"] == nil || (tt.secret != "" && sb.ClientSecret() != tt.secret) {
				t.Fatalf("token: %d %v", resp.StatusCode, body)
			}
		})
	}
}
