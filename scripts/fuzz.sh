#!/usr/bin/env bash
# Fuzzing with cargo-fuzz (libFuzzer), outside `make test`.
#
#   scripts/fuzz.sh [SECONDS]   fuzz every target SECONDS each (default 60)
#   scripts/fuzz.sh --replay    only replay fuzz/regressions/<target>/*
#
# FUZZ_TARGETS="split summarize" restricts the targets; FUZZ_JOBS=N runs N
# libFuzzer processes per target. Seed corpora are generated into
# fuzz/corpus/<target> (not committed) from seeds/*.txt, fuzz/seeds/ and a
# few dozen saved pages of $NEWSDIGEST_DATA/aeb-dev/html (default
# <repo>/../shared/data; skipped when absent). A crash, a timeout (one input
# over 10 s) or an out-of-memory stops the run with a non-zero status and
# the path of the input; add it to fuzz/regressions/<target>/ once fixed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
fuzz="$root/fuzz"
log() { printf 'fuzz: %s\n' "$*" >&2; }

mode=fuzz
seconds=60
case "${1:-}" in
  --replay) mode=replay ;;
  ''|*[!0-9]*) [ -z "${1:-}" ] || { echo "usage: $0 [SECONDS | --replay]" >&2; exit 2; } ;;
  *) seconds="$1" ;;
esac
targets=(${FUZZ_TARGETS:-clean_html clean_text split summarize})

# Tools, idempotently: nightly Rust and cargo-fuzz.
rustup toolchain list | grep -q '^nightly' || { log "installing nightly Rust"; rustup toolchain install nightly --profile minimal; }
command -v cargo-fuzz >/dev/null || { log "installing cargo-fuzz"; cargo install cargo-fuzz --locked; }

cd "$fuzz"
# -a: debug assertions and overflow checks, which the dev-profile tests have too.
cargo +nightly fuzz build -a
bin_dir="$fuzz/target/$(rustc -vV | sed -n 's/^host: //p')/release"
for t in "${targets[@]}"; do
  [ -x "$bin_dir/$t" ] || { log "build of $t failed"; exit 1; }
done

if [ "$mode" = replay ]; then
  status=0
  for t in "${targets[@]}"; do
    inputs=("$fuzz/regressions/$t"/*)
    [ -e "${inputs[0]}" ] || continue
    log "replaying ${#inputs[@]} input(s) for $t"
    "$bin_dir/$t" -timeout=10 -rss_limit_mb=2048 "${inputs[@]}" 2>"$fuzz/replay-$t.log" \
      || { status=1; log "$t: a regression input fails again, see fuzz/replay-$t.log"; tail -30 "$fuzz/replay-$t.log" >&2; }
  done
  exit "$status"
fi

# Seed corpora.
data="${NEWSDIGEST_DATA:-$root/../shared/data}"
[ -d "$data/aeb-dev/html" ] || [ -n "${NEWSDIGEST_DATA:-}" ] || data="$root/../../shared/data" # from a git worktree
pages=()
if [ -d "$data/aeb-dev/html" ]; then
  pages=("$data/aeb-dev/html"/*.html.gz)
  pages=("${pages[@]:0:${FUZZ_PAGES:-40}}")
else
  log "no saved pages in $data/aeb-dev/html; seeding from seeds/ and fuzz/seeds/ only"
fi
corpus="$fuzz/corpus"
mkdir -p "$corpus"/{clean_html,clean_text,split,summarize}
cp "$fuzz"/seeds/*.html "$corpus/clean_html/"
cp "$root"/seeds/*.txt "$fuzz"/seeds/*.txt "$corpus/clean_text/"
cp "$root"/seeds/*.txt "$fuzz"/seeds/*.txt "$corpus/split/"
for p in "${pages[@]}"; do
  gzip -dc "$p" > "$corpus/clean_html/$(basename "$p" .gz)"
done
for p in "${pages[@]:0:4}"; do # pages read as text: markup without sentences
  { gzip -dc "$p" 2>/dev/null || true; } | head -c 30000 > "$corpus/clean_text/$(basename "$p" .gz).txt"
done
# summarize: a 12-byte header (budget, kinds, thresholds; see its target),
# then sources separated by 0x1E.
seeds=("$root"/seeds/*.txt)
story() { # header-hex file...
  printf "$1"
  shift
  local first=1
  for f in "$@"; do
    [ "$first" = 1 ] || printf '\x1e'
    first=0
    cat "$f"
  done
}
story '\x01\x06\x00\x00\x00\x00\x99\x80\x06\x64\x40\x20' "${seeds[@]:0:4}" > "$corpus/summarize/seeds-sentences"
story '\x02\x00\x64\x00\x00\x00\x99\x80\x06\x64\x40\x20' "${seeds[@]:1:3}" > "$corpus/summarize/seeds-words"
story '\x04\x00\x00\x00\x20\xaa\x99\x80\x06\x64\x40\x20' "${seeds[@]:0:2}" > "$corpus/summarize/seeds-ratio-bytes"
story '\x07\x03\x28\x00\x40\x00\x99\x80\x01\x10\x00\x00' "${seeds[0]}" "${seeds[0]}" > "$corpus/summarize/seeds-twice"
if [ "${#pages[@]}" -ge 2 ]; then
  gzip -dc "${pages[0]}" > "$fuzz/.page0"; gzip -dc "${pages[1]}" > "$fuzz/.page1"
  story '\x01\x06\x00\x00\x00\x05\x99\x80\x06\x64\x40\x20' "$fuzz/.page0" "${seeds[0]}" "$fuzz/.page1" > "$corpus/summarize/pages-html"
  rm -f "$fuzz/.page0" "$fuzz/.page1"
fi
for t in "${targets[@]}"; do
  [ -d "$fuzz/regressions/$t" ] && cp "$fuzz/regressions/$t"/* "$corpus/$t/" 2>/dev/null || true
done

status=0
for t in "${targets[@]}"; do
  # Longer inputs (saved pages too) are cut: instrumented with AddressSanitizer,
  # a run on 100 KB of text takes seconds, too slow to explore and near the
  # 10 s timeout on a loaded machine. Linearity at scale is tests/hostile.rs's.
  max_len="${FUZZ_MAX_LEN:-65536}"
  mkdir -p "$fuzz/artifacts/$t"
  log "fuzzing $t for ${seconds}s"
  if ! "$bin_dir/$t" "$corpus/$t" -artifact_prefix="$fuzz/artifacts/$t/" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 \
    ${FUZZ_JOBS:+-fork="$FUZZ_JOBS"} 2>"$fuzz/fuzz-$t.log"; then
    status=1
    found=$(ls -t "$fuzz/artifacts/$t"/ | sed -n 1p)
    found="$fuzz/artifacts/$t/$found"
    tail -40 "$fuzz/fuzz-$t.log" >&2
    log "$t FAILED: input at ${found:-?} (log fuzz/fuzz-$t.log)"
    log "  reproduce: $bin_dir/$t $found"
  else
    grep -E '^stat::number_of_executed_units|^Done [0-9]+ runs' "$fuzz/fuzz-$t.log" | sed "s/^/fuzz: $t: /" >&2 || true
  fi
done
exit "$status"
