// Package truelayer is TrueLayer's sandbox as one http.Handler, built from package kit and the
// neutral mock bank: the auth server under AuthPrefix (auth link, bank selection and consent
// pages, the mock bank's login, /connect/token, /api/providers) and the data API under
// APIPrefix (/data/v1/me, /info, /accounts, /signup-plus/accounts). It owns what is
// TrueLayer's: the store of sessions, codes, connections and refresh tokens, the HS256 access
// tokens, the scopes, the providers list, and the {"error", "error_description"} bodies it
// answers the mock bank's failure kinds with. Its answers follow the documented shapes, written
// out independently of the API client's structs.
package truelayer
