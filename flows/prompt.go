package flows

import (
	"context"
	"time"
)

// Prompt is a question a journey asks a person. The set is sealed: every front-end handles
// exactly the prompts declared in this file.
//
//sumtype:decl
type Prompt interface{ isPrompt() }

// Bank is one bank a user can connect, as the provider lists it.
type Bank struct {
	ID      string
	Name    string
	Country string
	LogoURL string
}

// ChooseBank asks which bank to connect; the answer is a BankChoice.
type ChooseBank struct {
	Banks []Bank
}

// ReviewConsent asks the user to review what will be shared before the auth link is made;
// the answer is ConsentGiven, or ErrBack to decline.
type ReviewConsent struct {
	Provider    string
	Environment string
	Bank        string
	Shares      []string // what the provider will share, one line each, in the user's words
	Scopes      []string // the OAuth scopes the auth link will carry
	RedirectURI string
	Validity    string // how long the consent lasts, e.g. "90 days"
}

// SignInFunc signs in to the embedded sandbox's mock bank over HTTP, as a browser posting the
// bank's login form would, and returns where the bank redirected.
type SignInFunc func(ctx context.Context, username, password string) (RedirectReceived, error)

// OpenAuthLink asks the user to open the auth link and finish at the bank. It is answered by
// whichever comes first: the loopback listener catching the redirect (the journey handles that
// itself and withdraws the prompt), or a RedirectReceived from the front-end (a pasted redirect
// URL or bare code, or the result of SignIn).
type OpenAuthLink struct {
	URL         string
	RedirectURI string
	Listening   bool      // a loopback listener is waiting for the redirect on RedirectURI
	Expires     time.Time // when the listener gives up; zero when not listening
	// SelfSigned says the listener serves https with linkstep's own certificate: the browser
	// will warn about it, and the user accepts it for 127.0.0.1.
	SelfSigned bool
	// SignIn is set in the embedded sandbox: the front-end may sign in to the mock bank itself.
	SignIn SignInFunc
	// Park keeps this link's state and PKCE verifier in the keychain, so that a later run can
	// finish it with the redirect URL (a RedirectReceived with Earlier set).
	Park func(ctx context.Context) error
	// CheckPaste says whether a pasted redirect may answer this link: nil, or why not (it
	// cannot be read, or it belongs to another auth link: state_mismatch). A front-end that
	// keeps the person on the link refuses such a paste beside the input and goes on waiting;
	// answering with it anyway ends the step with that error, its code unused.
	CheckPaste      func(input string) error
	DefaultUsername string // a mock user to pre-fill, when SignIn is set
	DefaultPassword string
	// SignInChoices, when set, replace the username and password: the mock bank offers these
	// people (OneID's test identities) and SignIn takes the chosen Value as the username and no
	// password; the choice SignInDecline declines at the bank.
	SignInChoices []SignInChoice
}

// SignInChoice is one person the mock bank offers to sign in as.
type SignInChoice struct {
	Value string // what SignIn takes as the username, e.g. "janet"
	Label string // e.g. "Janet Davidson: clear"
}

// SignInDecline is the SignInChoice value that declines (cancels) at the bank.
const SignInDecline = "cancel"

// Account is one account a user can pick when several are linked.
type Account struct {
	ID          string
	DisplayName string
	Type        string
	Currency    string
	Number      string // account number as the provider gave it; front-ends mask it
	SortCode    string
	IBAN        string
	Balance     string // as the provider gave it, with its currency (e.g. "123.45 GBP"); may be empty
}

// ChooseAccount asks which of several linked accounts to use; the answer is an AccountChoice.
type ChooseAccount struct {
	Accounts []Account
	// Purpose says what the chosen account is for, to end "choose the one …", e.g. "whose
	// identity linkstep verifies"; empty means "to use".
	Purpose string
	// Connection is the stored connection the accounts came with, kept whatever is chosen;
	// empty when the journey stores none.
	Connection string
}

// Scope is one thing a user can be asked to share with an identity provider.
type Scope struct {
	Name     string // the OAuth scope, e.g. "date_of_birth"
	Label    string // what it shares, in the user's words
	Needs    string // another scope this one needs, e.g. accounts.balances needs accounts
	Required bool   // always asked for (openid)
	Default  bool   // chosen unless the user says otherwise
}

