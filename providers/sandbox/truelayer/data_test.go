package truelayer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// accountIDForm is the documented form of an account id.
var accountIDForm = regexp.MustCompile(`^acc-[0-9a-f]{17}$`)

func TestSignupPlusMatchesTheSeed(t *testing.T) {
	tests := []struct {
		name, username, password, seed, golden string
	}{
		{"one account: the identity", "john1", "doe1", "seed_signupplus_identity.json", "signupplus_john1_doe1.json"},
		{"three accounts: multiple_accounts_linked", "john", "doe", "seed_signupplus_multiple.json", "signupplus_john_doe.json"},
		{"john/eternal: the identity", "john", "eternal", "seed_signupplus_identity.json", "signupplus_john_eternal.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			status, body := e.get("/signup-plus/accounts", e.accessToken(tt.username, tt.password))
			if status != http.StatusOK {
				t.Fatalf("signup-plus: %d %s", status, body)
			}
			if got, want := jsonShape(t, body), jsonShape(t, readTestdata(t, tt.seed)); got != want {
				t.Errorf("shape differs from the seed:\ngot  %s\nwant %s", got, want)
			}
			compareGolden(t, tt.golden, body)
		})
	}
}

func TestSignupPlusMultipleIsTheSeedWithOurIDsAndNumbers(t *testing.T) {
	e := newTestEnv(t, Config{})
	_, body := e.get("/signup-plus/accounts", e.accessToken("john", "doe"))
	var got struct {
		Accounts []struct {
			AccountID     string `json:"account_id"`
			AccountNumber string `json:"account_number"`
		} `json:"accounts"`
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	seed := string(readTestdata(t, "seed_signupplus_multiple.json"))
	// Only the ids and account numbers are ours: numbers that end alike (10000000, 30000000)
	// could not be told apart by a picker masking all but the last four digits.
	for i, id := range []string{"acc-aa360adff0f1574e1", "acc-8232b085624e6babf", "acc-469b2c2bcaea10969"} {
		seed = strings.ReplaceAll(seed, id, got.Accounts[i].AccountID)
	}
	for i, number := range []string{"10000000", "30000000", "50000000"} {
		seed = strings.ReplaceAll(seed, `"`+number+`"`, `"`+got.Accounts[i].AccountNumber+`"`)
	}
	var want bytes.Buffer
	if err := json.Compact(&want, []byte(seed)); err != nil {
		t.Fatal(err)
	}
	if string(bytes.TrimSpace(body)) != want.String() {
		t.Errorf("john/doe answer differs from the seed's example:\ngot  %s\nwant %s", body, want.String())
	}
}

func TestSignupPlusAccountCounts(t *testing.T) {
	tests := []struct {
		username, password string
		want               int
	}{
		{"john", "doe", 3},
		{"john2", "doe2", 2},
		{"john7", "iban7", 7},
		{"john100", "doe100", 100},
	}
	for _, tt := range tests {
		t.Run(tt.username+"/"+tt.password, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			_, body := e.get("/signup-plus/accounts", e.accessToken(tt.username, tt.password))
			m := decode(t, body)
			links, _ := m["links"].(map[string]any)
			accounts, _ := m["accounts"].([]any)
			if m["result"] != "multiple_accounts_linked" || len(links) != tt.want || len(accounts) != tt.want {
				t.Fatalf("got result %v with %d links and %d accounts, want %d", m["result"], len(links), len(accounts), tt.want)
			}
			numbers := map[string]bool{}
			for i, a := range accounts {
				acc := a.(map[string]any)
				id, _ := acc["account_id"].(string)
				if !accountIDForm.MatchString(id) || links[id] != "/"+id {
					t.Errorf("account %d: id %q, link %v", i, id, links[id])
				}
				n, _ := acc["account_number"].(string)
				if len(n) != 8 || numbers[n] {
					t.Errorf("account %d: number %q is not a distinct 8-digit number", i, n)
				}
				numbers[n] = true
				if acc["display_name"] != fmt.Sprintf("TRANSACTION ACCOUNT %d", i+1) || acc["sort_code"] != "01-21-31" ||
					acc["currency"] != "GBP" || acc["account_type"] != "CURRENT" {
					t.Errorf("account %d: %v", i, acc)
				}
			}
		})
	}
}

