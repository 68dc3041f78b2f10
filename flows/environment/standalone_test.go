package environment_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/environment"
	"github.com/linkstep/linkstep/providers/sandbox"
)

// standalone starts a sandbox on the loopback that answers SandboxClientPath as linkstep
// sandbox does, with a known secret and clock offset.
func standalone(t *testing.T, offset time.Duration) *sandbox.Server {
	t.Helper()
	srv, err := sandbox.Start("", sandbox.Options{ClientSecret: "standalone-secret-0123456789", Wrap: func(next http.Handler) http.Handler {
		sb := next.(*sandbox.Sandbox)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != environment.SandboxClientPath {
				next.ServeHTTP(w, r)
				return
			}
			_ = json.NewEncoder(w).Encode(environment.SandboxClient{ClientID: sb.ClientID(), ClientSecret: sb.ClientSecret(),
				IvyAPIKey: sb.IvyAPIKey(), IvyWebhookSecret: sb.IvyWebhookSecret(), ClockOffsetSeconds: int64(offset / time.Second)})
		})
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

func TestOpenAStandaloneSandbox(t *testing.T) {
	srv := standalone(t, 85*24*time.Hour)
	env, err := open(t, environment.Options{SandboxURL: srv.URLs().Base + "/"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if env.Sandbox != nil {
		t.Fatal("an in-process sandbox was started besides the standalone one")
	}
	if env.SandboxURL != srv.URLs().Base || env.Parts.Common.MockBank == nil {
		t.Fatalf("SandboxURL %q, mock bank sign-in %v", env.SandboxURL, env.Parts.Common.MockBank != nil)
	}
	tl := env.Parts.TrueLayer
	if tl.Client.Hosts().Auth != srv.URLs().TrueLayerAuth || tl.Client.ClientID() != srv.Sandbox().ClientID() || !strings.Contains(strings.Join(tl.BankGroups, " "), "uk-ob-all") {
		t.Fatalf("TrueLayer part: hosts %+v, client %s, banks %v", tl.Client.Hosts(), tl.Client.ClientID(), tl.BankGroups)
	}
	if env.Parts.Ivy.Client.Host() != srv.URLs().Ivy || env.Parts.OneID.SignInChoices == nil {
		t.Fatalf("Ivy at %s, OneID sign-in choices %v", env.Parts.Ivy.Client.Host(), env.Parts.OneID.SignInChoices)
	}
	if off := env.Clock.Offset(); off != 85*24*time.Hour {
		t.Fatalf("clock offset %s, want the standalone sandbox's", off)
	}
	if want := "standalone sandbox " + strings.TrimPrefix(srv.URLs().Base, "http://"); !env.Standalone() || env.Label() != want {
		t.Fatalf("Standalone() = %v, Label() = %q, want %q", env.Standalone(), env.Label(), want)
	}
	if _, err := env.Journey(flows.SignupPlusID); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesAStandaloneSandboxThatCannotWork(t *testing.T) {
	srv := standalone(t, 0)
	plain, err := sandbox.Start("", sandbox.Options{}) // a sandbox that does not tell its credentials
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	closed, err := sandbox.Start("", sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	gone := closed.URLs().Base
	_ = closed.Close()
	tests := []struct {
		name     string
		opts     environment.Options
		code     string
		flag     string
		mentions string
	}{
		{"nothing answers", environment.Options{SandboxURL: gone, SandboxWait: time.Millisecond}, environment.CodeSandboxUnreachable, "--sandbox", gone},
		{"not a linkstep sandbox", environment.Options{SandboxURL: plain.URLs().Base}, environment.CodeSandboxUnreachable, "--sandbox", plain.URLs().Base},
		{"not a URL", environment.Options{SandboxURL: "127.0.0.1:8080"}, environment.CodeInvalidFlag, "--sandbox", "127.0.0.1:8080"},
		{"a real environment", environment.Options{Environment: "live", SandboxURL: srv.URLs().Base}, environment.CodeInvalidFlag, "--sandbox", "--env live"},
		{"a clock of its own", environment.Options{SandboxURL: srv.URLs().Base, ClockOffset: time.Hour}, environment.CodeInvalidFlag, "--clock", "standalone sandbox"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := open(t, tt.opts, nil)
			var ue *environment.UsageError
			if !errors.As(err, &ue) || ue.ErrorCode() != tt.code || ue.Flag != tt.flag || !strings.Contains(err.Error(), tt.mentions) {
				t.Fatalf("Open = %v (%+v), want a %s UsageError for %s naming %q", err, ue, tt.code, tt.flag, tt.mentions)
			}
		})
	}
}

func TestOpenWaitsForAStandaloneSandboxStillStarting(t *testing.T) {
	closed, err := sandbox.Start("", sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	addr := strings.TrimPrefix(closed.URLs().Base, "http://")
	_ = closed.Close()
	started := make(chan *sandbox.Server, 1)
	go func() {
		time.Sleep(300 * time.Millisecond) // the sandbox comes up while Open asks
		srv, err := sandbox.Start(addr, sandbox.Options{Wrap: func(next http.Handler) http.Handler {
			sb := next.(*sandbox.Sandbox)
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == environment.SandboxClientPath {
					_ = json.NewEncoder(w).Encode(environment.SandboxClient{ClientID: sb.ClientID(), ClientSecret: sb.ClientSecret()})
					return
				}
				next.ServeHTTP(w, r)
			})
		}})
		if err != nil {
			t.Error(err)
		}
		started <- srv
	}()
	env, err := open(t, environment.Options{SandboxURL: "http://" + addr, SandboxWait: 5 * time.Second}, nil)
	if srv := <-started; srv != nil {
		defer srv.Close()
	}
	if err != nil || env.SandboxURL != "http://"+addr {
		t.Fatalf("Open = %v, %v", env, err)
	}
}
