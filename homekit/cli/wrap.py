"""argparse's help wrapping, as textwrap does it, without importing textwrap.

argparse wraps each help text with textwrap, whose import compiles its word-splitting patterns
(about 4 million instructions, more than the rest of a command's `--help`). `wrapped` gives
textwrap's lines: it cuts each word where textwrap's `wordsep_re` cuts it (after a hyphen
between letters, around an em-dash) and runs textwrap's own loop over those chunks; a chunk
longer than the line (which textwrap breaks) goes to textwrap itself. Tests compare both on
every help text and on random ones.
"""

from __future__ import annotations


def _letter(c: str) -> bool:
    """textwrap's `[^\\d\\W]`: a word character that is not a digit."""
    return (c.isalnum() or c == "_") and not c.isdecimal()


def _punct(c: str) -> bool:
    """textwrap's `[\\w!"'&.,?]`: what may stand before an em-dash."""
    return c.isalnum() or c in "_!\"'&.,?"


def _hyphen_cut(word: str, at: int) -> bool:
    """Whether textwrap cuts after the hyphen at `at`: two letters, or a letter, a hyphen and
    a letter, before it; a letter, maybe a hyphen, and a letter after it."""
    before = at >= 2 and _letter(word[at - 1]) and (
        _letter(word[at - 2]) or (at >= 3 and word[at - 2] == "-" and _letter(word[at - 3])))
    after = word[at + 1:at + 4]
    return before and len(after) >= 2 and _letter(after[0]) and (
        _letter(after[1]) or (after[1] == "-" and len(after) == 3 and _letter(after[2])))


def word_chunks(word: str) -> list[str]:
    """A word (no blank in it) cut where textwrap's `wordsep_re` cuts it: after a hyphen
    between letters (`pre-`, `session`), around an em-dash written `--` between words."""
    if "-" not in word:
        return [word]
    out: list[str] = []
    start, n = 0, len(word)

    def dashes_then_word(i: int) -> bool:  # (?=-{2,}\w) at i
        j = i
        while j < n and word[j] == "-":
            j += 1
        return j - i >= 2 and j < n and (word[j].isalnum() or word[j] == "_")

    while start < n:
        if start > 0 and _punct(word[start - 1]) and dashes_then_word(start):
            end = start  # an em-dash: the run of hyphens alone
            while word[end] == "-":
                end += 1
            out.append(word[start:end])
            start = end
            continue
        end = start + 1
        while end < n:
            if word[end] == "-" and _hyphen_cut(word, end):
                end += 1  # a hyphenated word: cut after the hyphen
                break
            if _punct(word[end - 1]) and dashes_then_word(end):
                break  # before an em-dash
            end += 1
        out.append(word[start:end])
        start = end
    return out


def wrapped(text: str, width: int) -> list[str]:
    """`textwrap.wrap(text, width)` for a text of words separated by single spaces: textwrap's
    own loop over its chunks; a chunk longer than the line goes to textwrap itself."""
    chunks: list[str] = []
    for word in text.split(" ") if text else ():
        if chunks:
            chunks.append(" ")
        chunks += word_chunks(word)
    if any(len(chunk) > width for chunk in chunks):
        import textwrap

        return textwrap.wrap(text, width)
    chunks.reverse()
    lines: list[str] = []
    while chunks:
        line: list[str] = []
        length = 0
        if chunks[-1].strip() == "" and lines:
            del chunks[-1]
        while chunks and length + len(chunks[-1]) <= width:
            length += len(chunks[-1])
            line.append(chunks.pop())
        if line and line[-1].strip() == "":
            del line[-1]
        if line:
            lines.append("".join(line))
    return lines
