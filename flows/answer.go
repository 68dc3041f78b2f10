package flows

// Answer is what a front-end gives back for a Prompt; the set is sealed.
//
//sumtype:decl
type Answer interface{ isAnswer() }

// BankChoice answers ChooseBank with the chosen bank's ID.
type BankChoice struct{ ID string }

// ConsentGiven answers ReviewConsent: the user agrees to share what was shown.
type ConsentGiven struct{}

// RedirectReceived answers OpenAuthLink with the redirect the bank sent: a full redirect URL,
// its query string, or the bare authorisation code.
type RedirectReceived struct {
	Input string
	// Earlier says the redirect answers the link an earlier run parked, not the one just shown.
	Earlier bool
}

// AccountChoice answers ChooseAccount with the chosen account's ID.
type AccountChoice struct{ ID string }

// ScopesChosen answers ChooseScopes with the scopes and the product to request.
type ScopesChosen struct {
	Scopes  []string
	Product string
}

// IssuerGiven answers ConnectIssuer.
type IssuerGiven struct {
	Issuer       string
	ClientID     string
	ClientSecret string // empty for a public client (PKCE only)
}

// UserDescribed answers DescribeUser.
type UserDescribed struct {
	User        ExternalUser
	Market      string
	Locale      string
	Permissions []string
}

// UserIdentified answers IdentifyUser with one identifier.
type UserIdentified struct {
	Kind  IdentifierKind
	Value string
}

// StartDataSession answers OfferDataSession: start a data session for the user.
type StartDataSession struct{}

// ConnectionChoice answers ChooseConnection with the chosen connection's id.
type ConnectionChoice struct{ ID string }

// ConsentReconfirmed answers ReconfirmConsent: the user's full name, an email or a phone, and
// their explicit confirmation.
type ConsentReconfirmed struct {
	Name      string
	Email     string
	Phone     string
	Confirmed bool
}

// Retry answers Failure: run the failed step again.
type Retry struct{}

func (BankChoice) isAnswer()         {}
func (ConsentGiven) isAnswer()       {}
func (RedirectReceived) isAnswer()   {}
func (AccountChoice) isAnswer()      {}
func (Retry) isAnswer()              {}
func (ScopesChosen) isAnswer()       {}
func (IssuerGiven) isAnswer()        {}
func (UserDescribed) isAnswer()      {}
func (UserIdentified) isAnswer()     {}
func (StartDataSession) isAnswer()   {}
func (ConnectionChoice) isAnswer()   {}
func (ConsentReconfirmed) isAnswer() {}
