package sandbox

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
)

// randomBytes returns n bytes from crypto/rand, which never fails since Go 1.24.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

// randomHex returns n random bytes as lower-case hex.
func randomHex(n int) string { return hex.EncodeToString(randomBytes(n)) }

// randomURLToken returns n random bytes as unpadded base64url (16 bytes give 22 characters).
func randomURLToken(n int) string { return base64.RawURLEncoding.EncodeToString(randomBytes(n)) }
