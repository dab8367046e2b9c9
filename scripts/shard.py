#!/usr/bin/env python3
"""Runs `newsdigest batch` over JSON lines sharded across N processes.

    scripts/shard.py -n 4 -- target/release/newsdigest batch --max-words 300 < in.jsonl > out.jsonl

Line k goes to process k mod N; since every process writes exactly one line
per story, in order, the outputs are read back in the same turn and come out
in input order. This is what Spark's RDD.pipe or Ray Data's map_batches with
a subprocess do per partition, at the scale of one machine: the same
JSON-lines interface, no shared state between shards.
"""

import argparse
import subprocess
import sys
import threading


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=2, help="number of processes")
    ap.add_argument("command", nargs=argparse.REMAINDER, help="-- newsdigest batch [options]")
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    procs = [
        subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=1 << 16)
        for _ in range(args.n)
    ]
    count = [0]

    def feed():
        k = 0
        for line in sys.stdin.buffer:
            if not line.strip():
                continue
            if not line.endswith(b"\n"):
                line += b"\n"
            stdin = procs[k % args.n].stdin
            stdin.write(line)
            stdin.flush()  # a line held in a buffer could stall the turn
            k += 1
        count[0] = k
        for p in procs:
            p.stdin.close()

    writer = threading.Thread(target=feed)
    writer.start()
    out = sys.stdout.buffer
    k = 0
    while True:
        line = procs[k % args.n].stdout.readline()
        if not line:
            break
        out.write(line)
        k += 1
    writer.join()
    codes = [p.wait() for p in procs]
    out.flush()
    print(f"shard.py: {k} stories through {args.n} processes, exit codes {codes}", file=sys.stderr)
    sys.exit(max(codes))


if __name__ == "__main__":
    main()
