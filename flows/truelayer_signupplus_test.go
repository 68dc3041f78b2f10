package flows_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/oauthlink"
)

func identityOf(t *testing.T, res flows.Result) map[string]any {
	t.Helper()
	var id map[string]any
	if err := json.Unmarshal(res.Payload["identity"], &id); err != nil {
		t.Fatalf("identity payload: %v", err)
	}
	return id
}

func TestSignupPlusSingleAccount(t *testing.T) {
	e := newEnv(t)
	a := &scripted{username: "john1", password: "doe1"}
	res, err := e.SignupPlus().Run(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	if n := count[flows.ChooseAccount](a); n != 0 {
		t.Fatalf("asked to choose an account %d times for a single account", n)
	}
	if n := count[flows.ChooseBank](a); n != 0 {
		t.Fatalf("asked to choose a bank %d times although the sandbox offers one", n)
	}
	var skipped []flows.StepSkipped
	for _, ev := range a.events {
		if s, ok := ev.(flows.StepSkipped); ok {
			skipped = append(skipped, s)
		}
	}
	wantSkipped := []flows.StepSkipped{
		{Index: 1, Title: "Choose a bank", Reason: "one bank offered"},
		{Index: 6, Title: "Choose an account", Reason: "one account linked"},
	}
	if !slices.Equal(skipped, wantSkipped) {
		t.Fatalf("skipped steps told %+v, want %+v", skipped, wantSkipped)
	}
	id := identityOf(t, res)
	if id["first_name"] != "John" || id["account_details"] == nil {
		t.Fatalf("identity = %v", id)
	}
	if res.Journey != flows.SignupPlusID || res.ConnectionID == "" || res.Bank != "mock" || res.AccountID != "" {
		t.Fatalf("result = %+v", res)
	}
	if days := res.ConsentExpiresAt.Sub(e.Clock.Now()).Hours() / 24; days < 89 || days > 91 {
		t.Fatalf("consent expires in %.1f days, want 90", days)
	}

	toks, err := e.Tokens(t.Context(), res.ConnectionID)
	if err != nil || toks.AccessToken == "" || toks.RefreshToken == "" {
		t.Fatalf("stored tokens = %+v, %v; want access and refresh tokens", toks, err)
	}
	conns, err := e.Index.List()
	if err != nil || len(conns) != 1 || conns[0].ID != res.ConnectionID || conns[0].ConsentExpiresAt.IsZero() {
		t.Fatalf("index = %+v, %v", conns, err)
	}
}

func TestSignupPlusMultipleAccounts(t *testing.T) {
	e := newEnv(t)
	var offered []flows.Account
	a := &scripted{username: "john", password: "doe", onAccount: func(p flows.ChooseAccount) (flows.Answer, error) {
		offered = p.Accounts
		return flows.AccountChoice{ID: p.Accounts[1].ID}, nil
	}}
	res, err := e.SignupPlus().Run(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	if len(offered) != 3 {
		t.Fatalf("offered %d accounts, want 3 for john/doe", len(offered))
	}
	for _, acc := range offered {
		if !strings.HasPrefix(acc.ID, "acc-") || acc.DisplayName == "" || acc.Number == "" || acc.SortCode == "" || acc.Currency == "" || acc.Type == "" {
			t.Fatalf("account lacks fields: %+v", acc)
		}
	}
	if res.AccountID != offered[1].ID {
		t.Fatalf("result account %s, want the chosen %s", res.AccountID, offered[1].ID)
	}
	details, _ := identityOf(t, res)["account_details"].(map[string]any)
	if details["account_number"] != offered[1].Number {
		t.Fatalf("identity is for account %v, want the chosen %s", details["account_number"], offered[1].Number)
	}
}

func TestSignupPlusUnknownAccountAnswer(t *testing.T) {
	e := newEnv(t)
	a := &scripted{username: "john", password: "doe", onAccount: func(flows.ChooseAccount) (flows.Answer, error) {
		return flows.AccountChoice{ID: "acc-nope"}, nil
	}}
	_, err := e.SignupPlus().Run(t.Context(), a)
	if code, _ := flows.Describe(err); code != "unknown_account" {
		t.Fatalf("err = %v, want unknown_account", err)
	}
}

func TestSignupPlusBackFromAccountsSignsInAgain(t *testing.T) {
	e := newEnv(t)
	backs := 1
	a := &scripted{username: "john", password: "doe", onAccount: func(p flows.ChooseAccount) (flows.Answer, error) {
		if backs > 0 {
			backs--
			return nil, flows.ErrBack
		}
		return flows.AccountChoice{ID: p.Accounts[0].ID}, nil
	}}
	if _, err := e.SignupPlus().Run(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	if n := count[flows.OpenAuthLink](a); n != 2 {
		t.Fatalf("auth link shown %d times, want 2 (going back from the accounts signs in again)", n)
	}
}

func TestSignupPlusDeclines(t *testing.T) {
	t.Run("in-app consent declined leaves the journey", func(t *testing.T) {
		e := newEnv(t)
		a := &scripted{onConsent: func(flows.ReviewConsent) (flows.Answer, error) { return nil, flows.ErrBack }}
		if _, err := e.SignupPlus().Run(t.Context(), a); !errors.Is(err, flows.ErrBack) {
			t.Fatalf("err = %v, want ErrBack", err)
		}
		if n := count[flows.OpenAuthLink](a); n != 0 {
			t.Fatalf("auth link made %d times after consent was declined", n)
		}
	})
	t.Run("consent declined at the provider", func(t *testing.T) {
		e := newEnv(t)
		var failure flows.Failure
		a := &scripted{
			onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
				u, err := e.signIn(ctx, p, "john", "doe", true)
				return flows.RedirectReceived{Input: u}, err
			},
			onFailure: func(f flows.Failure) (flows.Answer, error) { failure = f; return nil, f.Err },
		}
		_, err := e.SignupPlus().Run(t.Context(), a)
		if code, _ := flows.Describe(err); code != "access_denied" {
			t.Fatalf("err = %v, want access_denied", err)
		}
		if failure.Step != "Sign in at the bank" || !failure.Retryable {
			t.Fatalf("failure = %+v, want a retryable failure of the sign-in step", failure)
		}
	})
}

func TestSignupPlusErrorUsers(t *testing.T) {
	users := []struct {
		username  string
		retryable bool
	}{
		{"error.account_permanently_locked", false},
		{"error.account_temporarily_locked", true},
		{"error.internal_error", true},
		{"error.provider_error", true},
		{"error.user_input_required", false},
		{"error.wrong_credentials", false},
	}
	for _, u := range users {
		t.Run(u.username, func(t *testing.T) {
			e := newEnv(t)
			var failure flows.Failure
			a := &scripted{username: u.username, password: "error", onFailure: func(f flows.Failure) (flows.Answer, error) {
				failure = f
				return nil, f.Err
			}}
			_, err := e.SignupPlus().Run(t.Context(), a)
			want := strings.TrimPrefix(u.username, "error.")
			if code, _ := flows.Describe(err); code != want {
				t.Fatalf("err = %v, want code %s", err, want)
			}
			if failure.Step != "Read the identity" || failure.Retryable != u.retryable {
				t.Fatalf("failure = step %q retryable %v, want the identity step, retryable %v", failure.Step, failure.Retryable, u.retryable)
			}
		})
	}
}

func TestSignupPlusRetryAfterTransientFailure(t *testing.T) {
	e := newEnv(t)
	retries := 2
	a := &scripted{username: "error.provider_error", password: "error", onFailure: func(f flows.Failure) (flows.Answer, error) {
		if retries > 0 {
			retries--
			return flows.Retry{}, nil
		}
		return nil, f.Err
	}}
	_, err := e.SignupPlus().Run(t.Context(), a)
	if code, _ := flows.Describe(err); code != "provider_error" || count[flows.Failure](a) != 3 {
		t.Fatalf("err = %v after %d failure prompts, want provider_error after 3", err, count[flows.Failure](a))
	}
	if n := count[flows.OpenAuthLink](a); n != 1 {
		t.Fatalf("retry signed in again (%d auth links): it must rerun only the failed step", n)
	}
}

func TestSignupPlusStateMismatch(t *testing.T) {
	t.Run("pasted redirects refused in place, the same link goes on", func(t *testing.T) {
		// What the TUI does: CheckPaste refuses another link's redirect (another state, or
		// none) and what is not a redirect or a code; the prompt stays, and the link's own
		// redirect finishes the run. Its code is single-use, so it was never exchanged before.
		e := newEnv(t)
		a := &scripted{onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
			u, err := e.signIn(ctx, p, "john1", "doe1", false)
			if err != nil {
				return nil, err
			}
			noState, _ := url.Parse(u)
			q := noState.Query()
			q.Del("state")
			noState.RawQuery = q.Encode()
			refused := map[string]string{
				strings.Replace(u, "state=", "state=x", 1): "state_mismatch",
				noState.String(): "state_mismatch",
				"ht!tp://%%%zz":  "invalid_redirect",
				"abc%zz":         "invalid_redirect",
			}
			for paste, want := range refused {
				if code, desc := flows.Describe(p.CheckPaste(paste)); code != want {
					t.Errorf("CheckPaste(%q) = %s: %s, want %s", paste, code, desc, want)
				}
			}
			if err := p.CheckPaste(u); err != nil {
				t.Errorf("CheckPaste refuses the link's own redirect: %v", err)
			}
			return flows.RedirectReceived{Input: u}, nil
		}}
		if _, err := e.SignupPlus().Run(t.Context(), a); err != nil {
			t.Fatalf("err = %v, want the link's own redirect to finish the run after the refused pastes", err)
		}
		if n := count[flows.OpenAuthLink](a); n != 1 {
			t.Fatalf("%d auth links, want the one link throughout", n)
		}
	})
	t.Run("a pasted provider error with the link's state passes the check and ends the step", func(t *testing.T) {
		e := newEnv(t)
		a := &scripted{
			onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
				u, err := e.signIn(ctx, p, "john", "doe", true)
				if err != nil {
					return nil, err
				}
				if err := p.CheckPaste(u); err != nil {
					t.Errorf("CheckPaste refuses the link's declined redirect: %v", err)
				}
				return flows.RedirectReceived{Input: u}, nil
			},
			onFailure: func(f flows.Failure) (flows.Answer, error) { return nil, f.Err },
		}
		if _, err := e.SignupPlus().Run(t.Context(), a); !errors.Is(err, oauthlink.Code("access_denied")) {
			t.Fatalf("err = %v, want access_denied", err)
		}
	})
	t.Run("pasted redirect given as the answer anyway (headless)", func(t *testing.T) {
		e := newEnv(t)
		var caught string
		a := &scripted{onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
			u, err := e.signIn(ctx, p, "john1", "doe1", false)
			if err != nil {
				return nil, err
			}
			caught = u
			forged, _ := url.Parse(u)
			q := forged.Query()
			q.Set("state", "forged")
			forged.RawQuery = q.Encode()
			return flows.RedirectReceived{Input: forged.String()}, nil
		}}
		_, err := e.SignupPlus().Run(t.Context(), a)
		if !errors.Is(err, oauthlink.ErrStateMismatch) {
			t.Fatalf("err = %v, want ErrStateMismatch", err)
		}
		assertCodeUnused(t, e, caught)
	})
	t.Run("redirect to the listener", func(t *testing.T) {
		// The listener refuses the forged redirect with a 400 page and keeps waiting, so the
		// right one can still finish the run: the forged one's code was never used, or this
		// single-use code could not be exchanged now.
		e := newEnv(t)
		a := &scripted{onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
			if !p.Listening {
				t.Error("no listener for the default loopback redirect")
			}
			u, err := e.signIn(ctx, p, "john1", "doe1", false)
			if err != nil {
				return nil, err
			}
			forged := strings.Replace(u, "state=", "state=x", 1)
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, forged, nil)
			if err != nil {
				return nil, err
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return nil, err
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("the forged redirect got %d, want 400", resp.StatusCode)
			}
			if err := browse(ctx, u); err != nil {
				return nil, err
			}
			<-ctx.Done() // the listener answers; the prompt is withdrawn
			return nil, ctx.Err()
		}}
		if _, err := e.SignupPlus().Run(t.Context(), a); err != nil {
			t.Fatalf("err = %v, want the right redirect after the refused one to finish the run", err)
		}
	})
}

