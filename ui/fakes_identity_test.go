package ui

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/providers/oneid"
)

// identityScript builds a fake journey shaped like OneID's identity journey: (the issuer,)
// what to share, the auth link with the mock bank's test identities, an account when several
// are shared, and the identity card of whoever signed in.
type identityScript struct {
	rec recorder
	// anyIssuer asks ConnectIssuer first, as the any-issuer journey does.
	anyIssuer bool

	mu      sync.Mutex
	signIns []string // each SignIn call: "value/password"
}

// resize is the terminal changing size.
func resize(width, height int) tea.WindowSizeMsg {
	return tea.WindowSizeMsg{Width: width, Height: height}
}

// ansiStrip is s without colours.
func ansiStrip(s string) string { return ansi.Strip(s) }

// testIdentities are the people the embedded sandbox's OneID bank offers.
func testIdentities() []flows.SignInChoice {
	return []flows.SignInChoice{
		{Value: "janet", Label: "Janet Davidson: clear"},
		{Value: "alix", Label: "Alix Rayner: fraud flags set"},
		{Value: "gary", Label: "Gary Humphrey: victim of fraud"},
		{Value: flows.SignInDecline, Label: "Cancel at the bank"},
	}
}

// testScopes is OneID's consent prompt, with its claim scopes and products.
func testScopes() flows.ChooseScopes {
	return flows.ChooseScopes{
		Provider:    "OneID",
		Environment: "embedded",
		Issuer:      "http://127.0.0.1:51200/oneid",
		Scopes: []flows.Scope{
			{Name: "openid", Label: "who you are to the provider (an ID token)", Required: true, Default: true},
			{Name: "profile", Label: "your name", Default: true},
			{Name: "date_of_birth", Label: "your date of birth", Default: true},
			{Name: "address", Label: "your address", Default: true},
			{Name: "email", Label: "your email address", Default: true},
			{Name: "phone", Label: "your phone number", Default: true},
			{Name: "age_over_18", Label: "whether you are over 18", Default: true},
			{Name: "accounts", Label: "your personal accounts", Default: true},
			{Name: "accounts.balances", Label: "their balances", Needs: "accounts", Default: true},
			{Name: "fraud", Label: "fraud checks on your identity", Default: true},
		},
		Products:    []string{"product:id_assure", "product:age_check", "product:sign_up_plus"},
		Product:     "product:id_assure",
		RedirectURI: "http://127.0.0.1:<port>/callback (caught by linkstep)",
	}
}

// signIn is the fake OneID bank: every offered identity gets in; "cancel" is sent back with
// the bank's refusal, as the real bank does.
func (s *identityScript) signIn(ctx context.Context, user, pass string) (flows.RedirectReceived, error) {
	s.mu.Lock()
	s.signIns = append(s.signIns, user+"/"+pass)
	s.mu.Unlock()
	switch {
	case user == flows.SignInDecline:
		return flows.RedirectReceived{Input: testRedirectURI + "?error=access_denied&state=st4te"}, nil
	case slices.ContainsFunc(testIdentities(), func(c flows.SignInChoice) bool { return c.Value == user }):
		return flows.RedirectReceived{Input: testRedirectURI + "?code=" + testCode + "-" + user + "&state=st4te"}, nil
	}
	return flows.RedirectReceived{}, &flows.Error{Code: "access_denied", Description: "the mock bank knows no " + user}
}

// calls is every SignIn call so far.
func (s *identityScript) calls() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.signIns)
}

// signedInAs is the last identity that signed in, or "".
func (s *identityScript) signedInAs() string {
	calls := s.calls()
	if len(calls) == 0 {
		return ""
	}
	user, _, _ := strings.Cut(calls[len(calls)-1], "/")
	return user
}

func (s *identityScript) authLink() flows.OpenAuthLink {
	return flows.OpenAuthLink{
		URL: "http://127.0.0.1:51200/oneid/v2/authorize?response_type=code&client_id=linkstep-sandbox" +
			"&redirect_uri=http%3A%2F%2F127.0.0.1%3A51234%2Fcallback&scope=openid%20profile%20product%3Aid_assure" +
			"&state=st4te&nonce=n0nce&code_challenge=Zm9vYmFyYmF6cXV4&code_challenge_method=S256",
		RedirectURI:   testRedirectURI,
		Listening:     true,
		Expires:       time.Date(2025, 11, 22, 15, 4, 0, 0, time.UTC),
		SignIn:        s.signIn,
		SignInChoices: testIdentities(),
	}
}

