package flows_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/oauthlink"
	"github.com/linkstep/linkstep/keychain"
)

// signInAs answers the auth link by signing in at the mock bank as one of the test identities.
func signInAs(who string) func(context.Context, flows.OpenAuthLink) (flows.Answer, error) {
	return func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
		return p.SignIn(ctx, who, "")
	}
}

func TestOneIDJanetFullIdentity(t *testing.T) {
	e := newEnv(t)
	var offered flows.ChooseAccount
	var link flows.OpenAuthLink
	a := &scripted{
		onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
			link = p
			return p.SignIn(ctx, "janet", "")
		},
		onAccount: func(p flows.ChooseAccount) (flows.Answer, error) {
			offered = p
			return flows.AccountChoice{ID: p.Accounts[1].ID}, nil
		},
	}
	res, err := e.OneIDIdentity().Run(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	if len(link.SignInChoices) < 3 || link.DefaultUsername != "" {
		t.Errorf("the sign-in offers %+v, want the test identities", link.SignInChoices)
	}
	if res.BankName != "OneID" {
		t.Errorf("the result names %q as the identity provider, want OneID", res.BankName)
	}
	if conns, err := e.Index.List(); err != nil || len(conns) != 1 || conns[0].Details["bank_name"] != "OneID" {
		t.Errorf("the index keeps %+v (%v), want one connection named OneID, not the issuer's URL", conns, err)
	}
	card := res.Identity
	if card == nil {
		t.Fatal("no identity card")
	}
	if got := fieldValue(card.Verified, "Name"); got != "Janet Davidson" {
		t.Errorf("verified name = %q", got)
	}
	name, dob := comparison(card, "Name"), comparison(card, "Date of birth")
	if name.Claimed != "Mary Smith" || !name.Differs || dob.Verified != "1985-06-01" || dob.Claimed != "1990-02-01" || !dob.Differs {
		t.Errorf("comparisons = %+v", card.Comparisons)
	}
	if card.AgeOver18 == nil || !*card.AgeOver18 {
		t.Errorf("age = %v, want over 18", card.AgeOver18)
	}
	if len(offered.Accounts) != 2 || offered.Accounts[0].Balance == "" || res.AccountID != offered.Accounts[1].ID || len(card.Accounts) != 2 {
		t.Errorf("accounts offered %+v, chosen %s", offered.Accounts, res.AccountID)
	}
	if len(card.Fraud) == 0 || len(card.RequestIDs) < 3 || len(card.IDTokenClaims) == 0 {
		t.Errorf("card lacks fraud checks, request ids or claims: %+v", card)
	}
	pdf, err := os.ReadFile(card.ReportPath)
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Fatalf("report %s: %v", card.ReportPath, err)
	}
	var userinfo map[string]any
	if err := json.Unmarshal(res.Payload["userinfo"], &userinfo); err != nil || userinfo["unverified_claims"] == nil {
		t.Fatalf("userinfo payload = %s", res.Payload["userinfo"])
	}
	if days := res.ConsentExpiresAt.Sub(e.Clock.Now()); days > 6*time.Minute || days <= 0 {
		t.Errorf("the connection lives %v, want OneID's 5 minutes", days)
	}
	toks, err := keychain.LoadTokens(t.Context(), e.Store, keychain.ConnectionKey{Provider: "oneid", Environment: "embedded", ID: card.Subject})
	if err != nil || toks.AccessToken == "" || toks.RefreshToken != "" {
		t.Fatalf("stored tokens = %+v, %v; want an access token and no refresh token", toks, err)
	}
	out, _ := json.Marshal(res)
	for _, secret := range []string{toks.AccessToken, toks.IDToken, e.SandboxSecret()} {
		if strings.Contains(string(out), secret) {
			t.Error("a secret is in the result")
		}
	}
}

