package ui

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// probeStorage asks the storage whether all is well; a locked keychain can take seconds.
func probeStorage(ctx context.Context, s Storage) tea.Cmd {
	return func() tea.Msg {
		return storageProbedMsg{notice: s.Probe(ctx)}
	}
}

// runJourney runs j until it returns and posts the outcome to the mailbox, behind whatever
// the journey told before.
func runJourney(ctx context.Context, j flows.Journey, a *asker) tea.Cmd {
	return func() tea.Msg {
		res, err := j.Run(ctx, a)
		a.box.post(journeyDoneMsg{run: a.run, result: res, err: err})
		return nil
	}
}

// signInAtBank signs in to the sandbox's mock bank with the prompt's SignIn.
func signInAtBank(ctx context.Context, run, id int, signIn flows.SignInFunc, username, password string) tea.Cmd {
	return func() tea.Msg {
		r, err := signIn(ctx, username, password)
		if err != nil {
			err = fmt.Errorf("sign in to the mock bank: %w", err)
		}
		return signedInMsg{run: run, id: id, redirect: r, err: err}
	}
}

// browserWait is how long openInBrowser waits for the opener to fail before assuming it worked:
// some openers only return once the browser exits.
const browserWait = 3 * time.Second

// opener starts the system's browser on a URL.
type opener func(ctx context.Context, url string) error

// openInBrowser opens url with open and reports how it went.
func openInBrowser(ctx context.Context, open opener, url string) tea.Cmd {
	return func() tea.Msg {
		return linkOpenedMsg{err: open(ctx, url)}
	}
}

// browserCommand is the command that opens url in the browser on goos.
func browserCommand(goos, url string) (name string, args []string) {
	switch goos {
	case "darwin":
		return "open", []string{url}
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", url}
	default:
		return "xdg-open", []string{url}
	}
}

// systemOpen opens url with the platform's opener. The browser must outlive linkstep, so the
// command is not tied to ctx; its output is discarded so it cannot scribble over the UI.
func systemOpen(ctx context.Context, url string) error {
	name, args := browserCommand(runtime.GOOS, url)
	cmd := exec.Command(name, args...) //nolint:gosec // the URL is an argument, not a shell string
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return fmt.Errorf("%s is not installed", name)
		}
		return fmt.Errorf("start %s: %w", name, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				return fmt.Errorf("%s exited with status %d", name, exit.ExitCode())
			}
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	case <-time.After(browserWait):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
