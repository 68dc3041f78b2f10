package ivy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// ExternalUser is the user a session is made for, known by one of its identifiers.
type ExternalUser struct {
	Email       string            `json:"email,omitempty"`
	ReferenceID string            `json:"referenceId,omitempty"`
	Phone       string            `json:"phone,omitempty"`
	Metadata    map[string]string `json:"metadata,omitempty"`
}

// SessionRequest is what creating a data session takes.
type SessionRequest struct {
	ReferenceID        string        `json:"referenceId"`
	Market             string        `json:"market,omitempty"`
	Locale             string        `json:"locale,omitempty"`
	Permissions        []string      `json:"permissions,omitempty"`
	ExternalUser       *ExternalUser `json:"externalUser,omitempty"`
	SuccessCallbackURL string        `json:"successCallbackUrl,omitempty"`
	ErrorCallbackURL   string        `json:"errorCallbackUrl,omitempty"`
	ResultCallbackURL  string        `json:"resultCallbackUrl,omitempty"`
	ExpiresAt          int64         `json:"expiresAt,omitempty"` // epoch seconds
}

// Session is a data session as Ivy describes it.
type Session struct {
	ID          string `json:"id"`
	ReferenceID string `json:"referenceId"`
	RedirectURL string `json:"redirectUrl"`
	Status      string `json:"status"`
	Market      string `json:"market"`
	CreatedAt   int64  `json:"createdAt"`
	UpdatedAt   int64  `json:"updatedAt"`
	ExpiresAt   int64  `json:"expiresAt"`
	// Failure says why a closed session failed; nil when it did not.
	Failure *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	// Raw is the body exactly as returned.
	Raw json.RawMessage `json:"-"`
}

// CreateSession creates a data session and returns it with the redirectUrl to send the user to.
func (c *Client) CreateSession(ctx context.Context, r SessionRequest) (Session, error) {
	const op = "create session"
	if r.ReferenceID == "" || len(r.ReferenceID) > 200 {
		return Session{}, &Error{Op: op, Code: "invalid_request", Description: "referenceId is required and at most 200 characters"}
	}
	var raw json.RawMessage
	if err := c.post(ctx, op, pathCreate, r, &raw); err != nil {
		return Session{}, err
	}
	return decodeSession(op, raw, true)
}

// SessionDetails reads a data session by id.
func (c *Client) SessionDetails(ctx context.Context, id string) (Session, error) {
	const op = "session details"
	var raw json.RawMessage
	if err := c.post(ctx, op, pathDetails, map[string]string{"id": id}, &raw); err != nil {
		return Session{}, err
	}
	return decodeSession(op, raw, false)
}

// decodeSession reads a session body; a created one must carry its redirectUrl.
func decodeSession(op string, raw json.RawMessage, created bool) (Session, error) {
	var s Session
	if err := json.Unmarshal(raw, &s); err != nil {
		return Session{}, &Error{Op: op, Description: "malformed response: " + err.Error()}
	}
	if s.ID == "" || (created && s.RedirectURL == "") {
		return Session{}, &Error{Op: op, Description: "malformed response: the session lacks id or redirectUrl"}
	}
	s.Raw = raw
	return s, nil
}

// UserKey is exactly one identifier of a returning user.
type UserKey struct {
	Email       string
	ReferenceID string
	Phone       string
}

// ErrOneIdentifier means a returning user was looked up by none or several identifiers.
const ErrOneIdentifier = sentinel("give exactly one of email, reference id or phone")

// sentinel is a constant error, so that no other package can reassign it.
type sentinel string

// Error returns the message.
func (s sentinel) Error() string { return string(s) }

// body is the list call's body: the one identifier.
func (k UserKey) body() (map[string]string, error) {
	b := map[string]string{}
	if k.Email != "" {
		b["externalUserEmail"] = k.Email
	}
	if k.ReferenceID != "" {
		b["externalUserReferenceId"] = k.ReferenceID
	}
	if k.Phone != "" {
		b["externalUserPhone"] = k.Phone
	}
	if len(b) != 1 {
		return nil, fmt.Errorf("list a user's sessions: %w (got %d)", ErrOneIdentifier, len(b))
	}
	return b, nil
}

// PastSession is one of a returning user's data sessions, with the data it gathered.
type PastSession struct {
	ID          string `json:"id"`
	ReferenceID string `json:"referenceId"`
	Status      string `json:"status"`
	Data        struct {
		BankName string `json:"bankName"`
		Identity *struct {
			Name        string `json:"name"`
			DateOfBirth string `json:"dateOfBirth"`
		} `json:"identity"`
		Accounts []struct {
			Name       string `json:"name"`
			Type       string `json:"type"`
			Identifier struct {
				IBAN *struct {
					IBAN string `json:"iban"`
					BBAN string `json:"bban"`
					BIC  string `json:"bic"`
				} `json:"iban"`
			} `json:"identifier"`
		} `json:"accounts"`
	} `json:"data"`
}

// PastSessions are a returning user's sessions, with the body exactly as returned.
type PastSessions struct {
	Sessions []PastSession
	Raw      json.RawMessage
}

// ListSessions lists the data sessions of the user known by exactly one identifier.
func (c *Client) ListSessions(ctx context.Context, k UserKey) (PastSessions, error) {
	const op = "list sessions"
	b, err := k.body()
	if err != nil {
		return PastSessions{}, err
	}
	var raw json.RawMessage
	if err := c.post(ctx, op, pathList, b, &raw); err != nil {
		return PastSessions{}, err
	}
	var out struct {
		DataSessions []PastSession `json:"dataSessions"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return PastSessions{}, &Error{Op: op, Description: "malformed response: " + err.Error()}
	}
	if out.DataSessions == nil && !hasKey(raw, "dataSessions") {
		return PastSessions{}, &Error{Op: op, Description: "malformed response: no dataSessions"}
	}
	return PastSessions{Sessions: out.DataSessions, Raw: raw}, nil
}

// hasKey reports whether raw is an object with key.
func hasKey(raw json.RawMessage, key string) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return false
	}
	_, ok := m[key]
	return ok
}

// IsOneIdentifier reports whether err is the refusal of a lookup by none or several identifiers.
func IsOneIdentifier(err error) bool { return errors.Is(err, ErrOneIdentifier) }
