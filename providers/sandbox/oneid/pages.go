package oneid

import (
	"net/http"
	"strings"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

// brand is the brand line of OneID's own pages (its error page).
const brand = "OneID · sandbox"

// bankName is the bank the customers are offered at.
const bankName = "Mock"

// parsePages parses the kit's pages and the mock bank's customers page.
func parsePages() *kit.Pages {
	return kit.MustParsePages(mockbank.CustomersPageSource())
}

// renderErrorPage shows an error the browser cannot be redirected with.
func (h *Handler) renderErrorPage(w http.ResponseWriter, status int, code, description string) {
	h.pages.RenderError(w, kit.ErrorPage{Title: "Something went wrong", Brand: brand, Status: status,
		Code: code, Description: description})
}

// handleCustomersPage serves GET /bank/{sid}: the mock bank's page, where the tester picks who
// signs in, or cancels.
func (h *Handler) handleCustomersPage(w http.ResponseWriter, r *http.Request) {
	s, ok := h.loadSession(w, r)
	if !ok {
		return
	}
	shares := make([]string, 0, len(s.Request.Scopes))
	for _, sc := range s.Request.Scopes {
		if sc != productOf(s.Request.Scopes) {
			shares = append(shares, scopeDescription(sc))
		}
	}
	ids := identities()
	choices := make([]mockbank.CustomerChoice, len(ids))
	for i, id := range ids {
		c, _ := mockbank.FindCustomer(id.Key)
		choices[i] = mockbank.CustomerChoice{Key: id.Key, Name: c.Person.FullName(), Note: id.Note}
	}
	h.pages.Render(w, http.StatusOK, mockbank.CustomersPageName, mockbank.CustomersPage{
		Title:     "Who is signing in?",
		Action:    bankPath(s.ID),
		FormToken: s.FormToken,
		BankName:  bankName,
		Intro: clientName(s.Request.ClientID) + " uses OneID (" + strings.TrimPrefix(productOf(s.Request.Scopes), "product:") +
			") to confirm who you are with your bank.",
		Shares:  shares,
		Choices: choices,
	})
}

// handleCustomersSubmit serves POST /bank/{sid}: it sends the browser back to the client with
// a code for the chosen identity, or with access_denied when the tester cancelled.
func (h *Handler) handleCustomersSubmit(w http.ResponseWriter, r *http.Request) {
	kit.LimitForm(w, r)
	if err := r.ParseForm(); err != nil {
		h.renderErrorPage(w, http.StatusBadRequest, "invalid_request", "The form cannot be read: "+err.Error())
		return
	}
	s, ok := h.loadSession(w, r)
	if !ok {
		return
	}
	if !kit.SameToken(r.PostFormValue("form_token"), s.FormToken) {
		h.renderErrorPage(w, http.StatusBadRequest, "invalid_request",
			"The form does not belong to this sign-in session: start the sign-in again.")
		return
	}
	c, cancelled, ok := mockbank.ReadCustomerChoice(r)
	if !ok || (!cancelled && !hasIdentity(c.Key)) {
		h.renderErrorPage(w, http.StatusBadRequest, "invalid_request",
			"Choose one of the identities offered ("+strings.Join(identityKeys(), ", ")+") or cancel, not "+
				quoteOrNothing(r.PostFormValue("identity"))+".")
		return
	}
	if !h.store.finishSession(s.ID) {
		h.renderFinished(w)
		return
	}
	if cancelled {
		h.redirectError(w, r, s.Request, "access_denied", "The user cancelled at the bank.", oneIDUserCancelled)
		return
	}
	now := h.now()
	code := &authCode{Code: kit.RandomHex(32), Request: s.Request, Identity: c.Key, AuthTime: now}
	h.store.addCode(code)
	h.redirectToClient(w, r, s.Request, []kit.Field{{Name: "code", Value: code.Code}})
}

// loadSession returns the session named in the path, or answers why there is none: an error
// page for an unknown or finished session, the client's redirect with SessionExpired for one
// older than 30 minutes.
func (h *Handler) loadSession(w http.ResponseWriter, r *http.Request) (session, bool) {
	s, ok := h.store.session(r.PathValue("sid"))
	switch {
	case !ok:
		h.renderErrorPage(w, http.StatusNotFound, "invalid_request",
			"This sign-in session is unknown: start the sign-in again from the application.")
	case s.Done:
		h.renderFinished(w)
	case s.expired(h.now()):
		if h.store.finishSession(s.ID) {
			h.redirectError(w, r, s.Request, "access_denied",
				"The OneID session expired: a session lasts 30 minutes.", oneIDSessionExpired)
		} else {
			h.renderFinished(w)
		}
	default:
		return s, true
	}
	return session{}, false
}

// renderFinished shows that a session already sent its answer to the client.
func (h *Handler) renderFinished(w http.ResponseWriter) {
	h.renderErrorPage(w, http.StatusBadRequest, "invalid_request",
		"This sign-in already finished: a session answers the application once. Start the sign-in again.")
}

// clientName is the application's name on the pages: the client id without "sandbox-".
func clientName(clientID string) string {
	return strings.TrimPrefix(clientID, "sandbox-")
}
