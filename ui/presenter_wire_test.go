package ui

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestMaskerHidesPersonalDataOnTheWire: in presenter mode the inspector's JSON bodies, the
// claims of the JWTs it decodes, and the journey's news hide the person; off, nothing changes.
func TestMaskerHidesPersonalDataOnTheWire(t *testing.T) {
	on := masker{on: true}
	body := `{"results":[{"full_name":"Mr John Doe","date_of_birth":"1979-01-01","addresses":[{"address":"10 Mockingbird Lane","postcode":"N1 9GU"}],` +
		`"account":{"sort_code":"040004","account_number":"10000002","iban":"GB06MOCK01213141273019"},"provider_id":"mock"}],` +
		`"externalUserEmail":"jane@example.com","externalUserPhone":"+447700900123","market":"DE"}`
	people := []string{"John", "Doe", "1979", "Mockingbird", "N1 9GU", "10000002", "040004", "GB06MOCK01213141273019", "jane@", "7700900"}

	masked := on.body("application/json; charset=utf-8", body)
	for _, p := range people {
		if strings.Contains(masked, p) {
			t.Errorf("%q survived in the masked body:\n%s", p, masked)
		}
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(masked), &got); err != nil {
		t.Fatalf("the masked body is no longer JSON: %v\n%s", err, masked)
	}
	if got["market"] != "DE" || !strings.Contains(masked, `"provider_id": "mock"`) || !strings.Contains(masked, "•••• 3019") {
		t.Errorf("what is not personal must stay, the last digits of an IBAN too:\n%s", masked)
	}
	if out := on.body("application/x-www-form-urlencoded", "username=john"); out != "username=john" {
		t.Errorf("a form body = %q, want it unchanged", out)
	}
	if out := on.body("application/json", "{not json"); out != "{not json" {
		t.Errorf("a broken JSON body = %q, want it unchanged", out)
	}
	if out := (masker{}).body("application/json", body); out != body {
		t.Errorf("off, the body changed:\n%s", out)
	}

	if c := string(on.claim("birthdate", json.RawMessage(`"1984-02-17"`))); c != `"••••-••-••"` {
		t.Errorf("birthdate claim = %s", c)
	}
	if c := string(on.claim("exp", json.RawMessage(`1764000000`))); c != `1764000000` {
		t.Errorf("exp claim = %s, want it unchanged", c)
	}

	news := "no completed data session for email jane@example.com (phone +44 7700 900123)"
	if got := on.news(news); strings.Contains(got, "jane@") || strings.Contains(got, "7700") || !strings.HasPrefix(got, "no completed data session for email ") {
		t.Errorf("news = %q", got)
	}
	if got := (masker{}).news(news); got != news {
		t.Errorf("off, news = %q", got)
	}
}
