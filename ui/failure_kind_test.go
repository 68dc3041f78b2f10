package ui

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/oauthlink"
)

// TestFailureKinds checks that the failure screen tells a transient fault (trying again may
// work) from a decision or a mismatch (a retry makes a new link) and from a refused answer.
func TestFailureKinds(t *testing.T) {
	declined := oauthlink.RedirectError(url.Values{"error": {"access_denied"}, "error_description": {"The user cancelled at the bank."}})
	stateMismatch := &oauthlink.Error{Code: oauthlink.ErrStateMismatch, Description: "the redirect's state does not match", Retryable: true}
	tests := []struct {
		name      string
		step      string
		err       error
		transient bool
		intro     string
		retryKey  string // the retry key's description in the footer; "" for none
	}{
		{"provider outage", "Exchange the code", &flows.Error{Code: "temporarily_unavailable", Description: "503", Retryable: true}, true,
			"This looks transient", "retry"},
		{"error without a code", "Choose an account", errors.New("connection reset by peer"), true,
			"This looks transient", "retry"},
		{"declined consent", "Sign in at the bank", declined, false,
			"Declined at the bank, not a passing fault: retry makes a new auth link", "new auth link"},
		{"declined consent, rewrapped", "Sign in at the bank", &flows.Error{Code: "access_denied", Description: "UserCancelled", Retryable: true}, false,
			"Declined at the bank, not a passing fault: retry makes a new auth link", "new auth link"},
		{"state mismatch", "Sign in at the bank", fmt.Errorf("await redirect: %w", stateMismatch), false,
			"Not a passing fault: retry makes a new auth link", "new auth link"},
		{"refused answer", "Describe the user", &flows.Error{Code: "invalid_user", Description: "give the user's email", Retryable: true}, false,
			"Not a passing fault: retry asks again", "retry"},
		{"invalid grant", "Refresh the token", &flows.Error{Code: "invalid_grant", Description: "the refresh token was refused"}, false,
			"Retrying would not help", ""},
		{"unknown account", "Choose an account", &flows.Error{Code: "unknown_account", Description: `no linked account "x"`}, false,
			"Retrying would not help", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := flows.IsTransient(tt.err); got != tt.transient {
				t.Errorf("IsTransient(%v) = %v, want %v", tt.err, got, tt.transient)
			}
			s := newFailureScreen(testCommon(), flows.Failure{Step: tt.step, Err: tt.err, Retryable: flows.IsRetryable(tt.err)})
			view := ansi.Strip(s.view())
			if !strings.Contains(view, tt.intro) {
				t.Errorf("view lacks %q:\n%s", tt.intro, view)
			}
			if !strings.Contains(view, "✗ "+tt.step+" failed") {
				t.Errorf("view does not name the step %q:\n%s", tt.step, view)
			}
			retry := ""
			for _, k := range s.ShortHelp() {
				if k.Help().Key == "r" {
					retry = k.Help().Desc
				}
			}
			if retry != tt.retryKey {
				t.Errorf("retry key says %q, want %q", retry, tt.retryKey)
			}
		})
	}
}
