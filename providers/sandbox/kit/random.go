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
