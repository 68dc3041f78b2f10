// Package oauthlink is the auth-link plumbing every provider's journeys share: a one-shot
// loopback listener that catches the bank's redirect, parsing and checking a redirect (URL,
// query string or bare code), waiting for whichever of the listener and the person answers
// first, and parking a link so that a later run can finish it. It knows nothing of prompts or
// screens: a journey hands it a function that shows the link and returns what the person gave.
package oauthlink
