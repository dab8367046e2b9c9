#!/usr/bin/env bash
# `make spark-example`: `newsdigest batch` on Spark (RDD.pipe, local mode),
# checked against `newsdigest batch` run directly on the same input.
#
#   scripts/spark-example.sh [spark_pipe.py options, e.g. -n 2 --partitions 8
#                             or --master 'local-cluster[2,1,1024]']
#
# Installs pyspark (pinned) into bench/.venv-spark (gitignored; skipped when it
# is there), builds the CLI, runs scripts/spark_pipe.py over
# multinews-dev.jsonl of NEWSDIGEST_DATA (default <repo root>/../shared/data),
# or, without it, over the seeds as one story, and compares the job's output
# with `cmp`: prints "identical", or exits 1 when a byte differs. Outputs and
# logs (the executors' stderr included) stay in target/spark-example/.
# Needs Java 17 or later (`java` on PATH) for Spark 4.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${NEWSDIGEST_DATA:-$root/../shared/data}"
pyspark_version=4.3.0
budget=(--max-words 300)

venv="$root/bench/.venv-spark"
if ! "$venv/bin/python" -c "import sys, pyspark; sys.exit(pyspark.__version__ != '$pyspark_version')" 2> /dev/null; then
    echo "spark-example: installing pyspark $pyspark_version into $venv (about 300 MB to download)" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "pyspark==$pyspark_version"
fi
if ! command -v java > /dev/null; then
    echo "spark-example: Spark needs Java 17 or later: no java on PATH" >&2
    exit 1
fi

(cd "$root" && cargo build --release --locked --quiet)
bin="$root/target/release/newsdigest"

out="$root/target/spark-example"
rm -rf "$out"
mkdir -p "$out"
if [[ -f "$data/multinews-dev.jsonl" ]]; then
    input="$(realpath "$data/multinews-dev.jsonl")"
else
    # No data: the seeds, one story of five articles, so there is input.
    echo "spark-example: no $data/multinews-dev.jsonl (set NEWSDIGEST_DATA): the seeds as one story" >&2
    input="$out/seeds.jsonl"
    python3 - "$root/seeds" "$input" <<'PY'
import json, os, sys
seeds, path = sys.argv[1:]
docs = [{"name": n, "text": open(os.path.join(seeds, n), encoding="utf-8").read()} for n in sorted(os.listdir(seeds))]
with open(path, "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "seeds", "docs": docs}) + "\n")
PY
fi
echo "spark-example: $input, newsdigest batch ${budget[*]}"

# The job. Its stderr (Spark's log, the executors' newsdigest messages) goes
# to a log; the summary lines are printed; on failure, the end of the log.
start=$(date +%s.%N)
if ! "$venv/bin/python" "$root/scripts/spark_pipe.py" --bin "$bin" "$@" "$input" "$out/digests.jsonl" \
    -- "${budget[@]}" 2> "$out/spark.log"; then
    tail -n 40 "$out/spark.log" >&2
    echo "spark-example: the Spark job failed (log: $out/spark.log)" >&2
    exit 1
fi
end=$(date +%s.%N)
grep '^spark_pipe.py:' "$out/spark.log"
echo "spark-example: $(grep -c '^newsdigest: ' "$out/spark.log" || true) lines of newsdigest's stderr in $out/spark.log" \
    "(with executors in the driver's JVM; in their own, they are in the executors' logs)"
echo "spark-example: the job took $(awk "BEGIN { printf \"%.1f\", $end - $start }") s in all, Python's and Spark's start included"

# The reference: the same binary directly on the whole input. Status 1 (some
# source had no article text) is normal on this data; 2 or more is not.
start=$(date +%s.%N)
status=0
"$bin" batch "${budget[@]}" < "$input" > "$out/direct.jsonl" 2> "$out/direct.log" || status=$?
end=$(date +%s.%N)
if ((status != 0 && status != 1)); then
    cat "$out/direct.log" >&2
    echo "spark-example: newsdigest batch exited with $status" >&2
    exit 1
fi
echo "spark-example: newsdigest batch directly (all cores): $(awk "BEGIN { printf \"%.2f\", $end - $start }") s, exit status $status"

if cmp "$out/digests.jsonl" "$out/direct.jsonl"; then
    echo "identical: $(wc -l < "$out/digests.jsonl") lines, $out/digests.jsonl = newsdigest batch ${budget[*]}"
else
    echo "spark-example: the Spark output differs from newsdigest batch (see the cmp line above)" >&2
    exit 1
fi
