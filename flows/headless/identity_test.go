package headless_test

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/headless"
)

func TestChooseScopes(t *testing.T) {
	p := flows.ChooseScopes{Provider: "OneID", Scopes: []flows.Scope{
		{Name: "openid", Required: true}, {Name: "profile", Default: true}, {Name: "fraud"},
	}, Products: []string{"product:id_assure", "product:age_check"}, Product: "product:id_assure"}
	tests := []struct {
		name    string
		answers headless.Answers
		want    flows.ScopesChosen
	}{
		{name: "defaults", want: flows.ScopesChosen{Scopes: []string{"openid", "profile"}, Product: "product:id_assure"}},
		{name: "--scopes and --product", answers: headless.Answers{Scopes: []string{"fraud"}, Product: "product:age_check"}, want: flows.ScopesChosen{Scopes: []string{"fraud"}, Product: "product:age_check"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ans, err := headless.New(tt.answers, io.Discard, false).Ask(t.Context(), p)
			got, ok := ans.(flows.ScopesChosen)
			if err != nil || !ok || !slices.Equal(got.Scopes, tt.want.Scopes) || got.Product != tt.want.Product {
				t.Fatalf("Ask = %#v, %v; want %#v", ans, err, tt.want)
			}
		})
	}
}

// TestProductNeedsAProviderWithProducts refuses --product for a provider with no product
// scopes, rather than print it as asked for and leave it out of the auth link.
func TestProductNeedsAProviderWithProducts(t *testing.T) {
	p := flows.ChooseScopes{Provider: "OpenID Connect", Issuer: "https://op.example", Scopes: []flows.Scope{{Name: "openid", Required: true}, {Name: "email", Default: true}}}
	_, err := headless.New(headless.Answers{Product: "product:id_assure"}, io.Discard, false).Ask(t.Context(), p)
	var invalid *headless.InvalidAnswerError
	if !errors.As(err, &invalid) || invalid.Flag != "--product" || !strings.Contains(err.Error(), "https://op.example") {
		t.Fatalf("--product at a provider without products: %v", err)
	}
	var out strings.Builder
	ans, err := headless.New(headless.Answers{}, &out, false).Ask(t.Context(), p)
	if got, ok := ans.(flows.ScopesChosen); err != nil || !ok || got.Product != "" || out.String() != "asking OpenID Connect for: openid email\n" {
		t.Fatalf("Ask = %#v, %v; printed %q", ans, err, out.String())
	}
}

func TestConnectIssuer(t *testing.T) {
	p := flows.ConnectIssuer{RedirectURI: "http://127.0.0.1:1/callback"}
	if _, err := headless.New(headless.Answers{}, io.Discard, false).Ask(t.Context(), p); missing(t, err).Flag != "--issuer" {
		t.Fatalf("no issuer: %v", err)
	}
	if _, err := headless.New(headless.Answers{Issuer: "https://op.example"}, io.Discard, false).Ask(t.Context(), p); missing(t, err).Flag != "--client-id" {
		t.Fatalf("no client id: %v", err)
	}
	ans, err := headless.New(headless.Answers{Issuer: "https://op.example", ClientID: "c", ClientSecret: "s"}, io.Discard, false).Ask(t.Context(), p)
	if err != nil || ans != (flows.IssuerGiven{Issuer: "https://op.example", ClientID: "c", ClientSecret: "s"}) {
		t.Fatalf("Ask = %#v, %v", ans, err)
	}
}

func TestSignInAsAnIdentity(t *testing.T) {
	var signedIn string
	p := flows.OpenAuthLink{
		URL:           "http://127.0.0.1:1/oneid/v2/authorize",
		SignInChoices: []flows.SignInChoice{{Value: "janet", Label: "Janet Davidson"}, {Value: flows.SignInDecline, Label: "Cancel"}},
		SignIn: func(_ context.Context, username, password string) (flows.RedirectReceived, error) {
			signedIn = username + "/" + password
			return flows.RedirectReceived{Input: "?code=c&state=s"}, nil
		},
	}
	ans, err := headless.New(headless.Answers{Identity: "janet"}, io.Discard, false).Ask(t.Context(), p)
	if err != nil || ans != (flows.RedirectReceived{Input: "?code=c&state=s"}) || signedIn != "janet/" {
		t.Fatalf("Ask = %#v, %v (signed in as %q)", ans, err, signedIn)
	}
	_, err = headless.New(headless.Answers{Identity: "nobody"}, io.Discard, false).Ask(t.Context(), p)
	if m := invalid(t, err); m.Flag != "--identity" || !slices.Equal(m.Valid, []string{"janet", flows.SignInDecline}) {
		t.Fatalf("unknown identity: %+v", m)
	}
}
