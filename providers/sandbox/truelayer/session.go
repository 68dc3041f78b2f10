package truelayer

import (
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// loadSession returns the session named in the path, or shows why there is none.
func (h *Handler) loadSession(w http.ResponseWriter, r *http.Request) (authSession, bool) {
	sess, ok := h.store.session(h.now(), r.PathValue("sid"))
	if !ok {
		h.renderErrorPage(w, r, http.StatusNotFound, "invalid_request",
			"This sign-in session is unknown or expired: open the auth link again.")
		return authSession{}, false
	}
	if sess.Step == stepDone {
		h.renderFinished(w, r)
		return authSession{}, false
	}
	return sess, true
}

// loadPostedSession is loadSession for a form submission, which must carry the form token.
func (h *Handler) loadPostedSession(w http.ResponseWriter, r *http.Request) (authSession, bool) {
	kit.LimitForm(w, r)
	if err := r.ParseForm(); err != nil {
		h.renderErrorPage(w, r, http.StatusBadRequest, "invalid_request", "The form cannot be read: "+err.Error())
		return authSession{}, false
	}
	sess, ok := h.loadSession(w, r)
	if !ok {
		return authSession{}, false
	}
	if !kit.SameToken(r.PostFormValue("form_token"), sess.FormToken) {
		h.renderErrorPage(w, r, http.StatusBadRequest, "invalid_request",
			"The form does not belong to this sign-in session: open the auth link again.")
		return authSession{}, false
	}
	return sess, true
}

// renderFinished shows that an auth link was already used up.
func (h *Handler) renderFinished(w http.ResponseWriter, r *http.Request) {
	h.renderErrorPage(w, r, http.StatusBadRequest, "invalid_request",
		"This sign-in already finished: an auth link can be used once. Create a new one.")
}
