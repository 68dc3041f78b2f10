package ivy

import (
	"embed"
	"net/http"
	"strings"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

// templateFS holds Ivy's own pages (bank choice, consent, done); each page file defines
// "content" inside the kit's layout.
//
//go:embed templates/*.html
var templateFS embed.FS

// brand is the brand line of Ivy's pages.
const brand = "Ivy · sandbox"

// parsePages parses the kit's pages, Ivy's own and the mock bank's login page.
func parsePages() *kit.Pages {
	return kit.MustParsePages(kit.PageSource{FS: templateFS, Dir: "templates", Names: []string{"bank", "consent", "done"}},
		mockbank.LoginPageSource())
}

// bankPage is the data of the bank choice.
type bankPage struct {
	Title, Action, FormToken, Market string
	Banks                            []bankChoice
}

// bankChoice is a bank as the bank choice offers it.
type bankChoice struct {
	ID, Name, LogoURL string
	Suggested         bool // the session's prefill.bankId
}

// consentPage is the data of the consent page.
type consentPage struct {
	Title, Action, FormToken string
	BankName, BankLogoURL    string
	Items                    []string
}

// donePage is the data of the page shown when a session has no callback to go back to.
type donePage struct {
	Title, Message string
}

// permissionDescription says what a permission shares, for the consent page.
func permissionDescription(perm string) string {
	switch perm {
	case permIdentity:
		return "Your name and date of birth"
	case permAccounts:
		return "Your accounts, their IBANs and holders"
	case permBalances:
		return "Your account balances"
	case permTransactions:
		return "Your transactions"
	}
	return perm
}

// handleSessionLink serves the session's redirectUrl: it goes on to the page the session is at.
func (h *Handler) handleSessionLink(w http.ResponseWriter, r *http.Request) {
	s, ok := h.loadSession(w, r)
	if !ok {
		return
	}
	http.Redirect(w, r, stepPath(&s), http.StatusSeeOther)
}

// handleBankPage shows the bank choice.
func (h *Handler) handleBankPage(w http.ResponseWriter, r *http.Request) {
	s, ok := h.loadSessionAt(w, r, stepBank)
	if !ok {
		return
	}
	banks := make([]bankChoice, 0, len(h.banks))
	for _, b := range h.banks {
		c := bankChoice{ID: b.ID, Name: b.Name, LogoURL: logoPath(b.ID), Suggested: b.ID == s.PrefillBankID}
		if c.Suggested {
			banks = append([]bankChoice{c}, banks...)
		} else {
			banks = append(banks, c)
		}
	}
	h.pages.Render(w, http.StatusOK, "bank", bankPage{Title: "Choose your bank", Action: stepPath(&s),
		FormToken: s.FormToken, Market: s.Market, Banks: banks})
}

// handleBankSubmit records the chosen bank and goes on to its login.
func (h *Handler) handleBankSubmit(w http.ResponseWriter, r *http.Request) {
	s, ok := h.loadPostedSessionAt(w, r, stepBank)
	if !ok {
		return
	}
	id := r.PostFormValue("provider_id")
	b, found := h.findBank(id)
	if !found {
		h.renderErrorPage(w, http.StatusBadRequest, "invalid_request",
			"Choose one of the banks offered ("+h.bankIDs()+"), not "+quoteOrNothing(id)+".")
		return
	}
	s, ok = h.store.update(s.ID, h.now(), func(x *session) { x.Bank, x.Step = &bankRef{ID: b.ID, Name: b.Name}, stepLogin })
	if !ok {
		h.renderFinished(w)
		return
	}
	http.Redirect(w, r, stepPath(&s), http.StatusSeeOther)
}

// handleLoginPage shows the mock bank's login.
func (h *Handler) handleLoginPage(w http.ResponseWriter, r *http.Request) {
	s, ok := h.loadSessionAt(w, r, stepLogin)
	if !ok {
		return
	}
	h.renderLogin(w, http.StatusOK, &s, "", "")
}

// handleLoginSubmit signs the mock user in: a wrong password shows the login again, an
// error.* user fails the session, anyone else goes on to the consent with their data read.
func (h *Handler) handleLoginSubmit(w http.ResponseWriter, r *http.Request) {
	s, ok := h.loadPostedSessionAt(w, r, stepLogin)
	if !ok {
		return
	}
	username, user, ok := mockbank.ReadLogin(r)
	if !ok {
		h.renderLogin(w, http.StatusUnauthorized, &s, username, mockbank.LoginRefused)
		return
	}
	if user.Failure != mockbank.FailureNone {
		h.fail(w, r, s.ID, user.Failure.String(), failureMessage(user.Failure))
		return
	}
	b, _ := h.findBank(s.Bank.ID)
	id, accounts := gathered(user, b, s.Market)
	s, ok = h.store.update(s.ID, h.now(), func(x *session) { x.Identity, x.Accounts, x.Step = id, accounts, stepConsent })
	if !ok {
		h.renderFinished(w)
		return
	}
	http.Redirect(w, r, stepPath(&s), http.StatusSeeOther)
}

// renderLogin shows the mock bank's login, with an error after a refused attempt.
func (h *Handler) renderLogin(w http.ResponseWriter, status int, s *session, username, loginError string) {
	h.pages.Render(w, status, mockbank.LoginPageName, mockbank.LoginPage{
		Title: "Log in to " + s.Bank.Name, Action: stepPath(s), FormToken: s.FormToken,
		BankName: s.Bank.Name, BankLogoURL: logoPath(s.Bank.ID), Username: username, Error: loginError,
	})
}

// handleConsentPage shows what Ivy will share, with Allow and Decline.
func (h *Handler) handleConsentPage(w http.ResponseWriter, r *http.Request) {
	s, ok := h.loadSessionAt(w, r, stepConsent)
	if !ok {
		return
	}
	items := make([]string, len(s.Permissions))
	for i, p := range s.Permissions {
		items[i] = permissionDescription(p)
	}
	h.pages.Render(w, http.StatusOK, "consent", consentPage{Title: "Share your data", Action: stepPath(&s),
		FormToken: s.FormToken, BankName: s.Bank.Name, BankLogoURL: logoPath(s.Bank.ID), Items: items})
}

// handleConsentSubmit completes the session when the user allows, or fails it when they
// decline, and sends the browser to the matching callback.
func (h *Handler) handleConsentSubmit(w http.ResponseWriter, r *http.Request) {
	s, ok := h.loadPostedSessionAt(w, r, stepConsent)
	if !ok {
		return
	}
	switch r.PostFormValue("decision") {
	case "allow":
		h.complete(w, r, s.ID)
	case "decline":
		h.fail(w, r, s.ID, "consent_declined", "The user declined to share their data.")
	default:
		h.renderErrorPage(w, http.StatusBadRequest, "invalid_request", "The consent form needs decision=allow or decision=decline.")
	}
}

// complete closes the session as completed, sends its webhook (giving it a head start) and the
// browser to the success callback with the sessionId (keeping the callback's own query, such as
// the client's state).
func (h *Handler) complete(w http.ResponseWriter, r *http.Request, id string) {
	now := h.now()
	s, ok := h.store.close(id, now, func(x *session) {
		x.Phase, x.ConsentExpiresAt = phaseCompleted, now.Add(consentLifetime)
	})
	if !ok {
		h.renderFinished(w)
		return
	}
	awaitResult(r, h.sendResult(s))
	if s.SuccessURL == "" {
		h.pages.Render(w, http.StatusOK, "done", donePage{Title: "You're done", Message: "Your data was shared with the application."})
		return
	}
	h.redirect(w, r, s.SuccessURL, []kit.Field{{Name: "sessionId", Value: s.ID}})
}

// fail closes the session as failed with code and message, forgetting what it read, sends its
// webhook (giving it a head start) and the browser to the error callback with sessionId, error
// and message.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, id, code, message string) {
	s, ok := h.store.close(id, h.now(), func(x *session) {
		x.Phase, x.Failure = phaseFailed, &failure{Code: code, Message: message}
		x.Identity, x.Accounts = nil, nil
	})
	if !ok {
		h.renderFinished(w)
		return
	}
	awaitResult(r, h.sendResult(s))
	h.redirectError(w, r, &s, code, message)
}

