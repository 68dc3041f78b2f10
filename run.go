package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/headless"
)

func newRunCommand(g *globalFlags, std streams) *cobra.Command {
	var answers headless.Answers
	output := outputFlag("json")
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
			return runHeadless(cmd.Context(), g, args[0], answers, string(output), std.stdout, std.stderr)
		},
	}
	f := cmd.Flags()
	f.StringVar(&answers.Bank, "bank", "", "bank (provider id) to connect when several are offered")
	f.StringVar(&answers.Account, "account", "", "account id to use when several are linked")
	f.StringVar(&answers.Username, "username", "", "embedded sandbox: mock bank username to sign in with (e.g. john)")
	f.StringVar(&answers.Password, "password", "", "embedded sandbox: mock bank password (e.g. doe)")
	f.StringVar(&answers.RedirectURL, "redirect-url", "", "finish the auth link an earlier run printed with the URL the bank sent you to (or the bare code)")
	f.Var(&output, "output", "result format: json or text")
	return cmd
}

func runHeadless(ctx context.Context, g *globalFlags, id string, answers headless.Answers, output string, stdout, stderr io.Writer) error {
	if answers.Username != "" && g.env != "embedded" {
		return usageError("--username and --password sign in to the embedded sandbox's mock bank; with --env %s open the printed link, or pass --redirect-url", g.env)
	}
	if answers.Password != "" && answers.Username == "" {
		return usageError("--password needs --username")
	}
	env, err := newEnvironment(g)
	if err != nil {
		return err
	}
	defer env.close()
	journey, ok := flows.Find(env.deps, id)
	if !ok {
		return usageError("unknown journey %q: one of %s", id, strings.Join(journeyIDs(env.deps), ", "))
	}
	for _, w := range env.warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	if notice := env.store.Probe(ctx); notice != "" {
		fmt.Fprintln(stderr, "notice:", notice)
	}

	res, err := journey.Run(ctx, headless.New(answers, stderr, g.verbose))
	if err != nil {
		return reportFailure(ctx, err, output, stdout, stderr)
	}
	return writeResult(res, output, stdout)
}

// reportFailure writes a failed run for scripts (stdout) and people (stderr) and picks the exit
// code: 2 for a question no flag answered, 130 for an interrupt, 1 for everything else.
func reportFailure(ctx context.Context, err error, output string, stdout, stderr io.Writer) error {
	var missing *flows.MissingAnswerError
	body := map[string]any{}
	code := 1
	switch {
	case errors.As(err, &missing):
		code = 2
		body = map[string]any{"code": "missing_answer", "description": missing.Error(), "flag": missing.Flag, "valid": missing.Valid}
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "linkstep: interrupted")
		return &exitError{code: 130, err: errReported}
	default:
		c, d := flows.Describe(err)
		body = map[string]any{"code": c, "description": d}
	}
	if output == "json" {
		writeJSON(stdout, map[string]any{"error": body})
	} else {
		fmt.Fprintf(stdout, "error: %s: %s\n", body["code"], body["description"])
	}
	if missing != nil {
		fmt.Fprintln(stderr, "linkstep:", missing.Error())
	} else {
		fmt.Fprintln(stderr, "linkstep:", err)
	}
	return &exitError{code: code, err: errReported}
}

func writeResult(res flows.Result, output string, stdout io.Writer) error {
	if output == "json" {
		writeJSON(stdout, res)
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "journey\t%s (%s)\n", res.Journey, res.Environment)
	fmt.Fprintf(tw, "connection\t%s\n", res.ConnectionID)
	if res.Bank != "" {
		fmt.Fprintf(tw, "bank\t%s (%s)\n", res.BankName, res.Bank)
	}
	if res.AccountID != "" {
		fmt.Fprintf(tw, "account\t%s\n", res.AccountID)
	}
	if !res.ConsentExpiresAt.IsZero() {
		fmt.Fprintf(tw, "consent expires\t%s\n", res.ConsentExpiresAt.Local().Format("2 Jan 2006 15:04"))
	}
	fmt.Fprintf(tw, "storage\t%s\n", res.Storage)
	for _, f := range res.Fields {
		fmt.Fprintf(tw, "%s\t%s\n", strings.ToLower(f.Label), f.Value)
	}
	return tw.Flush()
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

func journeyIDs(d *flows.Deps) []string {
	var ids []string
	for _, j := range flows.Catalog(d) {
		ids = append(ids, j.ID())
	}
	return ids
}
