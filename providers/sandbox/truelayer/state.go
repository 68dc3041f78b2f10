package truelayer

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

// stateVersion is the version of the state file's format.
const stateVersion = 1

// stateDoc is the state file: what outlives the process. The refresh-token index is not
// written: it is rebuilt from the connections' current refresh tokens.
type stateDoc struct {
	Version     int         `json:"version"`
	SigningKey  []byte      `json:"signing_key"` // the access tokens' HS256 key, base64
	Connections []stateConn `json:"connections"`
}

// stateConn is one connection in the state file.
type stateConn struct {
	CredentialsID    string    `json:"credentials_id"`
	ClientID         string    `json:"client_id"`
	RedirectURI      string    `json:"redirect_uri"`
	Scopes           []string  `json:"scopes"`
	User             stateUser `json:"user"`
	Bank             stateBank `json:"bank"`
	CreatedAt        time.Time `json:"created_at"`
	ConsentCreatedAt time.Time `json:"consent_created_at"`
	ConsentExpiresAt time.Time `json:"consent_expires_at"`
	RefreshToken     string    `json:"refresh_token,omitempty"`
	Revoked          bool      `json:"revoked,omitempty"`
}

// stateUser is the mock user who made a connection: the password follows from the two.
type stateUser struct {
	Username string `json:"username"`
	Flavour  string `json:"flavour"` // doe, iban, eternal or error
}

// stateBank is the bank of a connection.
type stateBank struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Country string `json:"country"`
	LogoURL string `json:"logo_url,omitempty"`
}

// stateKeeper writes a Handler's state file.
type stateKeeper struct {
	path     string
	mu       sync.Mutex // serialises saves; guards problem
	problem  error      // why the file could not be loaded, or the last save failed
	readOnly bool       // the file could not be loaded: never overwrite it
}

// StateProblem reports why the Handler's state file is not kept: the reason it could not be
// loaded (New then keeps the state in memory and leaves the file alone), or why the last write
// failed. It is nil without Config.StateFile or when all is well.
func (h *Handler) StateProblem() error {
	if h.state == nil {
		return nil
	}
	h.state.mu.Lock()
	defer h.state.mu.Unlock()
	return h.state.problem
}

// saveState writes the state file with the store's current state; the store calls it after
// each change. A failure is kept for StateProblem: the sandbox goes on in memory.
func (h *Handler) saveState() {
	k := h.state
	if k == nil || k.readOnly {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := h.writeState(k.path); err != nil {
		k.problem = fmt.Errorf("save the TrueLayer sandbox state: %w", err)
		return
	}
	k.problem = nil
}

// stateLockTimeout bounds the wait for another sandbox writing the same state file.
const stateLockTimeout = 5 * time.Second

// writeState writes the store's connections, and those another sandbox on the same file made
// meanwhile, under the file's cross-process lock: nothing one process adds is lost to another.
func (h *Handler) writeState(path string) error {
	unlock, err := kit.LockFile(path, stateLockTimeout)
	if err != nil {
		return err
	}
	defer unlock()
	if data, err := os.ReadFile(path); err == nil {
		if doc, err := parseState(data); err == nil {
			h.adopt(doc)
		}
	}
	doc := stateDoc{Version: stateVersion, SigningKey: h.tokenKey, Connections: h.store.snapshot(h.now())}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return kit.WriteFileAtomic(path, append(data, '\n'))
}

// adopt adds the connections of doc this Handler does not know (another sandbox on the same
// state file made them) and something can still use; its own stay as they are.
func (h *Handler) adopt(doc stateDoc) {
	now := h.now()
	for _, sc := range doc.Connections {
		conn, err := h.restoreConnection(sc)
		if err != nil || conn.forgettable(now) {
			continue
		}
		h.store.mu.Lock()
		_, known := h.store.conns[conn.CredentialsID]
		_, taken := h.store.refresh[conn.RefreshToken]
		if !known && !(conn.RefreshToken != "" && taken) {
			h.store.conns[conn.CredentialsID] = conn
			if conn.RefreshToken != "" {
				h.store.refresh[conn.RefreshToken] = conn.CredentialsID
			}
		}
		h.store.mu.Unlock()
	}
}

// snapshot returns the connections as the state file keeps them, oldest first: those nothing
// can use at now (revoked, or long past their re-auth window) are left out, so the file does
// not grow forever.
func (st *store) snapshot(now time.Time) []stateConn {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]stateConn, 0, len(st.conns))
	for _, c := range st.conns {
		if c.forgettable(now) {
			continue
		}
		out = append(out, stateConn{
			CredentialsID:    c.CredentialsID,
			ClientID:         c.ClientID,
			RedirectURI:      c.RedirectURI,
			Scopes:           slices.Clone(c.Scopes),
			User:             stateUser{Username: c.User.Username, Flavour: c.User.Flavour.String()},
			Bank:             stateBank{ID: c.Bank.ID, Name: c.Bank.Name, Country: c.Bank.Country, LogoURL: c.Bank.LogoURL},
			CreatedAt:        c.CreatedAt.UTC(),
			ConsentCreatedAt: c.ConsentCreatedAt.UTC(),
			ConsentExpiresAt: c.ExpiresAt.UTC(),
			RefreshToken:     c.RefreshToken,
			Revoked:          c.Revoked,
		})
	}
	slices.SortFunc(out, func(a, b stateConn) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), strings.Compare(a.CredentialsID, b.CredentialsID))
	})
	return out
}

