package oauthlink_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/flows/oauthlink"
)

func TestParseRedirect(t *testing.T) {
	tests := []struct {
		name      string
		input     string
		wantCode  string
		wantState string
		wantBare  bool
		wantErr   string
	}{
		{name: "full loopback URL", input: "http://127.0.0.1:4321/callback?code=abc123&state=s1", wantCode: "abc123", wantState: "s1"},
		{name: "https URL with spaces around", input: "  https://example.com/cb?state=s1&code=xyz \n", wantCode: "xyz", wantState: "s1"},
		{name: "fragment", input: "https://example.com/cb#code=frag&state=s2", wantCode: "frag", wantState: "s2"},
		{name: "query string only", input: "?code=q1&state=s3", wantCode: "q1", wantState: "s3"},
		{name: "query string without question mark", input: "code=q2&state=s4", wantCode: "q2", wantState: "s4"},
		{name: "bare code", input: "F2B1C0DE-1234", wantCode: "F2B1C0DE-1234", wantBare: true},
		{name: "path only", input: "/callback?code=p1&state=s5", wantCode: "p1", wantState: "s5"},
		{name: "error redirect parses", input: "http://127.0.0.1:1/cb?error=access_denied&state=s6", wantState: "s6"},
		{name: "empty", input: "   ", wantErr: "invalid_redirect"},
		{name: "spaces inside", input: "code=a b", wantErr: "invalid_redirect"},
		{name: "URL without code or error", input: "http://127.0.0.1:1/cb?state=s7", wantErr: "no_code"},
		{name: "bad escape", input: "code=%zz", wantErr: "invalid_redirect"},
		{name: "a garbled URL is not a code", input: "ht!tp://%%%zz", wantErr: "invalid_redirect"},
		{name: "a percent sign is not in a code", input: "abc%zz", wantErr: "invalid_redirect"},
		{name: "a question mark is not in a code", input: "abc?def", wantErr: "invalid_redirect"},
		{name: "a URL without parameters is not a code", input: "http://127.0.0.1:1/callback", wantErr: "no_code"},
		{name: "a code with every token character", input: "a-b.c_d~E9", wantCode: "a-b.c_d~E9", wantBare: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := oauthlink.ParseRedirect(tt.input)
			if tt.wantErr != "" {
				if code, _ := describe(err); err == nil || code != tt.wantErr {
					t.Fatalf("ParseRedirect(%q) error = %v, want code %s", tt.input, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseRedirect(%q): %v", tt.input, err)
			}
			if r.Code != tt.wantCode || r.State != tt.wantState || r.Bare != tt.wantBare {
				t.Fatalf("ParseRedirect(%q) = code %q state %q bare %v, want %q %q %v", tt.input, r.Code, r.State, r.Bare, tt.wantCode, tt.wantState, tt.wantBare)
			}
		})
	}
}

func TestRedirectCheck(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		state   string
		wantErr error
		code    string
	}{
		{name: "matching state", input: "?code=c&state=good", state: "good"},
		{name: "mismatched state", input: "?code=c&state=evil", state: "good", wantErr: oauthlink.ErrStateMismatch},
		{name: "missing state", input: "?code=c", state: "good", wantErr: oauthlink.ErrStateMismatch},
		{name: "bare code skips the state check", input: "justacode", state: "good"},
		{name: "mismatch wins over an error", input: "?error=access_denied&state=evil", state: "good", wantErr: oauthlink.ErrStateMismatch},
		{name: "declined consent", input: "?error=access_denied&error_description=User+declined&state=good", state: "good", code: "access_denied"},
		{name: "OneID detail kept verbatim", input: "?error=access_denied&error_oneid=OneID.OIDC.Redirect.UserCancelled&state=good", state: "good", code: "access_denied"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := oauthlink.ParseRedirect(tt.input)
			if err != nil {
				t.Fatal(err)
			}
			err = r.Check(tt.state)
			switch {
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Check = %v, want %v", err, tt.wantErr)
				}
			case tt.code != "":
				if c, _ := describe(err); c != tt.code {
					t.Fatalf("Check = %v, want code %s", err, tt.code)
				}
			case err != nil:
				t.Fatalf("Check = %v, want nil", err)
			}
		})
	}
	t.Run("unknown OneID detail shown verbatim", func(t *testing.T) {
		r, _ := oauthlink.ParseRedirect("?error=server_error&error_oneid=OneID.Something.New&state=s")
		_, desc := describe(r.Check("s"))
		if want := "OneID.Something.New"; !strings.Contains(desc, want) {
			t.Fatalf("description %q lacks %q", desc, want)
		}
	})
}

func TestCheckPasted(t *testing.T) {
	const state = "good"
	tests := []struct {
		name     string
		input    string
		wantCode string // "" accepts the paste
		wantDesc string
	}{
		{name: "the link's redirect", input: "http://127.0.0.1:1/cb?code=c&state=good"},
		{name: "a bare code", input: "c0de"},
		{name: "a provider error with the link's state passes, to end the step", input: "?error=access_denied&state=good"},
		{name: "another link's redirect", input: "http://127.0.0.1:1/cb?code=c&state=evil", wantCode: "state_mismatch", wantDesc: "belongs to another auth link: its state differs"},
		{name: "a redirect without state", input: "http://127.0.0.1:1/cb?code=c", wantCode: "state_mismatch", wantDesc: "carries no state"},
		{name: "another link's error", input: "?error=access_denied&state=evil", wantCode: "state_mismatch", wantDesc: "another auth link"},
		{name: "not a redirect nor a code", input: "ht!tp://%%%zz", wantCode: "invalid_redirect"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := oauthlink.CheckPasted(tt.input, state)
			code, desc := describe(err)
			if code != tt.wantCode || !strings.Contains(desc, tt.wantDesc) {
				t.Fatalf("CheckPasted(%q) = %v, want code %q with %q", tt.input, err, tt.wantCode, tt.wantDesc)
			}
			if strings.Contains(desc, "c0de") {
				t.Fatalf("the refusal shows the code: %q", desc)
			}
		})
	}
	t.Run("a link made without linkstep's state takes any state", func(t *testing.T) {
		if err := oauthlink.CheckPasted("?code=c&state=theirs", ""); err != nil {
			t.Fatalf("CheckPasted = %v, want nil", err)
		}
	})
}
