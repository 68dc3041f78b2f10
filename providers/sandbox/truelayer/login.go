package truelayer

import (
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

// handleLoginPage shows the mock bank's login form.
func (h *Handler) handleLoginPage(w http.ResponseWriter, r *http.Request) {
	sess, ok := h.loadSession(w, r)
	if !ok {
		return
	}
	if sess.Step != stepLogin {
		http.Redirect(w, r, stepPath(sess), http.StatusSeeOther)
		return
	}
	h.renderLogin(w, http.StatusOK, sess, "", "")
}

// handleLoginSubmit checks the mock user's credentials and, on success, sends the browser back
// to the client with a code.
func (h *Handler) handleLoginSubmit(w http.ResponseWriter, r *http.Request) {
	sess, ok := h.loadPostedSession(w, r)
	if !ok {
		return
	}
	if sess.Step != stepLogin {
		http.Redirect(w, r, stepPath(sess), http.StatusSeeOther)
		return
	}
	username, user, ok := mockbank.ReadLogin(r)
	if !ok {
		h.renderLogin(w, http.StatusUnauthorized, sess, username, mockbank.LoginRefused)
		return
	}
	if !h.store.finishSession(sess.ID) {
		h.renderFinished(w, r)
		return
	}
	code := &authCode{Code: kit.RandomHex(32), Request: sess.Request, User: user, Bank: sess.Bank, IssuedAt: h.now()}
	h.store.addCode(code)
	h.redirectToClient(w, r, sess.Request, []kit.Field{{Name: "code", Value: code.Code}})
}

// renderLogin shows the bank's login form, with an error after a failed attempt.
func (h *Handler) renderLogin(w http.ResponseWriter, status int, sess authSession, username, loginError string) {
	bank := h.bankView(sess.Bank)
	h.pages.Render(w, status, mockbank.LoginPageName, mockbank.LoginPage{
		Title:       "Log in to " + sess.Bank.Name,
		Action:      AuthPrefix + "/bank/" + sess.ID,
		FormToken:   sess.FormToken,
		BankName:    bank.Name,
		BankLogoURL: bank.LogoURL,
		Username:    username,
		Error:       loginError,
	})
}
