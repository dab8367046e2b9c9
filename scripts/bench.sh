#!/usr/bin/env bash
# Every benchmark of docs/performance.md, in one command (not part of `make test`):
#
#   scripts/bench.sh           # all: criterion stages, scaling, batch, sumy peer, WASM, page
#   scripts/bench.sh --quick   # skip the criterion stage benchmarks (minutes)
#   scripts/bench-wasm.sh      # only the WebAssembly and page parts (the last step of this one)
#
# Data: NEWSDIGEST_DATA (default <repo root>/../shared/data) with multinews-dev.jsonl;
# the parts that need it are skipped with a message when it is absent. Nothing from it
# goes into the repository. The sumy peer runs from a venv in bench/.venv (gitignored),
# created on first use.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export NEWSDIGEST_DATA="${NEWSDIGEST_DATA:-$root/../shared/data}"
quick=false
[[ "${1:-}" == "--quick" ]] && quick=true
data="$NEWSDIGEST_DATA/multinews-dev.jsonl"
bin="${CARGO_TARGET_DIR:-$root/target}/release/newsdigest"

echo "## Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "## Build"
cargo build --release --locked -q

if ! $quick; then
    echo "## Stages (criterion; MB/s of input text)"
    cargo bench --locked -q --features bench-internals --bench stages
fi

echo "## Scaling (time and peak heap at 1x, 4x, 16x)"
cargo bench --locked -q --bench scaling

if [[ ! -f "$data" ]]; then
    echo "skipping batch and sumy: no $data (set NEWSDIGEST_DATA)"
else
    nbytes=$(python3 -c "import json,sys; print(sum(len((d if isinstance(d,str) else d['text']).encode()) for l in open(sys.argv[1]) if l.strip() for d in json.loads(l)['docs']))" "$data")
    nstories=$(grep -c . "$data")
    echo "## One core: the plain release build and the PGO build (scripts/build-cli.sh)"
    pgo="$("$root/scripts/build-cli.sh")"
    "$root/scripts/same-output.sh" "$bin" "$pgo"
    python3 "$root/scripts/throughput.py" --rounds 61 --cpu "$(( $(nproc) - 1 ))" "$data" "$bin" "$pgo"
    echo "## Batch: $nstories stories, $nbytes bytes of article text"
    for threads in 1 2 ""; do
        args=(--max-words 300)
        [[ -n "$threads" ]] && args+=(--threads "$threads")
        # best of 3 wall-clock runs
        best=$(for _ in 1 2 3; do
            python3 - "$bin" "$data" "${args[@]}" <<'PY'
import subprocess, sys, time
bin, data, *args = sys.argv[1:]
with open(data, "rb") as f:
    t = time.perf_counter()
    subprocess.run([bin, "batch", *args], stdin=f, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(time.perf_counter() - t)
PY
        done | sort -n | head -1)
        python3 -c "import sys; t=float(sys.argv[1]); n=int(sys.argv[2]); b=int(sys.argv[3]); print(f'threads={sys.argv[4] or \"all\"}: {t:.3f} s, {n/t:.0f} stories/s, {b/1e6/t:.1f} MB/s')" "$best" "$nstories" "$nbytes" "$threads"
    done
    # Sharded across processes, as on a cluster (see docs/performance.md).
    python3 - "$root/scripts/shard.py" "$bin" "$data" <<'PY'
import subprocess, sys, time
shard, bin, data = sys.argv[1:]
with open(data, "rb") as f:
    t = time.perf_counter()
    subprocess.run([sys.executable, shard, "-n", "2", "--", bin, "batch", "--threads", "1", "--max-words", "300"],
                   stdin=f, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"scripts/shard.py -n 2 (one thread each): {time.perf_counter() - t:.3f} s")
PY

    echo "## Peer: sumy LexRank on the same stories"
    venv="$root/bench/.venv"
    if [[ ! -x "$venv/bin/python" ]]; then
        python3 -m venv "$venv" && "$venv/bin/pip" install -q sumy numpy || echo "cannot install sumy: skipped"
    fi
    if [[ -x "$venv/bin/python" ]]; then
        # time's own report goes to a file: the command's stderr (the stories
        # without article text) is dropped, and with it would go the report.
        times="$(mktemp)"
        /usr/bin/time -f "%U %S" -o "$times" "$bin" batch --threads 1 --max-words 300 < "$data" > /dev/null 2>/dev/null || true
        ours=$(tail -1 "$times" | awk '{print $1 + $2}')
        rm -f "$times"
        peer=$("$venv/bin/python" "$root/scripts/sumy_lexrank.py" --max-words 300 < "$data" 2>&1 >/dev/null | tail -1)
        echo "$peer"
        python3 -c "import re,sys; p=float(re.search(r'([0-9.]+) s CPU', sys.argv[1]).group(1)); o=float(sys.argv[2]); print(f'newsdigest (1 thread): {o:.2f} s CPU; sumy LexRank / newsdigest = {p/o:.0f}x')" "$peer" "$ours"
    fi
fi

# (Without the machine line and the build, done above.)
NEWSDIGEST_FROM_BENCH_SH=1 "$root/scripts/bench-wasm.sh"
