#!/usr/bin/env python3
"""bench/compare's report: throughput of each peer, firecount/peer ratios, top-K agreement.

Reads RESULTS/timings.tsv (peer, status, seconds, note-or-peak-RSS-KiB) and each peer's stdout in
RESULTS/<peer>.out, prints a table, and exits 1 when a peer failed, a peer's tweet count differs
from the reference's, or two top-K lists differ in any word, count or order.
"""

import argparse
import json
import os
import sys

PEER_LABELS = {
    "firecount": "firecount",
    "seed-python": "seed (Python)",
    "duckdb": "DuckDB SQL",
    "parse-only": "parse-only (1 core)",
    "parse-only-2": "parse-only (2 cores)",
}


def last_json_object(text):
    """The last line of `text` that parses as a JSON object (engines may print several)."""
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                value = json.loads(line)
            except ValueError:
                continue
            if isinstance(value, dict):
                return value
    try:  # a pretty-printed single object
        value = json.loads(text)
        return value if isinstance(value, dict) else None
    except ValueError:
        return None


def as_pairs(entries):
    """[["w", n], ...] or [{"word": "w", "count": n}, ...] as a list of (word, count)."""
    pairs = []
    for entry in entries:
        if isinstance(entry, (list, tuple)) and len(entry) == 2:
            pairs.append((entry[0], int(entry[1])))
        elif isinstance(entry, dict):
            word = next((entry[k] for k in ("word", "token", "key", "w") if k in entry), None)
            count = next((entry[k] for k in ("count", "n", "c") if k in entry), None)
            if word is None or count is None:
                raise ValueError(f"a top entry without word/count: {entry}")
            pairs.append((word, int(count)))
        else:
            raise ValueError(f"a top entry of unknown shape: {entry!r}")
    return pairs


def tweets_of(result):
    """The tweet count a peer reports, wherever its format puts it."""
    for path in (("tweets",), ("counts", "tweet"), ("messages", "tweet"), ("kinds", "tweet"),
                 ("totals", "tweets")):
        value = result
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, int):
            return value
    return None