func TestOneIDAlixFraudFlags(t *testing.T) {
	e := newEnv(t)
	a := &scripted{onLink: signInAs("alix")}
	res, err := e.OneIDIdentity().Run(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	alerts := 0
	for _, f := range res.Identity.Fraud {
		if f.Alert {
			alerts++
			if f.Meaning == "" || strings.Contains(f.Meaning, "not known") {
				t.Errorf("alert %s is not explained: %+v", f.Name, f)
			}
		}
	}
	if alerts < 3 {
		t.Errorf("Alix raises %d fraud alerts, want several: %+v", alerts, res.Identity.Fraud)
	}
}

func TestOneIDCancelIsExplained(t *testing.T) {
	e := newEnv(t)
	a := &scripted{onLink: signInAs(flows.SignInDecline)}
	_, err := e.OneIDIdentity().Run(t.Context(), a)
	code, desc := flows.Describe(err)
	if code != "access_denied" || !strings.Contains(desc, "UserCancelled") || !strings.Contains(desc, "cancelled at OneID") {
		t.Fatalf("err = %s: %s", code, desc)
	}
}

func TestOneIDScopesDecideTheCalls(t *testing.T) {
	e := newEnv(t)
	a := &scripted{
		onLink: signInAs("gary"),
		onScopes: func(p flows.ChooseScopes) (flows.Answer, error) {
			return flows.ScopesChosen{Scopes: []string{"profile"}, Product: "product:age_check"}, nil
		},
	}
	res, err := e.OneIDIdentity().Run(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	var userinfo map[string]any
	_ = json.Unmarshal(res.Payload["userinfo"], &userinfo)
	if userinfo["name"] == nil || userinfo["birthdate"] != nil || userinfo["fraud"] != nil {
		t.Errorf("userinfo = %v, want only the profile claims", userinfo)
	}
	if res.Identity.AgeOver18 != nil || res.Identity.Accounts != nil || count[flows.ChooseAccount](a) != 0 {
		t.Errorf("calls were made for scopes not granted: %+v", res.Identity)
	}
}

func TestOneIDForgedStateIsRefused(t *testing.T) {
	e := newEnv(t)
	a := &scripted{onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
		ans, err := p.SignIn(ctx, "janet", "")
		if err != nil {
			return nil, err
		}
		return flows.RedirectReceived{Input: strings.Replace(ans.Input, "state=", "state=forged", 1)}, nil
	}}
	if _, err := e.OneIDIdentity().Run(t.Context(), a); !isStateMismatch(err) {
		t.Fatalf("err = %v, want a state mismatch", err)
	}
}

func isStateMismatch(err error) bool {
	code, _ := flows.Describe(err)
	return code == string(oauthlink.ErrStateMismatch)
}

func fieldValue(fields []flows.Field, label string) string {
	for _, f := range fields {
		if f.Label == label {
			return f.Value
		}
	}
	return ""
}

func comparison(card *flows.IdentityCard, label string) flows.Comparison {
	for _, c := range card.Comparisons {
		if c.Label == label {
			return c
		}
	}
	return flows.Comparison{}
}

func TestOneIDGoingBackKeepsTheChosenScopes(t *testing.T) {
	e := newEnv(t)
	var asked []flows.ChooseScopes
	backs := 1
	a := &scripted{
		onScopes: func(p flows.ChooseScopes) (flows.Answer, error) {
			asked = append(asked, p)
			return flows.ScopesChosen{Scopes: []string{"profile"}, Product: "product:age_check"}, nil
		},
		onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
			if backs > 0 {
				backs--
				return nil, flows.ErrBack
			}
			return p.SignIn(ctx, "gary", "")
		},
	}
	if _, err := e.OneIDIdentity().Run(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	if len(asked) != 2 || asked[1].Product != "product:age_check" {
		t.Fatalf("asked %d times, second product %q", len(asked), asked[1].Product)
	}
	for _, s := range asked[1].Scopes {
		if s.Default != (s.Name == "openid" || s.Name == "profile") {
			t.Errorf("asked again, %s pre-filled %v", s.Name, s.Default)
		}
	}
}
