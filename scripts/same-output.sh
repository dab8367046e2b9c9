#!/usr/bin/env bash
# Byte-identical output check for speed work: run two builds of `newsdigest`
# over the same inputs and compare everything they print.
#
#   scripts/same-output.sh REF [NEW]
#
# REF and NEW are each a `newsdigest` binary or a folder of outputs saved by an
# earlier run (`--save DIR BIN` writes one). NEW defaults to
# target/release/newsdigest. Typical use: build main once, save its outputs,
# then after every change:
#
#   scripts/same-output.sh --save /tmp/ref /path/to/main/newsdigest
#   cargo build --release && scripts/same-output.sh /tmp/ref
#
# Inputs: the seeds (digest as JSON, `clean --format json`), tests/stories,
# and from NEWSDIGEST_DATA (default <repo root>/../shared/data; skipped with a
# message when absent): `batch` over the 200 Multi-News stories with four
# budgets, all their 570 articles as one story, a 5 MB story, `clean --format
# json` of every article as a .txt file, and the HTML pages of aeb-dev
# (`clean --format json`, and their digest as one story).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${NEWSDIGEST_DATA:-$root/../shared/data}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The inputs, built once per run.
inputs() {
    mkdir -p "$work/in"
    if [[ -f "$data/multinews-dev.jsonl" ]]; then
        python3 - "$data/multinews-dev.jsonl" "$work/in" <<'PY'
import json, os, sys
src, out = sys.argv[1:]
docs = []
for line in open(src, encoding="utf-8"):
    if line.strip():
        docs += [d if isinstance(d, str) else d["text"] for d in json.loads(line)["docs"]]
with open(os.path.join(out, "all.jsonl"), "w") as f:
    f.write(json.dumps({"id": "all", "docs": docs}) + "\n")
big, size = [], 0
while size < 5_000_000:
    d = docs[len(big) % len(docs)]
    big.append(d)
    size += len(d.encode())
with open(os.path.join(out, "5mb.jsonl"), "w") as f:
    f.write(json.dumps({"id": "5mb", "docs": big}) + "\n")
os.makedirs(os.path.join(out, "txt"))
for i, d in enumerate(docs):
    with open(os.path.join(out, "txt", f"{i:03}.txt"), "w", encoding="utf-8") as f:
        f.write(d)
PY
    fi
    if [[ -d "$data/aeb-dev/html" ]]; then
        mkdir -p "$work/in/html"
        for f in "$data"/aeb-dev/html/*.html.gz; do
            b="$(basename "$f" .gz)"
            gzip -dc "$f" > "$work/in/html/$b"
        done
    fi
}

# run BIN OUTDIR: every output of BIN (stdout and exit status; stderr too).
run() {
    local bin out="$2" status
    bin="$(realpath "$1")"
    mkdir -p "$out"
    one() { # name, command...
        local name="$1"; shift
        status=0
        "$@" > "$out/$name.out" 2> "$out/$name.err" || status=$?
        echo "$status" > "$out/$name.status"
    }
    # Relative paths: file names show in the output.
    cd "$root"
    one seeds-json "$bin" --format json seeds/*
    one seeds-text "$bin" seeds/*
    one seeds-clean "$bin" clean --format json seeds/*
    for story in tests/stories/*/; do
        one "story-$(basename "$story")" "$bin" --format json $(ls "$story"* | grep -v expect.json)
    done
    cd "$work/in"
    if [[ -f "$data/multinews-dev.jsonl" ]]; then
        one batch-300 "$bin" batch --threads 1 --max-words 300 < "$data/multinews-dev.jsonl"
        one batch-100 "$bin" batch --threads 1 --max-words 100 < "$data/multinews-dev.jsonl"
        one batch-ratio "$bin" batch --threads 1 --ratio 0.1 < "$data/multinews-dev.jsonl"
        one batch-sent "$bin" batch --threads 1 --sentences 5 < "$data/multinews-dev.jsonl"
        one all-300 "$bin" batch --max-words 300 < "$work/in/all.jsonl"
        one all-ratio "$bin" batch --ratio 0.05 < "$work/in/all.jsonl"
        one 5mb-300 "$bin" batch --max-words 300 < "$work/in/5mb.jsonl"
        one txt-clean "$bin" clean --format json txt/*.txt
    fi
    if [[ -d "$work/in/html" ]]; then
        one html-clean "$bin" clean --format json html/*.html
        one html-json "$bin" --format json --max-words 300 html/*.html
    fi
}

# outputs SPEC: a folder of outputs for SPEC (a binary or a saved folder).
outputs() {
    if [[ -d "$1" ]]; then
        echo "$1"
    else
        local out="$work/out-$RANDOM"
        run "$1" "$out" >&2
        echo "$out"
    fi
}

[[ -f "$data/multinews-dev.jsonl" ]] || echo "no $data/multinews-dev.jsonl (set NEWSDIGEST_DATA): only the seeds and tests/stories are compared" >&2
inputs
if [[ "${1:-}" == "--save" ]]; then
    [[ $# -eq 3 ]] || { echo "usage: $0 --save DIR BIN" >&2; exit 2; }
    rm -rf "$2"
    run "$3" "$2"
    echo "saved $(ls "$2" | grep -c '\.out$') outputs of $3 in $2"
    exit 0
fi
[[ $# -ge 1 ]] || { echo "usage: $0 REF [NEW]  (each a binary or a saved folder)" >&2; exit 2; }
ref="$(outputs "$1")"
new="$(outputs "${2:-$root/target/release/newsdigest}")"
if diff -rq "$ref" "$new"; then
    echo "identical: $(ls "$new" | grep -c '\.out$') outputs ($(cat "$new"/*.out | wc -c) bytes)"
else
    echo "DIFFERENT outputs (see above)" >&2
    exit 1
fi
