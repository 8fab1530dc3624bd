#!/usr/bin/python3
"""Independent reference implementation of firecount's `--tokenizer words` (docs/tokenizer.md).

Written straight from the spec with PyICU (Debian package python3-icu; run it with /usr/bin/python3,
the interpreter that package installs for), sharing no code or tables with the C++ tokenizer.
tests/core/words_reference_test.cc compares the two token for token.

Input: JSON lines on stdin, each a JSON string (one text). Output: one JSON line per input line,
the array of its tokens. Option --stopwords FILE drops the words listed in FILE (one per line,
stripped of White_Space, normalized with NFKC_Casefold).
"""

import json
import re
import sys

import icu

WHITE_SPACE = icu.UnicodeSet("[:White_Space:]")
EXTENDED_PICTOGRAPHIC = icu.UnicodeSet("[:Extended_Pictographic:]")
REGIONAL_INDICATOR = icu.UnicodeSet("[:Regional_Indicator:]")
NORMALIZER = icu.Normalizer2.getNFKCCasefoldInstance()


def white_space_class():
    """A regex character class body listing every White_Space code point."""
    return "".join(re.escape(str(ch)) for ch in WHITE_SPACE)


# Rule 2: "http://" or "https://", ASCII case-insensitive (no re.IGNORECASE: it would also match
# U+017F LONG S for "s"), up to the next White_Space character.
URL = re.compile("[hH][tT][tT][pP][sS]?://[^" + white_space_class() + "]*")


def segments(text):
    """(segment, is_word) pairs of ICU's root word break iterator over `text`."""
    ustr = icu.UnicodeString(text)
    breaker = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    breaker.setText(ustr)
    out = []
    start = breaker.first()
    for end in breaker:
        out.append((str(ustr[start:end]), breaker.getRuleStatus() >= 100))
        start = end
    return out


def tokenize(text, stopwords=frozenset()):
    text = URL.sub("", text)
    text = NORMALIZER.normalize(text)
    segs = segments(text)
    tokens = []
    for i, (seg, is_word) in enumerate(segs):
        if is_word:
            if i >= 1 and segs[i - 1][0] == "#" and (i == 1 or not segs[i - 2][1]):
                tokens.append("#" + seg)
            else:
                tokens.append(seg)
            continue
        flag_half = None
        for ch in seg:
            if REGIONAL_INDICATOR.contains(ch):
                if flag_half is None:
                    flag_half = ch
                else:
                    tokens.append(flag_half + ch)
                    flag_half = None
            elif EXTENDED_PICTOGRAPHIC.contains(ch):
                tokens.append(ch)
    return [t for t in tokens if t not in stopwords]


def read_stopwords(path):
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            # strip White_Space (not str.strip(): Python also strips U+001C..U+001F)
            chars = list(line)
            while chars and WHITE_SPACE.contains(chars[0]):
                chars.pop(0)
            while chars and WHITE_SPACE.contains(chars[-1]):
                chars.pop()
            word = NORMALIZER.normalize("".join(chars))
            if word:
                words.add(word)
    return frozenset(words)


def main(argv):
    stopwords = frozenset()
    if len(argv) == 3 and argv[1] == "--stopwords":
        stopwords = read_stopwords(argv[2])
    elif len(argv) != 1:
        sys.exit("usage: words_reference.py [--stopwords FILE] < texts.jsonl")
    out = sys.stdout
    for line in sys.stdin.buffer:
        text = json.loads(line)
        out.write(json.dumps(tokenize(text, stopwords), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv)