// loadOrCreateState loads the state file under its lock, or creates it with this Handler's
// signing key when there is none, so that sandboxes starting together share one key.
func (h *Handler) loadOrCreateState(path string) error {
	unlock, err := kit.LockFile(path, stateLockTimeout)
	if err != nil {
		return err
	}
	_, statErr := os.Stat(path)
	if errors.Is(statErr, fs.ErrNotExist) {
		unlock()
		return h.writeState(path)
	}
	defer unlock()
	return h.loadState(path)
}

// loadState reads the state file into the Handler; a missing file is an empty state.
func (h *Handler) loadState(path string) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the TrueLayer sandbox state: %w", err)
	}
	doc, err := parseState(data)
	if err != nil {
		return fmt.Errorf("TrueLayer sandbox state file %s: %w", path, err)
	}
	conns := make(map[string]*connection, len(doc.Connections))
	refresh := make(map[string]string, len(doc.Connections))
	for i, sc := range doc.Connections {
		conn, err := h.restoreConnection(sc)
		if err != nil {
			return fmt.Errorf("TrueLayer sandbox state file %s: connection %d: %w", path, i+1, err)
		}
		if conns[conn.CredentialsID] != nil {
			return fmt.Errorf("TrueLayer sandbox state file %s: connection %d: credentials_id %s appears twice", path, i+1, conn.CredentialsID)
		}
		if conn.RefreshToken != "" {
			if _, dup := refresh[conn.RefreshToken]; dup {
				return fmt.Errorf("TrueLayer sandbox state file %s: connection %d: its refresh token is another connection's", path, i+1)
			}
			refresh[conn.RefreshToken] = conn.CredentialsID
		}
		conns[conn.CredentialsID] = conn
	}
	h.tokenKey = doc.SigningKey
	h.store.mu.Lock()
	defer h.store.mu.Unlock()
	h.store.conns, h.store.refresh = conns, refresh
	return nil
}

// parseState decodes a state file: exactly one JSON object of a known version with a key.
func parseState(data []byte) (stateDoc, error) {
	var doc stateDoc
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return stateDoc{}, fmt.Errorf("not a state file: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return stateDoc{}, errors.New("not a state file: data after its JSON object")
	}
	switch {
	case doc.Version != stateVersion:
		return stateDoc{}, fmt.Errorf("version %d, but this sandbox reads version %d", doc.Version, stateVersion)
	case len(doc.SigningKey) < 32:
		return stateDoc{}, errors.New("the signing key is missing or shorter than 32 bytes")
	}
	return doc, nil
}

// restoreConnection checks a connection of the state file and rebuilds it.
func (h *Handler) restoreConnection(sc stateConn) (*connection, error) {
	user, ok := restoreUser(sc.User)
	switch {
	case sc.CredentialsID == "" || sc.ClientID == "" || sc.RedirectURI == "":
		return nil, errors.New("credentials_id, client_id and redirect_uri are required")
	case sc.Bank.ID == "":
		return nil, errors.New("the bank has no id")
	case !ok:
		return nil, fmt.Errorf("no mock user %q of the %q flavour", sc.User.Username, sc.User.Flavour)
	case sc.CreatedAt.IsZero() || sc.ConsentCreatedAt.IsZero() || sc.ConsentExpiresAt.IsZero():
		return nil, errors.New("created_at, consent_created_at and consent_expires_at are required")
	case sc.Revoked && sc.RefreshToken != "":
		return nil, errors.New("a revoked connection has a refresh token")
	}
	if _, unknown := parseScopes(strings.Join(sc.Scopes, " ")); unknown != "" {
		return nil, fmt.Errorf("unknown scope %q", unknown)
	}
	bank := Bank{ID: sc.Bank.ID, Name: sc.Bank.Name, Country: sc.Bank.Country, LogoURL: sc.Bank.LogoURL, Scopes: allScopes()}
	if i := slices.IndexFunc(h.banks, func(b Bank) bool { return b.ID == sc.Bank.ID }); i >= 0 {
		bank = h.banks[i] // the bank as this process knows it
	}
	return &connection{
		CredentialsID:    sc.CredentialsID,
		ClientID:         sc.ClientID,
		RedirectURI:      sc.RedirectURI,
		Scopes:           slices.Clone(sc.Scopes),
		User:             user,
		Bank:             bank,
		CreatedAt:        sc.CreatedAt,
		ConsentCreatedAt: sc.ConsentCreatedAt,
		ExpiresAt:        sc.ConsentExpiresAt,
		RefreshToken:     sc.RefreshToken,
		Revoked:          sc.Revoked,
	}, nil
}

// restoreUser signs the mock user in again from the username and the flavour, which give the
// password: the flavour's stem, with the user's number for doe and iban (john7 / iban7).
func restoreUser(u stateUser) (mockbank.User, bool) {
	for _, f := range []mockbank.Flavour{mockbank.FlavourDoe, mockbank.FlavourIBAN, mockbank.FlavourEternal, mockbank.FlavourError} {
		if f.String() != u.Flavour {
			continue
		}
		password := f.String()
		if f == mockbank.FlavourDoe || f == mockbank.FlavourIBAN {
			password += strings.TrimPrefix(u.Username, "john")
		}
		user, ok := mockbank.Lookup(u.Username, password)
		return user, ok && user.Flavour == f
	}
	return mockbank.User{}, false
}
