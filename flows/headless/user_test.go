package headless_test

import (
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/headless"
)

func TestIdentifyUserTakesExactlyOneIdentifier(t *testing.T) {
	p := flows.IdentifyUser{Provider: "Ivy", Kinds: []flows.IdentifierKind{flows.ByEmail, flows.ByPhone, flows.ByReferenceID}}
	tests := []struct {
		name     string
		user     flows.ExternalUser
		want     flows.Answer
		wantFlag string   // the flag, a bare name
		wantOr   []string // the other flags named
	}{
		{name: "email", user: flows.ExternalUser{Email: "jane@example.com"}, want: flows.UserIdentified{Kind: flows.ByEmail, Value: "jane@example.com"}},
		{name: "reference id", user: flows.ExternalUser{ReferenceID: "u-1"}, want: flows.UserIdentified{Kind: flows.ByReferenceID, Value: "u-1"}},
		{name: "none", wantFlag: "--email", wantOr: []string{"--phone", "--reference-id"}},
		{name: "two", user: flows.ExternalUser{Email: "jane@example.com", Phone: "+49123"}, wantFlag: "--email", wantOr: []string{"--phone"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ans, err := headless.New(headless.Answers{User: tt.user}, io.Discard, false).Ask(t.Context(), p)
			if tt.wantFlag != "" {
				if m := missing(t, err); m.Flag != tt.wantFlag || !slices.Equal(m.Or, tt.wantOr) {
					t.Fatalf("flag = %q or %q, want %s or %q", m.Flag, m.Or, tt.wantFlag, tt.wantOr)
				}
				return
			}
			if err != nil || ans != tt.want {
				t.Fatalf("Ask = %#v, %v; want %#v", ans, err, tt.want)
			}
		})
	}
}

func TestDescribeUser(t *testing.T) {
	p := flows.DescribeUser{Provider: "Ivy", Prefill: flows.ExternalUser{Phone: "+49123"}}
	ans, err := headless.New(headless.Answers{User: flows.ExternalUser{Email: "jane@example.com", Metadata: map[string]string{"k": "v"}}, Market: "GB"}, io.Discard, false).Ask(t.Context(), p)
	got, ok := ans.(flows.UserDescribed)
	if err != nil || !ok || got.User.Email != "jane@example.com" || got.User.Metadata["k"] != "v" || got.Market != "GB" {
		t.Fatalf("Ask = %#v, %v", ans, err)
	}
	ans, err = headless.New(headless.Answers{}, io.Discard, false).Ask(t.Context(), p)
	if got, ok := ans.(flows.UserDescribed); err != nil || !ok || got.User.Phone != "+49123" {
		t.Fatalf("the prefill is not used: %#v, %v", ans, err)
	}
	if _, err := headless.New(headless.Answers{}, io.Discard, false).Ask(t.Context(), flows.DescribeUser{}); missing(t, err).Flag != "--email" || !strings.Contains(err.Error(), "pass --email, --phone or --reference-id") {
		t.Fatalf("no identifier: %v", err)
	}
}

func TestOfferDataSession(t *testing.T) {
	p := flows.OfferDataSession{Provider: "Ivy", User: flows.ExternalUser{Email: "nobody@example.com"}}
	if _, err := headless.New(headless.Answers{}, io.Discard, false).Ask(t.Context(), p); missing(t, err).Flag != "--username" || !strings.Contains(err.Error(), "--password") {
		t.Fatalf("without --username: %v", err)
	}
	if ans, err := headless.New(headless.Answers{Username: "john", Password: "doe"}, io.Discard, false).Ask(t.Context(), p); err != nil || ans != (flows.StartDataSession{}) {
		t.Fatalf("with --username: %#v, %v", ans, err)
	}
}
