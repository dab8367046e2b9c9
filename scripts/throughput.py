#!/usr/bin/env python3
"""One-core throughput of `newsdigest batch`, several builds side by side.

    scripts/throughput.py [--rounds N] [--cpu K] STORIES.jsonl BIN [BIN ...]

Runs `BIN batch --threads 1 --max-words 300 < STORIES.jsonl` N times per
binary (default 21), alternating the binaries and their order every round so
that a slow moment of a shared machine falls on all of them alike, and prints
per binary the median and best CPU time (user + system, of the process alone)
with the MB/s of article text they make. The median is the figure to quote;
the best says what a quiet moment gives. With --cpu K every run is pinned
to CPU K (one core, as the target says): on the 2-core VM of
docs/performance.md, CPU 0 also takes the machine's interrupts, and runs
left to the scheduler were about 10% slower at the median and twice as
spread. Used by scripts/bench.sh for the plain and the PGO build.
"""
import argparse
import json
import os
import statistics
import subprocess


def article_bytes(path):
    total = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                for d in json.loads(line)["docs"]:
                    total += len((d if isinstance(d, str) else d["text"]).encode())
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=21)
    ap.add_argument("--cpu", type=int, help="pin every run to this CPU")
    ap.add_argument("stories")
    ap.add_argument("bins", nargs="+")
    a = ap.parse_args()
    if a.cpu is not None:
        # Inherited by every run started from here.
        os.sched_setaffinity(0, {a.cpu})
    mb = article_bytes(a.stories) / 1e6
    times = {b: [] for b in a.bins}
    for r in range(a.rounds):
        for b in a.bins if r % 2 == 0 else a.bins[::-1]:
            with open(a.stories, "rb") as f, open(os.devnull, "wb") as null:
                p = subprocess.Popen([b, "batch", "--threads", "1", "--max-words", "300"],
                                     stdin=f, stdout=null, stderr=null)
                _, status, ru = os.wait4(p.pid, 0)
                if os.waitstatus_to_exitcode(status) not in (0, 1):
                    raise SystemExit(f"{b} failed with status {status}")
                times[b].append(ru.ru_utime + ru.ru_stime)
    where = f", pinned to CPU {a.cpu}" if a.cpu is not None else ""
    print(f"{a.rounds} alternating runs{where}, {mb:.2f} MB of article text, CPU time of one process:")
    for b in a.bins:
        med, best = statistics.median(times[b]), min(times[b])
        print(f"  {b}: median {med * 1000:.1f} ms ({mb / med:.1f} MB/s), best {best * 1000:.1f} ms ({mb / best:.1f} MB/s)")


if __name__ == "__main__":
    main()
