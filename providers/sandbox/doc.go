// Package sandbox is the embedded sandbox: an in-process emulation of the providers' sandbox
// environments and of the mock bank's pages, on one server.
//
// The work is done by one subpackage per provider (truelayer, oneid, ivy), built from the
// shared kit and the neutral mockbank; this package only mounts them under their path
// prefixes, serves a home page at /, and starts the server. A Sandbox is an http.Handler;
// Start serves one on a real socket. TrueLayer lives under /truelayer/auth (the auth server:
// auth link, pages, token, providers list) and /truelayer/api (the data API); OneID under
// /oneid (its issuer: discovery, /v2/authorize, /token, /userinfo, ...); Ivy under /ivy (its
// API host: /api/service/data/..., and the hosted pages of its data sessions); URLsFor names
// those bases. TrueLayer and OneID accept the same client id and secret, and Ivy the secret as
// its API key. With Options.StateDir, Ivy keeps its closed data sessions in a file there
// across restarts.
// SignIn walks the hosted pages like a browser (package browser) so that a journey can
// finish without one.
package sandbox
