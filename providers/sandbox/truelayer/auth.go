package truelayer

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sync"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// s256Challenge is the form of a PKCE S256 code challenge: 32 bytes, unpadded base64url.
var s256Challenge = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)
})

// handleAuthLink serves GET {auth}/?response_type=code&...: it validates the auth link, opens
// an auth session and sends the browser to its first page.
func (h *Handler) handleAuthLink(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	clientID, redirectURI := q.Get("client_id"), q.Get("redirect_uri")
	if clientID != h.clientID {
		h.renderErrorPage(w, r, http.StatusBadRequest, "unauthorized_client",
			fmt.Sprintf("The client_id %q is not registered with this sandbox (it accepts %q).", clientID, h.clientID))
		return
	}
	if !h.redirectAllowed(redirectURI) {
		h.renderErrorPage(w, r, http.StatusBadRequest, "unauthorized_client",
			fmt.Sprintf("The redirect_uri %q is not allowed for this client. The embedded sandbox accepts "+
				"http://127.0.0.1:PORT/PATH and http://localhost:PORT/PATH (any port), any https:// URI, "+
				"and the extra redirect URIs it was started with.", redirectURI))
		return
	}
	req := authRequest{
		ClientID:      clientID,
		RedirectURI:   redirectURI,
		State:         q.Get("state"),
		Nonce:         q.Get("nonce"),
		ResponseMode:  q.Get("response_mode"),
		CodeChallenge: q.Get("code_challenge"),
	}
	if e := validateAuthRequest(&req, q); e != nil {
		if req.ResponseMode != "form_post" {
			req.ResponseMode = ""
		}
		h.redirectToClient(w, r, req, oauthErrorParams(e))
		return
	}
	banks := h.offeredBanks(q.Get("providers"))
	if len(banks) == 0 {
		h.renderErrorPage(w, r, http.StatusBadRequest, "invalid_request",
			fmt.Sprintf("No bank matches providers=%q; this sandbox offers %s.", q.Get("providers"), h.providerNames()))
		return
	}
	sess := &authSession{
		ID:        kit.RandomToken(16),
		FormToken: kit.RandomToken(16),
		Request:   req,
		Banks:     banks,
		Step:      stepSelectBank,
		CreatedAt: h.now(),
	}
	if id := q.Get("provider_id"); id != "" {
		i := slices.IndexFunc(banks, func(b Bank) bool { return b.ID == id })
		if i < 0 {
			h.renderErrorPage(w, r, http.StatusBadRequest, "invalid_request",
				fmt.Sprintf("The provider_id %q is not one of the banks this auth link offers (%s).", id, bankIDs(banks)))
			return
		}
		sess.Bank, sess.Step = banks[i], stepConsent
	} else if len(banks) == 1 {
		sess.Bank, sess.Step = banks[0], stepConsent // documented: skipped when one provider is enabled
	}
	h.store.addSession(h.now(), sess)
	http.Redirect(w, r, stepPath(*sess), http.StatusFound)
}

// validateAuthRequest checks the parameters that are reported back on the redirect; it fills
// the scopes in req.
func validateAuthRequest(req *authRequest, q url.Values) *apiError {
	switch req.ResponseMode {
	case "", "query":
		req.ResponseMode = ""
	case "form_post":
	default:
		return &apiError{http.StatusFound, "invalid_request",
			fmt.Sprintf("response_mode %q is not supported: omit it or use form_post.", req.ResponseMode)}
	}
	if rt := q.Get("response_type"); rt != "code" {
		return &apiError{http.StatusFound, "unsupported_response_type",
			fmt.Sprintf("response_type must be code, not %q.", rt)}
	}
	scopes, unknown := parseScopes(q.Get("scope"))
	if unknown != "" {
		return &apiError{http.StatusFound, "invalid_scope", fmt.Sprintf("The scope %q is not known.", unknown)}
	}
	if len(scopes) == 0 {
		return &apiError{http.StatusFound, "invalid_scope", "The scope parameter is missing."}
	}
	req.Scopes = scopes
	method := q.Get("code_challenge_method")
	switch {
	case req.CodeChallenge == "" && method != "":
		return &apiError{http.StatusFound, "invalid_request", "code_challenge_method was sent without a code_challenge."}
	case req.CodeChallenge != "" && method != "S256":
		return &apiError{http.StatusFound, "invalid_request",
			fmt.Sprintf("code_challenge_method must be S256, not %q.", method)}
	case req.CodeChallenge != "" && !s256Challenge().MatchString(req.CodeChallenge):
		return &apiError{http.StatusFound, "invalid_request", "code_challenge must be 43 characters of unpadded base64url (S256)."}
	}
	return nil
}

// stepPath is the page of the session's current step.
func stepPath(sess authSession) string {
	switch sess.Step {
	case stepSelectBank:
		return AuthPrefix + "/select/" + sess.ID
	case stepConsent:
		return AuthPrefix + "/consent/" + sess.ID
	default:
		return AuthPrefix + "/bank/" + sess.ID
	}
}
