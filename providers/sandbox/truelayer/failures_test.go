package truelayer

import (
	"testing"

	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

func TestEveryFailureHasATrueLayerError(t *testing.T) {
	if failureError(mockbank.FailureNone) != nil {
		t.Fatal("an ordinary user gets an error")
	}
	for _, f := range mockbank.Failures() {
		t.Run(f.String(), func(t *testing.T) {
			e := failureError(f)
			if e == nil || e.Code != f.String() || e.Status < 400 || e.Description == "" {
				t.Fatalf("failureError(%s) = %+v, want TrueLayer's error %s", f, e, f)
			}
		})
	}
}
