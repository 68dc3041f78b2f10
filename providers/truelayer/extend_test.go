package truelayer

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestExtend(t *testing.T) {
	var sent map[string]any
	api := http.NewServeMux()
	answer := `{"action_needed":"no_action_needed","access_token":"new-at","refresh_token":"rt","expires_in":3600,"consent_expires_at":"2027-02-01T00:00:00Z"}`
	api.HandleFunc("POST /data/v1/connections/extend", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("extend carried %q / %q: it needs no access token and takes JSON", r.Header.Get("Authorization"), r.Header.Get("Content-Type"))
		}
		b, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(b, &sent)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, answer)
	})
	c, _ := newTestClient(t, nil, api)
	res, err := c.Extend(t.Context(), ExtendRequest{RefreshToken: "rt", RedirectURI: "http://127.0.0.1:1/cb", User: ExtendUser{Name: "John Eternal", Email: "j@example.com"}})
	if err != nil || res.ActionNeeded != ActionNoneNeeded || res.AccessToken != "new-at" || res.ConsentExpiresAt.Year() != 2027 {
		t.Fatalf("Extend = %+v, %v", res, err)
	}
	user, _ := sent["user"].(map[string]any)
	if sent["user_has_reconfirmed_consent"] != true || sent["refresh_token"] != "rt" || sent["client_id"] != testCreds.ClientID || sent["client_secret"] != testCreds.ClientSecret || user["name"] != "John Eternal" || user["phone"] != nil {
		t.Fatalf("sent %v", sent)
	}

	for name, body := range map[string]string{
		"no action":            `{"access_token":"x"}`,
		"none without a token": `{"action_needed":"no_action_needed"}`,
		"auth without a link":  `{"action_needed":"authentication_needed"}`,
	} {
		answer = body
		if _, err := c.Extend(t.Context(), ExtendRequest{}); err == nil || !strings.Contains(err.Error(), "malformed") {
			t.Errorf("%s: Extend = %v, want a malformed response", name, err)
		}
	}
	answer = `{"action_needed":"something_new","user_input_link":""}`
	if res, err := c.Extend(t.Context(), ExtendRequest{}); err != nil || res.ActionNeeded != "something_new" {
		t.Errorf("an unknown action_needed must come back as it is: %+v, %v", res, err)
	}
}

func TestReauthLinkAndRevoke(t *testing.T) {
	auth := http.NewServeMux()
	auth.HandleFunc("POST /v1/reauthuri", func(w http.ResponseWriter, r *http.Request) {
		var body map[string]string
		_ = json.NewDecoder(r.Body).Decode(&body)
		if body["refresh_token"] != "rt" || body["redirect_uri"] != "http://127.0.0.1:1/cb" || body["state"] != "st" || body["response_type"] != "code" {
			t.Errorf("reauthuri body = %v", body)
		}
		io.WriteString(w, `{"result":"https://bank.example/direct","success":true}`)
	})
	revoked := false
	auth.HandleFunc("DELETE /api/delete", func(w http.ResponseWriter, r *http.Request) {
		revoked = r.Header.Get("Authorization") == "Bearer at"
		io.WriteString(w, `{}`)
	})
	c, _ := newTestClient(t, auth, nil)
	link, err := c.ReauthLink(t.Context(), "rt", "http://127.0.0.1:1/cb", "st")
	if err != nil || link != "https://bank.example/direct" {
		t.Fatalf("ReauthLink = %q, %v", link, err)
	}
	if err := c.Revoke(t.Context(), "at"); err != nil || !revoked {
		t.Fatalf("Revoke = %v (revoked %v)", err, revoked)
	}
}

func TestAccountsAndBalance(t *testing.T) {
	api := http.NewServeMux()
	api.HandleFunc("GET /data/v1/accounts", answerWith(200, "application/json", []byte(`{"results":[{"account_id":"a1","display_name":"Current","currency":"GBP","account_number":{"number":"12345678","sort_code":"01-02-03"}}],"status":"Succeeded"}`)))
	api.HandleFunc("GET /data/v1/accounts/a1/balance", answerWith(200, "application/json", []byte(`{"results":[{"currency":"GBP","available":12.5,"current":10}]}`)))
	c, _ := newTestClient(t, nil, api)
	accs, err := c.Accounts(t.Context(), "at")
	if err != nil || len(accs) != 1 || accs[0].AccountNumber.Number != "12345678" {
		t.Fatalf("Accounts = %+v, %v", accs, err)
	}
	b, err := c.Balance(t.Context(), "at", "a1")
	if err != nil || b.Available != 12.5 {
		t.Fatalf("Balance = %+v, %v", b, err)
	}
}
