// Package headless answers a journey's prompts from command-line flags, so every journey runs
// in scripts: a question it cannot answer fails with the flag to pass and its valid values.
package headless

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/providers/transcript"
)

// Answers are the flag values that answer a journey's questions.
type Answers struct {
	Bank        string   // --bank
	Account     string   // --account
	Username    string   // --username: sign in to the embedded sandbox's mock bank
	Password    string   // --password
	RedirectURL string   // --redirect-url: finish an earlier run's auth link with its redirect URL or code
	Identity    string   // --identity: the person to sign in as at the mock bank of an identity provider
	Scopes      []string // --scopes: what to ask an identity provider for; nil means its defaults
	Product     string   // --product: the identity provider's product; empty means its default
	// --issuer, --client-id, --client-secret: the OpenID provider of the any-issuer journey.
	Issuer       string
	ClientID     string
	ClientSecret string
	// --email, --phone, --reference-id, --metadata: the external user of a data session; a
	// returning user takes exactly one identifier.
	User flows.ExternalUser
	// --market, --permissions: how a data session runs; empty means the journey's defaults.
	Market      string
	Permissions []string
	// --connection: the stored connection to extend or re-authenticate.
	Connection string
	// --name and --reconfirm (with --email or --phone): the reconfirmation of consent.
	Name      string
	Reconfirm bool
	// Paste, when set, is a terminal the user can paste the redirect URL into while linkstep waits.
	Paste io.Reader
}

// Asker answers prompts from Answers and reports progress as lines on a writer (stderr).
type Asker struct {
	answers   Answers
	verbose   bool
	mu        sync.Mutex
	log       io.Writer
	exchanges []transcript.Entry
}

// New returns an Asker answering from answers and writing progress to log; verbose adds every
// HTTP exchange (redacted).
func New(answers Answers, log io.Writer, verbose bool) *Asker {
	return &Asker{answers: answers, log: log, verbose: verbose}
}

// Ask answers p from the flags, or fails naming the flag that would answer it.
func (h *Asker) Ask(ctx context.Context, p flows.Prompt) (flows.Answer, error) {
	switch p := p.(type) {
	case flows.ChooseBank:
		return h.chooseBank(p)
	case flows.ReviewConsent:
		h.printf("consent: %s shares %s (scopes: %s)\n", p.Provider, strings.Join(p.Shares, "; "), strings.Join(p.Scopes, " "))
		return flows.ConsentGiven{}, nil
	case flows.OpenAuthLink:
		return h.openAuthLink(ctx, p)
	case flows.ChooseAccount:
		return h.chooseAccount(p)
	case flows.ChooseScopes:
		return h.chooseScopes(p)
	case flows.ConnectIssuer:
		return h.connectIssuer(p)
	case flows.DescribeUser:
		return h.describeUser(p)
	case flows.IdentifyUser:
		return h.identifyUser(p)
	case flows.OfferDataSession:
		return h.offerDataSession(p)
	case flows.ChooseConnection:
		return h.chooseConnection(p)
	case flows.ReconfirmConsent:
		return h.reconfirmConsent(p)
	case flows.Failure:
		return nil, p.Err
	}
	return nil, fmt.Errorf("%w: headless cannot answer %T", flows.ErrUnexpectedAnswer, p)
}

// chooseScopes answers with --scopes and --product, or with the prompt's defaults. --product
// answers only a provider with product scopes (OneID); elsewhere it would not be sent.
func (h *Asker) chooseScopes(p flows.ChooseScopes) (flows.Answer, error) {
	if h.answers.Product != "" && len(p.Products) == 0 {
		return nil, &InvalidAnswerError{Question: fmt.Sprintf("%s offers no product scopes (they are OneID's)", p.Issuer), Flag: "--product"}
	}
	chosen := flows.ScopesChosen{Scopes: h.answers.Scopes, Product: h.answers.Product}
	if chosen.Scopes == nil {
		for _, s := range p.Scopes {
			if s.Default || s.Required {
				chosen.Scopes = append(chosen.Scopes, s.Name)
			}
		}
	}
	if chosen.Product == "" {
		chosen.Product = p.Product
	}
	asked := slices.Clone(chosen.Scopes)
	if chosen.Product != "" {
		asked = append(asked, chosen.Product)
	}
	h.printf("asking %s for: %s\n", p.Provider, strings.Join(asked, " "))
	return chosen, nil
}