func TestSignupPlusAccountSelectionAndIBANs(t *testing.T) {
	tests := []struct {
		username, password string
		distinctIBANs      bool
	}{
		{"john", "doe", false},
		{"john", "iban", true},
		{"john5", "iban5", true},
		{"john5", "doe5", false},
	}
	for _, tt := range tests {
		t.Run(tt.username+"/"+tt.password, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			token := e.accessToken(tt.username, tt.password)
			_, body := e.get("/signup-plus/accounts", token)
			var list struct {
				Accounts []struct {
					AccountID     string `json:"account_id"`
					AccountNumber string `json:"account_number"`
				} `json:"accounts"`
			}
			if err := json.Unmarshal(body, &list); err != nil {
				t.Fatal(err)
			}
			ibans := map[string]bool{}
			for _, a := range list.Accounts {
				status, body := e.get("/signup-plus/accounts?account_id="+a.AccountID, token)
				if status != http.StatusOK {
					t.Fatalf("account %s: %d %s", a.AccountID, status, body)
				}
				details := decode(t, body)["account_details"].(map[string]any)
				iban, _ := details["iban"].(string)
				if details["account_number"] != a.AccountNumber || details["sort_code"] != "01-21-31" || details["provider_id"] != "mock" {
					t.Errorf("account %s: details %v", a.AccountID, details)
				}
				if !validGBIBAN(iban) {
					t.Errorf("account %s: IBAN %q is not a valid GB IBAN", a.AccountID, iban)
				}
				if tt.distinctIBANs && !strings.HasSuffix(iban, "012131"+a.AccountNumber) {
					t.Errorf("account %s: IBAN %q does not carry its sort code and number", a.AccountID, iban)
				}
				ibans[iban] = true
			}
			if want := 1; tt.distinctIBANs {
				if len(ibans) != len(list.Accounts) {
					t.Errorf("%d distinct IBANs for %d accounts", len(ibans), len(list.Accounts))
				}
			} else if len(ibans) != want {
				t.Errorf("%d distinct IBANs, want one shared IBAN", len(ibans))
			}
		})
	}
}

func TestSignupPlusErrors(t *testing.T) {
	tests := []struct {
		name       string
		path       string
		scope      string
		wantStatus int
		wantCode   string
	}{
		{"unknown account_id", "/signup-plus/accounts?account_id=acc-00000000000000000", "signupplus", 404, "account_not_found"},
		{"empty account_id", "/signup-plus/accounts?account_id=", "signupplus", 404, "account_not_found"},
		{"token without signupplus", "/signup-plus/accounts", "info accounts", 403, "access_denied"},
		{"info without info scope", "/data/v1/info", "signupplus", 403, "access_denied"},
		{"unknown path", "/signup-plus/nothing", "signupplus", 404, "not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			token := e.connect("john", "doe", tt.scope)["access_token"].(string)
			status, body := e.get(tt.path, token)
			wantError(t, status, body, tt.wantStatus, tt.wantCode)
		})
	}
}

func TestBearerErrors(t *testing.T) {
	tests := []struct {
		name   string
		header func(token string) string
		before func(e *testEnv)
	}{
		{"no Authorization header", func(string) string { return "" }, nil},
		{"not a JWT", func(string) string { return "Bearer abc" }, nil},
		{"Basic instead of Bearer", func(string) string { return "Basic am9objpkb2U=" }, nil},
		{"tampered signature", func(tok string) string { return "Bearer " + tok[:len(tok)-2] + "AA" }, nil},
		{"tampered claims", func(tok string) string {
			p := strings.Split(tok, ".")
			return "Bearer " + p[0] + "." + p[1] + "e30." + p[2]
		}, nil},
		{"expired after an hour", func(tok string) string { return "Bearer " + tok }, func(e *testEnv) { e.clock.Advance(time.Hour) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			token := e.accessToken("john1", "doe1")
			if tt.before != nil {
				tt.before(e)
			}
			for _, path := range []string{"/signup-plus/accounts", "/data/v1/me"} {
				req, _ := http.NewRequest(http.MethodGet, e.apiURL+path, nil)
				if h := tt.header(token); h != "" {
					req.Header.Set("Authorization", h)
				}
				resp, err := e.srv.Client().Do(req)
				if err != nil {
					t.Fatal(err)
				}
				var body bytes.Buffer
				_, _ = body.ReadFrom(resp.Body)
				resp.Body.Close()
				wantError(t, resp.StatusCode, body.Bytes(), http.StatusUnauthorized, "invalid_token")
				if !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("%s: no WWW-Authenticate: Bearer header", path)
				}
			}
		})
	}
}

