package ivy

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// How long open sessions are remembered after they ran out, and how often they are pruned.
// Closed sessions stay (in the state file too, the newest maxKept of them).
const (
	openMemory = 24 * time.Hour
	pruneEvery = time.Minute
)

// store holds the sessions; every method is safe for concurrent use. With a state file it
// keeps the closed sessions there.
type store struct {
	mu        sync.Mutex
	sessions  map[string]*session
	byRef     map[string]string // referenceId → session id
	lastPrune time.Time

	file    *stateFile // nil: memory only
	saveMu  sync.Mutex // orders the writes of the file
	saveErr error      // the last write's failure, until one succeeds
	logf    func(format string, args ...any)
}

// openStore returns a store, with the sessions kept in the state file at path when there is one.
func openStore(path string, logf func(string, ...any)) (*store, error) {
	st := &store{sessions: map[string]*session{}, byRef: map[string]string{}, logf: logf}
	if path == "" {
		return st, nil
	}
	st.file = &stateFile{f: kit.StateFile{Path: path}}
	kept, err := st.file.load()
	if err != nil {
		return nil, err
	}
	st.absorbLocked(kept)
	return st, nil
}

// path is the state file's path, or "".
func (st *store) path() string {
	if st.file == nil {
		return ""
	}
	return st.file.f.Path
}

// add stores a new open session; a referenceId already used is a 400.
func (st *store) add(s *session) *apiError {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.pruneLocked(s.CreatedAt)
	if other, ok := st.byRef[s.ReferenceID]; ok {
		return invalid("referenceId %q is already used by data session %s: a referenceId is unique per session.", s.ReferenceID, other)
	}
	st.sessions[s.ID] = s
	st.byRef[s.ReferenceID] = s.ID
	return nil
}

// get returns a copy of the session with the id.
func (st *store) get(id string) (session, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	s, ok := st.sessions[id]
	if !ok {
		return session{}, false
	}
	return s.copy(), true
}

// update changes an open session with change, at now; it reports false when the session is
// unknown or closed already.
func (st *store) update(id string, now time.Time, change func(*session)) (session, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	s, ok := st.sessions[id]
	if !ok || s.closed() {
		return session{}, false
	}
	change(s)
	s.UpdatedAt = now
	return s.copy(), true
}

// close closes an open session at now, completed or failed by change, and keeps it in the
// state file; it reports false when the session is unknown or closed already, so that a
// session ends once even when two submissions race.
func (st *store) close(id string, now time.Time, change func(*session)) (session, bool) {
	s, ok := st.update(id, now, func(s *session) {
		change(s)
		s.ClosedAt = now
	})
	if ok {
		st.persist()
	}
	return s, ok
}

// revokeConsent revokes a completed session's consent at now (again: no change) and keeps it.
func (st *store) revokeConsent(id string, now time.Time) (session, *apiError) {
	st.mu.Lock()
	s, ok := st.sessions[id]
	if !ok {
		st.mu.Unlock()
		return session{}, noSession(id)
	}
	status := s.consentStatus(now)
	switch status {
	case "authorised":
		s.ConsentRevoked, s.UpdatedAt = now, now
	case "revoked":
		out := s.copy()
		st.mu.Unlock()
		return out, nil
	default:
		st.mu.Unlock()
		return session{}, &apiError{http.StatusBadRequest, codeConsentNotAuthorised,
			fmt.Sprintf("The consent of data session %s is %s: only an authorised consent can be revoked.", id, status)}
	}
	out := s.copy()
	st.mu.Unlock()
	st.persist()
	return out, nil
}

// byUser returns the sessions of the external user matching, newest first.
func (st *store) byUser(match func(externalUser) bool) []session {
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []session
	for _, s := range st.sessions {
		if match(s.ExternalUser) {
			out = append(out, s.copy())
		}
	}
	slices.SortFunc(out, func(a, b session) int {
		return cmp.Or(b.CreatedAt.Compare(a.CreatedAt), strings.Compare(a.ID, b.ID))
	})
	return out
}

