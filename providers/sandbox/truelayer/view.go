package truelayer

import "strings"

// bankView is a bank as the pages show it.
type bankView struct{ ID, Name, LogoURL string }

// bankView resolves a bank's logo: its own LogoURL, or the one the sandbox draws.
func (h *Handler) bankView(b Bank) bankView {
	logo := b.LogoURL
	if logo == "" {
		logo = AuthPrefix + "/logos/" + b.ID + ".svg"
	}
	return bankView{ID: b.ID, Name: b.Name, LogoURL: logo}
}

// clientName is the application's name on the pages: the client id without "sandbox-".
func clientName(clientID string) string {
	return strings.TrimPrefix(clientID, "sandbox-")
}

// quoteOrNothing quotes s for a message, or says it was empty.
func quoteOrNothing(s string) string {
	if s == "" {
		return "nothing"
	}
	return `"` + s + `"`
}