// ChooseScopes asks what to request from an identity provider: claim scopes and, where the
// provider has products, exactly one product. The answer is ScopesChosen, or ErrBack.
type ChooseScopes struct {
	Provider    string
	Environment string
	Issuer      string
	Scopes      []Scope
	Products    []string // choose exactly one; empty when the provider has none
	Product     string   // the product chosen unless the user says otherwise
	RedirectURI string
}

// ConnectIssuer asks which OpenID provider to use: its issuer URL, the client id registered
// there, and the client secret for a confidential client. The answer is IssuerGiven.
type ConnectIssuer struct {
	RedirectURI string // what to register at the provider
	// Issuer and ClientID pre-fill the form with what was given last time (never the secret).
	Issuer   string
	ClientID string
}

// ExternalUser is the person a provider's data session is made for, as the application knows
// them: identifiers (a returning user is found again by one of them) and free metadata.
type ExternalUser struct {
	Email       string
	Phone       string
	ReferenceID string
	Metadata    map[string]string
}

// DescribeUser asks who a data session is for, and how it runs: the external user, the market,
// the locale and the data permissions. The answer is UserDescribed.
type DescribeUser struct {
	Provider    string
	Prefill     ExternalUser // known already: a returning user's identifier, or the last answer
	Markets     []string     // offered markets, e.g. DE, GB
	Market      string       // the default market
	Locale      string       // the default locale
	Permissions []string     // offered permissions
	Granted     []string     // the default permissions
	// Returning says the session is for a returning user with no past session: Prefill holds
	// their identifier. Otherwise it is a first data session for whoever is described.
	Returning bool
}

// IdentifierKind names one way a returning user is known.
type IdentifierKind string

// The identifiers a returning user can be known by.
const (
	ByEmail       IdentifierKind = "email"
	ByPhone       IdentifierKind = "phone"
	ByReferenceID IdentifierKind = "reference_id"
)

// IdentifyUser asks for exactly one identifier of a returning user; the answer is
// UserIdentified.
type IdentifyUser struct {
	Provider string
	Kinds    []IdentifierKind
}

// OfferDataSession says a returning user has no completed session and offers to start one for
// them (the identifier filled in); the answer is StartDataSession, or ErrBack.
type OfferDataSession struct {
	Provider string
	User     ExternalUser
}

// StoredConnection is a connection kept from an earlier run, as a chooser lists it.
type StoredConnection struct {
	ID               string
	Bank             string
	Created          time.Time
	ConsentExpiresAt time.Time
	Usable           bool   // its refresh token is where the index says
	Why              string // why it cannot be used, when it cannot
}

// ChooseConnection asks which stored connection a journey works on; the answer is a
// ConnectionChoice.
type ChooseConnection struct {
	Provider    string
	Environment string
	Purpose     string // e.g. "extend": what happens to the chosen one
	Connections []StoredConnection
}

// ReconfirmConsent is the reconfirmation of consent the application must show before it
// extends a connection: what continues to be shared, with whom, for how long. The user gives
// their full name and an email or a phone and must confirm explicitly; the answer is
// ConsentReconfirmed.
type ReconfirmConsent struct {
	Provider  string
	Bank      string
	Recipient string   // who keeps receiving the data
	Shares    []string // what continues to be shared, one line each
	Validity  string   // for how long, e.g. "90 more days"
	ExpiresAt time.Time
	// Name, Email and Phone pre-fill the form with what the user gave last time.
	Name  string
	Email string
	Phone string
}

// Failure reports a step that failed and asks what to do: Retry runs the step again, ErrBack
// returns to the previous question, any other error ends the journey with the failure.
type Failure struct {
	Step      string
	Err       error
	Retryable bool // running the step again could succeed (the error is transient)
}

func (ChooseBank) isPrompt()       {}
func (ReviewConsent) isPrompt()    {}
func (OpenAuthLink) isPrompt()     {}
func (ChooseAccount) isPrompt()    {}
func (ChooseScopes) isPrompt()     {}
func (ConnectIssuer) isPrompt()    {}
func (DescribeUser) isPrompt()     {}
func (IdentifyUser) isPrompt()     {}
func (OfferDataSession) isPrompt() {}
func (ChooseConnection) isPrompt() {}
func (ReconfirmConsent) isPrompt() {}
func (Failure) isPrompt()          {}
