package flows

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/linkstep/linkstep/flows/oauthlink"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers/ivy"
)

// IvyDataSessionID is the id of Ivy's data session journey.
const IvyDataSessionID = ivy.ID + "/data-session"

func ivyDataSessionInfo() Info {
	return Info{
		ID:       IvyDataSessionID,
		Provider: ivy.Name,
		Title:    "Ivy data session",
		Summary:  "a data session for an external user: bank login, accounts and balances, identity",
	}
}

// ivyDataSessionEntry registers the data session journey: it needs the Ivy part.
func ivyDataSessionEntry() entry {
	return entry{info: ivyDataSessionInfo(), build: func(p Parts) (Journey, error) {
		part, err := p.ivyPart()
		if err != nil {
			return nil, err
		}
		return NewIvyDataSession(p.Common, part), nil
	}}
}

// IvyDataSession is Ivy's data session: describe the external user, create the session, send
// the user to its redirectUrl, finish on the success or error callback (or by polling), then
// read the accounts, balances and identity and choose the account.
type IvyDataSession struct {
	c    Common
	part Ivy
}

// NewIvyDataSession returns the data session journey.
func NewIvyDataSession(c Common, part Ivy) *IvyDataSession { return &IvyDataSession{c: c, part: part} }

// Info describes the journey.
func (j *IvyDataSession) Info() Info { return ivyDataSessionInfo() }

// sessionRun is what one data session has learnt so far.
type sessionRun struct {
	prefill  ExternalUser
	user     UserDescribed
	session  *ivy.Session
	outcome  *oauthlink.HostedOutcome
	accounts *ivy.Accounts
	balances *ivy.Balances
	identity *ivyIdentity
	chosen   string
}

// Run walks the journey.
func (j *IvyDataSession) Run(ctx context.Context, a Asker) (Result, error) {
	r := &sessionRun{}
	if err := RunSteps(ctx, a, j.steps(r)); err != nil {
		return Result{}, err
	}
	return j.result(r), nil
}

// steps are the journey's steps over r; the returning-user journey runs them too.
func (j *IvyDataSession) steps(r *sessionRun) []Step {
	return []Step{
		{Title: "Describe the user", Kind: Question, Run: func(ctx context.Context, a Asker) error { return j.describeUser(ctx, a, r) }},
		{Title: "Sign in at the bank", Kind: Question, Run: func(ctx context.Context, a Asker) error { return j.signIn(ctx, a, r) }},
		{Title: "Read the accounts", Kind: Action, Run: func(ctx context.Context, a Asker) error { return j.readData(ctx, a, r) }},
		{Title: "Choose an account", Kind: Question, Run: func(ctx context.Context, a Asker) error { return j.chooseAccount(ctx, a, r) }},
	}
}

