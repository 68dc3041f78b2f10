package sandbox

import (
	"net/http"
	"slices"
	"strings"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

// bankView is a bank as the pages show it.
type bankView struct{ ID, Name, LogoURL string }

// selectPage is the data of the bank selection page.
type selectPage struct {
	Title, Action, FormToken, ClientName string
	Banks                                []bankView
}

// consentPage is the data of TrueLayer's consent page.
type consentPage struct {
	Title, Action, FormToken, ClientName string
	Bank                                 bankView
	Items                                []string
	Duration                             string
}

// handleSelectPage shows the bank selection page.
func (s *Sandbox) handleSelectPage(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.loadSession(w, r)
	if !ok {
		return
	}
	if len(sess.Banks) < 2 {
		http.Redirect(w, r, stepPath(sess), http.StatusSeeOther)
		return
	}
	s.renderSelect(w, sess)
}

// handleSelectSubmit records the chosen bank and moves on to consent.
func (s *Sandbox) handleSelectSubmit(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.loadPostedSession(w, r)
	if !ok {
		return
	}
	id := r.PostFormValue("provider_id")
	i := slices.IndexFunc(sess.Banks, func(b Bank) bool { return b.ID == id })
	if i < 0 {
		s.renderErrorPage(w, r, http.StatusBadRequest, "invalid_request",
			"Choose one of the banks offered ("+bankIDs(sess.Banks)+"), not "+quoteOrNothing(id)+".")
		return
	}
	s.store.updateSession(sess.ID, func(a *authSession) {
		a.Bank, a.Step = sess.Banks[i], stepConsent
	})
	http.Redirect(w, r, trueLayerAuthPrefix+"/consent/"+sess.ID, http.StatusSeeOther)
}

// handleConsentPage shows what the application will get, with Allow and Decline.
func (s *Sandbox) handleConsentPage(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.loadSession(w, r)
	if !ok {
		return
	}
	if sess.Step < stepConsent {
		http.Redirect(w, r, stepPath(sess), http.StatusSeeOther)
		return
	}
	items := make([]string, 0, len(sess.Request.Scopes))
	for _, sc := range sess.Request.Scopes {
		if sc != "offline_access" {
			items = append(items, scopeDescription(sc))
		}
	}
	duration := "This is one-off access: it ends when you leave."
	if slices.Contains(sess.Request.Scopes, "offline_access") {
		duration = scopeDescription("offline_access") + "."
	}
	s.pages.Render(w, http.StatusOK, "consent", consentPage{
		Title:      "Share your data",
		Action:     trueLayerAuthPrefix + "/consent/" + sess.ID,
		FormToken:  sess.FormToken,
		ClientName: clientName(sess.Request.ClientID),
		Bank:       s.bankView(sess.Bank),
		Items:      items,
		Duration:   duration,
	})
}

// handleConsentSubmit goes on to the bank when the user allows, or back to the client with
// access_denied when they decline.
func (s *Sandbox) handleConsentSubmit(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.loadPostedSession(w, r)
	if !ok {
		return
	}
	if sess.Step < stepConsent {
		http.Redirect(w, r, stepPath(sess), http.StatusSeeOther)
		return
	}
	switch r.PostFormValue("decision") {
	case "allow":
		s.store.updateSession(sess.ID, func(a *authSession) { a.Step = stepLogin })
		http.Redirect(w, r, trueLayerAuthPrefix+"/bank/"+sess.ID, http.StatusSeeOther)
	case "decline":
		if !s.store.finishSession(sess.ID) {
			s.renderFinished(w, r)
			return
		}
		s.redirectToClient(w, r, sess.Request, []kit.Field{{Name: "error", Value: "access_denied"},
			{Name: "error_description", Value: "The user declined to share their data."}})
	default:
		s.renderErrorPage(w, r, http.StatusBadRequest, "invalid_request", "The consent form needs decision=allow or decision=decline.")
	}
}

// handleLoginPage shows the mock bank's login form.
func (s *Sandbox) handleLoginPage(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.loadSession(w, r)
	if !ok {
		return
	}
	if sess.Step != stepLogin {
		http.Redirect(w, r, stepPath(sess), http.StatusSeeOther)
		return
	}
	s.renderLogin(w, http.StatusOK, sess, "", "")
}

// handleLoginSubmit checks the mock user's credentials and, on success, sends the browser back
// to the client with a code.
func (s *Sandbox) handleLoginSubmit(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.loadPostedSession(w, r)
	if !ok {
		return
	}
	if sess.Step != stepLogin {
		http.Redirect(w, r, stepPath(sess), http.StatusSeeOther)
		return
	}
	username, user, ok := mockbank.ReadLogin(r)
	if !ok {
		s.renderLogin(w, http.StatusUnauthorized, sess, username, mockbank.LoginRefused)
		return
	}
	if !s.store.finishSession(sess.ID) {
		s.renderFinished(w, r)
		return
	}
	code := &authCode{Code: kit.RandomHex(32), Request: sess.Request, User: user, Bank: sess.Bank, IssuedAt: s.now()}
	s.store.addCode(code)
	s.redirectToClient(w, r, sess.Request, []kit.Field{{Name: "code", Value: code.Code}})
}

// renderSelect shows the bank selection page.
func (s *Sandbox) renderSelect(w http.ResponseWriter, sess authSession) {
	banks := make([]bankView, len(sess.Banks))
	for i, b := range sess.Banks {
		banks[i] = s.bankView(b)
	}
	s.pages.Render(w, http.StatusOK, "select", selectPage{
		Title:      "Select your bank",
		Action:     trueLayerAuthPrefix + "/select/" + sess.ID,
		FormToken:  sess.FormToken,
		ClientName: clientName(sess.Request.ClientID),
		Banks:      banks,
	})
}

// renderLogin shows the bank's login form, with an error after a failed attempt.
func (s *Sandbox) renderLogin(w http.ResponseWriter, status int, sess authSession, username, loginError string) {
	bank := s.bankView(sess.Bank)
	s.pages.Render(w, status, mockbank.LoginPageName, mockbank.LoginPage{
		Title:       "Log in to " + sess.Bank.Name,
		Action:      trueLayerAuthPrefix + "/bank/" + sess.ID,
		FormToken:   sess.FormToken,
		BankName:    bank.Name,
		BankLogoURL: bank.LogoURL,
		Username:    username,
		Error:       loginError,
	})
}

// loadSession returns the session named in the path, or shows why there is none.
func (s *Sandbox) loadSession(w http.ResponseWriter, r *http.Request) (authSession, bool) {
	sess, ok := s.store.session(s.now(), r.PathValue("sid"))
	if !ok {
		s.renderErrorPage(w, r, http.StatusNotFound, "invalid_request",
			"This sign-in session is unknown or expired: open the auth link again.")
		return authSession{}, false
	}
	if sess.Step == stepDone {
		s.renderFinished(w, r)
		return authSession{}, false
	}
	return sess, true
}

// loadPostedSession is loadSession for a form submission, which must carry the form token.
func (s *Sandbox) loadPostedSession(w http.ResponseWriter, r *http.Request) (authSession, bool) {
	kit.LimitForm(w, r)
	if err := r.ParseForm(); err != nil {
		s.renderErrorPage(w, r, http.StatusBadRequest, "invalid_request", "The form cannot be read: "+err.Error())
		return authSession{}, false
	}
	sess, ok := s.loadSession(w, r)
	if !ok {
		return authSession{}, false
	}
	if !kit.SameToken(r.PostFormValue("form_token"), sess.FormToken) {
		s.renderErrorPage(w, r, http.StatusBadRequest, "invalid_request",
			"The form does not belong to this sign-in session: open the auth link again.")
		return authSession{}, false
	}
	return sess, true
}

// renderFinished shows that an auth link was already used up.
func (s *Sandbox) renderFinished(w http.ResponseWriter, r *http.Request) {
	s.renderErrorPage(w, r, http.StatusBadRequest, "invalid_request",
		"This sign-in already finished: an auth link can be used once. Create a new one.")
}

// bankView resolves a bank's logo: its own LogoURL, or the one the sandbox draws.
func (s *Sandbox) bankView(b Bank) bankView {
	logo := b.LogoURL
	if logo == "" {
		logo = trueLayerAuthPrefix + "/logos/" + b.ID + ".svg"
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