// redirectError sends the browser to the session's error callback with sessionId, error and
// message, or shows the error when the session has none.
func (h *Handler) redirectError(w http.ResponseWriter, r *http.Request, s *session, code, message string) {
	if s.ErrorURL == "" {
		h.renderErrorPage(w, http.StatusOK, code, message)
		return
	}
	h.redirect(w, r, s.ErrorURL, []kit.Field{{Name: "sessionId", Value: s.ID}, {Name: "error", Value: code}, {Name: "message", Value: message}})
}

// redirect sends the browser to callback with the fields added to its query.
func (h *Handler) redirect(w http.ResponseWriter, r *http.Request, callback string, fields []kit.Field) {
	u, err := kit.WithQuery(callback, fields)
	if err != nil {
		h.renderErrorPage(w, http.StatusBadRequest, "invalid_request", "The session's callback URL cannot be parsed.")
		return
	}
	http.Redirect(w, r, u, http.StatusFound)
}

// loadSession returns the open session named in the path, or answers why there is none: an
// error page for an unknown or closed session, the error callback with session_expired for
// one that ran out.
func (h *Handler) loadSession(w http.ResponseWriter, r *http.Request) (session, bool) {
	s, ok := h.store.get(r.PathValue("sid"))
	switch {
	case !ok:
		h.renderErrorPage(w, http.StatusNotFound, "invalid_request",
			"This data session is unknown: start again from the application.")
	case s.closed():
		h.renderFinished(w)
	case s.expired(h.now()):
		h.redirectError(w, r, &s, "session_expired", "The data session expired before the user completed it.")
	default:
		return s, true
	}
	return session{}, false
}

