package oauthlink

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// The files of the https loopback listener's self-signed certificate in its certificate
// directory (Flow.CertDir): the certificate alone, which a person may hand to a browser or to
// curl --cacert, and its private key.
const (
	CertFile = "loopback-cert.pem"
	KeyFile  = "loopback-key.pem"
)

// CertLifetime is how long a certificate made for the https loopback listener is valid.
const CertLifetime = 365 * 24 * time.Hour

// certRenewBefore is how long before its end a kept certificate is replaced rather than reused,
// so that it cannot expire during a sign-in.
const certRenewBefore = 24 * time.Hour

// loopbackCertificate is the https listener's certificate: the one kept in dir while it is
// valid at now and covers the loopback names, else a new one (ECDSA P-256, for 127.0.0.1, ::1
// and localhost, valid CertLifetime) kept there 0600; with dir empty, a new one in memory.
func loopbackCertificate(dir string, now time.Time) (tls.Certificate, error) {
	if dir != "" {
		if cert, err := loadCertificate(dir, now); err == nil {
			return cert, nil
		}
	}
	certPEM, keyPEM, err := newCertificate(now)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("make the loopback certificate: %w", err)
	}
	if dir != "" {
		if err := saveCertificate(dir, certPEM, keyPEM); err != nil {
			return tls.Certificate{}, fmt.Errorf("keep the loopback certificate in %s: %w", dir, err)
		}
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("load the loopback certificate: %w", err)
	}
	return cert, nil
}

// loadCertificate reads the kept certificate and key, refusing a pair that does not match, a
// key others may read, or a certificate that is not valid for long enough or misses a
// loopback name.
func loadCertificate(dir string, now time.Time) (tls.Certificate, error) {
	keyPath := filepath.Join(dir, KeyFile)
	if info, err := os.Stat(keyPath); err != nil {
		return tls.Certificate{}, err
	} else if runtime.GOOS != "windows" && info.Mode().Perm()&^0o600 != 0 {
		return tls.Certificate{}, fmt.Errorf("%s has mode %04o, wider than 0600", keyPath, info.Mode().Perm())
	}
	cert, err := tls.LoadX509KeyPair(filepath.Join(dir, CertFile), keyPath)
	if err != nil {
		return tls.Certificate{}, err
	}
	leaf := cert.Leaf
	if leaf == nil {
		if leaf, err = x509.ParseCertificate(cert.Certificate[0]); err != nil {
			return tls.Certificate{}, err
		}
	}
	if now.Before(leaf.NotBefore) || !now.Add(certRenewBefore).Before(leaf.NotAfter) {
		return tls.Certificate{}, errors.New("the kept loopback certificate is expired or about to expire")
	}
	for _, name := range []string{"127.0.0.1", "::1", "localhost"} {
		if leaf.VerifyHostname(name) != nil {
			return tls.Certificate{}, fmt.Errorf("the kept loopback certificate is not valid for %s", name)
		}
	}
	return cert, nil
}

// newCertificate makes a self-signed certificate for the loopback names, valid from an hour
// before now (clock skew) for CertLifetime, and its key, both PEM encoded.
func newCertificate(now time.Time) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "linkstep loopback", Organization: []string{"linkstep"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(CertLifetime),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), nil
}

// saveCertificate keeps the key, then the certificate, in dir (0700), each written 0600 to a
// temp file renamed into place. Two runs making one at once may leave a mismatched pair: the
// next run finds it does not load and makes a new one.
func saveCertificate(dir string, certPEM, keyPEM []byte) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{KeyFile, keyPEM}, {CertFile, certPEM}} {
		if err := writePrivate(filepath.Join(dir, f.name), f.data); err != nil {
			return err
		}
	}
	return nil
}

// writePrivate replaces path with data through a 0600 temp file in the same directory.
func writePrivate(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
