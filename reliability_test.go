package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Environment of TestLinkstepProcess: the command line (arguments separated by a unit
// separator) and the file its stdout goes to.
const (
	processArgsEnv   = "LINKSTEP_TEST_PROCESS_ARGS"
	processStdoutEnv = "LINKSTEP_TEST_PROCESS_STDOUT"
)

// TestLinkstepProcess runs one linkstep command line in its own process for
// TestParallelRunsLoseNothing; run alone, it is skipped.
func TestLinkstepProcess(t *testing.T) {
	args := os.Getenv(processArgsEnv)
	if args == "" {
		t.Skip("a helper of TestParallelRunsLoseNothing: it runs only in the processes that test starts")
	}
	out, err := os.Create(os.Getenv(processStdoutEnv))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	var stderr bytes.Buffer
	if code := execute(t.Context(), strings.Split(args, "\x1f"), streams{stdout: out, stderr: &stderr}); code != 0 {
		t.Fatalf("linkstep %s: exit %d\n%s", args, code, stderr.String())
	}
}

// TestParallelRunsLoseNothing runs Signup+ headless in 20 processes at once, all keeping
// tokens in one --insecure-storage file and indexing their connections in one index, then
// lists the connections: every run's connection is there, with all its tokens.
func TestParallelRunsLoseNothing(t *testing.T) {
	const runs = 20
	dir := t.TempDir()
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "HOME"} {
		t.Setenv(v, dir)
	}
	for _, v := range []string{"TRUELAYER_CLIENT_ID", "TRUELAYER_CLIENT_SECRET", "TRUELAYER_REDIRECT_URI"} {
		t.Setenv(v, "")
	}
	args := []string{"run", "truelayer/signup-plus", "--username", "john1", "--password", "doe1", "--insecure-storage", "--output", "json"}
	var wg sync.WaitGroup
	outs := make([]string, runs)
	for i := range runs {
		outs[i] = filepath.Join(dir, fmt.Sprintf("run%02d.json", i))
		cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestLinkstepProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), processArgsEnv+"="+strings.Join(args, "\x1f"), processStdoutEnv+"="+outs[i])
		var log bytes.Buffer
		cmd.Stdout, cmd.Stderr = &log, &log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wg.Go(func() {
			if err := cmd.Wait(); err != nil {
				t.Errorf("run %d: %v\n%s", i, err, log.String())
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}

	var made []string
	for _, path := range outs {
		var res struct {
			ConnectionID string `json:"connection_id"`
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &res); err != nil || res.ConnectionID == "" {
			t.Fatalf("%s: %v\n%s", filepath.Base(path), err, data)
		}
		made = append(made, res.ConnectionID)
	}

	var stdout, stderr bytes.Buffer
	if code := execute(t.Context(), []string{"connections", "list", "--insecure-storage", "--output", "json"}, streams{stdout: &stdout, stderr: &stderr}); code != 0 {
		t.Fatalf("connections list: exit %d\n%s", code, stderr.String())
	}
	var list struct {
		Connections []struct {
			ID          string `json:"id"`
			TokensFound bool   `json:"tokens_found"`
			HasRefresh  bool   `json:"has_refresh_token"`
		} `json:"connections"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &list); err != nil {
		t.Fatalf("connections list is not JSON: %v\n%s", err, stdout.String())
	}
	whole := map[string]bool{}
	for _, c := range list.Connections {
		whole[c.ID] = c.TokensFound && c.HasRefresh
	}
	lost := 0
	for _, id := range made {
		if !whole[id] {
			lost++
			t.Errorf("connection %s: listed with all its tokens = %v (listed: %v)", id, whole[id], func() bool { _, ok := whole[id]; return ok }())
		}
	}
	if lost > 0 {
		t.Fatalf("%d of %d parallel runs lost their connection or tokens", lost, runs)
	}
}
