package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/environment"
	"github.com/linkstep/linkstep/flows/headless"
	"github.com/linkstep/linkstep/flows/oauthlink"
	"github.com/linkstep/linkstep/providers"
	"github.com/linkstep/linkstep/providers/truelayer"
)

// newRunCommand runs one journey headless, answering its questions from flags.
func newRunCommand(g *globalFlags, std streams) *cobra.Command {
	var answers headless.Answers
	var report string
	var x exports
	output := headless.JSON
	cmd := &cobra.Command{
		Use:   "run JOURNEY",
		Short: "Run a journey headless, answering its questions from flags",
		Long: "Run a journey without the TUI. Questions are answered from flags; a question no flag\n" +
			"answers fails with exit code 2 and names the flag to pass and its valid values.\n" +
			"Exit codes: 0 done, 1 the provider or the journey failed, 2 a flag is missing or wrong.",
		Example: "  linkstep run truelayer/signup-plus --username john1 --password doe1\n" +
			"  linkstep run truelayer/signup-plus --username john --password doe --account acc-...\n" +
			"  linkstep run truelayer/signup-plus --env sandbox     # prints the auth link, waits for the redirect",
		Args: func(_ *cobra.Command, args []string) error {
			switch {
			case len(args) == 0:
				return usageError(codeMissingArgument, "run takes one journey; see 'linkstep journeys'").withValid(flows.JourneyIDs())
			case len(args) > 1:
				return usageError(codeUnexpectedArgument, "run takes one journey, got %d arguments: %s", len(args), strings.Join(args, " ")).withValid(flows.JourneyIDs())
			case !slices.Contains(flows.JourneyIDs(), args[0]):
				return usageError(environment.CodeUnknownJourney, "%v %q: one of %s", flows.ErrUnknownJourney, args[0], strings.Join(flows.JourneyIDs(), ", ")).withValid(flows.JourneyIDs())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := refuseEmpty(cmd.Flags(), "username", "password", "identity", "redirect-url"); err != nil {
				return err
			}
			answers.Paste = std.paste
			if !cmd.Flags().Changed("scopes") {
				answers.Scopes = nil
			}
			if !cmd.Flags().Changed("permissions") {
				answers.Permissions = nil
			}
			return runHeadless(cmd.Context(), g, args[0], answers, headlessOutput{format: output, report: report, exports: x}, std)
		},
	}
	f := cmd.Flags()
	f.StringVar(&answers.Bank, "bank", "", "bank (provider id) to connect when several are offered")
	f.StringVar(&answers.Account, "account", "", "account id to use when several are linked")
	f.StringVar(&answers.Username, "username", "", "embedded sandbox: mock bank username to sign in with (e.g. john)")
	f.StringVar(&answers.Password, "password", "", "embedded sandbox: mock bank password (e.g. doe)")
	f.StringVar(&answers.RedirectURL, "redirect-url", "", "finish the auth link an earlier run printed with the URL the bank sent you to (or the bare code)")
	f.StringVar(&answers.Identity, "identity", "", "embedded sandbox: the OneID test identity to sign in as (janet, alix, gary, or cancel)")
	f.StringSliceVar(&answers.Scopes, "scopes", nil, "OpenID Connect: the scopes to ask for, comma separated (default: all offered)")
	f.StringVar(&answers.Product, "product", "", "OneID: the product scope (default product:id_assure)")
	f.StringVar(&report, "report", "", "OneID: also save the PDF report to this file")
	f.StringVar(&answers.Issuer, "issuer", "", "OpenID Connect: run against this OpenID provider instead of OneID (discovery)")
	f.StringVar(&answers.ClientID, "client-id", "", "OpenID Connect: the client id registered at --issuer")
	f.StringVar(&answers.ClientSecret, "client-secret", "", "OpenID Connect: the client secret at --issuer (none for a public client)")
	f.StringVar(&answers.User.Email, "email", "", "Ivy: the external user's email (a returning user: exactly one identifier)")
	f.StringVar(&answers.User.Phone, "phone", "", "Ivy: the external user's phone")
	f.StringVar(&answers.User.ReferenceID, "reference-id", "", "Ivy: the external user's reference id in your system")
	f.StringToStringVar(&answers.User.Metadata, "metadata", nil, "Ivy: free key=value pairs stored with the external user")
	f.StringVar(&answers.Market, "market", "", "Ivy: the market, an ISO country code (default DE)")
	f.StringSliceVar(&answers.Permissions, "permissions", nil, "Ivy: the data permissions, comma separated (default identity,accounts,balances)")
	f.StringVar(&answers.Connection, "connection", "", "TrueLayer extend and re-auth: the stored connection (see 'linkstep connections list')")
	f.StringVar(&answers.Name, "name", "", "TrueLayer extend: the user's full name, for the reconfirmation of consent")
	f.BoolVar(&answers.Reconfirm, "reconfirm", false, "TrueLayer extend: the user reconfirms consent (required)")
	f.Var(&output, "output", "result format: json or text")
	f.StringVar(&x.har, "har", "", "write every HTTP exchange of the run, secrets masked, to this file as a HAR 1.2 archive (opens in a browser's devtools)")
	f.BoolVar(&x.curl, "curl", false, "after the result, print a copy-as-curl command per HTTP exchange on stderr, secrets as $TRUELAYER_CLIENT_SECRET, $ACCESS_TOKEN, ... placeholders")
	return cmd
}

// headlessOutput is where a run's outcome goes: the format on stdout, a file for the report,
// and the exports of its HTTP exchanges.
type headlessOutput struct {
	format  headless.Format
	report  string
	exports exports
}

// runHeadless opens the environment, runs the journey with answers, and writes the outcome.
// What the flags ask for that cannot work fails before any call.
func runHeadless(ctx context.Context, g *globalFlags, id string, answers headless.Answers, out headlessOutput, std streams) error {
	if err := checkRunFlags(g, id, answers); err != nil {
		return err
	}
	if err := checkDestinations(out); err != nil {
		return err
	}
	env, err := openEnvironment(g, issuerOptions{issuer: answers.Issuer, clientID: answers.ClientID, clientSecret: answers.ClientSecret})
	if err != nil {
		return err
	}
	defer env.Close()
	journey, err := env.Journey(id)
	if err != nil {
		return asUsage(err)
	}
	for _, w := range env.Warnings {
		fmt.Fprintln(std.stderr, "warning:", w)
	}
	if notice := env.Storage.Probe(ctx); notice != "" {
		fmt.Fprintln(std.stderr, "notice:", notice)
	}
	if err := checkStorage(ctx, env); err != nil {
		return err
	}

	asker := headless.New(answers, std.stderr, g.verbose)
	res, err := journey.Run(ctx, asker)
	exchanges := asker.Exchanges()
	if err != nil {
		if herr := out.exports.writeHAR(exchanges); herr != nil {
			fmt.Fprintln(std.stderr, "warning:", herr)
		}
		out.exports.writeCurl(std.stderr, env, exchanges)
		if inUse := redirectPortInUse(g, err); inUse != nil {
			return inUse
		}
		return failed(ctx, err)
	}
	return finishRun(std, env, res, exchanges, out)
}

// refuseEmpty refuses the flags named that were given an empty value, which would count as
// not given at all (an unset variable in a script: --username "$USER_NAME").
func refuseEmpty(fs *pflag.FlagSet, names ...string) error {
	for _, name := range names {
		if f := fs.Lookup(name); f != nil && f.Changed && f.Value.String() == "" {
			return usageError(codeInvalidFlag, "--%s is empty: give it a value, or leave the flag out", name).forFlag("--" + name)
		}
	}
	return nil
}

// checkRunFlags refuses flags that cannot work together for the journey id, before anything is
// opened.
func checkRunFlags(g *globalFlags, id string, answers headless.Answers) error {
	if _, err := providers.ParseEnvironment(g.env); err != nil {
		return asUsage(environmentError(err))
	}
	embedded := strings.EqualFold(strings.TrimSpace(g.env), providers.Embedded.String())
	switch {
	case g.sandbox != "" && !embedded:
		return usageError(codeInvalidFlag, "--sandbox points the embedded environment at a standalone sandbox; it does not go with --env %s", g.env).forFlag("--sandbox")
	case answers.Username != "" && !embedded:
		return usageError(codeInvalidFlag, "--username and --password sign in to the embedded sandbox's mock bank; with --env %s open the printed link, or pass --redirect-url", g.env).forFlag("--username")
	case answers.Password != "" && answers.Username == "":
		return usageError(codeMissingFlag, "--password needs --username").forFlag("--username")
	case answers.Username != "" && answers.Password == "":
		return usageError(codeMissingFlag, "--username %s needs --password (the mock users are john/doe, john1/doe1 … john100/doe100, john/iban, john/eternal)", answers.Username).forFlag("--password")
	case answers.RedirectURL != "" && answers.Username != "":
		return usageError(codeInvalidFlag, "--redirect-url finishes the auth link an earlier run printed, --username signs in afresh: pass one of them").forFlag("--redirect-url,--username")
	case answers.RedirectURL != "" && answers.Identity != "":
		return usageError(codeInvalidFlag, "--redirect-url finishes the auth link an earlier run printed, --identity signs in afresh: pass one of them").forFlag("--redirect-url,--identity")
	case answers.Identity != "" && !embedded:
		return usageError(codeInvalidFlag, "--identity signs in to the embedded sandbox's mock bank; with --env %s open the printed link, or pass --redirect-url", g.env).forFlag("--identity")
	case (answers.ClientID != "" || answers.ClientSecret != "") && answers.Issuer == "":
		return usageError(codeMissingFlag, "--client-id and --client-secret go with --issuer").forFlag("--issuer")
	case answers.Issuer != "" && answers.ClientID == "":
		return usageError(codeMissingFlag, "--issuer needs --client-id: the client registered at %s", answers.Issuer).forFlag("--client-id")
	}
	if given := headless.IdentifierFlags(answers.User); id == flows.IvyReturningUserID && len(given) > 1 {
		return usageError(codeInvalidFlag, "a returning user is looked up by exactly one identifier, not %s: pass one of them", strings.Join(given, " and ")).forFlag(strings.Join(given, ","))
	}
	return checkRedirectURI(g, id, answers, embedded)
}

// checkRedirectURI refuses a --redirect-uri that cannot work where the journey id runs: an
// http one off the loopback, which the embedded sandbox's TrueLayer and OneID refuse (as the
// real ones do); and, on the in-process sandbox, one off the loopback when nothing in this run
// would finish the link. linkstep cannot catch such a redirect, and a link parked for a later
// run would point at a sandbox that stops with this one.
func checkRedirectURI(g *globalFlags, id string, answers headless.Answers, embedded bool) error {
	uri := g.redirectURI.uri
	if uri == "" || !embedded || oauthlink.IsLoopback(uri) {
		return nil
	}
	loopbackHTTPOnly := strings.HasPrefix(id, truelayer.ID+"/") || id == flows.OneIDIdentityID
	if loopbackHTTPOnly && strings.HasPrefix(uri, "http:") {
		return usageError(codeInvalidFlag, "--redirect-uri %s: the embedded sandbox takes an http redirect URI on the loopback only (127.0.0.1, [::1] or localhost, any port), as TrueLayer and OneID do, or any https one", uri).forFlag("--redirect-uri")
	}
	finishedHere := answers.Username != "" || answers.Identity != "" || answers.RedirectURL != "" || answers.Paste != nil
	if g.sandboxURL() == "" && !finishedHere {
		return usageError(codeInvalidFlag, "--redirect-uri %s is not a loopback address, so linkstep cannot catch the redirect; "+
			"and a link it prints could only be finished in a later run, but it points at the in-process sandbox, which stops with this run. "+
			"Sign in here with --username and --password (or --identity), use a loopback redirect URI, "+
			"or run against a sandbox that outlives the run ('linkstep sandbox', then --sandbox URL) or a real provider (--env sandbox or live) and finish with --redirect-url", uri).forFlag("--redirect-uri")
	}
	return nil
}

// redirectPortInUse is the usage error of a run that could not listen for its redirect because
// another process holds the --redirect-uri's port; nil for any other failure.
func redirectPortInUse(g *globalFlags, err error) error {
	if g.redirectURI.uri == "" || !errors.Is(err, syscall.EADDRINUSE) {
		return nil
	}
	u, perr := url.Parse(g.redirectURI.uri)
	if perr != nil {
		return nil
	}
	port := u.Port()
	switch {
	case port != "":
	case u.Scheme == "https":
		port = "443"
	default:
		port = "80"
	}
	return usageError(codeInvalidFlag, "--redirect-uri %s: port %s is in use on this machine, so linkstep cannot listen for the redirect there: stop what listens on it, or choose another port", g.redirectURI.uri, port).forFlag("--redirect-uri")
}

// copyReport copies the journey's saved report to path.
func copyReport(res flows.Result, path string) error {
	if res.Identity == nil || res.Identity.ReportPath == "" {
		return &exitError{exit: exitFailed, code: codeExportFailed, flag: "--report", err: fmt.Errorf("--report: %s made no report", res.Journey)}
	}
	data, err := os.ReadFile(res.Identity.ReportPath)
	if err == nil {
		err = os.WriteFile(path, data, 0o600)
	}
	if err != nil {
		return &exitError{exit: exitFailed, code: codeExportFailed, flag: "--report", err: fmt.Errorf("--report: %w", err)}
	}
	return nil
}

// failed picks the exit code of a failed run: 130 for an interrupt, 2 for a question no flag
// answered or a flag value that answers no choice, 1 for everything else (storage_unusable when
// a file linkstep keeps caused it).
func failed(ctx context.Context, err error) error {
	switch {
	case ctx.Err() != nil:
		return &exitError{exit: exitInterrupted, code: codeInterrupted, err: errors.New("interrupted")}
	case headless.IsAnswerError(err):
		return &exitError{exit: exitUsage, err: err}
	}
	return &exitError{exit: exitFailed, err: asStorageFailure(err)}
}