// assertCodeUnused proves a refused redirect's code was never sent to the token endpoint: the
// sandbox still knows it as unused and only refuses it now for the missing PKCE verifier (a used
// code would be invalid_authorization_code).
func assertCodeUnused(t *testing.T, e *env, redirect string) {
	t.Helper()
	u, err := url.Parse(redirect)
	if err != nil {
		t.Fatal(err)
	}
	redirectURI := u.Scheme + "://" + u.Host + u.Path
	_, err = e.TrueLayer.Client.Exchange(t.Context(), u.Query().Get("code"), redirectURI, "")
	if code, _ := flows.Describe(err); code != "invalid_grant" || !strings.Contains(err.Error(), "code_verifier") {
		t.Fatalf("exchanging the refused code now says %v; want only the PKCE refusal of an unused code", err)
	}
}

func TestSignupPlusListenerCatchesTheRedirect(t *testing.T) {
	e := newEnv(t)
	a := &scripted{onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
		u, err := e.signIn(ctx, p, "john1", "doe1", false)
		if err != nil {
			return nil, err
		}
		if err := browse(ctx, u); err != nil {
			return nil, err
		}
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	res, err := e.SignupPlus().Run(t.Context(), a)
	if err != nil || res.ConnectionID == "" {
		t.Fatalf("Run = %+v, %v", res, err)
	}
}

func TestSignupPlusListenerTimeout(t *testing.T) {
	e := newEnv(t)
	e.Common.CallbackTimeout = 50 * time.Millisecond
	a := &scripted{onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	_, err := e.SignupPlus().Run(t.Context(), a)
	if !errors.Is(err, oauthlink.ErrCallbackTimeout) {
		t.Fatalf("err = %v, want ErrCallbackTimeout", err)
	}
}

func TestSignupPlusCodeProblems(t *testing.T) {
	t.Run("reused code", func(t *testing.T) {
		e := newEnv(t)
		first := &scripted{username: "john1", password: "doe1"}
		var used string
		first.onLink = func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
			ans, err := p.SignIn(ctx, "john1", "doe1")
			u, _ := url.Parse(ans.Input)
			used = u.Query().Get("code")
			return ans, err
		}
		if _, err := e.SignupPlus().Run(t.Context(), first); err != nil {
			t.Fatal(err)
		}
		var failure flows.Failure
		second := &scripted{
			onLink: func(context.Context, flows.OpenAuthLink) (flows.Answer, error) {
				return flows.RedirectReceived{Input: used}, nil
			},
			onFailure: func(f flows.Failure) (flows.Answer, error) { failure = f; return nil, f.Err },
		}
		_, err := e.SignupPlus().Run(t.Context(), second)
		if code, _ := flows.Describe(err); code != "invalid_authorization_code" {
			t.Fatalf("err = %v, want invalid_authorization_code", err)
		}
		if failure.Retryable {
			t.Fatal("a used code was offered a retry; only going back (a new link) can help")
		}
	})
	t.Run("code older than five minutes", func(t *testing.T) {
		e := newEnv(t)
		a := &scripted{onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
			ans, err := p.SignIn(ctx, "john1", "doe1")
			e.Clock.Advance(6 * time.Minute)
			return ans, err
		}}
		_, err := e.SignupPlus().Run(t.Context(), a)
		if code, _ := flows.Describe(err); code != "invalid_authorization_code" {
			t.Fatalf("err = %v, want invalid_authorization_code", err)
		}
	})
	t.Run("wrong mock bank password", func(t *testing.T) {
		e := newEnv(t)
		a := &scripted{username: "john", password: "nope"}
		if _, err := e.SignupPlus().Run(t.Context(), a); err == nil || !strings.Contains(err.Error(), "john") {
			t.Fatalf("err = %v, want the mock bank's refusal naming the user", err)
		}
	})
}

