"""Text statistics: the hot module of the wordfreq example.

Tokenises text, counts words and character classes, and ranks the most
frequent words — the kind of inner loop a program spends its time in.
"""


def tokenize(text):
    words = []
    current = []
    for ch in text:
        if ch.isalnum() or ch == "'":
            current.append(ch.lower())
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def count_words(words):
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


def top_words(counts, n):
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def char_classes(text):
    letters = digits = spaces = other = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
        elif ch.isdigit():
            digits += 1
        elif ch.isspace():
            spaces += 1
        else:
            other += 1
    return {"letters": letters, "digits": digits, "spaces": spaces, "other": other}
