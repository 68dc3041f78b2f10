// Package truelayer is TrueLayer's sandbox as one http.Handler, built from package kit and the
// neutral mock bank: the auth server under AuthPrefix (auth link, bank selection and consent
// pages, the mock bank's login, /connect/token, /v1/reauthuri, /api/delete, /api/providers)
// and the data API under APIPrefix (/data/v1/me, /info, /accounts with each account's balance
// and transactions, /data/v1/connections/extend, /signup-plus/accounts). It owns what is
// TrueLayer's: the store of sessions, codes, connections and refresh tokens, the consent
// lifecycle (90 days of consent, then 90 more days in which extend and re-auth still renew
// it, judged by Config.Now), the HS256 access tokens, the scopes, the providers list, the
// mock balances and transactions, the optional state file the connections outlive the process
// in, and the {"error", "error_description"} bodies it answers the mock bank's failure kinds
// with. Its answers follow the documented shapes, written out independently of the API
// client's structs.
package truelayer
