#!/usr/bin/env python3
"""Regenerates src/lang/stopwords/<code>.txt, the stop word lists of src/lang.

Sources (both fetched with `pip download`, pinned and checked by SHA-256):

* Whoosh 2.7.4 (PyPI, two-clause BSD), module whoosh/lang/stopwords.py. It
  bundles the Snowball stop word lists (snowballstem.org, BSD licence) as
  shipped by PostgreSQL in src/backend/snowball/stopwords/. Used for every
  language except Romanian, for which Snowball has no stop list.
  A few words are added where a list has a gap (ADDED, noted in the header).
* stopwordsiso 0.7.1 (PyPI, MIT), file stopwordsiso/stopwords-iso.json, the
  stopwords-iso collection. Used for Romanian only. Its Romanian list spells
  s/t with cedilla (ş ţ); the comma-below forms (ș ț) that current Romanian
  text uses are added, and a few content words are left out (EXCLUDED).

The Python modules are never imported or executed: the Whoosh module is read
with `ast` and the JSON with `json`.

Usage:
    python3 scripts/stopwords.py                 # downloads the two wheels
    python3 scripts/stopwords.py --wheels DIR    # uses wheels already in DIR
"""

import argparse
import ast
import hashlib
import json
import pathlib
import subprocess
import sys
import tempfile
import zipfile

WHOOSH = ("whoosh", "2.7.4", "Whoosh-2.7.4-py2.py3-none-any.whl",
          "aa39c3c3426e3fd107dcb4bde64ca1e276a65a889d9085a6e4b54ba82420a852")
ISO = ("stopwordsiso", "0.7.1", "stopwordsiso-0.7.1-py3-none-any.whl",
       "e23edcffca952f98cd26f54a5c56f93b2fa435c88d3ee60f3beffb4c44279380")

# Our code -> (English name, Whoosh key). Norwegian is Bokmål: our code "nb",
# Whoosh/Snowball call it "no".
SNOWBALL = {
    "en": ("English", "en"),
    "es": ("Spanish", "es"),
    "fr": ("French", "fr"),
    "de": ("German", "de"),
    "it": ("Italian", "it"),
    "pt": ("Portuguese", "pt"),
    "nl": ("Dutch", "nl"),
    "sv": ("Swedish", "sv"),
    "nb": ("Norwegian (Bokmål)", "no"),
    "da": ("Danish", "da"),
    "fi": ("Finnish", "fi"),
    "ru": ("Russian", "ru"),
    "hu": ("Hungarian", "hu"),
    "tr": ("Turkish", "tr"),
}

# Words the Snowball lists lack that news text needs dropped: the French list
# has le/la/des/au/aux but, famously, not "les" (nor cet/cette).
ADDED = {
    "fr": ["les", "cet", "cette"],
}

# Content words in the stopwords-iso Romanian list that a news digest wants to
# keep as terms (beautiful, beer mug, luck, thanks, time, weather, day, ...).
EXCLUDED_RO = {
    "frumos", "halbă", "noroc", "mulţumesc", "bucur", "caut", "spate",
    "nevoie", "timp", "vreme", "zi", "drept", "departe",
}

OUT = pathlib.Path(__file__).resolve().parent.parent / "src" / "lang" / "stopwords"


def fetch(wheels: pathlib.Path, spec) -> pathlib.Path:
    name, version, filename, sha = spec
    path = wheels / filename
    if not path.exists():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps",
             "--only-binary", ":all:", "-d", str(wheels), f"{name}=={version}"],
            check=True,
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha:
        sys.exit(f"{filename}: sha256 {digest}, expected {sha}")
    return path


def whoosh_lists(wheel: pathlib.Path) -> dict:
    with zipfile.ZipFile(wheel) as z:
        source = z.read("whoosh/lang/stopwords.py").decode("utf-8")
    lists = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                # frozenset("""...""".split())
                text = value.args[0].func.value.value
                lists[key.value] = text.split()
    return lists


def iso_romanian(wheel: pathlib.Path) -> list:
    with zipfile.ZipFile(wheel) as z:
        data = json.loads(z.read("stopwordsiso/stopwords-iso.json").decode("utf-8"))
    words = []
    for word in data["ro"]:
        if word in EXCLUDED_RO or word.endswith("-"):
            continue
        words.append(word)
        comma = word.replace("ş", "ș").replace("ţ", "ț")
        if comma != word:
            words.append(comma)
    return words


def dedup(words) -> list:
    seen, out = set(), []
    for w in words:
        w = w.strip().lower()
        if w and w not in seen:
            seen.add(w)
            out.append(w)
    return out


def write(code: str, header: list, words: list) -> None:
    lines = [f"# {h}" if h else "#" for h in header]
    lines += dedup(words)
    (OUT / f"{code}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{code}: {len(dedup(words))} words")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheels", type=pathlib.Path,
                        help="directory holding (or receiving) the wheels")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheels = args.wheels or pathlib.Path(tmp)
        wheels.mkdir(parents=True, exist_ok=True)
        snowball = whoosh_lists(fetch(wheels, WHOOSH))
        romanian = iso_romanian(fetch(wheels, ISO))
    OUT.mkdir(parents=True, exist_ok=True)
    for code, (name, key) in SNOWBALL.items():
        write(code, [
            f"{name} stop words: the Snowball stop list (https://snowballstem.org/),",
            "as bundled in Whoosh 2.7.4 (PyPI, whoosh/lang/stopwords.py, taken from",
            "PostgreSQL src/backend/snowball/stopwords).",
            "Licence: BSD (Snowball: 3-clause BSD; Whoosh: 2-clause BSD).",
            "Generated by scripts/stopwords.py; do not edit by hand.",
        ] + ([f"Added to the Snowball list: {' '.join(ADDED[code])}."] if code in ADDED else []),
            snowball[key] + ADDED.get(code, []))
    write("ro", [
        "Romanian stop words: the stopwords-iso list (https://github.com/stopwords-iso),",
        "as bundled in stopwordsiso 0.7.1 (PyPI, stopwordsiso/stopwords-iso.json);",
        "Snowball has no Romanian stop list. Comma-below variants (ș ț) of the",
        "cedilla spellings (ş ţ) added; a few content words left out.",
        "Licence: MIT (stopwords-iso).",
        "Generated by scripts/stopwords.py; do not edit by hand.",
    ], romanian)


if __name__ == "__main__":
    main()
