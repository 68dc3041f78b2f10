// Package keychain keeps linkstep's secrets: OAuth tokens go to the OS keychain
// (through go-keyring, every call bounded by a timeout so a locked or absent
// Secret Service cannot hang the UI), to memory when that is explicitly allowed,
// or to a 0600 file only when the user asked for insecure storage. It also keeps
// a non-secret index of connections in the user config directory.
package keychain
