#!/usr/bin/env python3
"""Counts digest sentences that carry page furniture (photo captions and
credits, video player text, newsletter and subscription prompts, share and
comment widgets, archive notices, ads) in the digests of the Multi-News dev
stories. Not part of `make test`.

Usage: eval/junk.py BIN [--max-words 300] [--data FILE] [--show N]

The patterns are deliberately broader than the cleaning rules: a hit is a
sentence to look at, not a proof of junk (see docs/quality.md).
"""
import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter

PATTERNS = {
    "caption": r"\bhide caption\b|\bcaption\s+\d+\s+of\s+\d+|\bphotos?:\s|\(photo:|\bphoto credit\b|\bimage (credit|source|copyright)\b|\bpicture:|\bgetty images\b|\b(ap|afp|reuters) photo\b",
    "video": r"\bjust watched\b|\breplay more videos\b|\bmore videos\b|\bmust watch\b|\bembed more news videos\b|\bwatch the (full )?video\b|\bvideo (above|below)\b|\bautoplay\b|\bnow playing\b",
    "newsletter": r"\bnewsletters?\b|\bsign up\b|\bsubscribe\b|\bsubscription\b|\binbox\b",
    "share": r"\bshare (this|on)\b|\btweet this\b|\bemail this\b|\bcomments?\b.{0,20}\b(post|leave|add|view|show)\b|\b(post|leave|add|view|show)\b.{0,20}\bcomments?\b",
    "archive": r"wayback machine|broken links on the web|internet archive|alexa internet|archive-it|crawl",
    "ad": r"\badvertisement\b|\bsponsored\b|\bad choices\b",
    "click": r"\bclick here\b|\bread more\b|\bcontinue reading\b|\bread the full\b|\bmore on this\b|\brelated:|\bstory continues\b",
}
RES = {k: re.compile(v, re.I) for k, v in PATTERNS.items()}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--max-words", type=int, default=300)
    ap.add_argument("--data", default=os.path.join(os.environ.get("NEWSDIGEST_DATA", os.path.join(here, "../../shared/data")), "multinews-dev.jsonl"))
    ap.add_argument("--show", type=int, default=0, help="print up to N hits per pattern")
    args = ap.parse_args()
    if not os.path.exists(args.data):
        print(f"junk: {args.data} not found; skipping", file=sys.stderr)
        return
    with open(args.data) as f:
        stories = [json.loads(l) for l in f if l.strip()]
    payload = "".join(json.dumps({"id": s["id"], "docs": s["docs"]}) + "\n" for s in stories)
    done = subprocess.run([args.bin, "batch", "--max-words", str(args.max_words)], input=payload,
                          capture_output=True, text=True, check=False)
    # 1: some story had an unusable source, reported in its digest line
    if done.returncode not in (0, 1):
        sys.exit(f"{args.bin} failed ({done.returncode}): {done.stderr[-2000:]}")
    out = done.stdout
    counts, shown, total, words = Counter(), Counter(), 0, 0
    junk_sentences = empty = 0
    for line in out.splitlines():
        d = json.loads(line)
        empty += not d.get("sentences")
        for s in d.get("sentences", []):
            total += 1
            words += len(s["text"].split())
            hit = False
            for k, r in RES.items():
                if r.search(s["text"]):
                    counts[k] += 1
                    hit = True
                    if shown[k] < args.show:
                        shown[k] += 1
                        print(f"[{k}] {d['id']}: {s['text'][:300]!r}")
            junk_sentences += hit
    print(f"stories {len(stories)}  sentences {total}  words {words}  sentences with a junk pattern {junk_sentences}  empty digests {empty}")
    for k in PATTERNS:
        print(f"  {k:<11} {counts[k]}")


if __name__ == "__main__":
    main()
