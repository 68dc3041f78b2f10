package ivy

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// detailsBody is the body of session/details.
type detailsBody struct {
	ID string `json:"id"`
}

// handleDetails serves session/details {"id"}: the session, unknown ids 404.
func (h *Handler) handleDetails(w http.ResponseWriter, r *http.Request, body []byte) {
	var b detailsBody
	if e := decodeBody(body, &b); e != nil {
		writeError(w, e)
		return
	}
	if strings.TrimSpace(b.ID) == "" {
		writeError(w, invalid("id is required: the id of a data session."))
		return
	}
	s, ok := h.store.get(b.ID)
	if !ok {
		writeError(w, noSession(b.ID))
		return
	}
	kit.WriteJSON(w, http.StatusOK, s.view(h.now(), h.redirectURL(r, &s)))
}

// redirectURL is where the session's pages start, as the request reached the sandbox (a
// session kept from an earlier run has no URL of its own).
func (h *Handler) redirectURL(r *http.Request, s *session) string {
	if s.RedirectURL != "" {
		return s.RedirectURL
	}
	return kit.BaseURL(r) + sessionPath(s.ID)
}

// handleAccounts serves accounts/list {"sessionId"}: a completed session's accounts, with the
// accounts permission and a consent still authorised.
func (h *Handler) handleAccounts(w http.ResponseWriter, _ *http.Request, body []byte) {
	s, e := h.readableSession(body, permAccounts)
	if e != nil {
		writeError(w, e)
		return
	}
	kit.WriteJSON(w, http.StatusOK, accountsOf(&s.record))
}

// handleBalances serves account-balances/list {"sessionId"}: a completed session's balances,
// with the balances permission and a consent still authorised.
func (h *Handler) handleBalances(w http.ResponseWriter, _ *http.Request, body []byte) {
	s, e := h.readableSession(body, permBalances)
	if e != nil {
		writeError(w, e)
		return
	}
	kit.WriteJSON(w, http.StatusOK, balancesOf(&s.record))
}

// readableSession returns the session a {"sessionId"} body names when its data can be read
// with the permission: 404 for an unknown session, 400 for one that did not complete, 403
// without the permission or with a consent revoked or expired.
func (h *Handler) readableSession(body []byte, perm string) (session, *apiError) {
	id, e := readSessionID(body)
	if e != nil {
		return session{}, e
	}
	s, ok := h.store.get(id)
	if !ok {
		return session{}, noSession(id)
	}
	now := h.now()
	switch status := s.listStatus(now); status {
	case "complete":
	case "failed":
		return session{}, &apiError{http.StatusBadRequest, codeSessionNotCompleted,
			fmt.Sprintf("Data session %s failed (%s): it has no data.", id, s.Failure.Code)}
	default:
		return session{}, &apiError{http.StatusBadRequest, codeSessionNotCompleted,
			fmt.Sprintf("Data session %s is %s: its data is there once the user has completed it.", id, status)}
	}
	if !s.granted(perm) {
		return session{}, &apiError{http.StatusForbidden, codePermissionNotGranted,
			fmt.Sprintf("Data session %s was created without the %s permission (it has: %s).", id, perm, describePermissions(s.Permissions))}
	}
	if c := s.consentStatus(now); c != "authorised" {
		return session{}, &apiError{http.StatusForbidden, codeConsentNotAuthorised,
			fmt.Sprintf("The consent of data session %s is %s: its data can no longer be read.", id, c)}
	}
	return s, nil
}

// handleConsent serves consent/details {"sessionId"}: the session's consent.
func (h *Handler) handleConsent(w http.ResponseWriter, _ *http.Request, body []byte) {
	id, e := readSessionID(body)
	if e != nil {
		writeError(w, e)
		return
	}
	s, ok := h.store.get(id)
	if !ok {
		writeError(w, noSession(id))
		return
	}
	kit.WriteJSON(w, http.StatusOK, consentOf(&s.record, h.now()))
}

// handleConsentRevoke serves consent/revoke {"sessionId"}: an authorised consent becomes
// revoked (revoking it again changes nothing); any other is a 400.
func (h *Handler) handleConsentRevoke(w http.ResponseWriter, _ *http.Request, body []byte) {
	id, e := readSessionID(body)
	if e != nil {
		writeError(w, e)
		return
	}
	now := h.now()
	s, e := h.store.revokeConsent(id, now)
	if e != nil {
		writeError(w, e)
		return
	}
	kit.WriteJSON(w, http.StatusOK, consentOf(&s.record, now))
}
