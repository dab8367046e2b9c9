#!/usr/bin/env bash
# The native CLI built with profile-guided optimisation, into target/pgo/newsdigest:
#
#   scripts/build-cli.sh        # or: make cli
#
# 1. an instrumented build (-Cprofile-generate) in target/pgo/gen;
# 2. a training run over text that is in the repository only: every subset of
#    the five seed articles as a story, the stories of tests/stories, and the
#    seeds and the tests' HTML pages through the file commands (`newsdigest
#    FILES`, `clean`). The benchmarks' data (../shared/data) is not used, so
#    that their figures are not measured on the training set;
# 3. llvm-profdata merges the counts; a build with -Cprofile-use in target/pgo/use.
#
# PGO changes which branches LLVM lays out as the straight path and what it
# inlines, never what the code computes; `scripts/same-output.sh
# target/release/newsdigest target/pgo/newsdigest` checks that the outputs are
# the plain build's, byte for byte. Why and how much:
# docs/performance.md, thirteenth round. Needs rustup's llvm-tools component
# (installed here if missing: the version must match rustc's LLVM).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="${CARGO_TARGET_DIR:-$root/target}/pgo"

sysroot="$(rustc --print sysroot)"
host="$(rustc -vV | sed -n 's/^host: //p')"
profdata="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
if [[ ! -x "$profdata" ]]; then
    rustup component add llvm-tools >/dev/null
fi
[[ -x "$profdata" ]] || { echo "build-cli.sh: no llvm-profdata at $profdata (rustup component add llvm-tools)" >&2; exit 1; }

rm -rf "$out/profiles"
mkdir -p "$out/profiles"
echo "build-cli.sh: instrumented build" >&2
RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-generate=$out/profiles" \
    cargo build --release --locked -q --bin newsdigest --target-dir "$out/gen"

echo "build-cli.sh: training run" >&2
gen="$out/gen/release/newsdigest"
train="$out/train.jsonl"
python3 - "$train" <<'PY'
import glob, itertools, json, os, sys
seeds = [open(f, encoding="utf-8").read() for f in sorted(glob.glob("seeds/*.txt"))]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    n = 0
    for r in range(1, len(seeds) + 1):
        for combo in itertools.combinations(range(len(seeds)), r):
            out.write(json.dumps({"id": f"seeds-{n}", "docs": [seeds[i] for i in combo]}) + "\n")
            n += 1
    for story in sorted(glob.glob("tests/stories/*/")):
        docs = [open(f, encoding="utf-8", errors="replace").read()
                for f in sorted(glob.glob(story + "*")) if os.path.isfile(f)]
        out.write(json.dumps({"id": story, "docs": docs}) + "\n")
PY
# Stories without article text are part of the training; their messages are not.
"$gen" batch --threads 1 --max-words 300 < "$train" > /dev/null 2>&1 || true
"$gen" --format json seeds/*.txt > /dev/null 2>&1 || true
"$gen" clean tests/stories/*/* tests/data/legacy/* > /dev/null 2>&1 || true

"$profdata" merge -o "$out/merged.profdata" "$out/profiles"

echo "build-cli.sh: optimised build" >&2
RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-use=$out/merged.profdata" \
    cargo build --release --locked -q --bin newsdigest --target-dir "$out/use"
cp "$out/use/release/newsdigest" "$out/newsdigest"
echo "$out/newsdigest"