func TestErrorUsers(t *testing.T) {
	tests := []struct {
		code       string
		wantStatus int
	}{
		{"account_permanently_locked", 403},
		{"account_temporarily_locked", 403},
		{"internal_error", 500},
		{"provider_error", 503},
		{"user_input_required", 403},
		{"wrong_credentials", 403},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			token := e.accessToken("error."+tt.code, "error")
			for _, path := range []string{"/signup-plus/accounts", "/signup-plus/accounts?account_id=x", "/data/v1/info", "/data/v1/accounts"} {
				status, body := e.get(path, token)
				wantError(t, status, body, tt.wantStatus, tt.code)
			}
			if status, body := e.get("/data/v1/me", token); status != http.StatusOK {
				t.Errorf("/me describes the connection and should answer: %d %s", status, body)
			}
		})
	}
}

func TestMe(t *testing.T) {
	e := newTestEnv(t, Config{})
	created := e.clock.Now()
	token := e.accessToken("john", "doe")
	e.clock.Advance(time.Minute)
	status, body := e.get("/data/v1/me", token)
	if status != http.StatusOK {
		t.Fatalf("/me: %d %s", status, body)
	}
	want := "{results:[{client_id:string,credentials_id:string,consent_created_at:string,consent_expires_at:string," +
		"provider:{display_name:string,logo_uri:string,provider_id:string,},},],status:string,}"
	if got := jsonShape(t, body); got != want {
		t.Errorf("shape\ngot  %s\nwant %s", got, want)
	}
	m := decode(t, body)
	r := m["results"].([]any)[0].(map[string]any)
	createdAt, err1 := time.Parse(time.RFC3339, r["consent_created_at"].(string))
	expiresAt, err2 := time.Parse(time.RFC3339, r["consent_expires_at"].(string))
	if err1 != nil || err2 != nil || !createdAt.Equal(created) || expiresAt.Sub(createdAt) != 90*24*time.Hour {
		t.Errorf("consent %v → %v (%v, %v), want created at %v and 90 days", createdAt, expiresAt, err1, err2, created)
	}
	p := r["provider"].(map[string]any)
	if m["status"] != "Succeeded" || r["client_id"] != e.sb.ClientID() || p["provider_id"] != "mock" || p["display_name"] != "Mock" ||
		!strings.HasPrefix(p["logo_uri"].(string), e.srv.URL+"/") {
		t.Errorf("/me %s", body)
	}
}