// recordDelivery adds a webhook delivery attempt to the session's record of them.
func (st *store) recordDelivery(id string, d delivery) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if s, ok := st.sessions[id]; ok {
		s.Deliveries = append(s.Deliveries, d)
	}
}

// saveError is the last failure to write the state file, nil once a write succeeds.
func (st *store) saveError() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.saveErr
}

// kept counts the closed sessions, which the state file keeps.
func (st *store) kept() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	n := 0
	for _, s := range st.sessions {
		if s.closed() {
			n++
		}
	}
	return n
}

// persist writes the closed sessions to the state file, merged with what another process
// wrote there meanwhile (the newer record of a session wins). A failure is recorded and
// reported, never an error of the request that closed the session; a file that is no longer
// a state file of this sandbox is left untouched.
func (st *store) persist() {
	if st.file == nil {
		return
	}
	st.saveMu.Lock()
	defer st.saveMu.Unlock()
	onDisk, err := st.file.load()
	if err == nil {
		st.mu.Lock()
		st.absorbLocked(onDisk)
		records := st.recordsLocked()
		st.mu.Unlock()
		err = st.file.save(records)
	}
	st.mu.Lock()
	st.saveErr = err
	st.mu.Unlock()
	if err != nil {
		st.logf("ivy sandbox: the closed sessions are not kept: %v", err)
	}
}

// absorbLocked adds the records of the state file: sessions the store does not know, and
// newer records of closed sessions it knows.
func (st *store) absorbLocked(records []record) {
	for _, r := range records {
		s, ok := st.sessions[r.ID]
		switch {
		case !ok:
			st.sessions[r.ID] = &session{record: r}
			if _, used := st.byRef[r.ReferenceID]; !used {
				st.byRef[r.ReferenceID] = r.ID
			}
		case s.closed() && r.UpdatedAt.After(s.UpdatedAt):
			s.record = r
		}
	}
}

// recordsLocked are the closed sessions' records, oldest first, at most maxKept of them.
func (st *store) recordsLocked() []record {
	var out []record
	for _, s := range st.sessions {
		if s.closed() {
			out = append(out, s.record.copy())
		}
	}
	slices.SortFunc(out, func(a, b record) int { return cmp.Or(a.ClosedAt.Compare(b.ClosedAt), strings.Compare(a.ID, b.ID)) })
	if len(out) > maxKept {
		out = out[len(out)-maxKept:]
	}
	return out
}

// pruneLocked forgets open sessions that ran out more than openMemory ago, at most once per
// pruneEvery.
func (st *store) pruneLocked(now time.Time) {
	if now.Sub(st.lastPrune) < pruneEvery {
		return
	}
	st.lastPrune = now
	for id, s := range st.sessions {
		if !s.closed() && now.Sub(s.ExpiresAt) > openMemory {
			delete(st.sessions, id)
			if st.byRef[s.ReferenceID] == id {
				delete(st.byRef, s.ReferenceID)
			}
		}
	}
}

// copy is a deep copy of the session, safe to use outside the store's lock.
func (s *session) copy() session {
	out := *s
	out.record = s.record.copy()
	out.Metadata = slices.Clone(s.Metadata)
	out.UserMetadata = slices.Clone(s.UserMetadata)
	out.Deliveries = slices.Clone(s.Deliveries)
	return out
}

// copy is a deep copy of the record.
func (r record) copy() record {
	out := r
	out.Permissions = slices.Clone(r.Permissions)
	out.Accounts = slices.Clone(r.Accounts)
	if r.Failure != nil {
		f := *r.Failure
		out.Failure = &f
	}
	if r.Bank != nil {
		b := *r.Bank
		out.Bank = &b
	}
	if r.Identity != nil {
		id := *r.Identity
		out.Identity = &id
	}
	return out
}
