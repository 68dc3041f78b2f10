// Package sandbox is the embedded sandbox: an in-process emulation of the providers' sandbox
// environments and of the mock bank's pages. It answers with the shapes documented in
// shared/PROVIDERS.md and the seeds, written out independently of the API clients' structs, so
// that a wrong field name in a client fails a test instead of agreeing with itself.
//
// A Sandbox is an http.Handler; Start serves one on a real socket. TrueLayer lives under
// /truelayer/auth (the auth server: auth link, pages, token, providers list) and /truelayer/api
// (the data API); URLsFor names those bases. SignIn walks the mock bank pages like a browser so
// that a journey can finish without one.
package sandbox
