package kit

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
)

// RandomBytes returns n bytes from crypto/rand, which never fails since Go 1.24.
func RandomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

// RandomHex returns n random bytes as lower-case hex.
func RandomHex(n int) string { return hex.EncodeToString(RandomBytes(n)) }

// RandomToken returns n random bytes as unpadded base64url (16 bytes give 22 characters).
func RandomToken(n int) string { return base64.RawURLEncoding.EncodeToString(RandomBytes(n)) }

// RandomID is RandomToken that never starts with '-' or '_', so that the id can be passed on a
// command line (linkstep connections show ID) without being read as a flag.
func RandomID(n int) string {
	for {
		if id := RandomToken(n); id[0] != '-' && id[0] != '_' {
			return id
		}
	}
}