def top_of(result):
    for key in ("top", "top_words", "words"):
        if isinstance(result.get(key), list):
            return as_pairs(result[key])
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--top", type=int, required=True)
    args = parser.parse_args()

    peers = []
    with open(os.path.join(args.results, "timings.tsv"), encoding="utf-8") as timings:
        for line in timings:
            name, status, seconds, note = (line.rstrip("\n").split("\t") + [""])[:4]
            peer = {"name": name, "status": status, "seconds": float(seconds), "note": note,
                    "tweets": None, "top": None, "rss_kib": None}
            if status == "ok":
                peer["rss_kib"] = int(note) if note.isdigit() else None
                with open(os.path.join(args.results, name + ".out"), encoding="utf-8",
                          errors="replace") as out:
                    text = out.read()
                result = last_json_object(text)
                if result is None:
                    peer["status"] = "failed"
                    peer["note"] = "output is not JSON: " + text[:200].replace("\n", " ")
                else:
                    peer["tweets"] = tweets_of(result)
                    peer["kernel"] = result.get("simdjson")
                    if name == "parse-only-2" and isinstance(result.get("seconds"), float):
                        # The pair's own wall time, both processes started to both done; the
                        # outer time also counts the script's Python step that adds them up.
                        peer["seconds"] = result["seconds"]
                    try:
                        peer["top"] = top_of(result)
                    except ValueError as error:
                        peer["status"], peer["note"] = "failed", str(error)
                    if not name.startswith("parse-only") and peer["top"] is None and peer["status"] == "ok":
                        peer["status"] = "failed"
                        peer["note"] = "no top list in the output: " + text[:200].replace("\n", " ")
            peers.append(peer)

    size = os.path.getsize(args.file)
    ran = [p for p in peers if p["status"] == "ok"]
    reference = next((p for p in ran if p["name"] == "seed-python" and p["tweets"] is not None),
                     next((p for p in ran if p["tweets"] is not None), None))
    expected_tweets = reference["tweets"] if reference else None
    firecount = next((p for p in ran if p["name"] == "firecount"), None)

    print()
    print(f"bench/compare: {args.file}")
    print(f"  {size / 1e6:.1f} MB, {expected_tweets if expected_tweets is not None else '?'} tweets"
          f" ({size / expected_tweets / 1e3:.2f} KB per tweet line incl. notices)"
          if expected_tweets else f"  {size / 1e6:.1f} MB")
    print(f"  threads: {args.threads} for firecount and DuckDB; Python and parse-only use 1,"
          " parse-only (2 cores) two processes")
    print()
    header = f"  {'peer':<22}{'wall s':>9}{'tweets/s':>14}{'MB/s':>9}{'peak RSS':>11}{'firecount/peer':>16}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    failed = False
    for p in peers:
        label = PEER_LABELS.get(p["name"], p["name"])
        if p["status"] == "skipped":
            print(f"  {label:<22}skipped: {p['note']}")
            continue
        if p["status"] != "ok":
            failed = True
            print(f"  {label:<22}FAILED after {p['seconds']:.2f} s: {p['note']}")
            continue
        tweets = p["tweets"] if p["tweets"] is not None else expected_tweets
        rate = tweets / p["seconds"] if tweets and p["seconds"] > 0 else None
        p["rate"] = rate
        ratio = ""
        if firecount and firecount.get("rate") and rate:
            ratio = f"{firecount['rate'] / rate:.2f}x"
        rss = f"{p['rss_kib'] / 1024:.0f} MiB" if p["rss_kib"] else "-"
        print(f"  {label:<22}{p['seconds']:>9.2f}{rate or 0:>14,.0f}{size / p['seconds'] / 1e6:>9.0f}"
              f"{rss:>11}{ratio:>16}")
    # firecount's own row is printed first (it runs first), so ratios above are complete.
    print()
    for p in ran:
        if p.get("kernel"):
            print(f"  {p['name']}: simdjson On-Demand kernel '{p['kernel']}'")
            if p["kernel"] == "fallback":
                print("    (this build has no -march; try cmake -DFIRECOUNT_NATIVE=ON to compare kernels)")

    # Tweet counts.
    for p in ran:
        if expected_tweets is not None and p["tweets"] is not None and p["tweets"] != expected_tweets:
            failed = True
            print(f"  MISMATCH: {p['name']} counted {p['tweets']} tweets, "
                  f"{reference['name']} counted {expected_tweets}")

    # Top-K agreement, against the reference list.
    listed = [p for p in ran if p["top"] is not None]
    if len(listed) < 2:
        print(f"  top-{args.top}: fewer than two peers produced a list; nothing to compare")
    else:
        base = next((p for p in listed if p["name"] == "seed-python"), listed[0])
        disagreements = 0
        for p in listed:
            if p is base:
                continue
            if p["top"] == base["top"]:
                continue
            disagreements += 1
            rank = next((i for i, (a, b) in enumerate(zip(p["top"], base["top"])) if a != b),
                        min(len(p["top"]), len(base["top"])))
            mine = p["top"][rank] if rank < len(p["top"]) else None
            theirs = base["top"][rank] if rank < len(base["top"]) else None
            print(f"  DISAGREE: {p['name']} vs {base['name']} at rank {rank + 1}: "
                  f"{mine!r} vs {theirs!r} (lengths {len(p['top'])} and {len(base['top'])})")
        names = ", ".join(p["name"] for p in listed)
        if disagreements == 0:
            print(f"  top-{args.top}: all {len(listed)} lists agree exactly ({names})")
            head = ", ".join(f"{w!r} {c}" for w, c in base["top"][:5])
            print(f"  first five: {head}")
        else:
            failed = True
    print(f"  outputs kept in {args.results}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
