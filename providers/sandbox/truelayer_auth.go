package sandbox

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// s256Challenge is the form of a PKCE S256 code challenge: 32 bytes, unpadded base64url.
var s256Challenge = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)

// handleAuthLink serves GET {auth}/?response_type=code&...: it validates the auth link, opens
// an auth session and sends the browser to its first page.
func (s *Sandbox) handleAuthLink(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	clientID, redirectURI := q.Get("client_id"), q.Get("redirect_uri")
	if clientID != s.clientID {
		s.renderErrorPage(w, r, http.StatusBadRequest, "unauthorized_client",
			fmt.Sprintf("The client_id %q is not registered with this sandbox (it accepts %q).", clientID, s.clientID))
		return
	}
	if !s.redirectAllowed(redirectURI) {
		s.renderErrorPage(w, r, http.StatusBadRequest, "unauthorized_client",
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
		s.redirectToClient(w, r, req, oauthErrorParams(e))
		return
	}
	banks := s.offeredBanks(q.Get("providers"))
	if len(banks) == 0 {
		s.renderErrorPage(w, r, http.StatusBadRequest, "invalid_request",
			fmt.Sprintf("No bank matches providers=%q; this sandbox offers %s.", q.Get("providers"), s.providerNames()))
		return
	}
	sess := &authSession{
		ID:        kit.RandomToken(16),
		FormToken: kit.RandomToken(16),
		Request:   req,
		Banks:     banks,
		Step:      stepSelectBank,
		CreatedAt: s.now(),
	}
	if id := q.Get("provider_id"); id != "" {
		i := slices.IndexFunc(banks, func(b Bank) bool { return b.ID == id })
		if i < 0 {
			s.renderErrorPage(w, r, http.StatusBadRequest, "invalid_request",
				fmt.Sprintf("The provider_id %q is not one of the banks this auth link offers (%s).", id, bankIDs(banks)))
			return
		}
		sess.Bank, sess.Step = banks[i], stepConsent
	} else if len(banks) == 1 {
		sess.Bank, sess.Step = banks[0], stepConsent // documented: skipped when one provider is enabled
	}
	s.store.addSession(s.now(), sess)
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
	case req.CodeChallenge != "" && !s256Challenge.MatchString(req.CodeChallenge):
		return &apiError{http.StatusFound, "invalid_request", "code_challenge must be 43 characters of unpadded base64url (S256)."}
	}
	return nil
}

// redirectAllowed reports whether the sandbox client may be redirected to uri.
func (s *Sandbox) redirectAllowed(uri string) bool {
	if uri == "" {
		return false
	}
	if slices.Contains(s.extraURIs, uri) {
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

// offeredBanks returns the banks the providers parameter enables, all of them when it is empty.
func (s *Sandbox) offeredBanks(providers string) []Bank {
	tokens := strings.Fields(providers)
	if len(tokens) == 0 {
		return s.banks
	}
	var banks []Bank
	for _, b := range s.banks {
		if slices.ContainsFunc(tokens, func(t string) bool { return providerMatches(b, t) }) {
			banks = append(banks, b)
		}
	}
	return banks
}

// providerMatches reports whether a providers token enables the bank: its id, uk-cs-mock for
// the Mock bank, or a country group such as uk-ob-all for any other bank of that country.
func providerMatches(b Bank, token string) bool {
	if token == b.ID {
		return true
	}
	if b.ID == "mock" {
		return token == b.Country+"-cs-mock"
	}
	country, _, _ := strings.Cut(token, "-")
	return strings.HasSuffix(token, "-all") && strings.EqualFold(country, b.Country)
}

// providerNames describes the sandbox's banks for an error message.
func (s *Sandbox) providerNames() string {
	names := make([]string, len(s.banks))
	for i, b := range s.banks {
		names[i] = b.ID
		if b.ID == "mock" {
			names[i] = b.Country + "-cs-mock (Mock)"
		}
	}
	return strings.Join(names, ", ")
}

// bankIDs lists the banks' provider ids for an error message.
func bankIDs(banks []Bank) string {
	ids := make([]string, len(banks))
	for i, b := range banks {
		ids[i] = b.ID
	}
	return strings.Join(ids, ", ")
}

// stepPath is the page of the session's current step.
func stepPath(sess authSession) string {
	switch sess.Step {
	case stepSelectBank:
		return trueLayerAuthPrefix + "/select/" + sess.ID
	case stepConsent:
		return trueLayerAuthPrefix + "/consent/" + sess.ID
	default:
		return trueLayerAuthPrefix + "/bank/" + sess.ID
	}
}

// oauthErrorParams are the redirect parameters reporting e.
func oauthErrorParams(e *apiError) []kit.Field {
	return []kit.Field{{Name: "error", Value: e.Code}, {Name: "error_description", Value: e.Description}}
}

// redirectToClient sends the browser back to the auth link's redirect_uri with params (and the
// state, when the link had one): as a 302 with a query string, or as an auto-submitting form
// for response_mode=form_post.
func (s *Sandbox) redirectToClient(w http.ResponseWriter, r *http.Request, req authRequest, params []kit.Field) {
	if req.State != "" {
		params = append(params, kit.Field{Name: "state", Value: req.State})
	}
	if req.ResponseMode == "form_post" {
		s.pages.RenderFormPost(w, kit.FormPostPage{Title: "Returning to the application", Brand: trueLayerBrand,
			Action: template.URL(req.RedirectURI), Fields: params})
		return
	}
	u, err := kit.WithQuery(req.RedirectURI, params)
	if err != nil {
		s.renderErrorPage(w, r, http.StatusBadRequest, "invalid_request", "The redirect_uri cannot be parsed.")
		return
	}
	http.Redirect(w, r, u, http.StatusFound)
}
