package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/headless"
)

// newRunCommand runs one journey headless, answering its questions from flags.
func newRunCommand(g *globalFlags, std streams) *cobra.Command {
	var answers headless.Answers
	var report string
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
			if len(args) != 1 {
				return usageError("run takes one journey; see 'linkstep journeys'")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			answers.Paste = std.paste
			if !cmd.Flags().Changed("scopes") {
				answers.Scopes = nil
			}
			if !cmd.Flags().Changed("permissions") {
				answers.Permissions = nil
			}
			return runHeadless(cmd.Context(), g, args[0], answers, headlessOutput{format: output, report: report}, std)
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
	return cmd
}

// headlessOutput is where a run's outcome goes: the format on stdout, and a file for the report.
type headlessOutput struct {
	format headless.Format
	report string
}

// runHeadless opens the environment, runs the journey with answers, and writes the outcome.
func runHeadless(ctx context.Context, g *globalFlags, id string, answers headless.Answers, out headlessOutput, std streams) error {
	if answers.Username != "" && g.env != "embedded" {
		return usageError("--username and --password sign in to the embedded sandbox's mock bank; with --env %s open the printed link, or pass --redirect-url", g.env)
	}
	if answers.Password != "" && answers.Username == "" {
		return usageError("--password needs --username")
	}
	if answers.Identity != "" && g.env != "embedded" {
		return usageError("--identity signs in to the embedded sandbox's mock bank; with --env %s open the printed link, or pass --redirect-url", g.env)
	}
	if (answers.ClientID != "" || answers.ClientSecret != "") && answers.Issuer == "" {
		return usageError("--client-id and --client-secret go with --issuer")
	}
	if answers.Issuer != "" && answers.ClientID == "" {
		return usageError("--issuer needs --client-id: the client registered at %s", answers.Issuer)
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

	res, err := journey.Run(ctx, headless.New(answers, std.stderr, g.verbose))
	if err != nil {
		return failed(ctx, err, out.format, std)
	}
	if out.report != "" {
		if err := copyReport(res, out.report); err != nil {
			return err
		}
		fmt.Fprintln(std.stderr, "report saved to", out.report)
	}
	return headless.WriteResult(std.stdout, res, out.format)
}

// copyReport copies the journey's saved report to path.
func copyReport(res flows.Result, path string) error {
	if res.Identity == nil || res.Identity.ReportPath == "" {
		return &exitError{code: exitFailed, err: fmt.Errorf("--report: %s made no report", res.Journey)}
	}
	data, err := os.ReadFile(res.Identity.ReportPath)
	if err != nil {
		return fmt.Errorf("--report: %w", err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return fmt.Errorf("--report: %w", err)
	}
	return nil
}

// failed reports a failed run and picks the exit code: 2 for a question no flag answered, 130
// for an interrupt, 1 for everything else.
func failed(ctx context.Context, err error, format headless.Format, std streams) error {
	if ctx.Err() != nil {
		fmt.Fprintln(std.stderr, "linkstep: interrupted")
		return &exitError{code: exitInterrupted, err: errReported}
	}
	code := exitFailed
	if headless.WriteFailure(std.stdout, std.stderr, err, format) {
		code = exitUsage
	}
	return &exitError{code: code, err: errReported}
}
