package oneid

import (
	"crypto/sha256"
	"encoding/base64"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// codeVerifierForm is RFC 7636's code_verifier: 43 to 128 unreserved characters.
var codeVerifierForm = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9._~-]{43,128}$`)
})

// tokenBody is the documented success answer of POST /token: no refresh token.
type tokenBody struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	IDToken     string `json:"id_token"`
}

// handleToken serves POST /token: form encoded, the confidential client by HTTP Basic
// (client_secret_basic), the public client by client_id alone (none).
func (h *Handler) handleToken(w http.ResponseWriter, r *http.Request) {
	kit.LimitForm(w, r)
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/x-www-form-urlencoded" {
		writeError(w, invalidRequest("The token request must be form encoded (Content-Type: application/x-www-form-urlencoded)."))
		return
	}
	if err := r.ParseForm(); err != nil {
		writeError(w, invalidRequest("The form cannot be read: "+err.Error()))
		return
	}
	clientID, e := h.authenticateClient(r)
	if e != nil {
		if e.Status == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Basic realm="oneid"`)
			kit.WriteError(w, e.Status, errorBody{Error: e.Code, ErrorDescription: e.Description})
			return
		}
		writeError(w, e)
		return
	}
	switch gt := r.PostForm.Get("grant_type"); gt {
	case "authorization_code":
		h.exchangeCode(w, r, clientID)
	case "":
		writeError(w, invalidRequest("grant_type is required: authorization_code."))
	default:
		writeError(w, &apiError{http.StatusBadRequest, "unsupported_grant_type",
			"grant_type " + quoteOrNothing(gt) + " is not supported: use authorization_code (OneID issues no refresh tokens)."})
	}
}

// authenticateClient returns the client the request authenticates as: the confidential client
// by HTTP Basic (its id and secret form-encoded, RFC 6749 section 2.3.1), or the public client
// by client_id in the body and no secret.
func (h *Handler) authenticateClient(r *http.Request) (string, *apiError) {
	bodyID, bodySecret := r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	unauthorized := func(description string) (string, *apiError) {
		return "", &apiError{http.StatusUnauthorized, "invalid_client", description}
	}
	if user, pass, basic := r.BasicAuth(); basic {
		id, secret := formDecoded(user), formDecoded(pass)
		switch {
		case bodySecret != "":
			return "", invalidRequest("Authenticate one way: HTTP Basic or client_id alone, not a client_secret in the body as well.")
		case bodyID != "" && bodyID != id:
			return "", invalidRequest("The client_id in the body is not the one of the Authorization header.")
		case id != h.clientID || !kit.SameToken(secret, h.clientSecret):
			return unauthorized("The client id or secret in the Authorization header is wrong, or belongs to another environment.")
		}
		return id, nil
	}
	switch {
	case bodyID == h.publicClientID && bodySecret == "":
		return bodyID, nil
	case bodyID == h.clientID:
		return unauthorized("This client has a secret: authenticate with HTTP Basic (client_secret_basic), not in the form body.")
	case bodyID == "":
		return unauthorized("Client authentication is required: HTTP Basic with the client id and secret.")
	default:
		return unauthorized("The client " + quoteOrNothing(bodyID) + " is not registered with this sandbox.")
	}
}

// formDecoded undoes the form encoding RFC 6749 asks of Basic credentials; a value that is
// not encoded stays as it is.
func formDecoded(s string) string {
	if d, err := url.QueryUnescape(s); err == nil {
		return d
	}
	return s
}

// exchangeCode answers grant_type=authorization_code for the authenticated client.
func (h *Handler) exchangeCode(w http.ResponseWriter, r *http.Request, clientID string) {
	f := r.PostForm
	code, verifier := f.Get("code"), f.Get("code_verifier")
	redirectURI, sentRedirect := f.Get("redirect_uri"), f.Has("redirect_uri")
	if code == "" {
		writeError(w, invalidRequest("code is required with grant_type=authorization_code."))
		return
	}
	check := func(c authCode) *apiError {
		switch {
		case c.Request.ClientID != clientID:
			return invalidGrant("The authorization code was issued to another client.")
		case sentRedirect && redirectURI != c.Request.RedirectURI:
			return invalidGrant("The redirect_uri does not match the one of the authorization request.")
		}
		return checkPKCE(c.Request.CodeChallenge, verifier)
	}
	now := h.now()
	c, e := h.store.redeemCode(now, code, kit.RandomToken(32), check)
	if e != nil {
		writeError(w, e)
		return
	}
	id, _, _ := findIdentity(c.Identity)
	idToken, err := h.signIDToken(idTokenClaims{
		Issuer:   issuer(r),
		Subject:  id.Subject,
		Audience: c.Request.ClientID,
		Expiry:   now.Add(tokenLifetime).Unix(),
		IssuedAt: now.Unix(),
		AuthTime: c.AuthTime.Unix(),
		Nonce:    c.Request.Nonce,
	})
	if err != nil {
		writeError(w, &apiError{http.StatusInternalServerError, "server_error", err.Error()})
		return
	}
	kit.WriteJSON(w, http.StatusOK, tokenBody{AccessToken: c.AccessToken, TokenType: "Bearer",
		ExpiresIn: int(tokenLifetime / time.Second), IDToken: idToken})
}

// checkPKCE verifies the code_verifier against the authorization request's S256 challenge.
func checkPKCE(challenge, verifier string) *apiError {
	switch {
	case verifier == "":
		return invalidGrant("code_verifier is required: the authorization request carried a code_challenge.")
	case !codeVerifierForm().MatchString(verifier):
		return invalidGrant("code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9 and -._~ (RFC 7636).")
	}
	sum := sha256.Sum256([]byte(verifier))
	if !kit.SameToken(base64.RawURLEncoding.EncodeToString(sum[:]), challenge) {
		return invalidGrant("The code_verifier does not match the code_challenge (S256).")
	}
	return nil
}
