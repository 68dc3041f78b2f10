#!/usr/bin/env bash
# Measures linkstep where people wait, side by side in one run, and prints ratios:
#   --version against a Go hello world; a headless Signup+ journey (the comparison with the same
#   calls made by curl is not written yet); the account picker at 100/1,000/10,000 accounts (Go benchmarks); a bounded load
#   run (1,000 journeys, 200 at a time) against 'linkstep sandbox'. Loopback only.
# Run from the project root: bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT
export GOMODCACHE=$(go env GOMODCACHE) GOCACHE=$(go env GOCACHE) GOPATH=$(go env GOPATH)
export XDG_CONFIG_HOME=$tmp/cfg XDG_DATA_HOME=$tmp/data HOME=$tmp/home
mkdir -p "$HOME"

go build -o "$tmp/linkstep" .
go build -o "$tmp/load" ./bench/load
printf 'package main\nimport "fmt"\nfunc main() { fmt.Println("hello") }\n' >"$tmp/hello.go"
go build -o "$tmp/hello" "$tmp/hello.go"

# best of N wall-clock runs of a command, in milliseconds
best() {
  local n=$1; shift
  python3 - "$n" "$@" <<'PY'
import subprocess, sys, time
n, cmd = int(sys.argv[1]), sys.argv[2:]
best = min(
    (lambda s: (subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), time.perf_counter() - s)[1])(time.perf_counter())
    for _ in range(n))
print(f"{best*1000:.2f}")
PY
}

echo "machine: $(nproc) cores, $(uname -sm), $(go version | cut -d' ' -f3)"
hello=$(best 30 "$tmp/hello"); version=$(best 30 "$tmp/linkstep" --version)
echo "start:    linkstep --version ${version} ms vs hello world ${hello} ms: $(python3 -c "print(f'{$version/$hello:.1f}x')")"

journey=$(best 5 "$tmp/linkstep" run truelayer/signup-plus --username john1 --password doe1 --insecure-storage)
echo "journey:  headless Signup+ on the embedded sandbox ${journey} ms (best of 5, sandbox start included)"

go test -run '^$' -bench 'BenchmarkPicker' -benchtime 30x ./ui/ | awk '/^BenchmarkPicker/ {printf "picker:   %-24s %8.2f ms/op\n", $1, $3/1e6}'

port=$((20000 + RANDOM % 20000))
"$tmp/linkstep" sandbox --addr 127.0.0.1:$port >/dev/null 2>&1 &
sleep 1
"$tmp/load" -sandbox "http://127.0.0.1:$port" -n 1000 -c 200 | sed 's/^/load:     /'
