// Package truelayer is a client for TrueLayer's Data API v1 and Signup+: the auth link, the
// token endpoint (through golang.org/x/oauth2, client secret in the body), the providers list,
// /data/v1/me and /signup-plus/accounts, with typed errors carrying TrueLayer's error code.
package truelayer