func TestSignupPlusKeychainUnavailable(t *testing.T) {
	e := newEnv(t)
	e.Common.Store = &flakyStore{Store: e.Store, failures: 1}
	var failure flows.Failure
	a := &scripted{username: "john1", password: "doe1", onFailure: func(f flows.Failure) (flows.Answer, error) {
		failure = f
		return flows.Retry{}, nil // the user unlocked the keychain
	}}
	res, err := e.SignupPlus().Run(t.Context(), a)
	if err != nil {
		t.Fatalf("retry after unlocking failed: %v (the code must not be exchanged twice)", err)
	}
	if code, _ := flows.Describe(failure.Err); code != "keychain_unavailable" || !failure.Retryable {
		t.Fatalf("failure = %+v, want a retryable keychain_unavailable", failure)
	}
	if _, err := e.Tokens(t.Context(), res.ConnectionID); err != nil {
		t.Fatalf("tokens not stored after the retry: %v", err)
	}
}

func TestSignupPlusRedirectURIThatCannotBeCaught(t *testing.T) {
	e := newEnv(t)
	e.Common.RedirectURI = "https://app.example.com/truelayer/callback"
	var link flows.OpenAuthLink
	a := &scripted{onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
		link = p
		return p.SignIn(ctx, "john1", "doe1")
	}}
	if _, err := e.SignupPlus().Run(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	if link.Listening || link.RedirectURI != e.Common.RedirectURI || !strings.Contains(link.URL, url.QueryEscape(e.Common.RedirectURI)) {
		t.Fatalf("prompt = %+v; want no listener and the configured redirect URI in the link", link)
	}
}

