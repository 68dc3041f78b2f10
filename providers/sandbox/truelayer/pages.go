package truelayer

import (
	"net/http"
	"slices"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

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
func (h *Handler) handleSelectPage(w http.ResponseWriter, r *http.Request) {
	sess, ok := h.loadSession(w, r)
	if !ok {
		return
	}
	if len(sess.Banks) < 2 {
		http.Redirect(w, r, stepPath(sess), http.StatusSeeOther)
		return
	}
	h.renderSelect(w, sess)
}

// handleSelectSubmit records the chosen bank and moves on to consent.
func (h *Handler) handleSelectSubmit(w http.ResponseWriter, r *http.Request) {
	sess, ok := h.loadPostedSession(w, r)
	if !ok {
		return
	}
	id := r.PostFormValue("provider_id")
	i := slices.IndexFunc(sess.Banks, func(b Bank) bool { return b.ID == id })
	if i < 0 {
		h.renderErrorPage(w, r, http.StatusBadRequest, "invalid_request",
			"Choose one of the banks offered ("+bankIDs(sess.Banks)+"), not "+quoteOrNothing(id)+".")
		return
	}
	h.store.updateSession(sess.ID, func(a *authSession) {
		a.Bank, a.Step = sess.Banks[i], stepConsent
	})
	http.Redirect(w, r, AuthPrefix+"/consent/"+sess.ID, http.StatusSeeOther)
}

// handleConsentPage shows what the application will get, with Allow and Decline.
func (h *Handler) handleConsentPage(w http.ResponseWriter, r *http.Request) {
	sess, ok := h.loadSession(w, r)
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
	h.pages.Render(w, http.StatusOK, "consent", consentPage{
		Title:      "Share your data",
		Action:     AuthPrefix + "/consent/" + sess.ID,
		FormToken:  sess.FormToken,
		ClientName: clientName(sess.Request.ClientID),
		Bank:       h.bankView(sess.Bank),
		Items:      items,
		Duration:   duration,
	})
}

// handleConsentSubmit goes on to the bank when the user allows, or back to the client with
// access_denied when they decline.
func (h *Handler) handleConsentSubmit(w http.ResponseWriter, r *http.Request) {
	sess, ok := h.loadPostedSession(w, r)
	if !ok {
		return
	}
	if sess.Step < stepConsent {
		http.Redirect(w, r, stepPath(sess), http.StatusSeeOther)
		return
	}
	switch r.PostFormValue("decision") {
	case "allow":
		h.store.updateSession(sess.ID, func(a *authSession) { a.Step = stepLogin })
		http.Redirect(w, r, AuthPrefix+"/bank/"+sess.ID, http.StatusSeeOther)
	case "decline":
		if !h.store.finishSession(sess.ID) {
			h.renderFinished(w, r)
			return
		}
		h.redirectToClient(w, r, sess.Request, []kit.Field{{Name: "error", Value: "access_denied"},
			{Name: "error_description", Value: "The user declined to share their data."}})
	default:
		h.renderErrorPage(w, r, http.StatusBadRequest, "invalid_request", "The consent form needs decision=allow or decision=decline.")
	}
}

// renderSelect shows the bank selection page.
func (h *Handler) renderSelect(w http.ResponseWriter, sess authSession) {
	banks := make([]bankView, len(sess.Banks))
	for i, b := range sess.Banks {
		banks[i] = h.bankView(b)
	}
	h.pages.Render(w, http.StatusOK, "select", selectPage{
		Title:      "Select your bank",
		Action:     AuthPrefix + "/select/" + sess.ID,
		FormToken:  sess.FormToken,
		ClientName: clientName(sess.Request.ClientID),
		Banks:      banks,
	})
}
