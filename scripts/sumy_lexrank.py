#!/usr/bin/env python3
"""The peer of the benchmark: sumy's LexRank over the same JSON-lines stories.

Reads `newsdigest batch` input on stdin ({"id", "docs": [...]}, one story per
line), summarizes each story (its docs joined) with LexRank to about the same
budget (--max-words), and prints the CPU seconds it took. NLTK's punkt data
cannot be downloaded here, so sumy gets a rule-based sentence splitter and
word tokenizer (regular expressions) instead of NLTK's.
"""

import argparse
import json
import re
import sys
import time

from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
WORD = re.compile(r"\w+(?:[.'’-]\w+)*")


class RuleTokenizer:
    """What sumy needs of a tokenizer, without NLTK data."""

    language = "english"

    def to_sentences(self, paragraph):
        return [s.strip() for s in SENTENCE_END.split(paragraph) if s.strip()]

    def to_words(self, sentence):
        return WORD.findall(sentence)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-words", type=int, default=300)
    args = ap.parse_args()
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = RuleTokenizer()
    stories = [json.loads(line) for line in sys.stdin if line.strip()]
    nbytes = sum(len((d if isinstance(d, str) else d["text"]).encode()) for s in stories for d in s["docs"])
    start = time.process_time()
    for story in stories:
        text = "\n\n".join(d if isinstance(d, str) else d["text"] for d in story["docs"])
        parser = PlaintextParser.from_string(text, tokenizer)
        words = 0
        out = []
        # ~20 words per sentence: ask for enough, keep the best under the budget
        for sentence in summarizer(parser.document, max(1, args.max_words // 20)):
            n = len(sentence.words)
            if words + n <= args.max_words:
                out.append(str(sentence))
                words += n
        print(json.dumps({"id": story.get("id"), "sentences": out}))
    secs = time.process_time() - start
    print(f"sumy LexRank: {len(stories)} stories, {nbytes / 1e6:.2f} MB, {secs:.2f} s CPU, "
          f"{nbytes / 1e6 / secs:.3f} MB/s", file=sys.stderr)


if __name__ == "__main__":
    main()
