package ivy

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// Limits on what a session is created with.
const (
	maxReferenceIDLength = 200 // documented
	maxEmailLength       = 254
	maxURLLength         = 2048
)

// localeForm is a language, optionally with its region: en, de, de-DE.
var localeForm = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[a-z]{2}(-[A-Z]{2})?$`)
})

// phoneForm is a phone number: an optional +, then digits with spaces, dots, dashes or
// parentheses between them.
var phoneForm = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\+?[0-9][0-9 ().-]{2,30}$`)
})

// createRequest is the body of session/create; pointers and raw values tell a missing field
// from an empty one.
type createRequest struct {
	ReferenceID          *string         `json:"referenceId"`
	Market               string          `json:"market"`
	Locale               string          `json:"locale"`
	Permissions          []string        `json:"permissions"`
	ExternalUser         *externalUserIn `json:"externalUser"`
	Prefill              *prefillIn      `json:"prefill"`
	DisableBankSelection bool            `json:"disableBankSelection"`
	SuccessCallbackURL   string          `json:"successCallbackUrl"`
	ErrorCallbackURL     string          `json:"errorCallbackUrl"`
	ResultCallbackURL    string          `json:"resultCallbackUrl"`
	Metadata             json.RawMessage `json:"metadata"`
	ExpiresAt            json.RawMessage `json:"expiresAt"`
}

// externalUserIn is the externalUser of session/create.
type externalUserIn struct {
	Email       string          `json:"email"`
	ReferenceID string          `json:"referenceId"`
	Phone       string          `json:"phone"`
	Metadata    json.RawMessage `json:"metadata"`
}

// prefillIn is the prefill of session/create.
type prefillIn struct {
	BankID string `json:"bankId"`
}

// handleCreate serves session/create: it validates the request, stores the open session and
// answers it with the redirectUrl of its hosted pages.
func (h *Handler) handleCreate(w http.ResponseWriter, r *http.Request, body []byte) {
	var req createRequest
	if e := decodeBody(body, &req); e != nil {
		writeError(w, e)
		return
	}
	now := h.now()
	s, e := h.newSession(req, now)
	if e != nil {
		writeError(w, e)
		return
	}
	s.RedirectURL = kit.BaseURL(r) + sessionPath(s.ID)
	if e := h.store.add(s); e != nil {
		writeError(w, e)
		return
	}
	kit.WriteJSON(w, http.StatusOK, s.view(now, s.RedirectURL))
}

// newSession checks a create request field by field and returns the open session it makes.
func (h *Handler) newSession(req createRequest, now time.Time) (*session, *apiError) {
	s := &session{record: record{ID: kit.RandomHex(12), Phase: phaseOpen, CreatedAt: now, UpdatedAt: now},
		FormToken: kit.RandomToken(16)}
	checks := []func() *apiError{
		func() *apiError { return checkReferenceID(req.ReferenceID, &s.ReferenceID) },
		func() *apiError { s.Market = req.Market; return checkMarket(req.Market) },
		func() *apiError { return checkLocale(req.Locale, &s.Locale) },
		func() *apiError { return checkPermissions(req.Permissions, &s.Permissions) },
		func() *apiError { return checkExternalUser(req.ExternalUser, s) },
		func() *apiError { return h.checkPrefill(req, s) },
		func() *apiError { return checkCallbacks(req, s) },
		func() *apiError { return checkObject("metadata", req.Metadata, &s.Metadata) },
		func() *apiError { return checkExpiresAt(req.ExpiresAt, now, &s.ExpiresAt) },
	}
	for _, check := range checks {
		if e := check(); e != nil {
			return nil, e
		}
	}
	return s, nil
}

// checkReferenceID wants a referenceId of 1 to 200 characters; uniqueness is the store's.
func checkReferenceID(given *string, out *string) *apiError {
	switch {
	case given == nil || strings.TrimSpace(*given) == "":
		return invalid("referenceId is required: your own id of the session, unique per session, at most %d characters.", maxReferenceIDLength)
	case utf8.RuneCountInString(*given) > maxReferenceIDLength:
		return invalid("referenceId is %d characters long: at most %d.", utf8.RuneCountInString(*given), maxReferenceIDLength)
	}
	*out = *given
	return nil
}

// checkLocale accepts a language with an optional region; empty means en.
func checkLocale(given string, out *string) *apiError {
	if given == "" {
		given = "en"
	}
	if !localeForm().MatchString(given) {
		return invalid("locale %q must be a language code with an optional region, like en or de-DE.", given)
	}
	*out = given
	return nil
}

// checkPermissions wants one or more of the documented permissions (repeats dropped).
func checkPermissions(given []string, out *[]string) *apiError {
	if len(given) == 0 {
		return invalid("permissions is required: one or more of %s.", strings.Join(allPermissions(), ", "))
	}
	var perms []string
	for _, p := range given {
		if !slices.Contains(allPermissions(), p) {
			return invalid("permissions: %q is not a permission: one of %s.", p, strings.Join(allPermissions(), ", "))
		}
		if !slices.Contains(perms, p) {
			perms = append(perms, p)
		}
	}
	*out = perms
	return nil
}

