package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/providers/transcript"
)

// harSavedMsg says where the run's HAR file went, or why it could not be written.
type harSavedMsg struct {
	path  string
	count int
	err   error
}

// copyCurl puts the selected exchange on the clipboard as a curl command. It is built from
// the redacted entry, with secrets as shell variables, whether or not they are revealed here.
func (a inspectorArea) copyCurl() (inspectorArea, tea.Cmd) {
	x, ok := a.current()
	if !ok {
		return a, nil
	}
	var vars transcript.CurlVars
	if a.curlVars != nil {
		vars = a.curlVars(x.entry)
	}
	cmd, used := transcript.CurlWithVars(x.entry, vars)
	a.note = statusLine{text: "copied as curl (OSC 52)"}
	if len(used) > 0 {
		a.note.text += "; export " + strings.Join(used, "=… ") + "=… first"
	}
	return a, send(copyLinkMsg{text: cmd})
}

// saveHAR writes the run's exchanges, redacted, to a HAR file.
func (a inspectorArea) saveHAR() (inspectorArea, tea.Cmd) {
	if len(a.exchanges) == 0 {
		return a, nil
	}
	entries := make([]transcript.Entry, len(a.exchanges))
	for i, x := range a.exchanges {
		entries[i] = x.entry
	}
	a.note = statusLine{text: "saving the HAR file…"}
	name := harFileName(a.journey, a.c.now())
	return a, writeHAR(filepath.Join(a.exportDir, name), entries, a.version)
}

// onHARSaved says where the HAR file is, cutting the path from the left to fit.
func (a inspectorArea) onHARSaved(msg harSavedMsg) inspectorArea {
	if msg.err != nil {
		a.note = statusLine{text: "HAR not saved: " + msg.err.Error(), warn: true}
		return a
	}
	prefix := plural(msg.count, "exchange") + ", redacted, saved to "
	a.note = statusLine{text: prefix + tailCut(msg.path, max(12, a.c.width-len(prefix)))}
	return a
}

// harFileName names a run's HAR file after its journey and the time: "linkstep-truelayer-
// signup-plus-20251122-145400.har".
func harFileName(journey string, now time.Time) string {
	slug := strings.NewReplacer("/", "-", " ", "-", "\\", "-", ":", "-").Replace(journey)
	if slug == "" {
		slug = "run"
	}
	return "linkstep-" + slug + "-" + now.Format("20060102-150405") + ".har"
}

// writeHAR writes entries as a HAR 1.2 archive to path (0600, its directory made as needed).
func writeHAR(path string, entries []transcript.Entry, version string) tea.Cmd {
	return func() tea.Msg {
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return harSavedMsg{err: fmt.Errorf("make %s: %w", dir, err)}
			}
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			return harSavedMsg{err: err}
		}
		err = transcript.WriteHAR(f, entries, transcript.HARCreator{Name: "linkstep", Version: version})
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return harSavedMsg{err: fmt.Errorf("write %s: %w", path, err)}
		}
		if abs, aerr := filepath.Abs(path); aerr == nil {
			path = abs
		}
		return harSavedMsg{path: path, count: len(entries)}
	}
}
