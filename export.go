package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/linkstep/linkstep/flows/environment"
	"github.com/linkstep/linkstep/providers/transcript"
)

// exports are where a run's HTTP exchanges go besides --verbose: a HAR file, curl commands.
type exports struct {
	har  string // --har FILE: a HAR 1.2 archive of every exchange, redacted
	curl bool   // --curl: a copy-as-curl command per exchange on stderr, after the result
}

// writeHAR writes the run's exchanges to the --har file, if one was asked for.
func (x exports) writeHAR(entries []transcript.Entry) error {
	if x.har == "" {
		return nil
	}
	f, err := os.OpenFile(x.har, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err == nil {
		err = transcript.WriteHAR(f, entries, transcript.HARCreator{Name: "linkstep", Version: version})
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return &exitError{exit: exitFailed, code: codeExportFailed, flag: "--har", err: fmt.Errorf("--har: %w", err)}
	}
	return nil
}

// writeCurl writes a copy-as-curl command per exchange to w (stderr), if --curl was given.
func (x exports) writeCurl(w io.Writer, env *environment.Env, entries []transcript.Entry) {
	if !x.curl {
		return
	}
	fmt.Fprintln(w)
	if len(entries) == 0 {
		fmt.Fprintln(w, "# --curl: the run made no HTTP exchange")
		return
	}
	_ = transcript.WriteCurl(w, entries, curlVars(env))
}

// curlVars names, for each exchange, the variables of the provider it went to: TrueLayer's
// and OneID's client credentials, Ivy's API key; other hosts get the generic names.
func curlVars(env *environment.Env) func(transcript.Entry) transcript.CurlVars {
	type host struct {
		prefix string
		vars   transcript.CurlVars
	}
	var hosts []host
	add := func(vars transcript.CurlVars, prefixes ...string) {
		for _, p := range prefixes {
			if p != "" {
				hosts = append(hosts, host{strings.TrimRight(p, "/"), vars})
			}
		}
	}
	if tl := env.Parts.TrueLayer; tl != nil {
		h := tl.Client.Hosts()
		add(transcript.CurlVars{ClientID: "TRUELAYER_CLIENT_ID", ClientSecret: "TRUELAYER_CLIENT_SECRET"}, h.Auth, h.API)
	}
	if o := env.Parts.OneID; o != nil && o.Client != nil && o.Client.IsOneID() {
		ep := o.Client.Endpoints()
		add(transcript.CurlVars{ClientID: "ONEID_CLIENT_ID", ClientSecret: "ONEID_CLIENT_SECRET"}, ep.Issuer, ep.Token)
	}
	if iv := env.Parts.Ivy; iv != nil {
		add(transcript.CurlVars{APIKey: "IVY_API_KEY"}, iv.Client.Host())
	}
	return func(e transcript.Entry) transcript.CurlVars {
		for _, h := range hosts {
			if e.URL == h.prefix || strings.HasPrefix(e.URL, h.prefix+"/") || strings.HasPrefix(e.URL, h.prefix+"?") {
				return h.vars
			}
		}
		return transcript.CurlVars{}
	}
}
