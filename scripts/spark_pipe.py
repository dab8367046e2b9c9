#!/usr/bin/env python3
"""`newsdigest batch` over a JSON-lines collection with Spark's RDD.pipe.

    scripts/spark_pipe.py --bin target/release/newsdigest stories.jsonl digests.jsonl -- --max-words 300

Runs in local mode (`local[N]`, -n N, default 2) unless --master names
another master (`local-cluster[2,1,1024]` runs two separate executor JVMs on
this machine, as a standalone cluster would). The output file holds one line
per story, in input order, byte for byte what `newsdigest batch` with the same
options prints for the whole file (scripts/spark-example.sh checks that).

How the job goes:

1. The binary is shipped with SparkContext.addFile, the way a cluster gets
   it (as `spark-submit --files` does): every executor fetches a copy. Where
   the copy lands is asked of an executor (SparkFiles.get in a task): on a
   cluster it is the executor's working directory, its own on each executor,
   so the command names it `./newsdigest`, right on all of them; in local
   mode the executor is the driver's JVM and the one copy is in the driver's
   userFiles directory: its absolute path.
2. A first pass counts each partition's lines and stories (non-blank lines:
   `batch` skips blank lines without an output line). This is what
   zipWithIndex does before numbering; it reads the input once more.
3. Each partition of text lines is piped, unchanged, through
   `newsdigest batch --threads 1 ...` (one process per task, one task per
   executor core). Order: `batch` writes one line per story in input order,
   RDD.pipe keeps a partition's lines in order, and textFile -> pipe -> map
   -> saveAsTextFile are narrow (no shuffle), so part-00000, part-00001, ...
   in partition order are the input order. No index has to be carried and
   sorted on. The job checks, per partition, that as many lines came out as
   stories went in, and fails if not.
4. Exit codes: `batch` exits 1 when some source or story failed (named in the
   output and on stderr; normal on news collections: a page with no article
   text), and 3 when no story of its input got a digest, which a partition
   holding only such stories legitimately gets. Both still write one line per
   story, so they are accepted; any other code (usage error, crash, signal,
   binary not found) fails the task, and with it the job.
5. The one thing that depends on the partitioning is the line number of an
   error line ({"id", "line", "error": "line N: ..."}): `batch` counts the
   lines of its own input. The job turns it back into the line number in the
   whole input (partition start + line). The messages on the executors'
   stderr keep the number within the partition.

Prints stories/s (the passes over the data, not Spark's start) on stderr.
"""

import argparse
import glob
import json
import os
import shlex
import shutil
import sys
import tempfile
import time

from pyspark import SparkConf, SparkContext, SparkFiles

# What Rust's str::trim removes (Unicode White_Space): a line of only these is
# blank to `batch`. Python's str.strip() also removes \x1c-\x1f, so it is not
# used for the count.
RUST_WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)

# Run through /bin/sh so that the accepted exit codes of `batch` (0, 1, 3) can
# be told from the others: RDD.pipe(checkCode=True) fails the task on any
# non-zero code of the command it runs, and this wrapper exits 0 only for
# those three. "$@" is the binary and its arguments.
WRAPPER = '"$@"; c=$?; case $c in 0|1|3) exit 0;; *) echo "newsdigest batch exited with $c" >&2; exit $c;; esac'


def where(name):
    """The command for the shipped binary, as an executor sees it."""
    path = SparkFiles.get(name)
    if os.path.dirname(os.path.relpath(path)) == "":
        return "./" + name  # in the task's working directory: each executor's own copy
    return path  # local mode: the driver's userFiles directory


def count_partition(lines):
    n_lines = n_stories = 0
    for line in lines:
        n_lines += 1
        if line.strip(RUST_WHITESPACE):
            n_stories += 1
    yield (n_lines, n_stories)