// loadSessionAt is loadSession for the page of a step: a session at another step is sent there.
func (h *Handler) loadSessionAt(w http.ResponseWriter, r *http.Request, at step) (session, bool) {
	s, ok := h.loadSession(w, r)
	if ok && s.Step != at {
		http.Redirect(w, r, stepPath(&s), http.StatusSeeOther)
		return session{}, false
	}
	return s, ok
}

// loadPostedSessionAt is loadSessionAt for a form submission, which must carry the session's
// form token.
func (h *Handler) loadPostedSessionAt(w http.ResponseWriter, r *http.Request, at step) (session, bool) {
	kit.LimitForm(w, r)
	if err := r.ParseForm(); err != nil {
		h.renderErrorPage(w, http.StatusBadRequest, "invalid_request", "The form cannot be read: "+err.Error())
		return session{}, false
	}
	s, ok := h.loadSessionAt(w, r, at)
	if !ok {
		return session{}, false
	}
	if !kit.SameToken(r.PostFormValue("form_token"), s.FormToken) {
		h.renderErrorPage(w, http.StatusBadRequest, "invalid_request",
			"The form does not belong to this data session: start again from the application.")
		return session{}, false
	}
	return s, true
}

// stepPath is the page an open session is at.
func stepPath(s *session) string { return sessionPath(s.ID) + "/" + s.Step.String() }

// renderErrorPage shows an error the browser cannot be sent back to the application with.
func (h *Handler) renderErrorPage(w http.ResponseWriter, status int, code, description string) {
	h.pages.RenderError(w, kit.ErrorPage{Title: "Something went wrong", Brand: brand, Status: status,
		Code: code, Description: description})
}

// renderFinished shows that a session already completed or failed.
func (h *Handler) renderFinished(w http.ResponseWriter) {
	h.renderErrorPage(w, http.StatusBadRequest, "invalid_request",
		"This data session is closed: it completed or failed already. Start a new one from the application.")
}

// logoPath is where the sandbox draws a bank's logo.
func logoPath(bankID string) string { return Prefix + "/logos/" + bankID + ".svg" }

// handleLogo draws a bank's logo.
func (h *Handler) handleLogo(w http.ResponseWriter, r *http.Request) {
	id, ok := strings.CutSuffix(r.PathValue("file"), ".svg")
	b, found := h.findBank(id)
	if !ok || !found {
		http.NotFound(w, r)
		return
	}
	kit.WriteBankLogo(w, b.ID, b.Name)
}

// quoteOrNothing quotes s for a message, or says it was empty.
func quoteOrNothing(s string) string {
	if s == "" {
		return "nothing"
	}
	return `"` + s + `"`
}
