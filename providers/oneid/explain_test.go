package oneid_test

import (
	"testing"

	"github.com/linkstep/linkstep/providers/oneid"
)

func TestExplainFraud(t *testing.T) {
	checks := oneid.ExplainFraud(map[string]any{
		"nationalSIRAFraud": true, "nationalSIRAVictim": false, "identityFraudScore": 0.0,
		"searchPerformed": true, "brandNewCheck": "x",
	})
	want := []struct {
		name  string
		alert bool
	}{{"searchPerformed", false}, {"nationalSIRAFraud", true}, {"nationalSIRAVictim", false}, {"identityFraudScore", false}, {"brandNewCheck", false}}
	if len(checks) != len(want) {
		t.Fatalf("checks = %+v", checks)
	}
	for i, w := range want {
		if checks[i].Name != w.name || checks[i].Alert != w.alert || checks[i].Meaning == "" {
			t.Errorf("check %d = %+v, want %s alert=%v with a meaning", i, checks[i], w.name, w.alert)
		}
	}
	if got := oneid.ExplainFraud(map[string]any{"searchPerformed": false}); !got[0].Alert {
		t.Errorf("no search performed must call for a closer look: %+v", got)
	}
}

func TestExplainRedirectError(t *testing.T) {
	if oneid.ExplainRedirectError("OneID.OIDC.Redirect.UserCancelled") == "" || oneid.ExplainRedirectError("SessionExpired") == "" {
		t.Fatal("known values are not explained")
	}
	if got := oneid.ExplainRedirectError("OneID.Something.New"); got != "" {
		t.Fatalf("an unknown value was guessed at: %q", got)
	}
}
