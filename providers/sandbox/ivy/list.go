package ivy

import (
	"net/http"
	"strings"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// listRequest is the body of session/list: exactly one of the identifiers.
type listRequest struct {
	Email       string `json:"externalUserEmail"`
	ReferenceID string `json:"externalUserReferenceId"`
	Phone       string `json:"externalUserPhone"`
}

// oneIdentifier is the message of a list call with none or several identifiers.
const oneIdentifier = "give exactly one of externalUserEmail, externalUserReferenceId, externalUserPhone"

// handleList serves session/list: the data sessions of the external user known by exactly one
// identifier, newest first, in the recurring-users guide's shape. Every session of the sandbox
// is listed, whichever API key created it.
func (h *Handler) handleList(w http.ResponseWriter, _ *http.Request, body []byte) {
	var req listRequest
	if e := decodeBody(body, &req); e != nil {
		writeError(w, e)
		return
	}
	var given []string
	var match func(externalUser) bool
	if v := strings.TrimSpace(req.Email); v != "" {
		given = append(given, "externalUserEmail")
		match = func(u externalUser) bool { return u.Email != "" && strings.EqualFold(u.Email, v) }
	}
	if v := req.ReferenceID; strings.TrimSpace(v) != "" {
		given = append(given, "externalUserReferenceId")
		match = func(u externalUser) bool { return u.ReferenceID != "" && u.ReferenceID == v }
	}
	if v := normalPhone(req.Phone); v != "" {
		given = append(given, "externalUserPhone")
		match = func(u externalUser) bool { return u.Phone != "" && normalPhone(u.Phone) == v }
	}
	switch len(given) {
	case 0:
		writeError(w, invalid("%s (got none).", oneIdentifier))
		return
	case 1:
	default:
		writeError(w, invalid("%s (got %s): the list is of one user at a time.", oneIdentifier, strings.Join(given, " and ")))
		return
	}
	now := h.now()
	out := listView{DataSessions: []pastSessionView{}}
	for _, s := range h.store.byUser(match) {
		out.DataSessions = append(out.DataSessions, pastSessionOf(&s.record, now))
	}
	kit.WriteJSON(w, http.StatusOK, out)
}

// normalPhone is a phone number without the spaces, dots, dashes and parentheses people
// write between its digits.
func normalPhone(p string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(" .-()", r) {
			return -1
		}
		return r
	}, strings.TrimSpace(p))
}
