#!/usr/bin/env python3
"""Runs `newsdigest batch` over JSON lines sharded across N processes.

    scripts/shard.py -n 4 -- target/release/newsdigest batch --max-words 300 < in.jsonl > out.jsonl

Story k goes to process k mod N; since every process writes exactly one line
per story, in order, the outputs are read back in the same turn and come out
in input order. This is what Spark's RDD.pipe or Ray Data's map_batches with
a subprocess do per partition, at the scale of one machine: the same
JSON-lines interface, no shared state between shards. (scripts/spark_pipe.py
is the same on Spark.)

An error line ({"id", "line", "error": "line L: ..."}) numbers the line in
its own process's input; it is given back its line number in the whole
input, so that the output is byte for byte that of one `newsdigest batch`.
"""

import argparse
import collections
import json
import subprocess
import sys
import threading

# What Rust's str::trim removes: a line of only these is blank to `batch`,
# which skips it without an output line.
RUST_WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def blank(line):
    try:
        return not line.decode("utf-8").strip(RUST_WHITESPACE)
    except UnicodeDecodeError:
        return False


def renumber(line, number):
    """An error line's number in its process's input -> `number`, the one in
    the whole input. The error string is JSON-escaped, so the unescaped
    `,"line":L,"error":"line L: ` occurs once after the id: the last one."""
    if not line.endswith(b'"}\n'):  # a digest line ends with its "sources" array
        return line
    value = json.loads(line)
    if not (isinstance(value, dict) and set(value) == {"id", "line", "error"}):
        return line
    local = value["line"]
    old = f',"line":{local},"error":"line {local}: '.encode()
    at = line.rfind(old)
    new = f',"line":{number},"error":"line {number}: '.encode()
    return line[:at] + new + line[at + len(old) :]


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
    # The input line numbers of the stories each process was given, in order.
    numbers = [collections.deque() for _ in procs]

    def feed():
        k = 0
        for number, line in enumerate(sys.stdin.buffer, 1):
            if blank(line):
                continue
            if not line.endswith(b"\n"):
                line += b"\n"
            numbers[k % args.n].append(number)
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
        out.write(renumber(line, numbers[k % args.n].popleft()))
        k += 1
    writer.join()
    codes = [p.wait() for p in procs]
    out.flush()
    print(f"shard.py: {k} stories through {args.n} processes, exit codes {codes}", file=sys.stderr)
    sys.exit(max(codes))


if __name__ == "__main__":
    main()