// connectIssuer answers with --issuer, --client-id and --client-secret.
func (h *Asker) connectIssuer(p flows.ConnectIssuer) (flows.Answer, error) {
	if h.answers.Issuer == "" {
		return nil, &flows.MissingAnswerError{Question: "which OpenID provider", Flag: "--issuer"}
	}
	if h.answers.ClientID == "" {
		return nil, &flows.MissingAnswerError{Question: "the client registered at " + h.answers.Issuer + " (with redirect URI " + p.RedirectURI + ")", Flag: "--client-id"}
	}
	return flows.IssuerGiven{Issuer: h.answers.Issuer, ClientID: h.answers.ClientID, ClientSecret: h.answers.ClientSecret}, nil
}

// chooseBank answers with --bank. Without it, a run that signs in to the sandbox's mock bank
// with --username takes the sandbox's Mock bank when it is offered (that is where the mock
// users are); otherwise the question is missing its answer.
func (h *Asker) chooseBank(p flows.ChooseBank) (flows.Answer, error) {
	ids := make([]string, 0, len(p.Banks))
	for _, b := range p.Banks {
		ids = append(ids, b.ID)
	}
	if h.answers.Bank == "" && h.answers.Username != "" && slices.Contains(ids, SandboxMockBank) {
		h.printf("      %d banks offered (%s): --username signs in at the Mock bank; --bank chooses another\n", len(ids), strings.Join(ids, ", "))
		return flows.BankChoice{ID: SandboxMockBank}, nil
	}
	if h.answers.Bank == "" {
		return nil, &flows.MissingAnswerError{Question: "several banks are offered", Flag: "--bank", Valid: ids}
	}
	if err := h.checkBank(p.Banks); err != nil {
		return nil, err
	}
	return flows.BankChoice{ID: h.answers.Bank}, nil
}

// SandboxMockBank is the provider id of the sandbox's Mock bank, where the mock users sign in.
const SandboxMockBank = "mock"

// checkBank fails when --bank names none of the banks offered.
func (h *Asker) checkBank(banks []flows.Bank) error {
	if h.answers.Bank == "" || slices.ContainsFunc(banks, func(b flows.Bank) bool { return b.ID == h.answers.Bank }) {
		return nil
	}
	ids := make([]string, len(banks))
	labels := make([]string, len(banks))
	for i, b := range banks {
		ids[i], labels[i] = b.ID, b.Name
	}
	return &InvalidAnswerError{Question: fmt.Sprintf("bank %q is not offered", h.answers.Bank), Flag: "--bank", Valid: ids, Labels: labels}
}

// CheckUnasked checks a question the journey answered itself because only one answer was
// possible (one bank offered, one account linked): a flag given for it must name that answer.
func (h *Asker) CheckUnasked(p flows.Prompt) error {
	if p, ok := p.(flows.ChooseBank); ok {
		return h.checkBank(p.Banks)
	}
	if p, ok := p.(flows.ChooseAccount); ok && h.answers.Account != "" {
		_, err := h.chooseAccount(p)
		return err
	}
	return nil
}

func (h *Asker) chooseAccount(p flows.ChooseAccount) (flows.Answer, error) {
	ids := make([]string, len(p.Accounts))
	labels := make([]string, len(p.Accounts))
	for i, acc := range p.Accounts {
		if acc.ID == h.answers.Account {
			return flows.AccountChoice{ID: acc.ID}, nil
		}
		ids[i], labels[i] = acc.ID, accountLabel(acc)
	}
	if h.answers.Account != "" {
		question := fmt.Sprintf("account %q is not linked", h.answers.Account)
		if p.Connection != "" {
			question += fmt.Sprintf(" (connection %s is kept: see 'linkstep connections show %s')", p.Connection, p.Connection)
		}
		return nil, &InvalidAnswerError{Question: question, Flag: "--account", Valid: ids, Labels: labels}
	}
	return nil, &flows.MissingAnswerError{Question: fmt.Sprintf("%d accounts are linked", len(p.Accounts)), Flag: "--account", Valid: ids}
}

