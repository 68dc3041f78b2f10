package oneid

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestJanetAsTheDocsShowHer compares Janet's /userinfo, with every scope the journey asks for,
// with the documented example (testdata/seed_userinfo_janet.json, copied from the seed): the
// same keys in the same order with the same values, byte for byte once the example's
// whitespace is taken out.
func TestJanetAsTheDocsShowHer(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("testdata", "seed_userinfo_janet.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := json.Compact(&want, seed); err != nil {
		t.Fatal(err)
	}
	want.WriteByte('\n')
	e := newTestEnv(t, Config{})
	status, header, got := e.get("/userinfo", e.accessToken("janet", allScopes))
	if status != http.StatusOK || header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("userinfo: %d %v", status, header)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("Janet's userinfo differs from the documented example:\ngot  %s\nwant %s", got, want.Bytes())
	}
}

// keysOf lists a JSON object's keys in order.
func keysOf(t *testing.T, body []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", body)
	}
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func TestUserInfoPerScope(t *testing.T) {
	tests := []struct {
		name, identity, scopes string
		wantKeys               []string
		wantValues             map[string]any
	}{
		{"openid alone", "janet", "", []string{"sub", "unverified_claims"}, map[string]any{"sub": "6f35afb8-42ee-5b82-88be-29ee7dc0f762"}},
		{"profile", "janet", "profile", []string{"sub", "name", "given_name", "family_name", "unverified_claims"},
			map[string]any{"name": "Janet Davidson", "given_name": "Janet", "family_name": "Davidson"}},
		{"date_of_birth", "alix", "date_of_birth", []string{"sub", "birthdate", "unverified_claims"}, map[string]any{"birthdate": "1996-09-10"}},
		{"address", "gary", "address", []string{"sub", "address"}, map[string]any{"address": map[string]any{
			"street_address": "1 Hay Hill", "locality": "Mayfair", "region": "London", "postal_code": "W1J 6DH", "country": "UK"}}},
		{"email", "gary", "email", []string{"sub", "email"}, map[string]any{"email": "gary.humphrey@example.com"}},
		{"phone", "janet", "phone", []string{"sub", "phone_number", "unverified_claims"}, map[string]any{"phone_number": "0480863009"}},
		{"age_over_18 is answered by /ageverification", "gary", "age_over_18", []string{"sub"}, nil},
		{"accounts are answered by /accounts", "gary", "accounts accounts.balances", []string{"sub"}, nil},
		{"fraud", "gary", "fraud", []string{"sub", "fraud"}, map[string]any{"fraud": map[string]any{
			"searchPerformed": true, "activityHistoryScore": float64(0), "identityFraudScore": float64(0), "nationalSIRAFraud": false,
			"nationalSIRAVictim": true, "disclosureOfDeathRegistrationInformationMatch": false, "amberhillMatch": false, "noMatch": false}}},
		{"Alix's fraud flags", "alix", "fraud", []string{"sub", "fraud", "unverified_claims"}, map[string]any{"fraud": map[string]any{
			"searchPerformed": true, "activityHistoryScore": float64(78), "identityFraudScore": float64(91), "nationalSIRAFraud": true,
			"nationalSIRAVictim": false, "disclosureOfDeathRegistrationInformationMatch": true, "amberhillMatch": true, "noMatch": false}}},
		{"Alix's typed claims differ", "alix", "profile date_of_birth", []string{"sub", "name", "given_name", "family_name", "birthdate", "unverified_claims"},
			map[string]any{"unverified_claims": map[string]any{"claims": map[string]any{"birthdate": "1996-10-09", "name": "Alix Raynor",
				"given_name": "Alix", "family_name": "Raynor", "address": map[string]any{"street_address": "80 Temple Way",
					"locality": "Redcliffe", "region": "Bristol", "postal_code": "BS1 6HG", "country": "UK"}}}}},
		{"everything for Gary", "gary", "profile email date_of_birth phone address fraud",
			[]string{"sub", "name", "given_name", "family_name", "email", "birthdate", "phone_number", "address", "fraud"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			scope := strings.TrimSpace("openid " + tt.scopes + " product:id_assure")
			status, _, body := e.get("/userinfo", e.accessToken(tt.identity, scope))
			if status != http.StatusOK {
				t.Fatalf("userinfo: %d %s", status, body)
			}
			if got := keysOf(t, body); !slices.Equal(got, tt.wantKeys) {
				t.Errorf("keys %v, want %v", got, tt.wantKeys)
			}
			m := decode(t, body)
			for k, v := range tt.wantValues {
				if got, _ := json.Marshal(m[k]); string(got) != mustJSON(t, v) {
					t.Errorf("%s = %s, want %s", k, got, mustJSON(t, v))
				}
			}
		})
	}
}

// mustJSON is v as JSON (maps with sorted keys).
func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSubjectsAreStable(t *testing.T) {
	e := newTestEnv(t, Config{})
	for _, who := range identityKeys() {
		_, _, first := e.get("/userinfo", e.accessToken(who, "openid product:id_assure"))
		_, _, second := e.get("/userinfo", e.accessToken(who, "openid product:age_check"))
		if a, b := decode(t, first)["sub"], decode(t, second)["sub"]; a != b || a == "" {
			t.Errorf("%s: sub %v then %v", who, a, b)
		}
	}
}

func TestBearerErrors(t *testing.T) {
	tests := []struct {
		name  string
		token func(e *testEnv) string
		wait  time.Duration
	}{
		{"no token", func(*testEnv) string { return "" }, 0},
		{"an unknown token", func(*testEnv) string { return "nope" }, 0},
		{"after 5 minutes", func(e *testEnv) string { return e.accessToken("janet", allScopes) }, 5 * time.Minute},
	}
	for _, path := range []string{"/userinfo", "/userinfo/report", "/ageverification", "/accounts"} {
		for _, tt := range tests {
			t.Run(path+" "+tt.name, func(t *testing.T) {
				e := newTestEnv(t, Config{})
				token := tt.token(e)
				e.clock.Advance(tt.wait)
				status, header, body := e.get(path, token)
				wantError(t, status, body, http.StatusUnauthorized, "invalid_token")
				if header.Get("WWW-Authenticate") != `Bearer error="invalid_token"` {
					t.Errorf("WWW-Authenticate %q", header.Get("WWW-Authenticate"))
				}
			})
		}
	}
}

func TestTokenWorksForFiveMinutes(t *testing.T) {
	e := newTestEnv(t, Config{})
	token := e.accessToken("janet", allScopes)
	e.clock.Advance(5*time.Minute - time.Second)
	if status, _, body := e.get("/userinfo", token); status != http.StatusOK {
		t.Fatalf("userinfo before 5 minutes: %d %s", status, body)
	}
}
