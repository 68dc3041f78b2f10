package sandbox

import "github.com/linkstep/linkstep/providers/sandbox/truelayer"

// Bank is a provider offered on TrueLayer's bank selection page and by /api/providers.
type Bank = truelayer.Bank

// MockBank is the sandbox Mock bank, the only bank of a default Sandbox.
func MockBank() Bank { return truelayer.MockBank() }
