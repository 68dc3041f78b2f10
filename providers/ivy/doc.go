// Package ivy is a client for Ivy's data sessions: create a session for an external user,
// read it, its accounts, balances and consent, list a returning user's past sessions by one
// identifier, and verify a webhook's X-Ivy-Signature. Every call is a POST with a JSON body
// and the X-Ivy-Api-Key header; there is no OAuth code exchange.
package ivy
