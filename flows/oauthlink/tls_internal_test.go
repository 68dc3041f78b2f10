package oauthlink

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// leafOf parses the certificate loopbackCertificate returned.
func leafOf(t *testing.T, dir string, now time.Time) *x509.Certificate {
	t.Helper()
	cert, err := loopbackCertificate(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(cert.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	return leaf
}

func TestLoopbackCertificate(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	t.Run("what it is", func(t *testing.T) {
		leaf := leafOf(t, "", now)
		key, ok := leaf.PublicKey.(*ecdsa.PublicKey)
		if !ok || key.Curve != elliptic.P256() {
			t.Fatalf("public key = %T, want ECDSA P-256", leaf.PublicKey)
		}
		for _, name := range []string{"127.0.0.1", "::1", "localhost"} {
			if err := leaf.VerifyHostname(name); err != nil {
				t.Errorf("not valid for %s: %v", name, err)
			}
		}
		if err := leaf.VerifyHostname("example.com"); err == nil {
			t.Error("valid for example.com")
		}
		if !leaf.NotAfter.Equal(now.Add(CertLifetime)) || leaf.NotBefore.After(now) {
			t.Fatalf("valid %s to %s, want from before %s for a year", leaf.NotBefore, leaf.NotAfter, now)
		}
	})
	tests := []struct {
		name  string
		spoil func(t *testing.T, dir string) // what happens to the kept files before the next listener
		later time.Duration                  // how much later the next listener starts
		reuse bool
	}{
		{name: "reused while valid", later: 300 * 24 * time.Hour, reuse: true},
		{name: "replaced when expired", later: CertLifetime + time.Hour},
		{name: "replaced the day before it expires", later: CertLifetime - time.Hour},
		{name: "replaced when the key is missing", spoil: func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, KeyFile)); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "replaced when the pair does not match", spoil: func(t *testing.T, dir string) {
			_, other, err := newCertificate(now)
			if err != nil {
				t.Fatal(err)
			}
			if err := writePrivate(filepath.Join(dir, KeyFile), other); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "replaced when the key is readable by others", spoil: func(t *testing.T, dir string) {
			if runtime.GOOS == "windows" {
				t.Skip("Unix file modes do not apply on Windows")
			}
			if err := os.Chmod(filepath.Join(dir, KeyFile), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "linkstep")
			first := leafOf(t, dir, now)
			if tt.spoil != nil {
				tt.spoil(t, dir)
			}
			next := leafOf(t, dir, now.Add(tt.later))
			if reused := first.SerialNumber.Cmp(next.SerialNumber) == 0; reused != tt.reuse {
				t.Fatalf("reused = %v, want %v", reused, tt.reuse)
			}
			kept, err := loadCertificate(dir, now.Add(tt.later))
			if err != nil {
				t.Fatalf("the certificate in use is not the one kept: %v", err)
			}
			if keptLeaf, _ := x509.ParseCertificate(kept.Certificate[0]); keptLeaf.SerialNumber.Cmp(next.SerialNumber) != 0 {
				t.Fatal("the certificate in use is not the one kept")
			}
			if runtime.GOOS != "windows" {
				for _, name := range []string{CertFile, KeyFile} {
					if info, err := os.Stat(filepath.Join(dir, name)); err != nil || info.Mode().Perm() != 0o600 {
						t.Fatalf("%s: %v, %v; want mode 0600", name, info.Mode(), err)
					}
				}
			}
		})
	}
}
