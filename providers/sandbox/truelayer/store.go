package truelayer

import (
	"maps"
	"sync"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

// Lifetimes the auth server enforces.
const (
	sessionLifetime = time.Hour       // an auth link's pages can be walked for this long
	codeLifetime    = 5 * time.Minute // documented: a code expires after 5 minutes
	tokenLifetime   = time.Hour       // expires_in 3600
	consentLifetime = 90 * 24 * time.Hour
	reauthWindow    = 90 * 24 * time.Hour // after the consent lapsed, extend and re-auth still work this long
	pruneEvery      = time.Minute
	usedCodeMemory  = 24 * time.Hour // how long a used code is remembered to detect reuse
	// deadConnMemory is how long a connection is remembered once its re-auth window closed, so
	// that extend and re-auth can say why they refuse it; then nothing can use it.
	deadConnMemory = 90 * 24 * time.Hour
)

// step is where an auth session is in the auth link's pages.
type step int

const (
	stepSelectBank step = iota // choose a bank
	stepConsent                // TrueLayer's consent screen
	stepLogin                  // the bank's login form
	stepDone                   // a code (or an error) went back to the redirect URI
)

// String names the step for error messages.
func (st step) String() string {
	switch st {
	case stepSelectBank:
		return "bank selection"
	case stepConsent:
		return "consent"
	case stepLogin:
		return "bank login"
	case stepDone:
		return "done"
	default:
		return "unknown step"
	}
}

// authRequest is what a validated auth link asked for.
type authRequest struct {
	ClientID      string
	RedirectURI   string
	Scopes        []string
	State         string
	Nonce         string
	ResponseMode  string // "" (query) or "form_post"
	CodeChallenge string // S256 challenge, or empty without PKCE
	Renews        string // credentials_id of the connection an extend or re-auth link renews; empty for a new one
}

// authSession is one walk through the pages of an auth link.
type authSession struct {
	ID        string
	FormToken string // hidden in every form, checked on every POST
	Request   authRequest
	Banks     []Bank // the banks the link offers
	Bank      Bank   // the chosen bank, once chosen
	Step      step
	CreatedAt time.Time
}

// authCode is an issued authorization code and what it is bound to.
type authCode struct {
	Code          string
	Request       authRequest
	User          mockbank.User
	Bank          Bank
	IssuedAt      time.Time
	Used          bool
	CredentialsID string // the connection made when the code was exchanged
}

// connection is what a successful code exchange created; its credentials_id is the token's sub.
type connection struct {
	CredentialsID    string
	ClientID         string
	RedirectURI      string // the redirect URI of the code exchange that made it; re-auth must use it
	Scopes           []string
	User             mockbank.User
	Bank             Bank
	CreatedAt        time.Time
	ConsentCreatedAt time.Time // when the consent was given or last renewed (extend, re-auth)
	ExpiresAt        time.Time // consent_expires_at
	RefreshToken     string    // the current one; empty without offline_access
	Revoked          bool
}

// consentValid reports whether the connection's consent still runs at now.
func (c connection) consentValid(now time.Time) bool { return now.Before(c.ExpiresAt) }

// renewable reports whether the connection's refresh token can still renew its consent at now
// (extend, re-auth): until reauthWindow after the consent lapsed.
func (c connection) renewable(now time.Time) bool { return now.Before(c.ExpiresAt.Add(reauthWindow)) }

// forgettable reports whether nothing can use the connection at now any more: it was revoked,
// or its re-auth window closed more than deadConnMemory ago. The state file does not keep it.
func (c connection) forgettable(now time.Time) bool {
	return c.Revoked || !now.Before(c.ExpiresAt.Add(reauthWindow+deadConnMemory))
}

// store holds the sandbox's state; every method is safe for concurrent use.
type store struct {
	mu        sync.Mutex
	sessions  map[string]*authSession
	codes     map[string]*authCode
	conns     map[string]*connection // by credentials_id
	refresh   map[string]string      // refresh token → credentials_id
	lastPrune time.Time
	changed   func() // called, without the lock, after a change to what outlives the process
}

// newStore returns an empty store.
func newStore() *store {
	return &store{
		sessions: map[string]*authSession{},
		codes:    map[string]*authCode{},
		conns:    map[string]*connection{},
		refresh:  map[string]string{},
		changed:  func() {},
	}
}

// addSession stores a new session and forgets stale state now and then.
func (st *store) addSession(now time.Time, sess *authSession) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.pruneLocked(now)
	st.sessions[sess.ID] = sess
}

// session returns a copy of the session with the id, if it exists and is not stale.
func (st *store) session(now time.Time, id string) (authSession, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	sess, ok := st.sessions[id]
	if !ok || now.Sub(sess.CreatedAt) > sessionLifetime {
		return authSession{}, false
	}
	return *sess, true
}

// updateSession applies f to the stored session with the id.
func (st *store) updateSession(id string, f func(*authSession)) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if sess, ok := st.sessions[id]; ok {
		f(sess)
	}
}

// addCode stores a freshly issued code.
func (st *store) addCode(c *authCode) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.codes[c.Code] = c
}

// pruneLocked forgets stale sessions, codes and connections nothing can use any more, at most
// once per pruneEvery.
func (st *store) pruneLocked(now time.Time) {
	if now.Sub(st.lastPrune) < pruneEvery {
		return
	}
	st.lastPrune = now
	maps.DeleteFunc(st.sessions, func(_ string, s *authSession) bool { return now.Sub(s.CreatedAt) > sessionLifetime })
	maps.DeleteFunc(st.codes, func(_ string, c *authCode) bool { return now.Sub(c.IssuedAt) > usedCodeMemory })
	for id, c := range st.conns {
		// a revoked connection stays in memory, so that its id is not taken back from a state
		// file another process wrote before the revocation
		if c.forgettable(now) && !c.Revoked {
			delete(st.conns, id)
			delete(st.refresh, c.RefreshToken)
		}
	}
}

// revokeLocked revokes a connection: its access tokens and refresh token stop working. It
// reports whether there was a live connection to revoke.
func (st *store) revokeLocked(credentialsID string) bool {
	conn, ok := st.conns[credentialsID]
	if !ok || conn.Revoked {
		return false
	}
	conn.Revoked = true
	delete(st.refresh, conn.RefreshToken)
	conn.RefreshToken = ""
	return true
}

// connection returns a copy of the connection with the credentials id.
func (st *store) connection(credentialsID string) (connection, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	conn, ok := st.conns[credentialsID]
	if !ok {
		return connection{}, false
	}
	return *conn, true
}

// finishSession marks the session done; it reports false if it already was, so that a
// session yields one answer to the client even when two submissions race.
func (st *store) finishSession(id string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	sess, ok := st.sessions[id]
	if !ok || sess.Step == stepDone {
		return false
	}
	sess.Step = stepDone
	return true
}
