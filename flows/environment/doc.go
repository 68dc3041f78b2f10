// Package environment opens the world journeys run in: the embedded sandbox, the providers'
// sandbox or their live hosts. Open builds the shared pieces (secret storage, connection index,
// the redacting HTTP recorder, redirect URI, callback timeout, clock) and one small part per
// provider, one file each; the CLI and the tests both call it, so they cannot drift.
package environment
