package truelayer

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// tokenBody is the documented success answer of POST {auth}/connect/token.
type tokenBody struct {
	AccessToken  string `json:"access_token"`
	ExpiresIn    int    `json:"expires_in"`
	TokenType    string `json:"token_type"`
	RefreshToken string `json:"refresh_token,omitempty"`
	Scope        string `json:"scope"`
}

// handleToken serves POST {auth}/connect/token: form encoded, client credentials in the body.
func (h *Handler) handleToken(w http.ResponseWriter, r *http.Request) {
	kit.LimitForm(w, r)
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/x-www-form-urlencoded" {
		writeError(w, validationError("The token request must be form encoded (Content-Type: application/x-www-form-urlencoded)."))
		return
	}
	if err := r.ParseForm(); err != nil {
		writeError(w, validationError("The form cannot be read: "+err.Error()))
		return
	}
	if e := h.authenticateClient(r); e != nil {
		writeError(w, e)
		return
	}
	switch gt := r.PostForm.Get("grant_type"); gt {
	case "authorization_code":
		h.exchangeCode(w, r)
	case "refresh_token":
		h.refreshGrant(w, r)
	case "":
		writeError(w, validationError("grant_type is required: authorization_code or refresh_token."))
	default:
		writeError(w, &apiError{http.StatusBadRequest, "unsupported_grant_type",
			"grant_type " + quoteOrNothing(gt) + " is not supported: use authorization_code or refresh_token."})
	}
}

// authenticateClient checks client_id and client_secret in the form body. TrueLayer takes them
// in the body only, so a request with HTTP Basic alone is told so instead of accepted.
func (h *Handler) authenticateClient(r *http.Request) *apiError {
	id, secret := r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	if id == "" && secret == "" {
		if _, _, basic := r.BasicAuth(); basic {
			return &apiError{http.StatusBadRequest, "invalid_client",
				"Send client_id and client_secret in the form body: TrueLayer does not accept HTTP Basic client authentication."}
		}
		return &apiError{http.StatusBadRequest, "invalid_client", "client_id and client_secret are required in the form body."}
	}
	if id != h.clientID || !kit.SameToken(secret, h.clientSecret) {
		return &apiError{http.StatusBadRequest, "invalid_client",
			"The client_id or client_secret is wrong, or belongs to another environment."}
	}
	return nil
}

// exchangeCode answers grant_type=authorization_code. The code of an extend or re-auth link
// renews its connection instead of making one: same credentials_id, same refresh token.
func (h *Handler) exchangeCode(w http.ResponseWriter, r *http.Request) {
	f := r.PostForm
	code, redirectURI, verifier := f.Get("code"), f.Get("redirect_uri"), f.Get("code_verifier")
	if code == "" || redirectURI == "" {
		writeError(w, validationError("code and redirect_uri are required with grant_type=authorization_code."))
		return
	}
	clientID := f.Get("client_id")
	check := func(c authCode) *apiError {
		if c.Request.ClientID != clientID {
			return invalidGrant("The authorization code was issued to another client.")
		}
		if c.Request.RedirectURI != redirectURI {
			return invalidGrant("The redirect_uri does not match the one of the auth link.")
		}
		return checkPKCE(c.Request.CodeChallenge, verifier)
	}
	now := h.now()
	connect := func(c authCode) *connection {
		conn := &connection{
			CredentialsID:    kit.RandomID(16),
			ClientID:         c.Request.ClientID,
			RedirectURI:      c.Request.RedirectURI,
			Scopes:           c.Request.Scopes,
			User:             c.User,
			Bank:             c.Bank,
			CreatedAt:        now,
			ConsentCreatedAt: now,
			ExpiresAt:        now.Add(consentLifetime),
		}
		if slices.Contains(c.Request.Scopes, "offline_access") {
			conn.RefreshToken = kit.RandomHex(32)
		}
		return conn
	}
	conn, e := h.store.redeemCode(now, code, check, connect)
	if e != nil {
		writeError(w, e)
		return
	}
	h.writeTokens(w, r, conn, now)
}

// refreshGrant answers grant_type=refresh_token, rotating the refresh token.
func (h *Handler) refreshGrant(w http.ResponseWriter, r *http.Request) {
	token := r.PostForm.Get("refresh_token")
	if token == "" {
		writeError(w, validationError("refresh_token is required with grant_type=refresh_token."))
		return
	}
	now := h.now()
	conn, e := h.store.rotateRefresh(now, token, r.PostForm.Get("client_id"), kit.RandomHex(32))
	if e != nil {
		writeError(w, e)
		return
	}
	h.writeTokens(w, r, conn, now)
}

// checkPKCE verifies the code_verifier against the auth link's S256 challenge.
func checkPKCE(challenge, verifier string) *apiError {
	switch {
	case challenge == "" && verifier == "":
		return nil
	case challenge == "":
		return invalidGrant("A code_verifier was sent but the auth link had no code_challenge.")
	case verifier == "":
		return invalidGrant("The auth link had a code_challenge: code_verifier is required.")
	}
	sum := sha256.Sum256([]byte(verifier))
	if subtle.ConstantTimeCompare([]byte(base64.RawURLEncoding.EncodeToString(sum[:])), []byte(challenge)) != 1 {
		return invalidGrant("The code_verifier does not match the code_challenge (S256).")
	}
	return nil
}

// issueAccessToken signs a new access token for the connection, valid for tokenLifetime.
func (h *Handler) issueAccessToken(r *http.Request, conn connection, now time.Time) (string, error) {
	return h.signAccessToken(accessClaims{
		Issuer:    kit.BaseURL(r) + AuthPrefix,
		Subject:   conn.CredentialsID,
		ClientID:  conn.ClientID,
		Scope:     conn.Scopes,
		IssuedAt:  now.Unix(),
		NotBefore: now.Unix(),
		Expires:   now.Add(tokenLifetime).Unix(),
		ID:        kit.RandomHex(16),
	})
}

// writeTokens issues an access token for the connection and writes the token answer.
func (h *Handler) writeTokens(w http.ResponseWriter, r *http.Request, conn connection, now time.Time) {
	access, err := h.issueAccessToken(r, conn, now)
	if err != nil {
		writeError(w, &apiError{http.StatusInternalServerError, "internal_error", err.Error()})
		return
	}
	kit.WriteJSON(w, http.StatusOK, tokenBody{
		AccessToken:  access,
		ExpiresIn:    int(tokenLifetime / time.Second),
		TokenType:    "Bearer",
		RefreshToken: conn.RefreshToken,
		Scope:        strings.Join(conn.Scopes, " "),
	})
}