func TestInfoAndAccounts(t *testing.T) {
	e := newTestEnv(t, Config{})
	token := e.accessToken("john", "iban")
	status, body := e.get("/data/v1/info", token)
	wantInfo := "{results:[{full_name:string,date_of_birth:string,emails:[string,],phones:[string,]," +
		"addresses:[{address:string,city:string,state:string,zip:string,country:string,},],update_timestamp:string,},],status:string,}"
	if got := jsonShape(t, body); status != http.StatusOK || got != wantInfo {
		t.Errorf("/info %d shape\ngot  %s\nwant %s", status, got, wantInfo)
	}
	status, body = e.get("/data/v1/accounts", token)
	var accounts struct {
		Results []struct {
			AccountID     string `json:"account_id"`
			AccountType   string `json:"account_type"`
			AccountNumber struct {
				IBAN, Number string
				SortCode     string `json:"sort_code"`
			} `json:"account_number"`
		} `json:"results"`
		Status string `json:"status"`
	}
	if err := json.Unmarshal(body, &accounts); err != nil || status != http.StatusOK || len(accounts.Results) != 3 ||
		accounts.Status != "Succeeded" {
		t.Fatalf("/accounts %d %s (%v)", status, body, err)
	}
	for _, a := range accounts.Results {
		if a.AccountType != "TRANSACTION" || !validGBIBAN(a.AccountNumber.IBAN) || a.AccountNumber.SortCode != "01-21-31" {
			t.Errorf("account %+v", a)
		}
	}
	id := accounts.Results[1].AccountID
	if status, body := e.get("/data/v1/accounts/"+id, token); status != http.StatusOK || !strings.Contains(string(body), id) {
		t.Errorf("/accounts/%s: %d %s", id, status, body)
	}
	status, body = e.get("/data/v1/accounts/acc-nope", token)
	wantError(t, status, body, http.StatusNotFound, "account_not_found")
}

func TestProvidersEndpoint(t *testing.T) {
	tests := []struct {
		name       string
		query      string
		wantStatus int
		wantCode   string
	}{
		{"the sandbox client", "?client_id=" + DefaultClientID, 200, ""},
		{"unknown client", "?client_id=sandbox-other", 400, "invalid_client"},
		{"no client", "", 400, "invalid_client"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			resp, err := e.srv.Client().Get(e.authURL + "/api/providers" + tt.query)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body bytes.Buffer
			_, _ = body.ReadFrom(resp.Body)
			if tt.wantCode != "" {
				wantError(t, resp.StatusCode, body.Bytes(), tt.wantStatus, tt.wantCode)
				return
			}
			want := "[{provider_id:string,display_name:string,logo_url:string,country:string,scopes:[" +
				strings.Repeat("string,", 9) + "],},]"
			if got := jsonShape(t, body.Bytes()); resp.StatusCode != 200 || got != want {
				t.Fatalf("%d shape\ngot  %s\nwant %s", resp.StatusCode, got, want)
			}
			var providers []map[string]any
			_ = json.Unmarshal(body.Bytes(), &providers)
			p := providers[0]
			if p["provider_id"] != "mock" || p["display_name"] != "Mock" || p["country"] != "uk" {
				t.Errorf("provider %v", p)
			}
			logo, err := e.srv.Client().Get(p["logo_url"].(string))
			if err != nil || logo.StatusCode != 200 || logo.Header.Get("Content-Type") != "image/svg+xml" {
				t.Errorf("logo %v: %v %v", p["logo_url"], logo, err)
			}
			if logo != nil {
				logo.Body.Close()
			}
		})
	}
}

func TestDeterministicAcrossSandboxes(t *testing.T) {
	for _, user := range [][2]string{{"john", "doe"}, {"john1", "doe1"}, {"john4", "iban4"}} {
		t.Run(user[0]+"/"+user[1], func(t *testing.T) {
			var bodies [2][]byte
			for i := range bodies {
				e := newTestEnv(t, Config{ClientID: fmt.Sprintf("sandbox-%d", i)})
				_, bodies[i] = e.get("/signup-plus/accounts", e.accessToken(user[0], user[1]))
			}
			if !bytes.Equal(bodies[0], bodies[1]) {
				t.Errorf("two sandboxes answer differently:\n%s\n%s", bodies[0], bodies[1])
			}
		})
	}
}

// validGBIBAN checks a UK IBAN's form and its mod-97 check digits.
func validGBIBAN(iban string) bool {
	if !regexp.MustCompile(`^GB[0-9]{2}[A-Z]{4}[0-9]{14}$`).MatchString(iban) {
		return false
	}
	rearranged := iban[4:] + iban[:4]
	r := 0
	for _, c := range rearranged {
		if c >= 'A' && c <= 'Z' {
			r = (r*100 + int(c-'A') + 10) % 97
		} else {
			r = (r*10 + int(c-'0')) % 97
		}
	}
	return r == 1
}
