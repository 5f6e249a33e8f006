#!/usr/bin/env python3
"""Validate tests/eval/queries.jsonl against the TMDB 5000 catalogue.

Usage:
    python3 tests/eval/check_queries.py [--queries FILE] [--data-dir DIR] [--quiet]

DIR holds tmdb_5000_movies.csv and tmdb_5000_people_derived.csv. It defaults to
$CINEATLAS_TMDB_DIR, else ../shared/data/tmdb (beside the project).

Exit code 0 = valid, 1 = at least one error, 2 = catalogue or query file not found.
Standard library only.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = os.environ.get("CINEATLAS_TMDB_DIR", str(Path(__file__).resolve().parents[2].parent / "shared" / "data" / "tmdb"))

KINDS = {"short", "description", "vague_memory", "like_but", "people", "keyword"}
# Minimum number of queries per kind (the brief's rough counts, minus a little slack).
MIN_PER_KIND = {"short": 18, "description": 18, "vague_memory": 18, "like_but": 10, "people": 7, "keyword": 5}
MIN_TOTAL = 80
REQUIRED = {"id": str, "query": str, "target": int, "target_title": str, "kind": str}
OPTIONAL = {"like": int, "ambiguous": bool, "person": list}
# Word-count limits per kind (inclusive).
WORD_LIMITS = {"short": (2, 8), "description": (8, 60), "vague_memory": (60, 300),
               "like_but": (4, 30), "people": (4, 30), "keyword": (1, 2)}
VAGUE_LONG = 200          # at least VAGUE_LONG_MIN vague memories must exceed this many words
VAGUE_LONG_MIN = 5
NGRAM_FAIL = 6            # sharing a 6-word run with the overview/tagline = copied text
NGRAM_WARN = 5


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())


def longest_shared_run(a: list[str], b: list[str]) -> int:
    """Length of the longest common contiguous word sequence."""
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best = cur[j]
        prev = cur
    return best


def wordpiece_counts(texts: list[str]) -> list[int] | None:
    """Token counts with the project's MiniLM tokenizer, if the optional `tokenizers`
    package and models/all-MiniLM-L6-v2/tokenizer.json are available; else None."""
    path = HERE.parent.parent / "models" / "all-MiniLM-L6-v2" / "tokenizer.json"
    try:
        from tokenizers import Tokenizer  # type: ignore
        tk = Tokenizer.from_file(str(path))
        tk.no_truncation()
    except Exception:
        return None
    return [len(tk.encode(t).ids) for t in texts]


def norm_title(t: str) -> str:
    return " ".join(words(t))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--queries", default=str(HERE / "queries.jsonl"))
    ap.add_argument("--data-dir", default=DEFAULT_DATA)
    ap.add_argument("--quiet", action="store_true", help="print errors and the summary only")
    args = ap.parse_args()

    data = Path(args.data_dir)
    movies_csv = data / "tmdb_5000_movies.csv"
    people_csv = data / "tmdb_5000_people_derived.csv"
    if not movies_csv.is_file():
        print(f"catalogue not found: {movies_csv} (set --data-dir or CINEATLAS_TMDB_DIR)", file=sys.stderr)
        return 2
    qpath = Path(args.queries)
    if not qpath.is_file():
        print(f"query file not found: {qpath}", file=sys.stderr)
        return 2

    with movies_csv.open(newline="", encoding="utf-8") as f:
        movies = {int(r["id"]): r for r in csv.DictReader(f)}
    people: dict[int, dict] = {}
    if people_csv.is_file():
        with people_csv.open(newline="", encoding="utf-8") as f:
            people = {int(r["movie_id"]): r for r in csv.DictReader(f)}
    pop_rank = {mid: i + 1 for i, mid in enumerate(
        sorted(movies, key=lambda m: -float(movies[m]["popularity"] or 0)))}

    errors: list[str] = []
    warnings: list[str] = []
    queries: list[dict] = []

    for n, line in enumerate(qpath.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: invalid JSON ({e})")
            continue
        if not isinstance(q, dict):
            errors.append(f"line {n}: not a JSON object")
            continue
        q["_line"] = n
        queries.append(q)

    ids = Counter(q.get("id") for q in queries)
    for qid, c in ids.items():
        if c > 1:
            errors.append(f"duplicate query id {qid!r} ({c}x)")
    texts = Counter((q.get("query") or "").strip().lower() for q in queries)
    for t, c in texts.items():
        if c > 1:
            errors.append(f"duplicate query text ({c}x): {t[:60]!r}")

    for q in queries:
        where = f"{q.get('id', '?')} (line {q['_line']})"
        bad = False
        for k, typ in REQUIRED.items():
            v = q.get(k)
            if not isinstance(v, typ) or isinstance(v, bool) != (typ is bool):
                errors.append(f"{where}: field {k!r} missing or not {typ.__name__}")
                bad = True
        for k, v in q.items():
            if k.startswith("_") or k in REQUIRED:
                continue
            if k not in OPTIONAL:
                errors.append(f"{where}: unknown field {k!r}")
            elif not isinstance(v, OPTIONAL[k]) or (OPTIONAL[k] is int and isinstance(v, bool)):
                errors.append(f"{where}: field {k!r} must be {OPTIONAL[k].__name__}")
        if bad:
            continue
        if not re.fullmatch(r"q\d{3,}", q["id"]):
            errors.append(f"{where}: id should look like q001")
        kind = q["kind"]
        if kind not in KINDS:
            errors.append(f"{where}: unknown kind {kind!r}")
            continue

        m = movies.get(q["target"])
        if m is None:
            errors.append(f"{where}: target id {q['target']} not in catalogue")
            continue
        if m["title"] != q["target_title"]:
            errors.append(f"{where}: target_title {q['target_title']!r} != catalogue title {m['title']!r}")

        # kind-specific fields
        if kind == "like_but":
            like = q.get("like")
            if like is None:
                errors.append(f"{where}: like_but needs 'like'")
            elif like not in movies:
                errors.append(f"{where}: like id {like} not in catalogue")
            elif like == q["target"]:
                errors.append(f"{where}: like id equals target")
            elif not q["query"].lower().startswith("like "):
                errors.append(f"{where}: like_but query should start with 'like '")
            else:
                lt = norm_title(movies[like]["title"])
                if lt not in norm_title(q["query"]):
                    errors.append(f"{where}: query does not name the 'like' movie {movies[like]['title']!r}")
        elif "like" in q:
            errors.append(f"{where}: 'like' is only for like_but")
        if kind == "keyword" and q.get("ambiguous") is not True:
            errors.append(f"{where}: keyword queries must set ambiguous: true")
        if "person" in q:
            if kind != "people":
                errors.append(f"{where}: 'person' is only for people queries")
            credits = people.get(q["target"], {})
            credited = {p.strip().lower() for col in ("directors", "top_cast")
                        for p in (credits.get(col) or "").split("|") if p.strip()}
            for name in q["person"]:
                if people and name.lower() not in credited:
                    errors.append(f"{where}: person {name!r} not credited on target in people file")
                if name.lower() not in q["query"].lower():
                    errors.append(f"{where}: person {name!r} not named in the query")
        elif kind == "people":
            warnings.append(f"{where}: people query without 'person' list")

        # word count
        wc = len(q["query"].split())
        lo, hi = WORD_LIMITS[kind]
        if not lo <= wc <= hi:
            errors.append(f"{where}: {kind} has {wc} words (allowed {lo}-{hi})")

        # own words: no long verbatim runs from the overview / tagline
        if kind in ("short", "description", "vague_memory"):
            qw = words(q["query"])
            run = max(longest_shared_run(qw, words(m["overview"])),
                      longest_shared_run(qw, words(m["tagline"])))
            if run >= NGRAM_FAIL:
                errors.append(f"{where}: shares a {run}-word run with the TMDB overview/tagline")
            elif run >= NGRAM_WARN:
                warnings.append(f"{where}: shares a {run}-word run with the TMDB overview/tagline")
        # description must not give the title away
        if kind == "description":
            t = norm_title(m["title"])
            if re.search(rf"\b{re.escape(t)}\b", norm_title(q["query"])):
                errors.append(f"{where}: description contains the title {m['title']!r}")

    # ---------------- summary ----------------
    valid = [q for q in queries if q.get("kind") in KINDS and isinstance(q.get("target"), int)
             and q["target"] in movies and isinstance(q.get("query"), str)]
    per_kind = Counter(q["kind"] for q in valid)
    for k, lo in MIN_PER_KIND.items():
        if per_kind[k] < lo:
            errors.append(f"kind {k}: {per_kind[k]} queries (need >= {lo})")
    if len(queries) < MIN_TOTAL:
        errors.append(f"{len(queries)} queries (need >= {MIN_TOTAL})")
    vague = [len(q["query"].split()) for q in valid if q["kind"] == "vague_memory"]
    n_long = sum(w > VAGUE_LONG for w in vague)
    if n_long < VAGUE_LONG_MIN:
        errors.append(f"only {n_long} vague memories over {VAGUE_LONG} words (need >= {VAGUE_LONG_MIN})")
    targets = Counter(q["target"] for q in valid)
    for t, c in targets.items():
        if c > 1:
            warnings.append(f"target {t} ({movies[t]['title']}) used by {c} queries")

    print(f"queries: {len(queries)}  unique targets: {len(targets)}")
    print("per kind: " + ", ".join(f"{k}={per_kind[k]}" for k in
                                  ["short", "description", "vague_memory", "like_but", "people", "keyword"]))
    print("words per kind (min/median/max):")
    for k in ["short", "description", "vague_memory", "like_but", "people", "keyword"]:
        w = [len(q["query"].split()) for q in valid if q["kind"] == k]
        if w:
            print(f"  {k:13s} {min(w):4d} {statistics.median(w):6.1f} {max(w):4d}")
    if vague:
        print(f"vague memories over {VAGUE_LONG} words: {n_long}")
        wp = wordpiece_counts([q["query"] for q in valid if q["kind"] == "vague_memory"])
        if wp:
            print(f"vague memories over 256 MiniLM word pieces (incl. [CLS]/[SEP]): "
                  f"{sum(n > 256 for n in wp)} (max {max(wp)})")
    if not args.quiet and targets:
        decades = Counter(f"{movies[t]['release_date'][:3]}0s" for t in targets)
        print("target decades: " + ", ".join(f"{d}={c}" for d, c in sorted(decades.items())))
        genres = Counter(g["name"] for t in targets for g in json.loads(movies[t]["genres"])[:1])
        print("target first genres: " + ", ".join(f"{g}={c}" for g, c in genres.most_common()))
        ranks = sorted(pop_rank[t] for t in targets)
        lower_half = sum(r > len(movies) // 2 for r in ranks)
        low_votes = sum(int(movies[t]["vote_count"]) < 300 for t in targets)
        print(f"target popularity rank (1 = most popular of {len(movies)}): median {statistics.median(ranks):.0f}; "
              f"in the less popular half: {lower_half}/{len(ranks)}; vote_count < 300: {low_votes}/{len(ranks)}")
        amb = sum(q.get("ambiguous") is True for q in valid)
        print(f"flagged ambiguous: {amb}")
    for w in warnings if not args.quiet else []:
        print("warning: " + w)
    for e in errors:
        print("ERROR: " + e)
    print("OK" if not errors else f"FAILED ({len(errors)} errors)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
