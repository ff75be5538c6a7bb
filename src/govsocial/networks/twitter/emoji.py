"""The emoji sequences X recognises (twemoji-parser 11.0.2's set, measured as data)."""

from __future__ import annotations

import functools
import re
from typing import Any

import regex

from govsocial.networks.twitter.config import TwitterConfig, _data, _normalize, _plain_weight

__all__ = ["extract_emoji"]


def _char_ranges(chars: set[str]) -> str:
    """A regex character-class body for ``chars`` with consecutive code points collapsed
    into ranges (a class of single astral characters is scanned linearly by ``re``)."""
    points = sorted(ord(c) for c in chars)
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        lo, hi = re.escape(chr(points[i])), re.escape(chr(points[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "".join(parts)


class _Emoji:
    """Longest-match search of the emoji strings the reference recognises.

    Runs of characters that can belong to an emoji are found with one character-class
    regex; each run is then resolved left to right with a dictionary trie, taking the
    longest known string at each position (what the reference's ordered alternation
    yields).
    """

    def __init__(self) -> None:
        trie: dict[str, Any] = {}
        chars: set[str] = set()
        sequences: list[str] = []
        for line in _data("twitter_emoji.txt").splitlines():
            if not line or line.startswith("#"):
                continue
            seq = "".join(chr(int(h, 16)) for h in line.split())
            node = trie
            for ch in seq:
                node = node.setdefault(ch, {})
            node[""] = seq
            sequences.append(seq)
            chars.update(seq)
        self.trie = trie
        self.sequences = tuple(sequences)
        keycap_bases = "".join(regex.escape(c) for c in sorted(chars & set("#*0123456789")))
        # Every emoji character but the keycap bases and ©, ® lies at U+2000 or above: one
        # open range finds the candidate runs fastest (the trie then rejects non-emoji).
        rest = chars - set("#*0123456789")
        low = {c for c in rest if ord(c) < 0x2000}
        others = _char_ranges(low) + "\u2000-\U0010ffff"
        self.runs = re.compile(f"(?:[{keycap_bases}](?=\ufe0f?\u20e3)|[{others}])+")
        # Without a keycap mark (U+20E3) no keycap base can start an emoji: a plain class
        # scans much faster than the alternation.
        self.plain_runs = re.compile(f"[{others}]+")
        # The second characters of the sequences longer than one code point (variation
        # selector, ZWJ, skin tones, regional indicators, keycap mark, tag): see
        # weight_changes. It relies on keycap bases opening only keycap sequences.
        seconds = {seq[1] for seq in sequences if len(seq) > 1}
        self.seconds = re.compile(f"[{_char_ranges(seconds)}]")
        self.keycaps_apart = all(
            seq[1:2] == "\u20e3" or seq[1:3] == "\ufe0f\u20e3"
            for seq in sequences
            if seq[0] in "#*0123456789"
        ) and not any(c in "#*0123456789" for seq in sequences for c in seq[1:])

    def spans(self, text: str) -> list[tuple[int, int]]:
        runs = self.runs if "\u20e3" in text else self.plain_runs
        return [(start, end) for start, end, _ in self._found(text, runs)]

    def weight_changes(self, text: str, config: TwitterConfig) -> list[tuple[int, int, int]]:
        """(start, end, weight change) of the emoji sequences that may change the weighted
        length of `text`, in order: those :meth:`spans` finds, less sequences of one code
        point that weigh as much as emoji as their character does (all of them in v3).

        Leaving those out changes no entity the reference skips or keeps: a one-unit
        span has no inside for another entity to start in, and its weight change is 0.
        """
        changes, heavy_singles = _emoji_weights(config)
        if not self.keycaps_apart or (heavy_singles and any(c in text for c in heavy_singles)):
            runs = self.runs if "\u20e3" in text else self.plain_runs
            return [(start, end, changes[seq]) for start, end, seq in self._found(text, runs)]
        # The search of spans() is one walk through each run; a walk through the whole text
        # finds the same (a character outside the runs starts and continues no sequence;
        # a keycap base in none starts none, as it is not followed by a keycap mark). The
        # walk advances one character at a time until the character after it is the second
        # of some sequence: jump straight there (or to the end), and walk only from there.
        out: list[tuple[int, int, int]] = []
        trie = self.trie
        search = self.seconds.search
        n = len(text)
        pos = 1  # where the next second character may be: one past the walk's position
        while (found := search(text, pos)) is not None:
            i = found.start() - 1
            # _longest_at, written out: this is the hot path of every X count, and the call
            # costs about a sixth of the counting time.
            node = trie
            end = -1
            seq = ""
            j = i
            while j < n:
                nxt = node.get(text[j])
                if nxt is None:
                    break
                node = nxt
                j += 1
                if "" in node:
                    end = j
                    seq = node[""]
            if end > 0:
                out.append((i, end, changes[seq]))
                pos = end + 1
            else:
                pos = i + 2
        return out

    def _found(self, text: str, runs: re.Pattern[str]) -> list[tuple[int, int, str]]:
        """(start, end, sequence) of the longest known sequences, left to right, in `runs`."""
        out: list[tuple[int, int, str]] = []
        trie = self.trie
        for run in runs.finditer(text):
            i, stop = run.span()
            while i < stop:
                end, seq = _longest_at(trie, text, i, stop)
                if end > 0:
                    out.append((i, end, seq))
                    i = end
                else:
                    i += 1
        return out


def _longest_at(trie: dict[str, Any], text: str, i: int, stop: int) -> tuple[int, str]:
    """End and sequence of the longest known emoji sequence starting at ``text[i]`` and
    ending by ``stop``; (-1, "") when none starts there."""
    node = trie
    end = -1
    seq = ""
    j = i
    while j < stop:
        nxt = node.get(text[j])
        if nxt is None:
            break
        node = nxt
        j += 1
        if "" in node:
            end = j
            seq = node[""]
    return end, seq


@functools.cache
def _emoji() -> _Emoji:
    return _Emoji()


def extract_emoji(text: str) -> list[tuple[int, int]]:
    """Spans of the emoji sequences X counts as 2 (Python indices, NFC text)."""
    return _emoji().spans(_normalize(text))


@functools.cache
def _emoji_weights(config: TwitterConfig) -> tuple[dict[str, int], frozenset[str]]:
    """Per emoji sequence, its weight minus the weight of its characters; and the
    characters that are a sequence alone and weigh other than an emoji."""
    changes = {
        seq: config.default_weight - _plain_weight(seq, config) for seq in _emoji().sequences
    }
    singles = frozenset(seq for seq, change in changes.items() if len(seq) == 1 and change)
    return changes, singles
