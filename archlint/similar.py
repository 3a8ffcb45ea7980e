"""Did-you-mean without comparing every name with every name.

`NameIndex(names, cutoff).closest(word)` is exactly
`difflib.get_close_matches(word, names, n=1, cutoff=cutoff)` (its first match, or None), but
runs difflib only on the few names that can reach the cutoff. Two exact bounds rule the
others out, from an index built once:

- characters: difflib's `quick_ratio` (the characters two strings share, as multisets)
  bounds its `ratio`; the shared counts of every name come from one posting list per
  character of the word;
- character pairs: M matched characters in k matching blocks (merged, so a gap in one string
  lies between two blocks: k - 1 <= len(a) + len(b) - 2M) share at least M - k pairs of
  adjacent characters, so a name reaching the cutoff shares at least t = 3M - T - 1 of the
  word's pairs (T the two lengths); it then holds one of the word's q - t + 1 rarest pairs,
  and only those pairs' names are looked at.

Each word's answer is remembered: an unknown name is often misspelt the same way twice.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable


def _ratio(matches: int, length: int) -> float:
    """difflib's ratio from its parts (difflib._calculate_ratio)."""
    return 2.0 * matches / length if length else 1.0


def _pairs(text: str) -> list[tuple[str, int]]:
    """Each pair of adjacent characters with its occurrence number: a multiset as a set."""
    seen: Counter[str] = Counter()
    out = []
    for i in range(len(text) - 1):
        pair = text[i : i + 2]
        seen[pair] += 1
        out.append((pair, seen[pair]))
    return out


class NameIndex:
    """Names indexed by length, character and pair of characters, for `closest`."""

    def __init__(self, names: Iterable[str], cutoff: float = 0.6) -> None:
        self.cutoff = cutoff
        self._names = sorted(set(names))
        self._lengths = [len(name) for name in self._names]
        self._by_length: dict[int, list[int]] = {}
        self._chars: dict[str, list[tuple[int, int]]] = {}
        self._pairs: dict[tuple[str, int], list[int]] = {}
        for index, name in enumerate(self._names):
            self._by_length.setdefault(len(name), []).append(index)
            for char, count in Counter(name).items():
                self._chars.setdefault(char, []).append((index, count))
            for pair in _pairs(name):
                self._pairs.setdefault(pair, []).append(index)
        self._answers: dict[str, str | None] = {}
        self._plans: dict[int, tuple[dict[int, int], int]] = {}

    def closest(self, word: str) -> str | None:
        """The name difflib.get_close_matches(word, names, n=1, cutoff) gives, or None."""
        if word not in self._answers:
            candidates = self._candidates(word)
            close = difflib.get_close_matches(word, candidates, n=1, cutoff=self.cutoff)
            self._answers[word] = close[0] if close else None
        return self._answers[word]

    def _plan(self, size: int) -> tuple[dict[int, int], int]:
        """For a word of `size` characters: the name lengths whose real_quick_ratio reaches
        the cutoff, each with the fewest matched characters that reach it, and the fewest
        pairs a name must share with the word (the least over those lengths)."""
        if size not in self._plans:
            least = {
                n: self._least_matches(n + size)
                for n in self._by_length
                if _ratio(min(n, size), n + size) >= self.cutoff
            }
            pairs = min((3 * m - n - size - 1 for n, m in least.items()), default=0)
            self._plans[size] = (least, pairs)
        return self._plans[size]

    def _least_matches(self, total: int) -> int:
        """The fewest matched characters whose ratio reaches the cutoff, of two strings of
        `total` characters (computed with difflib's own float arithmetic)."""
        matches = max(0, int(self.cutoff * total / 2) - 1)
        while matches <= total and _ratio(matches, total) < self.cutoff:
            matches += 1
        return matches

    def _candidates(self, word: str) -> list[str]:
        least, shared_pairs = self._plan(len(word))
        pairs = _pairs(word)
        if shared_pairs >= 1 and pairs:
            rarest = sorted(pairs, key=lambda p: len(self._pairs.get(p, ())))
            looked_at = rarest[: max(0, len(pairs) - shared_pairs + 1)]
            held = {i for p in looked_at for i in self._pairs.get(p, ())}
            return [self._names[i] for i in sorted(held) if self._lengths[i] in least]
        shared: Counter[int] = Counter()
        for char, count in Counter(word).items():
            for index, held_count in self._chars.get(char, ()):
                shared[index] += min(count, held_count)
        enough = {
            i
            for i, count in shared.items()
            if self._lengths[i] in least and count >= least[self._lengths[i]]
        }
        enough.update(i for n, m in least.items() if m == 0 for i in self._by_length[n])
        return [self._names[i] for i in sorted(enough)]