// marketPattern is an ISO 3166 country code.
var marketPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Z]{2}$`)
})

func (j *IvyDataSession) describeUser(ctx context.Context, a Asker, r *sessionRun) error {
	markets := j.part.Markets
	if len(markets) == 0 {
		markets = []string{"DE"}
	}
	p := DescribeUser{
		Provider: ivy.Name, Prefill: r.prefill, Returning: r.prefill.identified(), Markets: markets, Market: markets[0], Locale: "en",
		Permissions: ivy.Permissions(), Granted: []string{ivy.PermissionIdentity, ivy.PermissionAccounts, ivy.PermissionBalances},
	}
	if last := r.user; last.Market != "" { // asked again: what was given last time
		p.Prefill, p.Market, p.Locale, p.Granted = last.User, last.Market, last.Locale, last.Permissions
	}
	got, err := ask[UserDescribed](ctx, a, p)
	if err != nil {
		return err
	}
	if err := checkUser(p, &got); err != nil {
		return err
	}
	r.user = got
	return nil
}

// checkUser refuses a description the form should not have let through, and fills defaults.
func checkUser(p DescribeUser, u *UserDescribed) error {
	x := &u.User
	x.Email, x.Phone, x.ReferenceID = strings.TrimSpace(x.Email), strings.TrimSpace(x.Phone), strings.TrimSpace(x.ReferenceID)
	if x.Email == "" && x.Phone == "" && x.ReferenceID == "" {
		return &Error{Code: "invalid_user", Description: "give the user an email, a phone or a reference id: a returning user is found again by it", Retryable: true}
	}
	if x.Email != "" {
		if _, err := mail.ParseAddress(x.Email); err != nil {
			return &Error{Code: "invalid_user", Description: fmt.Sprintf("%q is not an email address", x.Email), Retryable: true}
		}
	}
	if u.Market == "" {
		u.Market = p.Market
	}
	u.Market = strings.ToUpper(strings.TrimSpace(u.Market))
	if !marketPattern().MatchString(u.Market) {
		return &Error{Code: "invalid_market", Description: fmt.Sprintf("%q is not a country code like DE or GB", u.Market), Retryable: true}
	}
	if u.Locale == "" {
		u.Locale = p.Locale
	}
	if u.Permissions == nil {
		u.Permissions = p.Granted
	}
	for _, perm := range u.Permissions {
		if !slices.Contains(p.Permissions, perm) {
			return &Error{Code: "invalid_permission", Description: fmt.Sprintf("%q is not a permission: one of %s", perm, strings.Join(p.Permissions, ", ")), Retryable: true}
		}
	}
	return nil
}

func (j *IvyDataSession) signIn(ctx context.Context, a Asker, r *sessionRun) error {
	var created ivy.Session
	req := hostedRequest{
		Create: func(ctx context.Context, urls oauthlink.HostedURLs) (string, error) {
			s, err := j.part.Client.CreateSession(ctx, j.sessionRequest(r.user, urls))
			if err != nil {
				return "", fmt.Errorf("create the data session: %w", err)
			}
			created = s
			a.Tell(Progress{Message: "data session " + s.ID + " created"})
			return s.RedirectURL, nil
		},
		Poll: func(ctx context.Context) (oauthlink.HostedOutcome, bool, error) {
			d, err := j.part.Client.SessionDetails(ctx, created.ID)
			if err != nil {
				return oauthlink.HostedOutcome{}, false, err
			}
			values := map[string][]string{"status": {d.Status}}
			switch {
			case d.Status == ivy.StatusOpen:
				return oauthlink.HostedOutcome{}, false, nil
			case d.Failure != nil:
				values["error"], values["message"] = []string{d.Failure.Code}, []string{d.Failure.Message}
				return oauthlink.HostedOutcome{Values: values}, true, nil
			case d.Status == ivy.StatusExpired:
				return oauthlink.HostedOutcome{Values: values}, true, nil
			}
			return oauthlink.HostedOutcome{Success: true, Values: values}, true, nil
		},
		Webhook: j.webhook(a),
	}
	outcome, err := j.c.awaitHosted(ctx, a, req)
	if err != nil {
		return err
	}
	*r = sessionRun{prefill: r.prefill, user: r.user, session: &created, outcome: &outcome}
	if !outcome.Success {
		return sessionFailed(outcome.Values)
	}
	a.Tell(Progress{Message: "back from the bank: the data session completed"})
	return nil
}

// sessionFailed is a data session that ended on the error callback: the code is Ivy's error
// value when the callback carries one (as TrueLayer's and OneID's redirects do), else
// session_failed.
func sessionFailed(values map[string][]string) error {
	code := "session_failed"
	if v := values["error"]; len(v) > 0 && strings.TrimSpace(v[0]) != "" {
		code = strings.TrimSpace(v[0])
	}
	return &Error{Code: code, Description: "the data session ended on the error callback" + describeValues(values) + ": start again"}
}

// sessionRequest is the create call for the user, with the callbacks on the listener.
func (j *IvyDataSession) sessionRequest(u UserDescribed, urls oauthlink.HostedURLs) ivy.SessionRequest {
	ext := &ivy.ExternalUser{Email: u.User.Email, Phone: u.User.Phone, ReferenceID: u.User.ReferenceID, Metadata: u.User.Metadata}
	return ivy.SessionRequest{
		ReferenceID: "linkstep-" + randomHex(8), Market: u.Market, Locale: u.Locale, Permissions: u.Permissions,
		ExternalUser: ext, SuccessCallbackURL: urls.Success, ErrorCallbackURL: urls.Error, ResultCallbackURL: urls.Result,
	}
}

// webhook checks result webhooks with the signing secret and says what reached the tool.
func (j *IvyDataSession) webhook(a Asker) oauthlink.WebhookFunc {
	return func(body []byte, h http.Header) error {
		w, err := ivy.VerifyWebhook(body, h.Get(ivy.SignatureHeader), j.part.WebhookSecret)
		if err != nil {
			a.Tell(Warning{Message: err.Error()})
			return err
		}
		a.Tell(Progress{Message: "webhook " + w.Type + " received, signature verified"})
		return nil
	}
}

// describeValues lists a callback's parameters (not its state) for an error message.
func describeValues(v map[string][]string) string {
	var parts []string
	for k, vs := range v {
		if k != "state" && len(vs) > 0 {
			parts = append(parts, k+"="+vs[0])
		}
	}
	slices.Sort(parts)
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func (j *IvyDataSession) readData(ctx context.Context, a Asker, r *sessionRun) error {
	c := j.part.Client
	if r.accounts == nil {
		accs, err := c.ListAccounts(ctx, r.session.ID)
		if err != nil {
			return fmt.Errorf("list the accounts: %w", err)
		}
		r.accounts = &accs
	}
	if r.balances == nil && slices.Contains(r.user.Permissions, ivy.PermissionBalances) {
		b, err := c.ListBalances(ctx, r.session.ID)
		if err != nil {
			return fmt.Errorf("list the balances: %w", err)
		}
		r.balances = &b
	}
	if r.identity == nil && slices.Contains(r.user.Permissions, ivy.PermissionIdentity) {
		id, err := j.identity(ctx, r)
		if err != nil {
			a.Tell(Warning{Message: "could not read the identity: " + err.Error()})
		}
		r.identity = id
	}
	j.c.indexConnection(a, j.connection(r))
	a.Tell(Progress{Message: plural(len(r.accounts.Accounts), "account") + " read"})
	return nil
}

// identity finds what the session learnt of the user in the user's list of sessions (the
// documented place Ivy returns a session's identity).
func (j *IvyDataSession) identity(ctx context.Context, r *sessionRun) (*ivyIdentity, error) {
	k, ok := userKey(r.user.User)
	if !ok {
		return nil, nil
	}
	past, err := j.part.Client.ListSessions(ctx, k.UserKey)
	if err != nil {
		return nil, err
	}
	for _, s := range past.Sessions {
		if s.ID == r.session.ID && s.Data.Identity != nil {
			return &ivyIdentity{Name: s.Data.Identity.Name, DateOfBirth: s.Data.Identity.DateOfBirth}, nil
		}
	}
	return nil, nil
}

func (j *IvyDataSession) chooseAccount(ctx context.Context, a Asker, r *sessionRun) error {
	offered := ivyAccounts(r.accounts.Accounts, r.balances)
	switch len(offered) {
	case 0:
		a.Tell(Warning{Message: "the session gathered no accounts"})
		SkipStep(a, "no accounts gathered")
		return nil
	}
	prompt := ChooseAccount{Accounts: offered, Purpose: "to show with its balance", Connection: r.session.ID}
	if len(offered) == 1 {
		if err := checkUnasked(a, prompt); err != nil {
			return err
		}
		r.chosen = offered[0].ID
		SkipStep(a, "one account gathered")
		return nil
	}
	choice, err := ask[AccountChoice](ctx, a, prompt)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(offered, func(x Account) bool { return x.ID == choice.ID }) {
		return &Error{Code: "unknown_account", Description: fmt.Sprintf("no account %q in the session", choice.ID)}
	}
	r.chosen = choice.ID
	return nil
}

func (j *IvyDataSession) connection(r *sessionRun) keychain.Connection {
	c := keychain.Connection{
		Provider: ivy.ID, Environment: j.c.Env.String(), ID: r.session.ID, Created: j.c.now(),
		Scopes: r.user.Permissions, Details: map[string]string{"market": r.user.Market},
	}
	if k, ok := userKey(r.user.User); ok {
		kind, value := k.describe()
		c.Details["external_user"] = kind + " " + value
	}
	if len(r.accounts.Accounts) > 0 {
		c.Bank = r.accounts.Accounts[0].BankName
	}
	return c
}

// identified reports whether u carries an identifier a returning user is found by.
func (u ExternalUser) identified() bool { return u.Email != "" || u.Phone != "" || u.ReferenceID != "" }

// userKey is the one identifier a returning user will be found by: the email, else the
// reference id, else the phone.
func userKey(u ExternalUser) (ivyUserKey, bool) {
	switch {
	case u.Email != "":
		return ivyUserKey{ivy.UserKey{Email: u.Email}}, true
	case u.ReferenceID != "":
		return ivyUserKey{ivy.UserKey{ReferenceID: u.ReferenceID}}, true
	case u.Phone != "":
		return ivyUserKey{ivy.UserKey{Phone: u.Phone}}, true
	}
	return ivyUserKey{}, false
}

// ivyUserKey is an ivy.UserKey that can say which identifier it holds.
type ivyUserKey struct{ ivy.UserKey }

// describe names the identifier and its value.
func (k ivyUserKey) describe() (kind, value string) {
	switch {
	case k.Email != "":
		return string(ByEmail), k.Email
	case k.ReferenceID != "":
		return string(ByReferenceID), k.ReferenceID
	}
	return string(ByPhone), k.Phone
}

// randomHex is n random bytes, hex encoded.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
