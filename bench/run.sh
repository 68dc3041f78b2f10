#!/usr/bin/env bash
# Measures linkstep where people wait, side by side in one run, and prints ratios:
#   start      linkstep --version against a Go hello world (the default build, and a static
#              one with CGO_ENABLED=0)
#   journey    the headless Signup+ journey against a standalone 'linkstep sandbox', against
#              bench/signupplus.sh making the same HTTP calls with curl (and the journey on the
#              in-process sandbox, its start included)
#   frame      TUI start to its first frame, and to the journey picker, in a pty (100x30),
#              against a minimal Bubble Tea program (bench/minimaltea)
#   picker     the account picker at 100/1,000/10,000 accounts (Go benchmarks): build, a
#              keypress with its frame, a filter keystroke with its frame
#   load       full Signup+ journeys against 'linkstep sandbox', 200 at a time (bench/load)
# Benchmarks only: nothing here asserts a timing. Loopback only (127.0.0.1), every run
# bounded in count and time. Run from anywhere: bench/run.sh [RUNS] (default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
tmp=$(mktemp -d)
sandbox_pid=
cleanup() {
  [[ -n $sandbox_pid ]] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
export GOMODCACHE=$(go env GOMODCACHE) GOCACHE=$(go env GOCACHE) GOPATH=$(go env GOPATH)
export XDG_CONFIG_HOME=$tmp/cfg XDG_DATA_HOME=$tmp/data HOME=$tmp/home
mkdir -p "$HOME"
unset LINKSTEP_SANDBOX LINKSTEP_FAULTS

go build -o "$tmp/linkstep" .
CGO_ENABLED=0 go build -o "$tmp/linkstep-static" . # no libc to load: linkstep needs no cgo
go build -o "$tmp/load" ./bench/load
go build -o "$tmp/minimaltea" ./bench/minimaltea
printf 'package main\nimport "fmt"\nfunc main() { fmt.Println("hello") }\n' >"$tmp/hello.go"
go build -o "$tmp/hello" "$tmp/hello.go"

# timed N CMD...: "best median" wall-clock milliseconds of N runs of CMD, failing when a run
# fails. Each run is bounded by an alarm (60 s) rather than subprocess's timeout, whose wait
# polls in growing sleeps and would add milliseconds to what it measures.
timed() {
  local n=$1; shift
  python3 - "$n" "$@" <<'PY'
import signal, statistics, subprocess, sys, time
n, cmd = int(sys.argv[1]), sys.argv[2:]
signal.signal(signal.SIGALRM, lambda *_: sys.exit(f"bench: {' '.join(cmd)} took over 60 s"))
times = []
for _ in range(n):
    signal.alarm(60)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - start) * 1000)
    signal.alarm(0)
print(f"{min(times):.2f} {statistics.median(times):.2f}")
PY
}

# ratio A B: A/B, to two significant digits.
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2g}x')" "$1" "$2"; }

# show LABEL WHAT "best median" OTHER "best median": one line with both and the ratio of the bests.
show() {
  local label=$1 what=$2 other=$4
  read -r a am <<<"$3"
  read -r b bm <<<"$5"
  printf '%-8s %s %s ms (median %s) vs %s %s ms (median %s): %s\n' "$label" "$what" "$a" "$am" "$other" "$b" "$bm" "$(ratio "$a" "$b")"
}

# start_sandbox: a fresh standalone sandbox on a free loopback port; sets sandbox_url.
start_sandbox() {
  [[ -n $sandbox_pid ]] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
  local port=$((20000 + RANDOM % 20000))
  "$tmp/linkstep" sandbox --addr "127.0.0.1:$port" >"$tmp/sandbox.out" 2>/dev/null &
  sandbox_pid=$!
  sandbox_url=http://127.0.0.1:$port
  for _ in $(seq 50); do
    curl -sf -o /dev/null "$sandbox_url/.linkstep/client" && return
    sleep 0.1
  done
  echo "bench: the sandbox did not start on $sandbox_url" >&2
  exit 1
}

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
echo "machine: $(nproc) cores ($cpu), $(uname -sm), $(go version | cut -d' ' -f3), load average $(cut -d' ' -f1-3 /proc/loadavg)"

version=$(timed "$runs" "$tmp/linkstep" --version)
hello=$(timed "$runs" "$tmp/hello")
show start "linkstep --version" "$version" "hello world" "$hello"
static=$(timed "$runs" "$tmp/linkstep-static" --version)
show start "linkstep --version, CGO_ENABLED=0" "$static" "hello world" "$hello"

start_sandbox
journey=(run truelayer/signup-plus --sandbox "$sandbox_url" --username john1 --password doe1 --insecure-storage)
headless=$(timed 10 "$tmp/linkstep" "${journey[@]}")
bycurl=$(timed 10 bench/signupplus.sh "$sandbox_url")
show journey "linkstep ${journey[*]:0:2} --sandbox" "$headless" "bench/signupplus.sh (curl)" "$bycurl"
read -r best median <<<"$(timed 10 "$tmp/linkstep" run truelayer/signup-plus --username john1 --password doe1 --insecure-storage)"
echo "journey  on the in-process sandbox, its start included: $best ms (median $median)"

# firstframe MARKER CMD...: the TUI as a newcomer starts it, with no connection stored yet.
firstframe() {
  XDG_CONFIG_HOME=$tmp/fresh/cfg XDG_DATA_HOME=$tmp/fresh/data python3 bench/firstframe.py "$frames" "$@"
}
frames=$((runs < 10 ? runs : 10))
tea=$(firstframe minimal-bubble-tea-ready "$tmp/minimaltea")
first=$(firstframe linkstep "$tmp/linkstep")
picker=$(firstframe Signup+ "$tmp/linkstep")
show frame "linkstep TUI to its first frame" "$first" "a minimal Bubble Tea program" "$tea"
show frame "linkstep TUI to the journey picker" "$picker" "a minimal Bubble Tea program" "$tea"

go test -run '^$' -bench 'BenchmarkPicker' -benchtime 50x -count 3 ./ui/ |
  awk '/^BenchmarkPicker/ { name = $1; sub(/-[0-9]+$/, "", name); ms = $3 / 1e6; if (!(name in best) || ms < best[name]) best[name] = ms; if (!(name in order)) { order[name] = ++n; names[n] = name } }
       END { for (i = 1; i <= n; i++) printf "picker   %-32s %7.2f ms/op (best of 3)\n", names[i], best[names[i]] }'

start_sandbox # fresh: no connections from the journeys above
"$tmp/load" -sandbox "$sandbox_url" -n 1000 -c 200 -timeout 2m | sed 's/^/load     /'
