package oneid

import (
	"net/http"
	"slices"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

// userInfoBody is the answer of GET /userinfo, keys in the documented order; a claim whose
// scope was not granted is left out.
type userInfoBody struct {
	Subject     string          `json:"sub"`
	Name        string          `json:"name,omitempty"`
	GivenName   string          `json:"given_name,omitempty"`
	FamilyName  string          `json:"family_name,omitempty"`
	Email       string          `json:"email,omitempty"`
	Birthdate   string          `json:"birthdate,omitempty"`
	PhoneNumber string          `json:"phone_number,omitempty"`
	Address     *addressClaim   `json:"address,omitempty"`
	Fraud       *fraudBlock     `json:"fraud,omitempty"`
	Unverified  *unverifiedBody `json:"unverified_claims,omitempty"`
}

// unverifiedBody wraps what the person typed, as OneID does.
type unverifiedBody struct {
	Claims claimSet `json:"claims"`
}

// handleUserInfo serves GET /userinfo: the bank-verified claims of the granted scopes, the
// fraud checks with the fraud scope, and always what the person typed (unverified_claims)
// when they typed something. age_over_18 is answered by /ageverification, accounts by
// /accounts: neither is a claim here, as in the documented example.
func (h *Handler) handleUserInfo(w http.ResponseWriter, r *http.Request) {
	g, ok := h.authorize(w, r, "", 0)
	if !ok {
		return
	}
	id, c, _ := findIdentity(g.Identity)
	kit.WriteJSON(w, http.StatusOK, userInfo(id, c.Person, g.Scopes))
}

// userInfo is the /userinfo answer about the identity for the scopes.
func userInfo(id identity, p mockbank.Person, scopes []string) userInfoBody {
	has := func(scope string) bool { return slices.Contains(scopes, scope) }
	b := userInfoBody{Subject: id.Subject}
	if has(scopeProfile) {
		b.Name, b.GivenName, b.FamilyName = p.FullName(), p.FirstName, p.LastName
	}
	if has(scopeEmail) {
		b.Email = p.Email
	}
	if has(scopeDateOfBirth) {
		b.Birthdate = p.DateOfBirth
	}
	if has(scopePhone) {
		b.PhoneNumber = p.Phone
	}
	if has(scopeAddress) {
		b.Address = verifiedAddress(p.Address)
	}
	if has(scopeFraud) {
		fraud := id.Fraud
		b.Fraud = &fraud
	}
	if id.Unverified != nil {
		b.Unverified = &unverifiedBody{Claims: *id.Unverified}
	}
	return b
}