func askStep(title string, p func() flows.Prompt) flows.Step {
	return flows.Step{Title: title, Kind: flows.Question, Run: func(ctx context.Context, a flows.Asker) error {
		_, err := a.Ask(ctx, p())
		return err
	}}
}

// journey is the fake identity journey.
func (s *identityScript) journey() *fakeIdentityJourney {
	return &fakeIdentityJourney{s: s}
}

// fakeIdentityJourney runs the identity script's steps and returns the card of whoever signed
// in.
type fakeIdentityJourney struct{ s *identityScript }

func (j *fakeIdentityJourney) Info() flows.Info {
	return flows.Info{ID: "oneid/identity", Provider: "OneID", Title: "OneID identity",
		Summary: "bank-verified identity over OpenID Connect"}
}

func (j *fakeIdentityJourney) Run(ctx context.Context, a flows.Asker) (flows.Result, error) {
	s := j.s
	a = recordingAsker{Asker: a, rec: &s.rec}
	var steps []flows.Step
	if s.anyIssuer {
		steps = append(steps, askStep("Choose the OpenID provider", func() flows.Prompt {
			return flows.ConnectIssuer{RedirectURI: "http://127.0.0.1:<port>/callback (caught by linkstep)"}
		}))
	}
	steps = append(steps,
		askStep("Choose what to share", func() flows.Prompt { return testScopes() }),
		flows.Step{Title: "Sign in at the bank", Kind: flows.Question, Run: func(ctx context.Context, a flows.Asker) error {
			_, err := a.Ask(ctx, s.authLink())
			return err
		}},
		flows.Step{Title: "Verify the ID token", Kind: flows.Action, Run: func(ctx context.Context, a flows.Asker) error {
			if s.signedInAs() == flows.SignInDecline {
				return &flows.Error{Code: "access_denied", Description: "OneID.OIDC.Redirect.UserCancelled: the user cancelled at OneID or at their bank"}
			}
			return nil
		}},
		flows.Step{Title: "Choose an account", Kind: flows.Question, Run: func(ctx context.Context, a flows.Asker) error {
			accs := identityResult(s.signedInAs()).Identity.Accounts
			if len(accs) < 2 {
				return nil
			}
			_, err := a.Ask(ctx, flows.ChooseAccount{Accounts: accs, Purpose: "to show on the identity card"})
			return err
		}},
	)
	if err := flows.RunSteps(ctx, a, steps); err != nil {
		return flows.Result{}, err
	}
	who := s.signedInAs()
	if who == "" {
		return flows.Result{}, errors.New("nobody signed in")
	}
	return identityResult(who), nil
}

// identityResult is the card of a test identity, shaped like the embedded sandbox's: Janet
// typed another name and address than her bank holds, and one fraud check flags her; Alix
// typed hers right, but three fraud checks flag her, and her age was not asked.
func identityResult(who string) flows.Result {
	switch who {
	case "alix":
		return alixResult()
	default:
		return janetResult()
	}
}

func testFraud(fraud map[string]any) []flows.FraudCheck {
	var out []flows.FraudCheck
	for _, f := range oneid.ExplainFraud(fraud) {
		out = append(out, flows.FraudCheck{Name: f.Name, Value: f.Value, Meaning: f.Meaning, Alert: f.Alert})
	}
	return out
}

