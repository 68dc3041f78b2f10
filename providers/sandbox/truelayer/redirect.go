package truelayer

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// redirectAllowed reports whether the sandbox client may be redirected to uri.
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
		// Lenient on purpose: the embedded sandbox has no Console to register URIs in, so any
		// https URI is accepted (the real sandbox wants an exact, registered match).
		return true
	case "http":
		// Loopback redirects on any port, as for native apps (RFC 8252, section 7.3).
		h := u.Hostname()
		return h == "127.0.0.1" || h == "localhost" || h == "::1"
	default:
		return false
	}
}

// oauthErrorParams are the redirect parameters reporting e.
func oauthErrorParams(e *apiError) []kit.Field {
	return []kit.Field{{Name: "error", Value: e.Code}, {Name: "error_description", Value: e.Description}}
}

// redirectToClient sends the browser back to the auth link's redirect_uri with params (and the
// state, when the link had one): as a 302 with a query string, or as an auto-submitting form
// for response_mode=form_post.
func (h *Handler) redirectToClient(w http.ResponseWriter, r *http.Request, req authRequest, params []kit.Field) {
	if req.State != "" {
		params = append(params, kit.Field{Name: "state", Value: req.State})
	}
	if req.ResponseMode == "form_post" {
		h.pages.RenderFormPost(w, kit.FormPostPage{Title: "Returning to the application", Brand: brand,
			Action: template.URL(req.RedirectURI), Fields: params})
		return
	}
	u, err := kit.WithQuery(req.RedirectURI, params)
	if err != nil {
		h.renderErrorPage(w, r, http.StatusBadRequest, "invalid_request", "The redirect_uri cannot be parsed.")
		return
	}
	http.Redirect(w, r, u, http.StatusFound)
}
