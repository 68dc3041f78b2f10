package oneid

import (
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// discoveryDoc is the OpenID provider metadata of GET /.well-known/openid-configuration.
type discoveryDoc struct {
	Issuer                            string   `json:"issuer"`
	AuthorizationEndpoint             string   `json:"authorization_endpoint"`
	TokenEndpoint                     string   `json:"token_endpoint"`
	UserinfoEndpoint                  string   `json:"userinfo_endpoint"`
	JWKSURI                           string   `json:"jwks_uri"`
	ScopesSupported                   []string `json:"scopes_supported"`
	ResponseTypesSupported            []string `json:"response_types_supported"`
	ResponseModesSupported            []string `json:"response_modes_supported"`
	GrantTypesSupported               []string `json:"grant_types_supported"`
	SubjectTypesSupported             []string `json:"subject_types_supported"`
	IDTokenSigningAlgValuesSupported  []string `json:"id_token_signing_alg_values_supported"`
	TokenEndpointAuthMethodsSupported []string `json:"token_endpoint_auth_methods_supported"`
	CodeChallengeMethodsSupported     []string `json:"code_challenge_methods_supported"`
	ClaimsSupported                   []string `json:"claims_supported"`
}

// handleDiscovery serves GET /.well-known/openid-configuration.
func (h *Handler) handleDiscovery(w http.ResponseWriter, r *http.Request) {
	iss := issuer(r)
	kit.WriteJSON(w, http.StatusOK, discoveryDoc{
		Issuer:                            iss,
		AuthorizationEndpoint:             iss + "/v2/authorize",
		TokenEndpoint:                     iss + "/token",
		UserinfoEndpoint:                  iss + "/userinfo",
		JWKSURI:                           iss + "/jwks",
		ScopesSupported:                   append(claimScopes(), products()...),
		ResponseTypesSupported:            []string{"code"},
		ResponseModesSupported:            []string{"query"},
		GrantTypesSupported:               []string{"authorization_code"},
		SubjectTypesSupported:             []string{"public"},
		IDTokenSigningAlgValuesSupported:  []string{string(signingAlgorithm)},
		TokenEndpointAuthMethodsSupported: []string{"client_secret_basic", "none"},
		CodeChallengeMethodsSupported:     []string{"S256"},
		ClaimsSupported: []string{"sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "name", "given_name",
			"family_name", "email", "birthdate", "phone_number", "address", "fraud", "unverified_claims"},
	})
}
