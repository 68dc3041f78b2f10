// Package oneid is OneID's sandbox as one http.Handler, built from package kit and the neutral
// mock bank, mounted at Prefix; the issuer is the sandbox's base URL plus Prefix. It serves
// discovery (/.well-known/openid-configuration) and the signing keys (/jwks), the
// authorization request (/v2/authorize) with the mock bank's page offering its named customers
// (OneID's test identities Janet Davidson, Alix Rayner and Gary Humphrey), the token endpoint
// (/token: HTTP Basic for the confidential client, PKCE, single-use five-minute codes, PS256 ID
// tokens signed with go-jose) and the data calls (/userinfo, /ageverification, /accounts and
// the PDF /userinfo/report). It owns what is OneID's: scopes and products, sessions, codes and
// opaque access tokens, each identity's subject, fraud checks and unverified claims. Its
// answers follow the documented shapes, written out independently of the API client's structs.
package oneid
