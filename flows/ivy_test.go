package flows_test

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/flowstest"
	"github.com/linkstep/linkstep/keychain"
)

// describe answers DescribeUser with the user and the prompt's defaults.
func describe(u flows.ExternalUser) func(flows.DescribeUser) (flows.Answer, error) {
	return func(p flows.DescribeUser) (flows.Answer, error) {
		if u.Email == "" && u.Phone == "" && u.ReferenceID == "" {
			u = p.Prefill
		}
		return flows.UserDescribed{User: u}, nil
	}
}

func identify(kind flows.IdentifierKind, value string) func(flows.IdentifyUser) (flows.Answer, error) {
	return func(flows.IdentifyUser) (flows.Answer, error) {
		return flows.UserIdentified{Kind: kind, Value: value}, nil
	}
}

func dataSession(t *testing.T, e *flowstest.Embedded, email, username, password string) flows.Result {
	t.Helper()
	a := &scripted{username: username, password: password, onDescribe: describe(flows.ExternalUser{Email: email, Metadata: map[string]string{"plan": "gold"}}),
		onAccount: func(p flows.ChooseAccount) (flows.Answer, error) {
			return flows.AccountChoice{ID: p.Accounts[1].ID}, nil
		}}
	res, err := flows.NewIvyDataSession(e.Common, e.Ivy).Run(t.Context(), a)
	if err != nil {
		t.Fatalf("data session: %v", err)
	}
	verified := false
	for _, ev := range a.events {
		if p, ok := ev.(flows.Progress); ok && strings.Contains(p.Message, "signature verified") {
			verified = true
		}
	}
	if !verified {
		t.Error("the signed result webhook did not reach the journey")
	}
	return res
}

func TestIvyDataSession(t *testing.T) {
	e := newEnv(t)
	res := dataSession(t, e.Embedded, "jane@example.com", "john", "doe")
	var accounts struct {
		Accounts []struct{ ID string }
	}
	if err := json.Unmarshal(res.Payload["accounts"], &accounts); err != nil || len(accounts.Accounts) != 3 || res.AccountID != accounts.Accounts[1].ID {
		t.Fatalf("accounts = %s, chosen %s (%v)", res.Payload["accounts"], res.AccountID, err)
	}
	if fieldValue(res.Fields, "Name") == "" || fieldValue(res.Fields, "IBAN") == "" || fieldValue(res.Fields, "Balance") == "" {
		t.Errorf("fields = %+v, want identity, IBAN and balance", res.Fields)
	}
	conns, _ := e.Index.List()
	if len(conns) != 1 || conns[0].Provider != "ivy" || conns[0].ID != res.ConnectionID || conns[0].Details["external_user"] != "email jane@example.com" || conns[0].Details["market"] != "DE" {
		t.Fatalf("index = %+v", conns)
	}
}

func TestIvyDataSessionFailures(t *testing.T) {
	tests := []struct {
		name    string
		onLink  func(context.Context, flows.OpenAuthLink) (flows.Answer, error)
		want    string
		wantMsg string
	}{
		{name: "an error user ends on the error callback, with Ivy's code", want: "internal_error", wantMsg: "error callback",
			onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
				return p.SignIn(ctx, "error.internal_error", "error")
			}},
		{name: "a forged callback state", want: "state_mismatch",
			onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
				ans, err := p.SignIn(ctx, "john", "doe")
				if err != nil {
					return nil, err
				}
				return flows.RedirectReceived{Input: strings.Replace(ans.Input, "state=", "state=forged", 1)}, nil
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			a := &scripted{onDescribe: describe(flows.ExternalUser{Email: "jane@example.com"}), onLink: tt.onLink}
			_, err := flows.NewIvyDataSession(e.Common, e.Ivy).Run(t.Context(), a)
			if code, desc := flows.Describe(err); code != tt.want || !strings.Contains(desc, tt.wantMsg) {
				t.Fatalf("err = %s: %s", code, desc)
			}
		})
	}
}

// TestIvyPastedCallbackCheckedInPlace: the hosted flow's CheckPaste refuses another session's
// callback (another state, or none) and what is not its callback, and lets the session's own
// through: pasted, it finishes the run on the same link.
func TestIvyPastedCallbackCheckedInPlace(t *testing.T) {
	e := newEnv(t)
	a := &scripted{onDescribe: describe(flows.ExternalUser{Email: "jane@example.com"}), onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
		ans, err := p.SignIn(ctx, "john", "doe")
		if err != nil {
			return nil, err
		}
		landed, _ := url.Parse(ans.Input)
		noState := *landed
		q := noState.Query()
		q.Del("state")
		noState.RawQuery = q.Encode()
		elsewhere := *landed
		elsewhere.Path += "/else"
		for paste, want := range map[string]string{
			strings.Replace(ans.Input, "state=", "state=forged", 1): "state_mismatch",
			noState.String():   "state_mismatch",
			elsewhere.String(): "invalid_redirect",
		} {
			if code, desc := flows.Describe(p.CheckPaste(paste)); code != want {
				t.Errorf("CheckPaste(%s) = %s: %s, want %s", paste, code, desc, want)
			}
		}
		if err := p.CheckPaste(ans.Input); err != nil {
			t.Errorf("CheckPaste refuses the session's own callback: %v", err)
		}
		return ans, nil
	}}
	if _, err := flows.NewIvyDataSession(e.Common, e.Ivy).Run(t.Context(), a); err != nil {
		t.Fatalf("err = %v, want the session's own callback to finish the run", err)
	}
}

