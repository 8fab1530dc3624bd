#!/usr/bin/env python3
"""The seed pipeline's word count, in plain Python: the independent oracle for firecount's
`--tokenizer split` (tests) and the Python peer of bench/compare.

For each line of FILE: json.loads it (blank keep-alives and lines that are not JSON objects are
skipped, as the seed's try/except skipped them); messages without a text (delete, limit, ...)
are skipped; the text is extended_tweet.full_text when present, else full_text, else text. The
seed sent `text + "\\n"` to Spark's socketTextStream, which split it into lines, and the job did
`flatMap(lambda line: line.split(" "))`: so every line of the text is split on single spaces,
empty strings included, and every piece is counted in a Counter.

With --format text every line of FILE is itself a text (what the seed's socket carried).

Prints one JSON object: {"tweets":N,"tokens":N,"distinct":N,"top":[["word",count],...]}, the
top sorted by count descending, then word ascending by UTF-8 bytes. --top 0 prints every word.
"""
import argparse
import json
import sys
from collections import Counter

NOTICES = ("delete", "scrub_geo", "limit", "status_withheld", "user_withheld", "disconnect",
           "warning")


def text_of(message):
    if not isinstance(message, dict) or not message:
        return None
    if next(iter(message)) in NOTICES:
        return None
    ext = message.get("extended_tweet")
    if isinstance(ext, dict) and isinstance(ext.get("full_text"), str):
        return ext["full_text"]
    for key in ("full_text", "text"):
        if isinstance(message.get(key), str):
            return message[key]
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--format", choices=("json", "text"), default="json")
    parser.add_argument("--skip-retweets", action="store_true")
    args = parser.parse_args()

    counter = Counter()
    tweets = tokens = 0
    with open(args.file, "rb") as f:
        for raw in f:
            if raw.endswith(b"\n"):
                raw = raw[:-1]
            if raw.endswith(b"\r"):
                raw = raw[:-1]
            if not raw.strip(b" \t\r"):
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if args.format == "text":
                text = line
            else:
                try:
                    message = json.loads(line)
                except ValueError:
                    continue
                text = text_of(message)
                if text is None:
                    continue
                if args.skip_retweets and isinstance(message.get("retweeted_status"), dict):
                    continue
            tweets += 1
            for text_line in text.split("\n"):
                words = text_line.split(" ")
                tokens += len(words)
                counter.update(words)

    ranked = sorted(counter.items(),
                    key=lambda kv: (-kv[1], kv[0].encode("utf-8", "surrogatepass")))
    if args.top > 0:
        ranked = ranked[:args.top]
    json.dump({"tweets": tweets, "tokens": tokens, "distinct": len(counter),
               "top": [[w, c] for w, c in ranked]}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