// checkExternalUser checks the identifiers a returning user will be found by.
func checkExternalUser(given *externalUserIn, s *session) *apiError {
	if given == nil {
		return nil
	}
	u := externalUser{Email: strings.TrimSpace(given.Email), ReferenceID: given.ReferenceID, Phone: strings.TrimSpace(given.Phone)}
	if u.Email != "" {
		a, err := mail.ParseAddress(u.Email)
		if err != nil || a.Address != u.Email || len(u.Email) > maxEmailLength {
			return invalid("externalUser.email %q is not an email address.", u.Email)
		}
	}
	if utf8.RuneCountInString(u.ReferenceID) > maxReferenceIDLength {
		return invalid("externalUser.referenceId is longer than %d characters.", maxReferenceIDLength)
	}
	if u.Phone != "" && !phoneForm().MatchString(u.Phone) {
		return invalid("externalUser.phone %q is not a phone number, like +49123456789.", u.Phone)
	}
	s.ExternalUser = u
	return checkObject("externalUser.metadata", given.Metadata, &s.UserMetadata)
}

// checkPrefill checks the prefilled bank: a bank of the sandbox, which disableBankSelection
// needs.
func (h *Handler) checkPrefill(req createRequest, s *session) *apiError {
	bankID := ""
	if req.Prefill != nil {
		bankID = req.Prefill.BankID
	}
	if bankID != "" {
		b, ok := h.findBank(bankID)
		if !ok {
			return invalid("prefill.bankId %q is not a bank of the sandbox's Ivy: one of %s.", bankID, h.bankIDs())
		}
		s.PrefillBankID = b.ID
	}
	if req.DisableBankSelection {
		if bankID == "" {
			return invalid("disableBankSelection needs prefill.bankId: the bank the user goes to without choosing.")
		}
		s.DisableBankSelection = true
		b, _ := h.findBank(bankID)
		s.Bank, s.Step = &bankRef{ID: b.ID, Name: b.Name}, stepLogin
	}
	return nil
}

// checkCallbacks wants absolute http(s) URLs for the callbacks that are given.
func checkCallbacks(req createRequest, s *session) *apiError {
	for _, c := range []struct {
		name, value string
		out         *string
	}{
		{"successCallbackUrl", req.SuccessCallbackURL, &s.SuccessURL},
		{"errorCallbackUrl", req.ErrorCallbackURL, &s.ErrorURL},
		{"resultCallbackUrl", req.ResultCallbackURL, &s.ResultURL},
	} {
		if c.value == "" {
			continue
		}
		u, err := url.Parse(c.value)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || len(c.value) > maxURLLength {
			return invalid("%s %q must be an absolute http or https URL.", c.name, c.value)
		}
		*c.out = c.value
	}
	return nil
}

// checkObject accepts an absent or null value, or a JSON object, kept as given.
func checkObject(name string, given json.RawMessage, out *json.RawMessage) *apiError {
	trimmed := bytes.TrimSpace(given)
	if len(trimmed) == 0 || bytes.Equal(trimmed, []byte("null")) {
		return nil
	}
	if trimmed[0] != '{' {
		return invalid("%s must be an object of key-value pairs.", name)
	}
	*out = slices.Clone(trimmed)
	return nil
}

// checkExpiresAt wants epoch seconds 30 minutes to 24 hours from now (a few seconds' leeway
// for the client's clock); none means an hour from now.
func checkExpiresAt(given json.RawMessage, now time.Time, out *time.Time) *apiError {
	given = bytes.TrimSpace(given)
	if len(given) == 0 || bytes.Equal(given, []byte("null")) {
		*out = now.Add(defaultSessionLifetime)
		return nil
	}
	var n json.Number
	if given[0] == '"' || json.Unmarshal(given, &n) != nil {
		return invalid("expiresAt must be a number: epoch seconds, 30 minutes to 24 hours from now.")
	}
	secs, err := n.Int64()
	if err != nil {
		return invalid("expiresAt %s must be whole epoch seconds.", n.String())
	}
	at := time.Unix(secs, 0)
	lo, hi := now.Add(minSessionLifetime-clockSkew), now.Add(maxSessionLifetime+clockSkew)
	if at.Before(lo) || at.After(hi) {
		return invalid("expiresAt %d (%s) must be 30 minutes to 24 hours from now (%s); leave it out for an hour.",
			secs, at.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	*out = at
	return nil
}

// sessionPath is where a session's hosted pages start.
func sessionPath(id string) string { return Prefix + "/session/" + id }

// describePermissions lists permissions for a page or a message.
func describePermissions(perms []string) string {
	if len(perms) == 0 {
		return "none"
	}
	return strings.Join(perms, ", ")
}