func (h *Asker) openAuthLink(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
	switch {
	case h.answers.RedirectURL != "":
		return flows.RedirectReceived{Input: h.answers.RedirectURL, Earlier: true}, nil
	case len(p.SignInChoices) > 0 && (h.answers.Identity != "" || h.answers.Username != ""):
		return h.signInAs(ctx, p)
	case h.answers.Username != "":
		if p.SignIn == nil {
			return nil, &flows.MissingAnswerError{
				Question: "--username signs in to the embedded sandbox's mock bank only; to finish at a real bank",
				Flag:     "--redirect-url",
			}
		}
		if h.answers.Password == "" {
			return nil, &flows.MissingAnswerError{Question: "--username needs a password", Flag: "--password"}
		}
		h.printf("signing in to the mock bank as %s\n", h.answers.Username)
		return p.SignIn(ctx, h.answers.Username, h.answers.Password)
	}

	parked := false
	if p.Park != nil {
		if err := p.Park(ctx); err != nil {
			h.printf("warning: %v\n", err)
		} else {
			parked = true
		}
	}
	h.printf("open this link in a browser and finish at the bank:\n\n  %s\n\n", p.URL)
	if p.Listening {
		h.printf("waiting for the redirect on %s (until %s)\n", p.RedirectURI, p.Expires.Local().Format(ClockFormat))
		if p.SelfSigned {
			h.printf("your browser will warn about linkstep's own certificate: accept it for 127.0.0.1 to finish\n")
		}
	}
	if h.answers.Paste != nil {
		h.printf("or paste the URL the bank sent you to (or the code) and press Enter:\n")
		if line, ok := readLine(ctx, h.answers.Paste); ok {
			return flows.RedirectReceived{Input: line}, nil
		}
	}
	if p.Listening {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	question := fmt.Sprintf("the redirect URI %s is not a loopback address, so linkstep cannot catch the redirect", p.RedirectURI)
	if parked {
		question += "; open the link above, finish at the bank, then run again with the URL you land on"
	}
	return nil, &flows.MissingAnswerError{Question: question, Flag: "--redirect-url"}
}

// signInAs signs in to the mock bank as the --identity (or --username) the prompt offers.
func (h *Asker) signInAs(ctx context.Context, p flows.OpenAuthLink) (flows.Answer, error) {
	who := h.answers.Identity
	if who == "" {
		who = h.answers.Username
	}
	var offered []string
	for _, c := range p.SignInChoices {
		if c.Value == who {
			h.printf("signing in to the mock bank as %s\n", c.Label)
			return p.SignIn(ctx, c.Value, "")
		}
		offered = append(offered, c.Value)
	}
	return nil, &InvalidAnswerError{Question: fmt.Sprintf("the mock bank offers no %q", who), Flag: "--identity", Valid: offered}
}

// readLine reads one non-empty line from r, or gives up when ctx ends or r does.
func readLine(ctx context.Context, r io.Reader) (string, bool) {
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 64<<10), 64<<10)
		for sc.Scan() {
			if line := strings.TrimSpace(sc.Text()); line != "" {
				lines <- line
				return
			}
		}
		close(lines)
	}()
	select {
	case line, ok := <-lines:
		return line, ok
	case <-ctx.Done():
		return "", false
	}
}

// Tell writes progress as a line on the log writer.
func (h *Asker) Tell(ev flows.Event) {
	switch ev := ev.(type) {
	case flows.Plan: // each step is printed as it starts
	case flows.StepStarted:
		h.printf("[%d/%d] %s\n", ev.Index, ev.Total, ev.Title)
	case flows.StepSkipped:
		h.printf("      skipped: %s\n", ev.Reason)
	case flows.Progress:
		h.printf("      %s\n", ev.Message)
	case flows.Warning:
		h.printf("      warning: %s\n", ev.Message)
	case flows.HTTPExchange:
		h.mu.Lock()
		h.exchanges = append(h.exchanges, ev.Entry)
		h.mu.Unlock()
		if h.verbose {
			e := ev.Entry
			status := fmt.Sprint(e.Status)
			if e.Err != "" {
				status = "error: " + e.Err
			}
			h.printf("      → %s %s %s (%s)\n", e.Method, e.URL, status, e.Duration.Round(time.Millisecond))
		}
	}
}

// Exchanges returns the HTTP exchanges of the run so far, redacted, in the order they ended.
func (h *Asker) Exchanges() []transcript.Entry {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.exchanges)
}

func (h *Asker) printf(format string, args ...any) {
	h.mu.Lock()
	defer h.mu.Unlock()
	fmt.Fprintf(h.log, format, args...)
}
