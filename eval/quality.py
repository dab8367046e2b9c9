#!/usr/bin/env python3
"""Digest quality on Multi-News dev stories: newsdigest against classic
extractive baselines, in one run, on the same stories, with the same scorer
and the same word cut.

Systems
  newsdigest   twice: `newsdigest batch --target-words N` (the same cut: it
               fills to N words like the baselines, the last entry may run
               past N and is cut), and `--max-words N` (a hard limit: no
               entry is ever cut, the digest may end a few words short)
  Lead         round-robin lead: the first sentence of each article in turn,
               then the second sentences, ...
  LexRank      sumy's LexRankSummarizer over all the articles of a story
  TextRank     sumy's TextRankSummarizer, likewise
  Oracle       greedy: add the sentence that most improves ROUGE-2 F against
               the reference, while any does (the ceiling of extraction)

Every system's output is cut to its first N whitespace-separated words in
the same way before scoring. Baselines take the raw article text, split into
sentences by the rule-based splitter below; sumy gets that splitter and a
regex word tokenizer (NLTK data cannot be downloaded). Scores: rouge-score's
ROUGE-1, ROUGE-2 and ROUGE-L with the Porter stemmer, F-measure and recall,
averaged over stories, times 100.

Usage: quality.py --data multinews-dev.jsonl --bin target/release/newsdigest
       [--budgets 300,100] [--out docs/quality.md] [--ablate BIN]
"""

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter

from rouge_score import rouge_scorer, tokenize

# ---------------------------------------------------------------- splitting

