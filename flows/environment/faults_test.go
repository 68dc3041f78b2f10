package environment_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/flows/environment"
)

func TestEmbeddedSandboxTakesAFaultPlan(t *testing.T) {
	env, err := open(t, environment.Options{}, map[string]string{environment.EnvFaults: "5xx=1,seed=3"})
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, env.Sandbox.URLs().TrueLayerAuth+"/api/providers", nil)
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode < 500 {
		t.Fatalf("status %d, want an injected 5xx", resp.StatusCode)
	}
}

func TestABadFaultPlanIsAUsageErrorNamingItsSource(t *testing.T) {
	_, err := open(t, environment.Options{}, map[string]string{environment.EnvFaults: "5xx=0.1,boom=1"})
	var ue *environment.UsageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), environment.EnvFaults) || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("got %v, want a usage error naming %s and boom", err, environment.EnvFaults)
	}
	_, err = open(t, environment.Options{Faults: "drop=x"}, nil)
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "drop=x") {
		t.Fatalf("got %v", err)
	}
}
