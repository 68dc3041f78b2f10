package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/headless"
)

// newConnectionsCommand lists and manages stored connections without the TUI.
func newConnectionsCommand(g *globalFlags, std streams) *cobra.Command {
	output := headless.Text
	cmd := &cobra.Command{
		Use:   "connections",
		Short: "List and manage stored connections (list, show ID, refresh ID, forget ID)",
		Args:  noArgs,
		RunE:  func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	cmd.PersistentFlags().Var(&output, "output", "format: json or text")
	run := func(name, short string, args cobra.PositionalArgs, do func(context.Context, *flows.Connections, []string) (any, error)) *cobra.Command {
		return &cobra.Command{
			Use: name, Short: short, Args: args,
			RunE: func(c *cobra.Command, args []string) error {
				env, err := openEnvironment(g, issuerOptions{})
				if err != nil {
					return err
				}
				defer env.Close()
				v, err := do(c.Context(), flows.NewConnections(env.Parts), args)
				if errors.Is(err, flows.ErrNoConnection) {
					return usageError(codeInvalidArgument, "%v", err)
				}
				if err != nil {
					return failed(c.Context(), err)
				}
				return writeConnections(std.stdout, v, output)
			},
		}
	}
	oneID := func(_ *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usageError(codeMissingArgument, "give one connection id; see 'linkstep connections list'")
		}
		return nil
	}
	cmd.AddCommand(
		run("list", "List this environment's stored connections", noArgs, func(ctx context.Context, m *flows.Connections, _ []string) (any, error) {
			return m.List(ctx)
		}),
		run("show ID", "Show one connection's facts (never its tokens)", oneID, func(ctx context.Context, m *flows.Connections, args []string) (any, error) {
			return m.Show(ctx, args[0])
		}),
		run("refresh ID", "Refresh a connection's access token (the rotated refresh token is kept first)", oneID, func(ctx context.Context, m *flows.Connections, args []string) (any, error) {
			return m.Refresh(ctx, args[0])
		}),
		run("forget ID", "Revoke a connection at its provider, then delete its tokens and index entry", oneID, func(ctx context.Context, m *flows.Connections, args []string) (any, error) {
			s, err := m.Show(ctx, args[0])
			if err != nil {
				return nil, err
			}
			revoked, err := m.Forget(ctx, args[0])
			return forgotten{ID: s.ID, Revoked: revoked, provider: s.ProviderName, tokensIn: tokensIn(s)}, err
		}),
	)
	return cmd
}

// forgotten is what connections forget did, as scripts read it; people read it as a line.
type forgotten struct {
	ID       string `json:"forgotten"`
	Revoked  bool   `json:"revoked_at_provider"`
	provider string // the provider's name
	tokensIn string // where its tokens were deleted from; empty when none were stored
}

// tokensIn is where s's tokens are kept, or "" when none are.
func tokensIn(s flows.ConnectionSummary) string {
	if !s.TokensFound {
		return ""
	}
	return s.Storage
}

// String is the line connections forget prints: what was revoked and deleted where.
func (f forgotten) String() string {
	revoked := "not revoked at " + f.provider + " (it offers no way to, or there was no token to do it with)"
	if f.Revoked {
		revoked = "revoked at " + f.provider
	}
	tokens := "no tokens were stored"
	if f.tokensIn != "" {
		tokens = "tokens deleted from " + f.tokensIn
	}
	return fmt.Sprintf("forgot %s: %s; %s; removed from the connections list", f.ID, revoked, tokens)
}

// connectionJSON is a connection as scripts read it: facts only, never tokens.
type connectionJSON struct {
	Provider         string            `json:"provider"`
	Environment      string            `json:"environment"`
	ID               string            `json:"id"`
	CredentialsID    string            `json:"credentials_id,omitempty"`
	Bank             string            `json:"bank,omitempty"`
	BankName         string            `json:"bank_name,omitempty"`
	Created          time.Time         `json:"created,omitzero"`
	ConsentExpiresAt time.Time         `json:"consent_expires_at,omitzero"`
	Consent          string            `json:"consent"`
	AccessExpiresAt  time.Time         `json:"access_expires_at,omitzero"`
	TokensFound      bool              `json:"tokens_found"`
	Tokens           string            `json:"tokens"` // found, gone, unreadable, elsewhere or unknown; note says what to do
	HasRefreshToken  bool              `json:"has_refresh_token"`
	Storage          string            `json:"storage,omitempty"`
	Note             string            `json:"note,omitempty"`
	Actions          []string          `json:"actions"`
	Details          map[string]string `json:"details,omitempty"`
}

func toJSON(s flows.ConnectionSummary) connectionJSON {
	c := connectionJSON{
		Provider: s.Provider, Environment: s.Environment, ID: s.ID, Bank: s.Bank, BankName: s.BankName(), Created: s.Created, ConsentExpiresAt: s.ConsentExpiresAt,
		Consent: s.Consent.String(), AccessExpiresAt: s.AccessExpiry, TokensFound: s.TokensFound, Tokens: s.Tokens.String(), HasRefreshToken: s.HasRefresh,
		Storage: s.Storage, Note: s.Note, Details: s.Details, Actions: []string{},
	}
	if s.Provider == "truelayer" {
		c.CredentialsID = s.ID
	}
	for _, a := range s.Actions {
		c.Actions = append(c.Actions, string(a))
	}
	return c
}

// writeConnections writes what a connections command returned.
func writeConnections(w io.Writer, v any, format headless.Format) error {
	var out any = v
	switch v := v.(type) {
	case []flows.ConnectionSummary:
		list := make([]connectionJSON, 0, len(v))
		for _, s := range v {
			list = append(list, toJSON(s))
		}
		if format == headless.Text {
			return writeConnectionTable(w, list)
		}
		out = map[string]any{"connections": list}
	case flows.ConnectionSummary:
		c := toJSON(v)
		if format == headless.Text {
			return writeConnectionTable(w, []connectionJSON{c})
		}
		out = c
	case forgotten:
		if format == headless.Text {
			_, err := fmt.Fprintln(w, v)
			return err
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeConnectionTable(w io.Writer, list []connectionJSON) error {
	if len(list) == 0 {
		fmt.Fprintln(w, "no connections stored in this environment")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PROVIDER\tID\tBANK\tCREATED\tCONSENT\tSTORAGE")
	for _, c := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.Provider, c.ID, c.BankName, c.Created.Local().Format(headless.TimeFormat), c.Note, c.Storage)
	}
	return tw.Flush()
}
