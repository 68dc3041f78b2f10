package flows_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/keychain"
)

// connect makes a Signup+ connection as username/password and returns its id.
func connect(t *testing.T, e *env, username, password string) string {
	t.Helper()
	res, err := e.SignupPlus().Run(t.Context(), &scripted{username: username, password: password})
	if err != nil {
		t.Fatalf("signup+ as %s: %v", username, err)
	}
	return res.ConnectionID
}

// reconfirmAs answers the reconfirmation of consent.
func reconfirmAs(name, email, phone string, confirmed bool) func(flows.ReconfirmConsent) (flows.Answer, error) {
	return func(flows.ReconfirmConsent) (flows.Answer, error) {
		return flows.ConsentReconfirmed{Name: name, Email: email, Phone: phone, Confirmed: confirmed}, nil
	}
}

// pick answers ChooseConnection with id.
func pick(id string) func(flows.ChooseConnection) (flows.Answer, error) {
	return func(flows.ChooseConnection) (flows.Answer, error) { return flows.ConnectionChoice{ID: id}, nil }
}

func TestExtendNoActionNeeded(t *testing.T) {
	e := newEnv(t)
	id := connect(t, e, "john", "eternal")
	before, _ := e.Tokens(t.Context(), id)
	e.Clock.Advance(80 * 24 * time.Hour)
	a := &scripted{onConnection: pick(id), onReconfirm: reconfirmAs("John Eternal", "john@example.com", "", true)}
	res, err := flows.NewExtend(e.Common, e.TrueLayer).Run(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	if res.Facts["action_needed"] != "no_action_needed" || res.ConnectionID != id || count[flows.OpenAuthLink](a) != 0 {
		t.Fatalf("result = %+v", res)
	}
	if left := res.ConsentExpiresAt.Sub(e.Clock.Now()); left < 89*24*time.Hour {
		t.Fatalf("consent left after extend: %v, want 90 days", left)
	}
	after, _ := e.Tokens(t.Context(), id)
	if after.AccessToken == before.AccessToken || after.RefreshToken != before.RefreshToken {
		t.Fatal("extend must store a new access token and keep the refresh token used")
	}
	conns, _ := e.Index.List()
	if len(conns) != 1 || !conns[0].ConsentExpiresAt.Equal(res.ConsentExpiresAt) {
		t.Fatalf("index = %+v", conns)
	}
}

// TestExtendReconfirmsWhatTheScopesGrant: the reconfirmation lists what a Signup+ connection's
// scopes (info accounts balance offline_access signupplus) share, and no transactions.
func TestExtendReconfirmsWhatTheScopesGrant(t *testing.T) {
	e := newEnv(t)
	id := connect(t, e, "john", "eternal")
	var shown flows.ReconfirmConsent
	a := &scripted{onConnection: pick(id), onReconfirm: func(p flows.ReconfirmConsent) (flows.Answer, error) {
		shown = p
		return reconfirmAs("John Eternal", "john@example.com", "", true)(p)
	}}
	if _, err := flows.NewExtend(e.Common, e.TrueLayer).Run(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Your full name, date of birth and address, as your bank holds them",
		"Your accounts: names, numbers, sort codes and IBANs",
		"Your balances",
	}
	if !slices.Equal(shown.Shares, want) {
		t.Fatalf("reconfirmation shares %q, want %q", shown.Shares, want)
	}
}

func TestExtendAuthenticationNeeded(t *testing.T) {
	e := newEnv(t)
	id := connect(t, e, "john1", "doe1")
	var link flows.OpenAuthLink
	a := &scripted{
		onConnection: pick(id), onReconfirm: reconfirmAs("John Doe", "", "+447700900123", true),
		onLink: func(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
			link = p
			return p.SignIn(ctx, "john1", "doe1")
		},
	}
	res, err := flows.NewExtend(e.Common, e.TrueLayer).Run(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	if res.Facts["action_needed"] != "authentication_needed" || res.ConnectionID != id || link.URL == "" {
		t.Fatalf("result = %+v, link %q", res, link.URL)
	}
	warned := false
	for _, ev := range a.events {
		if w, ok := ev.(flows.Warning); ok && strings.Contains(w.Message, "could not be checked") {
			warned = true
		}
	}
	if !warned {
		t.Error("a link made without linkstep's state must be said to be unchecked")
	}
}

func TestExtendRefusesBeforeAnyCall(t *testing.T) {
	tests := []struct {
		name   string
		answer func(flows.ReconfirmConsent) (flows.Answer, error)
		want   string
	}{
		{name: "not confirmed", answer: reconfirmAs("John Doe", "j@example.com", "", false), want: "not_reconfirmed"},
		{name: "no contact", answer: reconfirmAs("John Doe", "", "", true), want: "validation_error"},
		{name: "one name", answer: reconfirmAs("John", "j@example.com", "", true), want: "validation_error"},
		{name: "bad email", answer: reconfirmAs("John Doe", "john", "", true), want: "validation_error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			id := connect(t, e, "john", "eternal")
			calls := 0
			e.Common.Store = countingStore{Store: e.Store, n: &calls}
			a := &scripted{onConnection: pick(id), onReconfirm: tt.answer}
			_, err := flows.NewExtend(e.Common, e.TrueLayer).Run(t.Context(), a)
			if code, _ := flows.Describe(err); code != tt.want {
				t.Fatalf("err = %v, want %s", err, tt.want)
			}
			if calls != 0 {
				t.Fatalf("%d tokens were written although the user did not reconfirm properly", calls)
			}
		})
	}
}

func TestReauthKeepsCredentialsAndRefreshToken(t *testing.T) {
	e := newEnv(t)
	id := connect(t, e, "john1", "doe1")
	before, _ := e.Tokens(t.Context(), id)
	e.Clock.Advance(100 * 24 * time.Hour) // lapsed, within the re-auth window
	a := &scripted{onConnection: pick(id), username: "john1", password: "doe1"}
	res, err := flows.NewReauth(e.Common, e.TrueLayer).Run(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	if res.ConnectionID != id || res.Facts["credentials_id_unchanged"] != true || res.Facts["refresh_token_unchanged"] != true {
		t.Fatalf("result = %+v", res)
	}
	after, _ := e.Tokens(t.Context(), id)
	if after.RefreshToken != before.RefreshToken || after.AccessToken == before.AccessToken {
		t.Fatal("re-auth must keep the refresh token and store a new access token")
	}
	if left := res.ConsentExpiresAt.Sub(e.Clock.Now()); left < 89*24*time.Hour {
		t.Fatalf("consent left after re-auth: %v", left)
	}
}

func TestReauthExplainsWhatCannotWork(t *testing.T) {
	t.Run("past the window", func(t *testing.T) {
		e := newEnv(t)
		id := connect(t, e, "john1", "doe1")
		e.Clock.Advance(181 * 24 * time.Hour)
		_, err := flows.NewReauth(e.Common, e.TrueLayer).Run(t.Context(), &scripted{onConnection: pick(id), username: "john1", password: "doe1"})
		if code, desc := flows.Describe(err); code != "past_reauth_window" || !strings.Contains(desc, flows.SignupPlusID) {
			t.Fatalf("err = %s: %s", code, desc)
		}
	})
	t.Run("another redirect URI", func(t *testing.T) {
		e := newEnv(t)
		id := connect(t, e, "john1", "doe1")
		conns, _ := e.Index.List()
		conns[0].Details["redirect_uri"] = "http://127.0.0.1:1/elsewhere"
		_ = e.Index.Upsert(conns[0])
		_, err := flows.NewReauth(e.Common, e.TrueLayer).Run(t.Context(), &scripted{onConnection: pick(id), username: "john1", password: "doe1"})
		if code, desc := flows.Describe(err); code != "invalid_redirect_uri" || !strings.Contains(desc, "made with") {
			t.Fatalf("err = %s: %s", code, desc)
		}
	})
}

func TestConnectionsLifecycle(t *testing.T) {
	e := newEnv(t)
	m := flows.NewConnections(e.Parts)
	if empty, err := m.Empty(); !empty || err != nil {
		t.Fatalf("Empty() before any connection = %v, %v", empty, err)
	}
	id := connect(t, e, "john", "doe")
	if empty, err := m.Empty(); empty || err != nil {
		t.Fatalf("Empty() with a connection = %v, %v", empty, err)
	}
	if s, err := m.Show(t.Context(), id); err != nil || s.Bank != "mock" || s.BankName() != "Mock" {
		t.Fatalf("bank %q named %q (%v), want the id mock named Mock", s.Bank, s.BankName(), err)
	}
	states := []struct {
		age  time.Duration
		want flows.ConsentState
		note string
	}{
		{0, flows.ConsentFresh, "expires in 90 days"},
		{85 * 24 * time.Hour, flows.ConsentExpiringSoon, "expires in 5 days"},
		{10 * 24 * time.Hour, flows.ConsentExpired, "expired 5 days ago"},
		{90 * 24 * time.Hour, flows.ConsentPastWindow, "past the 90-day re-auth window"},
	}
	for _, st := range states {
		e.Clock.Advance(st.age)
		s, err := m.Show(t.Context(), id)
		if err != nil || s.Consent != st.want || !strings.Contains(s.Note, st.note) {
			t.Fatalf("after +%v: %v %q (%v), want %v %q", st.age, s.Consent, s.Note, err, st.want, st.note)
		}
	}
}

func TestConnectionsRefreshViewForget(t *testing.T) {
	e := newEnv(t)
	id := connect(t, e, "john", "doe")
	m := flows.NewConnections(e.Parts)
	before, _ := e.Tokens(t.Context(), id)
	if _, err := m.Refresh(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	after, _ := e.Tokens(t.Context(), id)
	if after.RefreshToken == before.RefreshToken || after.AccessToken == before.AccessToken {
		t.Fatal("refresh did not rotate and store the tokens")
	}
	if _, err := e.TrueLayer.Client.Refresh(t.Context(), before.RefreshToken); err == nil {
		t.Fatal("the old refresh token still works after the rotation")
	}
	v, err := m.View(t.Context(), id)
	if err != nil || len(v.Accounts) != 3 || v.Accounts[0].Balance == "" {
		t.Fatalf("view = %+v, %v", v, err)
	}
	revoked, err := m.Forget(t.Context(), id)
	if err != nil || !revoked {
		t.Fatalf("Forget = %v, %v", revoked, err)
	}
	if _, err := e.Tokens(t.Context(), id); !errors.Is(err, keychain.ErrNotFound) {
		t.Fatalf("tokens after forget: %v", err)
	}
	if list, _ := m.List(t.Context()); len(list) != 0 {
		t.Fatalf("list after forget = %+v", list)
	}
	if _, err := e.TrueLayer.Client.Refresh(t.Context(), after.RefreshToken); err == nil {
		t.Fatal("the provider still honours the forgotten connection's refresh token")
	}
	if _, err := m.Show(t.Context(), id); !errors.Is(err, flows.ErrNoConnection) {
		t.Fatalf("Show a forgotten connection = %v", err)
	}
}

// countingStore counts writes.
type countingStore struct {
	keychain.Store
	n *int
}

func (s countingStore) Set(ctx context.Context, key, value string) error {
	*s.n++
	return s.Store.Set(ctx, key, value)
}

// TestAccessExpiryFollowsTheDemoClock: with the clock moved, a token issued now expires about
// an hour after the moved now, in the index and the summary alike, after a refresh too; the
// refresh itself still works (x/oauth2 is handed real times).
func TestAccessExpiryFollowsTheDemoClock(t *testing.T) {
	e := newEnv(t)
	e.Clock.Advance(60 * 24 * time.Hour)
	id := connect(t, e, "john", "doe")
	m := flows.NewConnections(e.Parts)
	inAnHour := func(what string) {
		t.Helper()
		s, err := m.Show(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		if left := s.AccessExpiry.Sub(e.Clock.Now()); left < 50*time.Minute || left > 70*time.Minute {
			t.Fatalf("%s: the access token expires %s from the moved clock's now, want about an hour", what, left)
		}
	}
	inAnHour("after connecting")
	if _, err := m.Refresh(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	inAnHour("after a refresh")
	if v, err := m.View(t.Context(), id); err != nil || len(v.Accounts) == 0 {
		t.Fatalf("view with a fresh token under the moved clock = %+v, %v", v, err)
	}
}

// TestIndexStampFollowsTheIndex changes the stamp when a connection is stored or forgotten,
// and only then, so a front-end can tell cheaply when to list again.
func TestIndexStampFollowsTheIndex(t *testing.T) {
	e := newEnv(t)
	m := flows.NewConnections(e.Parts)
	empty := m.IndexStamp()
	id := connect(t, e, "john1", "doe1")
	stored := m.IndexStamp()
	if stored == empty || stored == "" {
		t.Fatalf("stamp %q after storing a connection, %q before", stored, empty)
	}
	if again := m.IndexStamp(); again != stored {
		t.Fatalf("stamp moved from %q to %q with nothing stored", stored, again)
	}
	if _, err := m.Forget(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	if m.IndexStamp() == stored {
		t.Fatal("the stamp did not change when the connection was forgotten")
	}
}
