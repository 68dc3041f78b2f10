package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"
)

// module is the module path of linkstep.
const module = "github.com/linkstep/linkstep"

// forbiddenForSandbox are what no sandbox package, nor its tests, may depend on: the provider
// API clients (the sandbox must not agree with a client by sharing its structs) and the app.
func forbiddenForSandbox() []string {
	return []string{module + "/providers/truelayer", module + "/providers/oneid", module + "/providers/ivy",
		module + "/flows", module + "/ui", module + "/keychain"}
}

// allowedSandboxDeps are the sandbox packages the sandbox package rel (a path below
// providers/sandbox; "" for the root) may depend on, outside tests. The root mounts
// everything; kit and browser stand alone; the mock bank builds on the kit; any other
// subpackage is a provider sandbox, which builds on the kit and the mock bank, never on
// another provider sandbox.
func allowedSandboxDeps(rel string) (allowed []string, everything bool) {
	switch rel {
	case "":
		return nil, true
	case "kit", "browser":
		return nil, false
	case "mockbank":
		return []string{"kit"}, false
	default:
		return []string{"kit", "mockbank"}, false
	}
}

// listedPackage is a package as go list -json describes it.
type listedPackage struct {
	ImportPath string
	Deps       []string
}

// TestImportBoundaries fails when a sandbox package, or one of its tests, depends on a
// provider client, flows, ui or keychain, or when a sandbox subpackage depends on a sibling
// its layer does not allow.
func TestImportBoundaries(t *testing.T) {
	pkgs := listSandboxPackages(t)
	root := module + "/providers/sandbox"
	var seen []string
	for _, p := range pkgs {
		path, variant := packagePath(p.ImportPath)
		for _, dep := range p.Deps {
			dep, _ = packagePath(dep)
			for _, bad := range forbiddenForSandbox() {
				if dep == bad || strings.HasPrefix(dep, bad+"/") {
					t.Errorf("%s depends on %s: no sandbox package may use %s", p.ImportPath, dep, bad)
				}
			}
		}
		if variant || strings.HasSuffix(path, ".test") {
			continue // tests may use any sandbox package
		}
		seen = append(seen, path)
		rel := strings.TrimPrefix(strings.TrimPrefix(path, root), "/")
		allowed, everything := allowedSandboxDeps(rel)
		for _, dep := range p.Deps {
			depRel, ok := strings.CutPrefix(dep, root+"/")
			if everything || (!ok && dep != root) || slices.Contains(allowed, depRel) {
				continue
			}
			t.Errorf("%s depends on %s: a sandbox %q package may only use %v of its siblings", path, dep, rel, allowed)
		}
	}
	for _, want := range []string{"", "/kit", "/mockbank", "/browser", "/truelayer", "/oneid", "/ivy"} {
		if !slices.Contains(seen, root+want) {
			t.Errorf("go list did not report %s; it reported %v", root+want, seen)
		}
	}
}

// packagePath is an import path without go list's test-variant suffix, such as
// "p [p.test]", and whether it had one.
func packagePath(importPath string) (string, bool) {
	path, _, variant := strings.Cut(importPath, " [")
	return path, variant
}

// listSandboxPackages runs go list over every sandbox package and its tests.
func listSandboxPackages(t *testing.T) []listedPackage {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "go", "list", "-test", "-json=ImportPath,Deps", "./...")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(&stdout)
	for {
		var p listedPackage
		err := dec.Decode(&p)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("decode go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}
