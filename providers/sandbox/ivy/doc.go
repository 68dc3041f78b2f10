// Package ivy is Ivy's data API as one http.Handler, built from package kit and the neutral
// mock bank, mounted at Prefix: the API host is the sandbox's base URL plus Prefix.
//
// Every API call is a POST with a JSON body and the X-Ivy-Api-Key header: creating a data
// session (/api/service/data/session/create, with its documented validation), reading it
// (session/details), its accounts (accounts/list), balances (account-balances/list) and
// consent (consent/details, consent/revoke), and listing a returning user's sessions by exactly
// one identifier (session/list, in the shape of the recurring-users guide). Errors are JSON
// {"code", "message"}. A session's redirectUrl is a set of real HTML pages: the bank choice
// (skipped with prefill.bankId and disableBankSelection), the mock bank's login (john/doe and
// the other mock users; the error.* users fail the session) and the consent, ending on the
// session's success or error callback. When a session completes or fails it posts the signed
// data_session_completed webhook to its resultCallbackUrl (loopback only).
//
// With a state file, the closed sessions and what they gathered outlive the process: see
// stateDoc for the format. Its answers follow the documented shapes, written out
// independently of the API client's structs.
package ivy
