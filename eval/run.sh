#!/usr/bin/env bash
# Digest quality on the Multi-News dev stories (../shared/data, or
# $NEWSDIGEST_DATA): newsdigest against Lead, LexRank, TextRank and a greedy
# oracle in one run, scored with ROUGE; rewrites the results in
# docs/quality.md. Not part of `make test`.
#
# Usage: eval/run.sh [--ablations] [quality.py options, e.g. --limit 20]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${NEWSDIGEST_DATA:-$root/../shared/data}/multinews-dev.jsonl"
if [ ! -f "$data" ]; then
  echo "eval: $data not found; skipping (set NEWSDIGEST_DATA to the folder that holds it)." >&2
  exit 0
fi

# Python tools, idempotently, into eval/.venv (gitignored).
venv="$root/eval/.venv"
if ! "$venv/bin/python" -c 'import rouge_score, sumy' 2> /dev/null; then
  echo "eval: installing rouge-score and sumy into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/eval/requirements.txt"
fi

target="${CARGO_TARGET_DIR:-$root/target}"
extra=()
if [ "${1:-}" = "--ablations" ]; then
  shift
  cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml" --example eval-digest
  extra=(--ablate "$target/release/examples/eval-digest" --ablations "$root/eval/ablations.tsv")
fi
cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml" --bin newsdigest
exec "$venv/bin/python" "$root/eval/quality.py" --data "$data" --bin "$target/release/newsdigest" \
  --out "$root/docs/quality.md" "${extra[@]}" "$@"
