package truelayer

import "time"

// redeemCode consumes a code once: it checks that the code exists, is unused and fresh, runs
// check on it (client, redirect URI, PKCE), then stores the connection connect makes from it.
// A reused code revokes the connection made with it, as OAuth asks.
func (st *store) redeemCode(now time.Time, code string, check func(authCode) *apiError,
	connect func(authCode) *connection) (connection, *apiError) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := st.codes[code]
	if !ok {
		return connection{}, invalidCode("The authorization code is not valid.")
	}
	if c.Used {
		st.revokeLocked(c.CredentialsID)
		return connection{}, invalidCode("The authorization code was already used; the tokens issued with it are revoked.")
	}
	if now.Sub(c.IssuedAt) > codeLifetime {
		return connection{}, invalidCode("The authorization code expired: codes are valid for 5 minutes.")
	}
	if err := check(*c); err != nil {
		return connection{}, err
	}
	conn := connect(*c)
	c.Used = true
	c.CredentialsID = conn.CredentialsID
	st.conns[conn.CredentialsID] = conn
	if conn.RefreshToken != "" {
		st.refresh[conn.RefreshToken] = conn.CredentialsID
	}
	return *conn, nil
}

// rotateRefresh swaps a refresh token for next: the old one stops working at once.
func (st *store) rotateRefresh(now time.Time, token, clientID, next string) (connection, *apiError) {
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
	if !now.Before(conn.ExpiresAt) {
		return connection{}, invalidGrant("The consent of this connection expired after 90 days; the user must connect again.")
	}
	delete(st.refresh, token)
	conn.RefreshToken = next
	st.refresh[next] = id
	return *conn, nil
}
