#!/usr/bin/env bash
# Main-content extraction benchmark on the aeb-dev pages (../shared/data, or
# $NEWSDIGEST_DATA).
# Runs our extractor (via `newsdigest clean --format json`) and Mozilla
# Readability.js (bench/extract, npm) over the same pages and scores both
# with the benchmark's score.py. Prints: system, precision, recall, F1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${NEWSDIGEST_DATA:-$root/../shared/data}/aeb-dev"
if [ ! -f "$data/score.py" ] || [ ! -d "$data/html" ]; then
  echo "bench-extract: $data not found (score.py, html/); skipping." >&2
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/html"
while read -r id; do
  [ -n "$id" ] || continue
  gzip -dc "$data/html/$id.html.gz" > "$tmp/html/$id.html"
done < "$data/ids.txt"

# Ours, through the CLI.
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/release/newsdigest"
"$bin" clean --format json "$tmp"/html/*.html > "$tmp/ours.json"
python3 - "$tmp/ours.json" "$tmp/pred-ours.json" <<'PY'
import json, os, sys
docs = json.load(open(sys.argv[1], encoding="utf8"))
pred = {os.path.basename(d["name"])[:-len(".html")]: {"articleBody": d["text"]} for d in docs}
json.dump(pred, open(sys.argv[2], "w", encoding="utf8"), ensure_ascii=False)
PY
cp "$tmp/pred-ours.json" "${PREDICTIONS_OUT:-$root/target/predictions.json}" 2>/dev/null || true

# Readability.js, installed idempotently from the committed lock file.
systems=("newsdigest:$tmp/pred-ours.json")
if command -v node > /dev/null && command -v npm > /dev/null; then
  if [ ! -d "$root/bench/extract/node_modules/@mozilla/readability" ]; then
    (cd "$root/bench/extract" && npm ci --no-audit --no-fund --silent)
  fi
  node "$root/bench/extract/readability.mjs" "$tmp"/html/*.html > "$tmp/pred-readability.json"
  systems+=("readability.js:$tmp/pred-readability.json")
else
  echo "bench-extract: node/npm not found; Readability.js skipped." >&2
fi

printf '%-16s %9s %9s %9s\n' system precision recall F1
for entry in "${systems[@]}"; do
  name="${entry%%:*}" file="${entry#*:}"
  python3 "$data/score.py" "$file" "$data/ids.txt" --json --n-bootstrap 0 |
    python3 -c 'import json,sys; m=json.loads(sys.stdin.readline()); print("%-16s %9.3f %9.3f %9.3f" % (sys.argv[1], m["precision"], m["recall"], m["f1"]))' "$name"
done