func janetResult() flows.Result {
	yes := true
	claims, _ := json.Marshal(map[string]any{
		"iss": "http://127.0.0.1:51200/oneid", "sub": "sub-janet-7d2f", "aud": "linkstep-sandbox",
		"exp": 1763823540, "iat": 1763823240, "nonce": "n0nce", "given_name": "Janet", "family_name": "Davidson",
	})
	accounts := []flows.Account{
		{ID: "GB33BUKB20201555555555", DisplayName: "Everyday", Type: "Personal CurrentAccount", Currency: "GBP",
			Number: "55555555", SortCode: "202015", IBAN: "GB33BUKB20201555555555", Balance: "1234.56 GBP"},
		{ID: "GB94BARC10201530093459", DisplayName: "Rainy day", Type: "Personal Savings", Currency: "GBP",
			Number: "30093459", SortCode: "102015", IBAN: "GB94BARC10201530093459", Balance: "-12.00 GBP"},
	}
	address := "Flat 4, 27 Corporation Street, Manchester, M4 3AQ, GB"
	return flows.Result{
		Journey: "oneid/identity", Provider: "oneid", Environment: "embedded",
		ConnectionID: "sub-janet-7d2f", Bank: "http://127.0.0.1:51200/oneid", BankName: "OneID", AccountID: accounts[1].ID,
		ConsentExpiresAt: testNow().Add(4 * time.Minute), Storage: "memory (test)",
		Identity: &flows.IdentityCard{
			Subject: "sub-janet-7d2f", Issuer: "http://127.0.0.1:51200/oneid",
			Verified: []flows.Field{
				{Label: "Name", Value: "Janet Davidson"},
				{Label: "Date of birth", Value: "1984-02-17"},
				{Label: "Address", Value: address},
				{Label: "Email", Value: "janet.davidson@example.com"},
				{Label: "Phone", Value: "+447700900123"},
			},
			Comparisons: []flows.Comparison{
				{Label: "Name", Verified: "Janet Davidson", Claimed: "Mary Smith", Differs: true},
				{Label: "Date of birth", Verified: "1984-02-17", Claimed: "1984-02-17"},
				{Label: "Address", Verified: address, Claimed: "14 Oak Avenue, Leeds, LS6 2QR, GB", Differs: true},
				{Label: "Email", Verified: "janet.davidson@example.com", Claimed: "Janet.Davidson@example.com"},
			},
			Fraud: testFraud(map[string]any{
				"searchPerformed": true, "nationalSIRAFraud": true, "nationalSIRAVictim": false,
				"disclosureOfDeathRegistrationInformationMatch": false, "amberhillMatch": false,
				"identityFraudScore": 0.0, "activityHistoryScore": 0.0, "noMatch": false,
			}),
			AgeOver18:     &yes,
			Accounts:      accounts,
			IDTokenClaims: claims,
			RequestIDs: []flows.Field{
				{Label: "token", Value: "req-7f1c0a2e-token"},
				{Label: "userinfo", Value: "req-7f1c0a2e-userinfo"},
				{Label: "ageverification", Value: "req-7f1c0a2e-age"},
				{Label: "accounts", Value: "req-7f1c0a2e-accounts"},
			},
			ReportPath: "/home/dev/.local/share/linkstep/reports/oneid-sub-janet-7d2f.pdf",
			ExpiresAt:  testNow().Add(4 * time.Minute),
		},
	}
}

func alixResult() flows.Result {
	claims, _ := json.Marshal(map[string]any{"iss": "http://127.0.0.1:51200/oneid", "sub": "sub-alix-19b4", "nonce": "n0nce"})
	accounts := []flows.Account{
		{ID: "GB12MOCK40000412345678", DisplayName: "Main", Type: "Personal CurrentAccount", Currency: "GBP",
			Number: "12345678", SortCode: "400004", IBAN: "GB12MOCK40000412345678", Balance: "87.10 GBP"},
	}
	return flows.Result{
		Journey: "oneid/identity", Provider: "oneid", Environment: "embedded",
		ConnectionID: "sub-alix-19b4", Bank: "http://127.0.0.1:51200/oneid", BankName: "OneID", AccountID: accounts[0].ID,
		ConsentExpiresAt: testNow().Add(4 * time.Minute), Storage: "memory (test)",
		Identity: &flows.IdentityCard{
			Subject: "sub-alix-19b4", Issuer: "http://127.0.0.1:51200/oneid",
			Verified: []flows.Field{
				{Label: "Name", Value: "Alix Rayner"},
				{Label: "Date of birth", Value: "1991-07-03"},
			},
			Comparisons: []flows.Comparison{
				{Label: "Name", Verified: "Alix Rayner", Claimed: "Alix Rayner"},
				{Label: "Date of birth", Verified: "1991-07-03", Claimed: "1991-07-03"},
			},
			Fraud: testFraud(map[string]any{
				"searchPerformed": true, "nationalSIRAFraud": true, "nationalSIRAVictim": false,
				"amberhillMatch": true, "identityFraudScore": 3.0, "activityHistoryScore": 0.0,
			}),
			Accounts:      accounts,
			IDTokenClaims: claims,
			RequestIDs:    []flows.Field{{Label: "token", Value: "req-a11x-token"}, {Label: "userinfo", Value: "req-a11x-userinfo"}},
			ReportPath:    "/home/dev/.local/share/linkstep/reports/oneid-sub-alix-19b4.pdf",
			ExpiresAt:     testNow().Add(4 * time.Minute),
		},
	}
}
