package oauthlink_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows/oauthlink"
	"github.com/linkstep/linkstep/keychain"
)

// linkTo builds an auth link that carries the params, as a provider's client would.
func linkTo(p oauthlink.Params) string {
	return "https://bank.example/auth?" + url.Values{"redirect_uri": {p.RedirectURI}, "state": {p.State}, "nonce": {p.Nonce}}.Encode()
}

// paramsOf reads the params back from a link made by linkTo.
func paramsOf(t *testing.T, link string) url.Values {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

func TestAuthoriseCatchesTheRedirectOnTheLoopback(t *testing.T) {
	f := oauthlink.Flow{Timeout: 10 * time.Second}
	show := func(ctx context.Context, l oauthlink.Link) (oauthlink.Reply, error) {
		if !l.Listening || l.Expires.IsZero() || !strings.HasPrefix(l.RedirectURI, "http://127.0.0.1:") || l.SelfSigned {
			t.Errorf("link = %+v, want a loopback listener", l)
		}
		q := paramsOf(t, l.URL)
		go func() { // the browser follows the bank's redirect
			if resp, err := noRedirects.Get(q.Get("redirect_uri") + "?code=the-code&state=" + url.QueryEscape(q.Get("state"))); err == nil {
				resp.Body.Close()
			}
		}()
		<-ctx.Done() // the listener answers first and withdraws the link
		return oauthlink.Reply{}, ctx.Err()
	}
	auth, err := f.Authorise(t.Context(), linkTo, show)
	if err != nil || auth.Code != "the-code" || auth.Verifier == "" || auth.Nonce == "" || auth.Bare || auth.Earlier {
		t.Fatalf("Authorise = %+v, %v", auth, err)
	}
}

func TestAuthoriseTellsOfRefusedRequestsAndKeepsWaiting(t *testing.T) {
	refusals := &told{}
	f := oauthlink.Flow{Timeout: 10 * time.Second, OnRefused: refusals.add}
	show := func(ctx context.Context, l oauthlink.Link) (oauthlink.Reply, error) {
		q := paramsOf(t, l.URL)
		go func() {
			for _, stray := range []string{"", "?code=the-code&state=forged"} { // a person opening the URI; a forgery
				if resp, err := noRedirects.Get(q.Get("redirect_uri") + stray); err == nil {
					resp.Body.Close()
				}
			}
			if resp, err := noRedirects.Get(q.Get("redirect_uri") + "?code=the-code&state=" + url.QueryEscape(q.Get("state"))); err == nil {
				resp.Body.Close()
			}
		}()
		<-ctx.Done()
		return oauthlink.Reply{}, ctx.Err()
	}
	auth, err := f.Authorise(t.Context(), linkTo, show)
	if err != nil || auth.Code != "the-code" {
		t.Fatalf("Authorise = %+v, %v", auth, err)
	}
	if got := refusals.all(); len(got) != 2 || !strings.Contains(got[0], "1 of 10") || !strings.Contains(got[1], "another state") {
		t.Fatalf("OnRefused was told %q, want both refusals counted", got)
	}
}

func TestAuthoriseTimesOut(t *testing.T) {
	f := oauthlink.Flow{Timeout: 50 * time.Millisecond}
	show := func(ctx context.Context, _ oauthlink.Link) (oauthlink.Reply, error) {
		<-ctx.Done()
		return oauthlink.Reply{}, ctx.Err()
	}
	if _, err := f.Authorise(t.Context(), linkTo, show); !errors.Is(err, oauthlink.ErrCallbackTimeout) {
		t.Fatalf("Authorise = %v, want ErrCallbackTimeout", err)
	}
}

func TestParkedLinkFinishesInALaterRun(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	store := keychain.NewMemory()
	f := oauthlink.Flow{
		RedirectURI: "https://app.example.com/cb", // nothing can listen for it
		Now:         func() time.Time { return now },
		Parking:     store,
		ParkKey:     oauthlink.ParkKey("acme/journey", "sandbox"),
	}
	var landed string
	first := func(ctx context.Context, l oauthlink.Link) (oauthlink.Reply, error) {
		if l.Listening {
			t.Error("listening for a non-loopback redirect URI")
		}
		if err := l.Park(ctx); err != nil {
			t.Fatal(err)
		}
		landed = l.RedirectURI + "?code=later-code&state=" + url.QueryEscape(paramsOf(t, l.URL).Get("state"))
		return oauthlink.Reply{}, errors.New("cannot catch the redirect")
	}
	if _, err := f.Authorise(t.Context(), linkTo, first); err == nil {
		t.Fatal("the first run finished without a redirect")
	}
	later := func(input string) oauthlink.ShowFunc {
		return func(context.Context, oauthlink.Link) (oauthlink.Reply, error) {
			return oauthlink.Reply{Input: input, Earlier: true}, nil
		}
	}

	forged := strings.Replace(landed, "state=", "state=x", 1)
	if _, err := f.Authorise(t.Context(), linkTo, later(forged)); !errors.Is(err, oauthlink.ErrStateMismatch) {
		t.Fatalf("forged state = %v, want ErrStateMismatch", err)
	}
	auth, err := f.Authorise(t.Context(), linkTo, later(landed))
	if err != nil || auth.Code != "later-code" || !auth.Earlier || auth.RedirectURI != "https://app.example.com/cb" || auth.Verifier == "" {
		t.Fatalf("finishing the parked link = %+v, %v", auth, err)
	}
	if _, err := f.Authorise(t.Context(), linkTo, later(landed)); !errors.Is(err, oauthlink.ErrNothingParked) {
		t.Fatalf("finishing it twice = %v, want ErrNothingParked", err)
	}

	if _, err := f.Authorise(t.Context(), linkTo, first); err == nil {
		t.Fatal("the run finished without a redirect")
	}
	now = now.Add(oauthlink.ParkedLinkLifetime + time.Minute)
	if _, err := f.Authorise(t.Context(), linkTo, later(landed)); !errors.Is(err, oauthlink.ErrParkedLinkExpired) {
		t.Fatalf("an hour later = %v, want ErrParkedLinkExpired", err)
	}
}

func TestCodesAreConstantSentinels(t *testing.T) {
	err := error(&oauthlink.Error{Code: oauthlink.ErrStateMismatch, Description: "d"})
	if !errors.Is(err, oauthlink.ErrStateMismatch) || errors.Is(err, oauthlink.ErrNoCode) {
		t.Fatalf("errors.Is does not match by code: %v", err)
	}
	if code, desc := describe(err); code != "state_mismatch" || desc != "d" {
		t.Fatalf("describe = %q %q", code, desc)
	}
}
