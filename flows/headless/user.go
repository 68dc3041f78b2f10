package headless

import (
	"fmt"
	"strings"

	"github.com/linkstep/linkstep/flows"
)

// IdentifierFlags are the flags that give a user's identifiers, in the order they are named.
func IdentifierFlags(u flows.ExternalUser) (given []string) {
	if u.Email != "" {
		given = append(given, "--email")
	}
	if u.Phone != "" {
		given = append(given, "--phone")
	}
	if u.ReferenceID != "" {
		given = append(given, "--reference-id")
	}
	return given
}

// describeUser answers with --email, --phone, --reference-id, --metadata, --market and
// --permissions, the prompt's prefill filling what was not given.
func (h *Asker) describeUser(p flows.DescribeUser) (flows.Answer, error) {
	u := h.answers.User
	if len(IdentifierFlags(u)) == 0 {
		u = p.Prefill
		u.Metadata = h.answers.User.Metadata
	}
	if len(IdentifierFlags(u)) == 0 {
		return nil, &flows.MissingAnswerError{Question: "who the data session is for", Flag: "--email", Or: []string{"--phone", "--reference-id"}}
	}
	h.printf("data session for %s\n", describeUser(u))
	return flows.UserDescribed{User: u, Market: h.answers.Market, Permissions: h.answers.Permissions}, nil
}

// identifyUser answers with the one identifier given; none or several fail naming the flags.
func (h *Asker) identifyUser(p flows.IdentifyUser) (flows.Answer, error) {
	u := h.answers.User
	switch given := IdentifierFlags(u); len(given) {
	case 0:
		return nil, &flows.MissingAnswerError{Question: "a returning user is looked up by one identifier", Flag: "--email", Or: []string{"--phone", "--reference-id"}}
	case 1:
	default:
		return nil, &flows.MissingAnswerError{Question: fmt.Sprintf("a returning user is looked up by exactly one identifier, not %s; keep one", strings.Join(given, " and ")), Flag: given[0], Or: given[1:]}
	}
	switch {
	case u.Email != "":
		return flows.UserIdentified{Kind: flows.ByEmail, Value: u.Email}, nil
	case u.Phone != "":
		return flows.UserIdentified{Kind: flows.ByPhone, Value: u.Phone}, nil
	}
	return flows.UserIdentified{Kind: flows.ByReferenceID, Value: u.ReferenceID}, nil
}

// offerDataSession starts a data session when the run can sign in at the mock bank.
func (h *Asker) offerDataSession(p flows.OfferDataSession) (flows.Answer, error) {
	if h.answers.Username == "" {
		return nil, &flows.MissingAnswerError{Question: fmt.Sprintf("%s has no completed data session for %s; to start one now, sign in at the mock bank with --username and --password", p.Provider, describeUser(p.User)), Flag: "--username"}
	}
	h.printf("no completed session: starting a data session for %s\n", describeUser(p.User))
	return flows.StartDataSession{}, nil
}

// describeUser names a user by their identifiers.
func describeUser(u flows.ExternalUser) string {
	var parts []string
	if u.Email != "" {
		parts = append(parts, "email "+u.Email)
	}
	if u.Phone != "" {
		parts = append(parts, "phone "+u.Phone)
	}
	if u.ReferenceID != "" {
		parts = append(parts, "reference id "+u.ReferenceID)
	}
	return strings.Join(parts, ", ")
}