func TestSignupPlusAuthLink(t *testing.T) {
	e := newEnv(t)
	var link flows.OpenAuthLink
	a := &scripted{onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
		link = p
		return p.SignIn(ctx, "john1", "doe1")
	}}
	if _, err := e.SignupPlus().Run(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(link.URL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	for param, want := range map[string]string{
		"response_type":         "code",
		"client_id":             e.SandboxClientID(),
		"redirect_uri":          link.RedirectURI,
		"providers":             "uk-cs-mock",
		"provider_id":           "mock",
		"code_challenge_method": "S256",
	} {
		if got := q.Get(param); got != want {
			t.Errorf("%s = %q, want %q", param, got, want)
		}
	}
	for _, scope := range []string{"signupplus", "offline_access", "info", "accounts"} {
		if !strings.Contains(" "+q.Get("scope")+" ", " "+scope+" ") {
			t.Errorf("scope %q lacks %s", q.Get("scope"), scope)
		}
	}
	for _, param := range []string{"state", "nonce", "code_challenge"} {
		if len(q.Get(param)) < 32 {
			t.Errorf("%s = %q, want a long random value", param, q.Get(param))
		}
	}
	if link.SignIn == nil || link.DefaultUsername != "john" || link.DefaultPassword != "doe" {
		t.Errorf("embedded prompt lacks the mock bank sign-in: %+v", link)
	}
}

func TestSignupPlusTranscriptHasNoSecrets(t *testing.T) {
	e := newEnv(t)
	var code string
	a := &scripted{
		onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
			ans, err := p.SignIn(ctx, "john", "doe")
			if u, perr := url.Parse(ans.Input); perr == nil {
				code = u.Query().Get("code")
			}
			return ans, err
		},
	}
	res, err := e.SignupPlus().Run(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	toks, err := e.Tokens(t.Context(), res.ConnectionID)
	if err != nil {
		t.Fatal(err)
	}
	secrets := map[string]string{
		"client secret": e.SandboxSecret(),
		"code":          code,
		"access token":  toks.AccessToken,
		"refresh token": toks.RefreshToken,
		"password":      "password=doe",
	}
	var seen strings.Builder
	exchanges := 0
	for _, ev := range a.events {
		if x, ok := ev.(flows.HTTPExchange); ok {
			exchanges++
			b, _ := json.Marshal(x.Entry)
			seen.Write(b)
		}
	}
	out, _ := json.Marshal(res)
	seen.Write(out)
	if exchanges < 6 {
		t.Fatalf("only %d HTTP exchanges recorded: the transcript misses calls", exchanges)
	}
	for name, secret := range secrets {
		if secret == "" {
			t.Fatalf("test setup: no %s captured", name)
		}
		if strings.Contains(seen.String(), secret) {
			t.Errorf("the %s appears in the transcript or the result", name)
		}
	}
}

func TestSignupPlusFinishesAParkedLinkInALaterRun(t *testing.T) {
	e := newEnv(t)
	e.Common.RedirectURI = "https://app.example.com/callback" // nothing can listen for it

	// The first run shows the link, parks it and ends, as the headless twin does.
	var shown flows.OpenAuthLink
	first := &scripted{onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
		shown = p
		if err := p.Park(ctx); err != nil {
			return nil, err
		}
		return nil, &flows.MissingAnswerError{Question: "cannot catch the redirect", Flag: "--redirect-url"}
	}}
	if _, err := e.SignupPlus().Run(t.Context(), first); err == nil {
		t.Fatal("the first run finished without a redirect")
	}

	// The person opens the link in a browser and lands on the redirect URI.
	landed, err := e.signIn(t.Context(), shown, "john1", "doe1", false)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name        string
		input       string
		wantErr     string
		stillParked bool
	}{
		{name: "another state is refused", input: strings.Replace(landed, "state=", "state=x", 1), wantErr: "state_mismatch", stillParked: true},
		{name: "the landed URL finishes it", input: landed},
		{name: "the link can be finished once", input: landed, wantErr: "no_pending_link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.stillParked {
				defer func() {
					if _, err := e.Store.Get(t.Context(), "pending/truelayer/signup-plus/embedded"); err != nil {
						t.Errorf("a refused redirect lost the parked link: %v", err)
					}
				}()
			}
			later := &scripted{onLink: func(context.Context, flows.OpenAuthLink) (flows.Answer, error) {
				return flows.RedirectReceived{Input: tt.input, Earlier: true}, nil
			}}
			res, err := e.SignupPlus().Run(t.Context(), later)
			if tt.wantErr != "" {
				if code, _ := flows.Describe(err); code != tt.wantErr {
					t.Fatalf("err = %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil || identityOf(t, res)["first_name"] != "John" {
				t.Fatalf("Run = %+v, %v", res, err)
			}
		})
	}
}