// TestIvyDataSessionAskedAgainIsNoReturningUser: going back from the link to the user form
// fills in the last answer, and the question is still the first session's, not a returning
// user's.
func TestIvyDataSessionAskedAgainIsNoReturningUser(t *testing.T) {
	e := newEnv(t)
	var asked []flows.DescribeUser
	links := 0
	a := &scripted{
		onDescribe: func(p flows.DescribeUser) (flows.Answer, error) {
			asked = append(asked, p)
			return describe(flows.ExternalUser{Email: "jane@example.com"})(p)
		},
		onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
			if links++; links == 1 {
				return nil, flows.ErrBack
			}
			return p.SignIn(ctx, "john", "doe")
		},
	}
	if _, err := flows.NewIvyDataSession(e.Common, e.Ivy).Run(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	if len(asked) != 2 || asked[1].Prefill.Email != "jane@example.com" {
		t.Fatalf("asked %+v, want the user form twice, the last answer filled in the second time", asked)
	}
	if asked[0].Returning || asked[1].Returning {
		t.Fatalf("the data session's user form says it is for a returning user: %+v", asked)
	}
}

// TestIvyAccountsReadCounted: the count of accounts read is in the singular for one.
func TestIvyAccountsReadCounted(t *testing.T) {
	tests := []struct{ username, password, want string }{
		{"john1", "doe1", "1 account read"},
		{"john", "doe", "3 accounts read"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			e := newEnv(t)
			a := &scripted{username: tt.username, password: tt.password, onDescribe: describe(flows.ExternalUser{Email: "jane@example.com"}),
				onAccount: func(p flows.ChooseAccount) (flows.Answer, error) {
					return flows.AccountChoice{ID: p.Accounts[0].ID}, nil
				}}
			if _, err := flows.NewIvyDataSession(e.Common, e.Ivy).Run(t.Context(), a); err != nil {
				t.Fatal(err)
			}
			var read []string
			for _, ev := range a.events {
				if p, ok := ev.(flows.Progress); ok && strings.HasSuffix(p.Message, " read") {
					read = append(read, p.Message)
				}
			}
			if !slices.Equal(read, []string{tt.want}) {
				t.Fatalf("told %q, want %q", read, tt.want)
			}
		})
	}
}

func TestIvyReturningUserInALaterProcess(t *testing.T) {
	dir, store := t.TempDir(), keychain.NewMemory()
	earlier := flowstest.NewEmbeddedIn(t, dir, store)
	made := dataSession(t, earlier, "jane@example.com", "john", "doe")
	if err := earlier.Close(); err != nil {
		t.Fatal(err)
	}

	later := flowstest.NewEmbeddedIn(t, dir, store)
	a := &scripted{onIdentify: identify(flows.ByEmail, "jane@example.com")}
	res, err := flows.NewIvyReturningUser(later.Common, later.Ivy).Run(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	if count[flows.OpenAuthLink](a) != 0 {
		t.Fatal("a returning user was sent to the bank again")
	}
	offered, _ := first[flows.ChooseAccount](a)
	if len(offered.Accounts) != 3 || res.ConnectionID != made.ConnectionID || !strings.HasPrefix(res.AccountID, "DE") {
		t.Fatalf("offered %d accounts, result %+v", len(offered.Accounts), res)
	}
	var body struct {
		DataSessions []map[string]any `json:"dataSessions"`
	}
	if err := json.Unmarshal(res.Payload["sessions"], &body); err != nil || len(body.DataSessions) != 1 {
		t.Fatalf("sessions payload = %s", res.Payload["sessions"])
	}
}

func TestIvyReturningUserWithoutSessionsStartsOne(t *testing.T) {
	e := newEnv(t)
	a := &scripted{username: "john1", password: "doe1", onIdentify: identify(flows.ByReferenceID, "user-42"), onDescribe: describe(flows.ExternalUser{})}
	res, err := flows.NewIvyReturningUser(e.Common, e.Ivy).Run(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := first[flows.DescribeUser](a)
	if count[flows.OfferDataSession](a) != 1 || p.Prefill.ReferenceID != "user-42" || !p.Returning || res.Journey != flows.IvyDataSessionID {
		t.Fatalf("offer %d, prefill %+v, result %+v", count[flows.OfferDataSession](a), p.Prefill, res)
	}
}
