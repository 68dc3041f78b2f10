package keychain

import "github.com/zalando/go-keyring"

// backend is the part of go-keyring an OSStore uses; tests substitute fakes for it
// instead of calling keyring.MockInit, which would swap go-keyring's provider for
// the whole test binary (including the real Secret Service test).
type backend interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

// goKeyring is the real backend: go-keyring's package-level functions.
type goKeyring struct{}

// Get reads an item through go-keyring.
func (goKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }

// Set writes an item through go-keyring.
func (goKeyring) Set(service, user, password string) error {
	return keyring.Set(service, user, password)
}

// Delete removes an item through go-keyring.
func (goKeyring) Delete(service, user string) error { return keyring.Delete(service, user) }
