package oneid

import (
	"maps"
	"sync"
	"time"
)

// Lifetimes the sandbox enforces, and how long it remembers what ran out.
const (
	sessionLifetime = 30 * time.Minute // documented: a OneID session expires after 30 minutes
	codeLifetime    = 5 * time.Minute
	tokenLifetime   = 5 * time.Minute // documented: expires_in 300, and the ID token's exp
	memory          = 24 * time.Hour  // how long a stale session, code or token is remembered
	pruneEvery      = time.Minute
)

// authRequest is what a validated authorization request asked for.
type authRequest struct {
	ClientID      string
	RedirectURI   string
	Scopes        []string
	State         string
	Nonce         string
	CodeChallenge string // S256
}

// session is one walk through the mock bank's page of an authorization request.
type session struct {
	ID        string
	FormToken string // hidden in the form, checked on every POST
	Request   authRequest
	CreatedAt time.Time
	Done      bool // a code or an error went back to the client
}

// expired reports whether the session ran out at now.
func (s session) expired(now time.Time) bool { return now.Sub(s.CreatedAt) > sessionLifetime }

// authCode is an issued authorization code and what it is bound to.
type authCode struct {
	Code        string
	Request     authRequest
	Identity    string // the customer's key, e.g. janet
	AuthTime    time.Time
	Used        bool
	AccessToken string // issued when the code was exchanged
}

// grant is what an access token gives access to.
type grant struct {
	Token    string
	ClientID string
	Scopes   []string
	Identity string
	IssuedAt time.Time
	Revoked  bool
}

// store holds the sandbox's state; every method is safe for concurrent use.
type store struct {
	mu        sync.Mutex
	sessions  map[string]*session
	codes     map[string]*authCode
	grants    map[string]*grant // by access token
	lastPrune time.Time
}

// newStore returns an empty store.
func newStore() *store {
	return &store{sessions: map[string]*session{}, codes: map[string]*authCode{}, grants: map[string]*grant{}}
}

// addSession stores a new session and forgets stale state now and then.
func (st *store) addSession(now time.Time, s *session) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.pruneLocked(now)
	st.sessions[s.ID] = s
}

// session returns a copy of the session with the id, if it is remembered.
func (st *store) session(id string) (session, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	s, ok := st.sessions[id]
	if !ok {
		return session{}, false
	}
	return *s, true
}

// finishSession marks the session done; it reports false if it already was, so that a session
// yields one answer to the client even when two submissions race.
func (st *store) finishSession(id string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	s, ok := st.sessions[id]
	if !ok || s.Done {
		return false
	}
	s.Done = true
	return true
}

// addCode stores a freshly issued code.
func (st *store) addCode(c *authCode) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.codes[c.Code] = c
}

// redeemCode consumes a code once: it checks that the code exists, is unused and fresh, runs
// check on it (client, redirect URI, PKCE), then stores the grant of a new access token. A
// reused code revokes the access token issued with it, as OAuth asks.
func (st *store) redeemCode(now time.Time, code, token string, check func(authCode) *apiError) (authCode, *apiError) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := st.codes[code]
	switch {
	case !ok:
		return authCode{}, invalidGrant("The authorization code is not valid.")
	case c.Used:
		if g := st.grants[c.AccessToken]; g != nil {
			g.Revoked = true
		}
		return authCode{}, invalidGrant("The authorization code was already used; the access token issued with it is revoked.")
	case now.Sub(c.AuthTime) > codeLifetime:
		return authCode{}, invalidGrant("The authorization code expired: codes are valid for 5 minutes.")
	}
	if e := check(*c); e != nil {
		return authCode{}, e
	}
	c.Used, c.AccessToken = true, token
	st.grants[token] = &grant{Token: token, ClientID: c.Request.ClientID, Scopes: c.Request.Scopes,
		Identity: c.Identity, IssuedAt: now}
	return *c, nil
}

// grant returns a copy of the grant of an access token, if it is remembered.
func (st *store) grant(token string) (grant, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	g, ok := st.grants[token]
	if !ok {
		return grant{}, false
	}
	return *g, true
}

// pruneLocked forgets sessions, codes and tokens older than memory, at most once per pruneEvery.
func (st *store) pruneLocked(now time.Time) {
	if now.Sub(st.lastPrune) < pruneEvery {
		return
	}
	st.lastPrune = now
	maps.DeleteFunc(st.sessions, func(_ string, s *session) bool { return now.Sub(s.CreatedAt) > memory })
	maps.DeleteFunc(st.codes, func(_ string, c *authCode) bool { return now.Sub(c.AuthTime) > memory })
	maps.DeleteFunc(st.grants, func(_ string, g *grant) bool { return now.Sub(g.IssuedAt) > memory })
}
