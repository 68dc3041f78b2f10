package truelayer

import (
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// handleDelete serves DELETE {auth}/api/delete with the connection's Bearer access token: it
// revokes the connection, so that its access and refresh tokens stop working, and answers {}.
// It works after the consent lapsed too; an unknown, expired or revoked token gets a 401.
func (h *Handler) handleDelete(w http.ResponseWriter, r *http.Request) {
	conn, _, ok := h.bearer(w, r)
	if !ok {
		return
	}
	if !h.store.revoke(conn.CredentialsID) {
		writeError(w, invalidToken("The access token was revoked."))
		return
	}
	kit.WriteJSON(w, http.StatusOK, struct{}{})
}
