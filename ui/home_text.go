package ui

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/linkstep/linkstep/flows"
)

// The words the home uses for a stored connection, shared by its list, the view of one and
// the forget confirmation.

// connectionWhat is a connection's bank, and an Ivy session's external user (masked in
// presenter mode) and market: what says which connection it is besides its id.
func connectionWhat(s flows.ConnectionSummary, m masker) string {
	var parts []string
	if b := s.BankName(); b != "" {
		parts = append(parts, b)
	}
	if u := s.Details["external_user"]; u != "" {
		parts = append(parts, m.contact(u))
	}
	if m := s.Details["market"]; m != "" {
		parts = append(parts, "market "+m)
	}
	return strings.Join(parts, " · ")
}

// providerName is the provider's name, or its id when the summary has none.
func providerName(s flows.ConnectionSummary) string {
	if s.ProviderName != "" {
		return s.ProviderName
	}
	return s.Provider
}

// consentNote is what the connection's consent allows now, in words: the manager's note, or
// what the summary says plainly when it has none.
func consentNote(s flows.ConnectionSummary) string {
	switch {
	case s.Note != "":
		return s.Note
	case s.ConsentExpiresAt.IsZero():
		return "consent expiry not recorded"
	default:
		return "consent " + s.Consent.String()
	}
}

// consentStyle is the style of a connection's note: a warning colour when its consent expires
// soon, red once it expired or its tokens are gone, red and dimmed past the re-auth window.
func consentStyle(st Styles, s flows.ConnectionSummary, now time.Time) lipgloss.Style {
	if !s.TokensFound {
		return st.Error
	}
	switch s.Consent {
	case flows.ConsentExpiringSoon:
		return st.Warn
	case flows.ConsentExpired:
		return st.Error
	case flows.ConsentPastWindow:
		return st.Lapsed
	case flows.ConsentShortLived:
		if !s.AccessExpiry.After(now) {
			return st.Error
		}
		return st.Value
	case flows.ConsentUnknown, flows.ConsentFresh:
		return st.Value
	}
	return st.Value
}

// accessText says when the access token expires: "expires 15:54 (in 59 min)".
func accessText(s flows.ConnectionSummary, now time.Time) string {
	switch {
	case !s.TokensFound:
		return ""
	case s.Storage == "" && s.AccessExpiry.IsZero():
		return "none kept"
	case s.AccessExpiry.IsZero():
		return "expiry not known"
	case s.AccessExpiry.After(now):
		return "expires " + clockTime(s.AccessExpiry, now) + " (" + untilText(s.AccessExpiry.Sub(now)) + ")"
	default:
		return "expired " + agoText(now.Sub(s.AccessExpiry))
	}
}

// storageText says where the connection's tokens live, or that they are gone, or cannot be read.
func storageText(s flows.ConnectionSummary) string {
	switch {
	case s.Storage == "":
		return ""
	case s.TokensFound:
		return "in " + s.Storage
	case s.Tokens == flows.TokensUnreadable:
		return "cannot read " + s.Storage
	case s.Tokens == flows.TokensElsewhere:
		return "in " + s.Storage + ", not the storage in use"
	default:
		return "gone from " + s.Storage
	}
}

// createdText is when the connection was made.
func createdText(s flows.ConnectionSummary) string {
	if s.Created.IsZero() {
		return ""
	}
	return s.Created.Format("2 Jan 2006 15:04")
}

// rowFacts is the third line of a connection's row: when it was made, its access token and
// where its tokens live.
func rowFacts(s flows.ConnectionSummary, now time.Time) string {
	var facts []string
	if !s.Created.IsZero() {
		facts = append(facts, "created "+s.Created.Format("2 Jan 2006"))
	}
	switch access := accessText(s, now); {
	case access == "none kept":
		facts = append(facts, "no tokens kept")
	case access != "":
		facts = append(facts, "access token "+access)
	}
	if where := storageText(s); where != "" {
		facts = append(facts, "tokens "+where)
	}
	return strings.Join(facts, " · ")
}

// clockTime is a time of day, with its date when it is not today's.
func clockTime(t, now time.Time) string {
	if y, m, d := t.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		return t.Format("15:04")
	}
	return t.Format("2 Jan 15:04")
}

// agoText says how long ago something was: "3 min ago", "5 h ago", "12 days ago".
func agoText(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < 2*time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Round(time.Minute)/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Round(time.Hour)/time.Hour))
	default:
		return fmt.Sprintf("%d days ago", int(math.Round(d.Hours()/24)))
	}
}

// offers reports whether the connection's provider lets linkstep do act with it.
func offers(s flows.ConnectionSummary, act flows.ConnectionAction) bool {
	return slices.Contains(s.Actions, act)
}

// joinFacts joins the facts that are not empty with " · ".
func joinFacts(facts ...string) string {
	return strings.Join(slices.DeleteFunc(facts, func(f string) bool { return f == "" }), " · ")
}
