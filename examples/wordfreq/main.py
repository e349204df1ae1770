"""wordfreq: report word frequencies of a text.

The interpreted driver; the work happens in textstats, the module a user
would compile with protopyc.
"""
import sys

import textstats

SAMPLE = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity, it was the season of Light, it was the season of
Darkness, it was the spring of hope, it was the winter of despair."""


def main(argv):
    if len(argv) > 1:
        with open(argv[1], encoding="utf-8") as f:
            text = f.read()
    else:
        text = SAMPLE * 200
    words = textstats.tokenize(text)
    counts = textstats.count_words(words)
    print(f"{len(words)} words, {len(counts)} distinct")
    for word, n in textstats.top_words(counts, 5):
        print(f"{word:>12} {n:6d}")
    classes = textstats.char_classes(text)
    print(", ".join(f"{k}={v}" for k, v in classes.items()))


if __name__ == "__main__":
    main(sys.argv)
