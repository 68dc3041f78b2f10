package main

import (
	"testing"

	gochecksumtype "github.com/alecthomas/go-check-sumtype"
	"golang.org/x/tools/go/packages"
)

// TestSealedSetsAreHandledEverywhere fails when a type switch over a sealed set (flows.Prompt,
// flows.Answer, flows.Event: the interfaces marked //sumtype:decl) misses one of its types, so a
// front-end that forgets a new prompt fails the build instead of the user. A default case does
// not count as handling the missing types.
func TestSealedSetsAreHandledEverywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and type-checks the whole module")
	}
	cfg := &packages.Config{
		Mode: packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedTypes | packages.NeedTypesSizes |
			packages.NeedImports | packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles,
	}
	pkgs, err := packages.Load(cfg, "github.com/linkstep/linkstep/...")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("the module does not type-check")
	}
	for _, err := range gochecksumtype.Run(pkgs, gochecksumtype.Config{DefaultSignifiesExhaustive: false}) {
		t.Error(err)
	}
}