def renumber(index, line, start):
    """An error line's line number in the partition -> in the whole input.

    `batch` writes an error line as {"id":ID,"line":L,"error":"line L: ..."}
    (serde, no spaces). The error string is JSON-escaped, so the unescaped
    `,"line":L,"error":"line L: ` can only be found once after ID: the last
    occurrence is the one to replace.
    """
    if not line.endswith('"}'):  # a digest line ends with its "sources" array
        return line
    try:
        value = json.loads(line)
    except ValueError:
        raise RuntimeError(f"partition {index}: newsdigest wrote a line that is not JSON: {line[:200]!r}")
    if not (isinstance(value, dict) and set(value) == {"id", "line", "error"}):
        return line
    local = value["line"]
    old = f',"line":{local},"error":"line {local}: '
    at = line.rfind(old)
    if at < 0:
        raise RuntimeError(f"partition {index}: unexpected error line: {line[:200]!r}")
    new = f',"line":{start + local},"error":"line {start + local}: '
    return line[:at] + new + line[at + len(old) :]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", help="JSON lines, one story per line (a file or a folder of them)")
    ap.add_argument("output", help="the digests, one JSON line per story, in input order")
    ap.add_argument("--bin", required=True, help="the newsdigest binary (shipped to the executors)")
    ap.add_argument("-n", "--cores", type=int, default=2, help="local[N]: executor cores (default 2)")
    ap.add_argument("--master", help="Spark master (default local[N])")
    ap.add_argument("--partitions", type=int, help="input partitions (default: N)")
    ap.add_argument("--threads", type=int, default=1, help="--threads of each batch process (default 1)")
    ap.add_argument("options", nargs=argparse.REMAINDER, help="-- budget options of newsdigest batch")
    args = ap.parse_args()
    options = args.options[1:] if args.options[:1] == ["--"] else args.options
    master = args.master or f"local[{args.cores}]"
    partitions = args.partitions or args.cores

    # The executors' Python is the driver's (the venv with pyspark).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    started = time.perf_counter()
    conf = (
        SparkConf()
        .setMaster(master)
        .setAppName("newsdigest batch")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
    )
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        # 1. Ship the binary; ask an executor where its copy is.
        sc.addFile(os.path.abspath(args.bin))
        name = os.path.basename(args.bin)
        exe = sc.parallelize([name], 1).map(where).first()
        ready = time.perf_counter()

        lines = sc.textFile(os.path.abspath(args.input), minPartitions=partitions)

        # 2. Lines and stories per partition.
        counts = lines.mapPartitions(count_partition).collect()
        starts, total = [], 0
        for n_lines, _ in counts:
            starts.append(total)
            total += n_lines
        expected = [n for _, n in counts]
        counted = time.perf_counter()

        # 3. The pipe.
        command = shlex.join(
            ["/bin/sh", "-c", WRAPPER, "newsdigest", exe, "batch", "--threads", str(args.threads), *options]
        )
        digests = lines.pipe(command, checkCode=True)

        def check(index, out):
            n = 0
            for line in out:
                n += 1
                yield renumber(index, line, starts[index])
            if n != expected[index]:
                raise RuntimeError(
                    f"partition {index}: {expected[index]} stories in, {n} lines out of newsdigest batch"
                )

        out_dir = tempfile.mkdtemp(prefix=".spark_pipe-", dir=os.path.dirname(os.path.abspath(args.output)))
        try:
            parts_dir = os.path.join(out_dir, "parts")
            digests.mapPartitionsWithIndex(check).saveAsTextFile(parts_dir)
            # On a cluster the folder (on HDFS, S3...) is the output; here it
            # becomes one file, its parts in partition order.
            parts = sorted(glob.glob(os.path.join(parts_dir, "part-*")), key=lambda p: int(p.rsplit("-", 1)[1]))
            if len(parts) != len(counts):
                raise RuntimeError(f"{len(counts)} partitions, {len(parts)} part files")
            with open(args.output, "wb") as f:
                for part in parts:
                    with open(part, "rb") as p:
                        shutil.copyfileobj(p, f)
        finally:
            shutil.rmtree(out_dir, ignore_errors=True)
        done = time.perf_counter()
    finally:
        sc.stop()

    stories = sum(expected)
    seconds = done - ready
    print(
        f"spark_pipe.py: {stories} stories, {len(counts)} partitions on {master}, each piped through "
        f"{shlex.join([exe, 'batch', '--threads', str(args.threads), *options])}\n"
        f"spark_pipe.py: {seconds:.2f} s, {stories / seconds:.1f} stories/s (counting pass {counted - ready:.2f} s, "
        f"pipe and write {done - counted:.2f} s; before them, Spark's start and the binary's shipping "
        f"{ready - started:.2f} s)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