// checking is a scripted Asker that was given a bank (and maybe an account) in advance, as
// headless flags give them: it checks the questions the journey answers itself when one bank
// is offered or one account linked.
type checking struct {
	*scripted
	bank    string
	account string
	checked []flows.Prompt
}

var (
	errNotOffered = errors.New("bank not offered")
	errNotLinked  = errors.New("account not linked")
)

func (c *checking) CheckUnasked(p flows.Prompt) error {
	c.checked = append(c.checked, p)
	if b, ok := p.(flows.ChooseBank); ok && (len(b.Banks) != 1 || b.Banks[0].ID != c.bank) {
		return errNotOffered
	}
	if a, ok := p.(flows.ChooseAccount); ok && c.account != "" && !slices.ContainsFunc(a.Accounts, func(x flows.Account) bool { return x.ID == c.account }) {
		return errNotLinked
	}
	return nil
}

// checkedCount is how many prompts of type P were checked.
func checkedCount[P flows.Prompt](c *checking) int {
	n := 0
	for _, p := range c.checked {
		if _, ok := p.(P); ok {
			n++
		}
	}
	return n
}

func TestSignupPlusShowsTheOneBankToAnAskerThatChecks(t *testing.T) {
	e := newEnv(t)
	t.Run("the bank given is the one offered", func(t *testing.T) {
		a := &checking{scripted: &scripted{username: "john1", password: "doe1"}, bank: "mock"}
		if _, err := e.SignupPlus().Run(t.Context(), a); err != nil {
			t.Fatal(err)
		}
		if checkedCount[flows.ChooseBank](a) != 1 || count[flows.ChooseBank](a.scripted) != 0 {
			t.Fatalf("checked %v, asked %d bank questions; want the one-bank question checked, not asked", a.checked, count[flows.ChooseBank](a.scripted))
		}
	})
	t.Run("another bank fails before the sign-in", func(t *testing.T) {
		a := &checking{scripted: &scripted{username: "john1", password: "doe1"}, bank: "ob-nope"}
		if _, err := e.SignupPlus().Run(t.Context(), a); !errors.Is(err, errNotOffered) {
			t.Fatalf("err = %v, want the check's error", err)
		}
		if n := count[flows.OpenAuthLink](a.scripted); n != 0 {
			t.Fatalf("the auth link was shown %d times after a refused bank", n)
		}
	})
}

