package mockbank

import "testing"

func TestErrorUsersFailTheirWay(t *testing.T) {
	for _, f := range Failures() {
		t.Run(f.String(), func(t *testing.T) {
			u, ok := Lookup("error."+f.String(), "error")
			if !ok || u.Failure != f || u.Flavour != FlavourError {
				t.Fatalf("Lookup(error.%s) = %+v, %v; want failure %s", f, u, ok, f)
			}
		})
	}
	if len(Failures()) != 6 {
		t.Errorf("%d failure kinds, want the 6 documented ones", len(Failures()))
	}
}

func TestOrdinaryUsersDoNotFail(t *testing.T) {
	for _, login := range [][2]string{{"john", "doe"}, {"john7", "iban7"}, {"john", "eternal"}} {
		t.Run(login[0]+"/"+login[1], func(t *testing.T) {
			if u, _ := Lookup(login[0], login[1]); u.Failure != FailureNone {
				t.Fatalf("failure %s, want none", u.Failure)
			}
		})
	}
}

func TestFailureString(t *testing.T) {
	for f, want := range map[Failure]string{FailureNone: "none", FailureAccountPermanentlyLocked: "account_permanently_locked",
		FailureAccountTemporarilyLocked: "account_temporarily_locked", FailureInternalError: "internal_error",
		FailureProviderError: "provider_error", FailureUserInputRequired: "user_input_required",
		FailureWrongCredentials: "wrong_credentials", Failure(42): "failure(42)"} {
		if f.String() != want {
			t.Errorf("%d.String() = %q, want %q", int(f), f.String(), want)
		}
	}
}