# Words that end with a period without ending a sentence.
ABBREVIATIONS = set(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj st jr sr
    rev fr hon pres supt insp det cpl pvt inc corp co ltd llc bros vs etc al
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd rd no nos
    vol fig approx dept est univ assn u.s u.k u.n e.g i.e a.m p.m d.c n.y l.a
    ph.d""".split()
)
BOUNDARY = re.compile(r"""([.!?]+)(["'”’)\]]*)\s+(?=["'“‘(\[]?[A-Z0-9])""")
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def split_sentences(text):
    """Sentences of a text: every line (paragraph) on its own, cut after
    final punctuation followed by a capital or digit, unless the word before
    is an abbreviation or an initial."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        start = 0
        for m in BOUNDARY.finditer(line):
            before = line[start : m.start()].split()
            last = before[-1].lower().strip("\"'“‘(") if before else ""
            if m.group(1) == "." and (last in ABBREVIATIONS or re.fullmatch(r"[a-z]", last)):
                continue
            out.append(line[start : m.end()].strip())
            start = m.end()
        rest = line[start:].strip()
        if rest:
            out.append(rest)
    return out


def words(text):
    return text.split()


def cut(text, n):
    """The first n whitespace-separated words: the same cut for every system."""
    return " ".join(words(text)[:n])


def fill(sentences, n):
    """Sentences in the given order until n words are reached."""
    picked, count = [], 0
    for s in sentences:
        if count >= n:
            break
        picked.append(s)
        count += len(words(s))
    return "\n".join(picked)


# ---------------------------------------------------------------- baselines


def lead(docs, n):
    split = [split_sentences(d) for d in docs]
    order = []
    for i in range(max((len(s) for s in split), default=0)):
        order.extend(s[i] for s in split if i < len(s))
    return fill(order, n)


class RuleTokenizer:
    """The tokenizer object sumy's PlaintextParser takes."""

    language = "english"

    def to_sentences(self, paragraph):
        return split_sentences(paragraph)

    def to_words(self, sentence):
        return WORD.findall(sentence)


def sumy_system(kind):
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = RuleTokenizer()

    def run(docs, n):
        # One line per sentence, articles separated by a blank line.
        text = "\n\n".join("\n".join(split_sentences(d)) for d in docs)
        document = PlaintextParser.from_string(text, tokenizer).document
        ranked = []

        def grab(infos):  # sumy hands the count callable the sentences best first
            ranked.extend(infos)
            return infos

        summarizer(document, grab)
        return fill([str(i.sentence) for i in ranked], n)

    return run


def make_oracle(stem_tokenize):
    """Greedy oracle. Tokens are computed word by word (rouge-score's
    tokenizer never joins two whitespace-separated words), so the cut to n
    words and the bigram counts can be updated incrementally."""
    cache = {}

    def tokens_of(word):
        if word not in cache:
            cache[word] = stem_tokenize(word)
        return cache[word]

    def oracle(docs, n, reference):
        ref_tokens = stem_tokenize(reference)
        ref = Counter(zip(ref_tokens, ref_tokens[1:]))
        ref_total = sum(ref.values())
        sentences = [s for d in docs for s in split_sentences(d)]
        per_word = [[tokens_of(w) for w in words(s)] for s in sentences]
        chosen, cur_tokens, cur_words = [], [], 0
        have, overlap, total = Counter(), 0, 0
        best_f = 0.0
        while cur_words < n and ref_total:
            best = None
            for i, ws in enumerate(per_word):
                if i in chosen:
                    continue
                new = [t for w in ws[: n - cur_words] for t in w]
                if not new:
                    continue
                added = list(zip(new, new[1:]))
                if cur_tokens:
                    added.append((cur_tokens[-1], new[0]))
                extra, gain = Counter(), 0
                for g in added:
                    if have[g] + extra[g] < ref[g]:
                        gain += 1
                    extra[g] += 1
                o, t = overlap + gain, total + len(added)
                if not o or not t:
                    continue
                p, r = o / t, o / ref_total
                f = 2 * p * r / (p + r)
                if f > best_f + 1e-12:
                    best_f, best, best_state = f, i, (new, added, o, t)
            if best is None:
                break
            new, added, overlap, total = best_state
            chosen.append(best)
            cur_tokens += new
            have.update(added)
            cur_words += min(len(per_word[best]), n - cur_words)
        return "\n".join(sentences[i] for i in chosen)

    return oracle


# ---------------------------------------------------------------- ours


# How newsdigest is told the word budget N: the same cut as the baselines
# (fill to N, then cut), or its hard limit.
SAME_CUT, HARD = "--target-words", "--max-words"


def run_batch(command, stories, n, flag=SAME_CUT, options=()):
    """Runs a newsdigest-compatible batch command with the budget `flag N`
    and then `options`; returns (texts, seconds)."""
    payload = "".join(json.dumps({"id": s["id"], "docs": s["docs"]}) + "\n" for s in stories)
    start = time.perf_counter()
    done = subprocess.run(
        command + [flag, str(n)] + list(options), input=payload.encode(), capture_output=True, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    texts = []
    for line in done.stdout.decode().splitlines():
        d = json.loads(line)
        texts.append("\n".join(e["text"] for e in d.get("sentences", [])))
    if len(texts) != len(stories):
        sys.exit(f"{' '.join(command)}: {len(texts)} digests for {len(stories)} stories")
    return texts, seconds


# ---------------------------------------------------------------- scoring

METRICS = ("rouge1", "rouge2", "rougeL")


def score_all(scorer, texts, stories, n):
    rows = []
    for text, story in zip(texts, stories):
        s = scorer.score(story["summary"], cut(text, n))
        row = {m: (s[m].fmeasure * 100, s[m].recall * 100) for m in METRICS}
        row["words"] = len(words(text))  # before the cut
        rows.append(row)
    return rows


def mean(rows, metric, which):
    return sum(r[metric][which] for r in rows) / max(len(rows), 1)


def wins(ours, theirs, metric):
    w = l = t = 0
    for a, b in zip(ours, theirs):
        x, y = a[metric][0], b[metric][0]
        if abs(x - y) < 1e-9:
            t += 1
        elif x > y:
            w += 1
        else:
            l += 1
    return w, l, t


def table(ours, others, n, count):
    """`ours`: newsdigest's rows (same cut first, then hard limit); `others`:
    the baselines and the oracle; each (name, rows, seconds)."""
    lines = [
        f"#### {n} words ({count} stories)",
        "",
        "| system | R-1 F | R-2 F | R-L F | R-1 R | R-2 R | R-L R | words before the cut | seconds |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, rows, seconds in ours + others:
        f = [mean(rows, m, 0) for m in METRICS]
        r = [mean(rows, m, 1) for m in METRICS]
        w = sum(row["words"] for row in rows) / max(len(rows), 1)
        lines.append(f"| {name} | " + " | ".join(f"{x:.2f}" for x in f + r) + f" | {w:.1f} | {seconds:.1f} |")
    lines += [
        "",
        "newsdigest against each system, story by story (F-measure; wins / losses / ties):",
        "",
        "| against | " + " | ".join(f"{name.split(' (')[0][len('newsdigest, '):]}, R-{k}" for name, _, _ in ours for k in (1, 2)) + " |",
        "| --- | " + " | ".join("---" for _ in ours for k in (1, 2)) + " |",
    ]
    for name, rows, _ in others:
        cells = ["{} / {} / {}".format(*wins(mine, rows, m)) for _, mine, _ in ours for m in ("rouge1", "rouge2")]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def halves(rows, base, metric):
    """The mean difference `rows - base` on the first and on the second half
    of the stories: a change that helps on both is less likely noise."""
    k = len(rows) // 2
    d = [a[metric][0] - b[metric][0] for a, b in zip(rows, base)]
    return sum(d[:k]) / max(k, 1), sum(d[k:]) / max(len(d) - k, 1)


def replace_between(path, marker, body):
    begin, end = f"<!-- begin {marker} -->", f"<!-- end {marker} -->"
    try:
        doc = open(path, encoding="utf8").read()
    except FileNotFoundError:
        doc = ""
    block = f"{begin}\n{body}\n{end}"
    if begin in doc and end in doc:
        doc = doc[: doc.index(begin)] + block + doc[doc.index(end) + len(end) :]
    else:
        doc = doc + ("\n" if doc else "") + block + "\n"
    open(path, "w", encoding="utf8").write(doc)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--bin", required=True, help="the newsdigest binary")
    ap.add_argument("--budgets", default="300,100")
    ap.add_argument("--out", help="markdown file whose results section is rewritten")
    ap.add_argument("--limit", type=int, help="only the first N stories (quick checks)")
    ap.add_argument("--only-ours", action="store_true", help="skip the baselines")
    ap.add_argument("--ablate", help="an eval-digest binary: also run the ablations in eval/ablations.txt")
    ap.add_argument("--ablations", help="file of ablations (name<TAB>--set options)")
    args = ap.parse_args()

    stories = [json.loads(l) for l in open(args.data, encoding="utf8") if l.strip()]
    if args.limit:
        stories = stories[: args.limit]
    budgets = [int(b) for b in args.budgets.split(",")]
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    stem_tokenize = lambda text: tokenize.tokenize(text, scorer._tokenizer._stemmer)  # noqa: E731

    systems = []
    if not args.only_ours:
        systems = [
            ("Lead (round-robin)", lead),
            ("LexRank (sumy)", sumy_system("lexrank")),
            ("TextRank (sumy)", sumy_system("textrank")),
        ]
    oracle = make_oracle(stem_tokenize)

    sections = []
    for n in budgets:
        ours = []
        for name, flag in (("newsdigest, same cut", SAME_CUT), ("newsdigest, hard limit", HARD)):
            texts, seconds = run_batch([args.bin, "batch"], stories, n, flag)
            ours.append((f"{name} (`{flag} {n}`)", score_all(scorer, texts, stories, n), seconds))
        results = []
        for name, fn in systems:
            start = time.perf_counter()
            out = [fn(s["docs"], n) for s in stories]
            results.append((name, score_all(scorer, out, stories, n), time.perf_counter() - start))
        if not args.only_ours:
            start = time.perf_counter()
            out = [oracle(s["docs"], n, s["summary"]) for s in stories]
            results.append(("Oracle (greedy R-2)", score_all(scorer, out, stories, n), time.perf_counter() - start))
        text = table(ours, results, n, len(stories))
        print(text + "\n", flush=True)
        sections.append(text)

    if args.out and not args.only_ours and not args.limit:
        replace_between(args.out, "results", "\n\n".join(sections))

    if args.ablate:
        # Every variant with the same cut; the first line of the file is the
        # defaults, which the halves columns compare against.
        k = len(stories) // 2
        lines = [
            "| variant | "
            + " | ".join(f"R-1 F @{n} | R-2 F @{n}" for n in budgets)
            + " | "
            + " | ".join(f"change @{n}, stories 1-{k} / {k + 1}-{len(stories)}" for n in budgets)
            + " |",
            "| --- | " + " | ".join("---: | ---:" for _ in budgets) + " | " + " | ".join("---" for _ in budgets) + " |",
        ]
        base = {}
        for line in open(args.ablations, encoding="utf8"):
            if not line.strip() or line.startswith("#"):
                continue
            name, _, options = line.rstrip("\n").partition("\t")
            cells, changes = [], []
            for n in budgets:
                texts, _ = run_batch([args.ablate], stories, n, SAME_CUT, options.split())
                rows = score_all(scorer, texts, stories, n)
                base.setdefault(n, rows)
                cells += [f"{mean(rows, 'rouge1', 0):.2f}", f"{mean(rows, 'rouge2', 0):.2f}"]
                if rows is base[n]:
                    changes.append("")
                else:
                    (a1, b1), (a2, b2) = halves(rows, base[n], "rouge1"), halves(rows, base[n], "rouge2")
                    changes.append(f"R-1 {a1:+.2f} / {b1:+.2f}, R-2 {a2:+.2f} / {b2:+.2f}")
            row = f"| {name} | " + " | ".join(cells + changes) + " |"
            print(row, flush=True)
            lines.append(row)
        if args.out and not args.limit:
            replace_between(args.out, "ablations", "\n".join(lines))


if __name__ == "__main__":
    main()