// TestSignupPlusShowsTheOneAccountToAnAskerThatChecks: with one account linked, Signup+ names
// no account id, so the journey reads the id from the data API only for an asker given an
// account in advance, and shows it the account with the connection that is kept.
func TestSignupPlusShowsTheOneAccountToAnAskerThatChecks(t *testing.T) {
	e := newEnv(t)
	accountsRead := func(a *checking) int {
		n := 0
		for _, p := range a.checked {
			if acc, ok := p.(flows.ChooseAccount); ok && len(acc.Accounts) > 0 {
				n++
			}
		}
		return n
	}
	t.Run("no account given: nothing more is read", func(t *testing.T) {
		a := &checking{scripted: &scripted{username: "john1", password: "doe1"}, bank: "mock"}
		res, err := e.SignupPlus().Run(t.Context(), a)
		if err != nil || res.AccountID != "" || accountsRead(a) != 0 {
			t.Fatalf("Run = %+v, %v; checked %v", res, err, a.checked)
		}
	})
	var id string
	t.Run("another account fails, the connection kept", func(t *testing.T) {
		a := &checking{scripted: &scripted{username: "john1", password: "doe1"}, bank: "mock", account: "acc-bogus"}
		_, err := e.SignupPlus().Run(t.Context(), a)
		if !errors.Is(err, errNotLinked) || accountsRead(a) != 1 {
			t.Fatalf("err = %v, checked %v; want the check's error after the accounts were read", err, a.checked)
		}
		last := a.checked[len(a.checked)-1].(flows.ChooseAccount)
		if len(last.Accounts) != 1 || last.Connection == "" || count[flows.ChooseAccount](a.scripted) != 0 {
			t.Fatalf("checked %+v, asked %d account questions", last, count[flows.ChooseAccount](a.scripted))
		}
		id = last.Accounts[0].ID
	})
	t.Run("the linked account's id passes", func(t *testing.T) {
		a := &checking{scripted: &scripted{username: "john1", password: "doe1"}, bank: "mock", account: id}
		res, err := e.SignupPlus().Run(t.Context(), a)
		if err != nil || res.AccountID != id {
			t.Fatalf("Run = %+v, %v; want account %s", res, err, id)
		}
	})
}

func TestStrayRequestsAtTheListenerAreToldAndIgnored(t *testing.T) {
	e := newEnv(t)
	a := &scripted{onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
		if err := browse(ctx, p.RedirectURI); err != nil { // no parameters: refused, still waiting
			return nil, err
		}
		landed, err := e.signIn(ctx, p, "john1", "doe1", false)
		if err != nil {
			return nil, err
		}
		if err := browse(ctx, landed); err != nil { // the right redirect ends the wait
			return nil, err
		}
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	res, err := e.SignupPlus().Run(t.Context(), a)
	if err != nil || res.ConnectionID == "" {
		t.Fatalf("Run = %+v, %v", res, err)
	}
	told := false
	for _, ev := range a.events {
		if w, ok := ev.(flows.Warning); ok && strings.Contains(w.Message, "refused") {
			told = true
		}
	}
	if !told {
		t.Error("the refused stray request was not told to the front-end")
	}
}
