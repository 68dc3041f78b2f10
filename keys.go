package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/linkstep/linkstep/flows/environment"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers"
	"github.com/linkstep/linkstep/providers/ivy"
)

// keyTimeout bounds a keychain call made for the keys command.
const keyTimeout = 5 * time.Second

// newKeysCommand keeps providers' API keys in the OS keychain, so they never sit in a file.
func newKeysCommand(g *globalFlags, std streams, stdin io.Reader) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "Keep a provider's API key in the OS keychain (set ivy, delete ivy)",
		Args:  noArgs,
		RunE:  func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	provider := func(_ *cobra.Command, args []string) error {
		if len(args) != 1 || args[0] != ivy.ID {
			return usageError(codeInvalidArgument, "give the provider whose API key to keep: ivy").withValid([]string{ivy.ID})
		}
		return nil
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "set ivy",
		Short: "Read Ivy's API key from stdin (not echoed on a terminal) and keep it in the OS keychain for --env",
		Args:  provider,
		RunE: func(c *cobra.Command, _ []string) error {
			env, store, err := keyStore(g)
			if err != nil {
				return err
			}
			key, err := readSecret(stdin, std.stderr, "Ivy API key for "+env.String()+": ")
			if err != nil {
				return err
			}
			ctx, cancel := context.WithTimeout(c.Context(), keyTimeout)
			defer cancel()
			if err := store.Set(ctx, ivy.KeychainAPIKey(env), key); err != nil {
				return keyError("keep the API key", err)
			}
			fmt.Fprintf(std.stdout, "Ivy API key for %s kept in %s\n", env, store.Describe())
			return nil
		},
	}, &cobra.Command{
		Use:   "delete ivy",
		Short: "Delete Ivy's API key for --env from the OS keychain",
		Args:  provider,
		RunE: func(c *cobra.Command, _ []string) error {
			env, store, err := keyStore(g)
			if err != nil {
				return err
			}
			ctx, cancel := context.WithTimeout(c.Context(), keyTimeout)
			defer cancel()
			if err := store.Delete(ctx, ivy.KeychainAPIKey(env)); err != nil {
				return keyError("delete the API key", err)
			}
			fmt.Fprintf(std.stdout, "Ivy API key for %s deleted from %s\n", env, store.Describe())
			return nil
		},
	})
	return cmd
}

// keyError explains a keychain failure for an API key. The keychain's own guidance offers
// --insecure-storage, which API keys refuse, so an unavailable keychain gets the ways that work.
func keyError(what string, err error) error {
	if errors.Is(err, keychain.ErrUnavailable) {
		return fmt.Errorf("%s: the OS keychain is unavailable (`linkstep doctor` says why), and API keys are never kept in a file: unlock your keychain or start a Secret Service, or give the key through %s instead", what, ivy.EnvAPIKey)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// keyStore is the OS keychain for a real environment: API keys are never kept in plaintext.
func keyStore(g *globalFlags) (providers.Environment, keychain.Store, error) {
	env, err := providers.ParseEnvironment(g.env)
	if err != nil {
		return 0, nil, asUsage(environmentError(err))
	}
	if !env.IsReal() {
		return 0, nil, usageError(codeInvalidFlag, "the embedded sandbox needs no API key: pass --env sandbox or --env live").forFlag("--env", providers.Sandbox.String(), providers.Live.String())
	}
	if g.insecureStorage {
		return 0, nil, usageError(codeInvalidFlag, "API keys are kept in the OS keychain only, never in the insecure file").forFlag("--insecure-storage")
	}
	return env, keychain.NewAuto(keychain.AutoOptions{Service: environment.KeychainService}), nil
}

// readSecret reads one line: without echo when in is a terminal.
func readSecret(in io.Reader, prompt io.Writer, label string) (string, error) {
	if f, ok := in.(*os.File); ok && term.IsTerminal(f.Fd()) {
		fmt.Fprint(prompt, label)
		b, err := term.ReadPassword(f.Fd())
		fmt.Fprintln(prompt)
		if err != nil {
			return "", fmt.Errorf("read the key: %w", err)
		}
		return checkSecret(string(b))
	}
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read the key: %w", err)
	}
	return checkSecret(line)
}

func checkSecret(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", usageError(codeMissingInput, "no key was given on stdin")
	}
	return s, nil
}
