package oneid

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sync"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// s256Challenge is the form of a PKCE S256 code challenge: 32 bytes, unpadded base64url.
var s256Challenge = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)
})

// maxParamLength bounds state and nonce.
const maxParamLength = 1024

// handleAuthorize serves GET /v2/authorize: it validates the request, opens a session and sends
// the browser to the mock bank's page. An unknown client or a redirect_uri that is not allowed
// gets an error page (the browser is never sent to an unchecked URI); any other problem goes
// back to the redirect_uri as an OAuth error.
func (h *Handler) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	clientID, redirectURI := q.Get("client_id"), q.Get("redirect_uri")
	if clientID != h.clientID && clientID != h.publicClientID {
		h.renderErrorPage(w, http.StatusBadRequest, "unauthorized_client",
			fmt.Sprintf("The client_id %s is not registered with this sandbox (it accepts %q and the public client %q).",
				quoteOrNothing(clientID), h.clientID, h.publicClientID))
		return
	}
	if !h.redirectAllowed(redirectURI) {
		h.renderErrorPage(w, http.StatusBadRequest, "invalid_request",
			fmt.Sprintf("The redirect_uri %s is not allowed for this client. The embedded sandbox accepts "+
				"http://127.0.0.1:PORT/PATH and http://localhost:PORT/PATH (any port), any https:// URI, "+
				"and the extra redirect URIs it was started with.", quoteOrNothing(redirectURI)))
		return
	}
	req := authRequest{ClientID: clientID, RedirectURI: redirectURI, State: q.Get("state"), Nonce: q.Get("nonce"),
		CodeChallenge: q.Get("code_challenge")}
	if e := validateAuthRequest(&req, q); e != nil {
		if len(req.State) > maxParamLength {
			req.State = "" // not echoed back
		}
		h.redirectError(w, r, req, e.Code, e.Description, "")
		return
	}
	now := h.now()
	s := &session{ID: kit.RandomToken(16), FormToken: kit.RandomToken(16), Request: req, CreatedAt: now}
	h.store.addSession(now, s)
	http.Redirect(w, r, bankPath(s.ID), http.StatusFound)
}

// validateAuthRequest checks the parameters whose problems are reported on the redirect; it
// fills the scopes in req.
func validateAuthRequest(req *authRequest, q url.Values) *apiError {
	if rt := q.Get("response_type"); rt != "code" {
		return &apiError{http.StatusFound, "unsupported_response_type",
			fmt.Sprintf("response_type must be code, not %s.", quoteOrNothing(rt))}
	}
	if rm := q.Get("response_mode"); rm != "" && rm != "query" {
		return invalidRequestRedirect(fmt.Sprintf("response_mode %q is not supported: omit it or use query.", rm))
	}
	scopes, e := parseScope(q.Get("scope"))
	if e != nil {
		return e
	}
	req.Scopes = scopes
	method := q.Get("code_challenge_method")
	switch {
	case req.State == "":
		return invalidRequestRedirect("state is required: a value the client checks when the browser comes back.")
	case req.Nonce == "":
		return invalidRequestRedirect("nonce is required: the ID token carries it back.")
	case len(req.State) > maxParamLength || len(req.Nonce) > maxParamLength:
		return invalidRequestRedirect(fmt.Sprintf("state and nonce must be at most %d characters.", maxParamLength))
	case req.CodeChallenge == "":
		return invalidRequestRedirect("PKCE is required: send code_challenge and code_challenge_method=S256.")
	case method != "S256":
		return invalidRequestRedirect(fmt.Sprintf("code_challenge_method must be S256, not %s.", quoteOrNothing(method)))
	case !s256Challenge().MatchString(req.CodeChallenge):
		return invalidRequestRedirect("code_challenge must be 43 characters of unpadded base64url (S256).")
	}
	return nil
}

// invalidRequestRedirect is invalid_request reported on the redirect.
func invalidRequestRedirect(description string) *apiError {
	return &apiError{http.StatusFound, "invalid_request", description}
}

// bankPath is the mock bank's page of a session.
func bankPath(sid string) string { return Prefix + "/bank/" + sid }
