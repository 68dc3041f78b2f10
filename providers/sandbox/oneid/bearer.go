package oneid

import (
	"net/http"
	"slices"
	"strings"
)

// authorize checks the request's Bearer access token and, when scope is set, that it was
// granted scope (else it answers insufficient_scope with missingStatus); it returns the
// token's grant, or writes the error.
func (h *Handler) authorize(w http.ResponseWriter, r *http.Request, scope string, missingStatus int) (grant, bool) {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !strings.EqualFold(scheme, "Bearer") || token == "" {
		writeError(w, invalidToken("The Authorization header must carry a Bearer access token."))
		return grant{}, false
	}
	g, ok := h.store.grant(token)
	switch {
	case !ok:
		writeError(w, invalidToken("The access token is not known."))
		return grant{}, false
	case g.Revoked:
		writeError(w, invalidToken("The access token was revoked: its authorization code was used twice."))
		return grant{}, false
	case h.now().Sub(g.IssuedAt) >= tokenLifetime:
		writeError(w, invalidToken("The access token expired: OneID's access tokens live 5 minutes; sign in again."))
		return grant{}, false
	}
	if scope != "" && !slices.Contains(g.Scopes, scope) {
		writeError(w, &apiError{missingStatus, "insufficient_scope",
			"The access token was not granted the " + scope + " scope: ask for it in the authorization request."})
		return grant{}, false
	}
	return g, true
}
