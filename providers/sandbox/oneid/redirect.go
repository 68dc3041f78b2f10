package oneid

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// OneID's detailed reasons on an error redirect, in error_oneid.
const (
	oneIDUserCancelled  = "OneID.OIDC.Redirect.UserCancelled"
	oneIDSessionExpired = "OneID.OIDC.Redirect.SessionExpired"
)

// redirectAllowed reports whether a client may be redirected to uri: any loopback http URI
// (any port, as for native apps, RFC 8252), any https URI, or one of the extra URIs.
func (h *Handler) redirectAllowed(uri string) bool {
	if uri == "" {
		return false
	}
	if slices.Contains(h.extraURIs, uri) {
		return true
	}
	u, err := url.Parse(uri)
	if err != nil || u.Fragment != "" || u.User != nil || u.Host == "" {
		return false
	}
	switch u.Scheme {
	case "https":
		// Lenient on purpose: the embedded sandbox has no portal to register URIs in, so any
		// https URI is accepted (OneID wants an exact, registered match).
		return true
	case "http":
		host := u.Hostname()
		return host == "127.0.0.1" || host == "localhost" || host == "::1"
	default:
		return false
	}
}

// redirectError sends the browser back to the client with an OAuth error, OneID's detail
// (error_oneid) when there is one, and the state.
func (h *Handler) redirectError(w http.ResponseWriter, r *http.Request, req authRequest, code, description, oneIDDetail string) {
	params := []kit.Field{{Name: "error", Value: code}, {Name: "error_description", Value: description}}
	if oneIDDetail != "" {
		params = append(params, kit.Field{Name: "error_oneid", Value: oneIDDetail})
	}
	h.redirectToClient(w, r, req, params)
}

// redirectToClient sends the browser back to the request's redirect_uri with params and the
// state, when the request had one.
func (h *Handler) redirectToClient(w http.ResponseWriter, r *http.Request, req authRequest, params []kit.Field) {
	if req.State != "" {
		params = append(params, kit.Field{Name: "state", Value: req.State})
	}
	u, err := kit.WithQuery(req.RedirectURI, params)
	if err != nil {
		h.renderErrorPage(w, http.StatusBadRequest, "invalid_request", "The redirect_uri cannot be parsed.")
		return
	}
	http.Redirect(w, r, u, http.StatusFound)
}
