package truelayer

import "time"

// redeemCode consumes a code once: it checks that the code exists, is unused and fresh, runs
// check on it (client, redirect URI, PKCE), then stores the connection connect makes from it,
// or, for the code of an extend or re-auth link, renews the connection the link was made for:
// same credentials_id, same refresh token, consent for 90 more days from now.
// A reused code revokes the connection made (or renewed) with it, as OAuth asks.
func (st *store) redeemCode(now time.Time, code string, check func(authCode) *apiError,
	connect func(authCode) *connection) (connection, *apiError) {
	changed := false
	defer func() { st.notify(changed) }()
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := st.codes[code]
	if !ok {
		return connection{}, invalidCode("The authorization code is not valid.")
	}
	if c.Used {
		changed = st.revokeLocked(c.CredentialsID)
		return connection{}, invalidCode("The authorization code was already used; the tokens issued with it are revoked.")
	}
	if now.Sub(c.IssuedAt) > codeLifetime {
		return connection{}, invalidCode("The authorization code expired: codes are valid for 5 minutes.")
	}
	if err := check(*c); err != nil {
		return connection{}, err
	}
	var conn *connection
	if id := c.Request.Renews; id != "" {
		conn = st.conns[id]
		if conn == nil || conn.Revoked {
			return connection{}, invalidGrant("The connection this code was to renew was revoked.")
		}
		conn.ConsentCreatedAt, conn.ExpiresAt = now, now.Add(consentLifetime)
	} else {
		conn = connect(*c)
		st.conns[conn.CredentialsID] = conn
		if conn.RefreshToken != "" {
			st.refresh[conn.RefreshToken] = conn.CredentialsID
		}
	}
	c.Used = true
	c.CredentialsID = conn.CredentialsID
	changed = true
	return *conn, nil
}

// rotateRefresh swaps a refresh token for next: the old one stops working at once. It works
// only while the connection's consent runs.
func (st *store) rotateRefresh(now time.Time, token, clientID, next string) (connection, *apiError) {
	changed := false
	defer func() { st.notify(changed) }()
	st.mu.Lock()
	defer st.mu.Unlock()
	id, ok := st.refresh[token]
	conn := st.conns[id]
	if !ok || conn == nil || conn.Revoked {
		return connection{}, invalidGrant("The refresh token is not valid: it is unknown, was already used, or was revoked.")
	}
	if conn.ClientID != clientID {
		return connection{}, invalidGrant("The refresh token was issued to another client.")
	}
	if !conn.consentValid(now) {
		return connection{}, invalidGrant("The consent expired: the 90-day consent of this connection lapsed on " +
			conn.ExpiresAt.UTC().Format(time.RFC3339) + ". Extend or re-authenticate the connection, or connect again.")
	}
	delete(st.refresh, token)
	conn.RefreshToken = next
	st.refresh[next] = id
	changed = true
	return *conn, nil
}

// byRefresh returns a copy of the live (not revoked) connection whose current refresh token is
// token.
func (st *store) byRefresh(token string) (connection, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	conn := st.conns[st.refresh[token]]
	if token == "" || conn == nil || conn.Revoked {
		return connection{}, false
	}
	return *conn, true
}

// renewConsent renews the consent of the connection whose refresh token is still token, for 90
// days from now; it reports false when the token stopped being the connection's meanwhile.
func (st *store) renewConsent(now time.Time, credentialsID, token string) (connection, bool) {
	changed := false
	defer func() { st.notify(changed) }()
	st.mu.Lock()
	defer st.mu.Unlock()
	conn := st.conns[credentialsID]
	if conn == nil || conn.Revoked || st.refresh[token] != credentialsID {
		return connection{}, false
	}
	conn.ConsentCreatedAt, conn.ExpiresAt = now, now.Add(consentLifetime)
	changed = true
	return *conn, true
}

// revoke revokes the connection with the credentials id; it reports false when there is no
// such live connection.
func (st *store) revoke(credentialsID string) bool {
	changed := false
	defer func() { st.notify(changed) }()
	st.mu.Lock()
	defer st.mu.Unlock()
	changed = st.revokeLocked(credentialsID)
	return changed
}

// notify tells the store's owner that what outlives the process changed; call it without the
// lock.
func (st *store) notify(changed bool) {
	if changed {
		st.changed()
	}
}
