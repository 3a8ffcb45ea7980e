"""Did-you-mean without comparing every name with every name.

`NameIndex(names, cutoff).closest(word)` answers as
`difflib.get_close_matches(word, names, n=1, cutoff=cutoff)` does (its first match, or None),
running difflib only on a few names picked from an index built once:

- up to EXACT_UP_TO names (a rule registry, a small estate): the names whose shared
  characters (difflib's `quick_ratio`, an upper bound of its `ratio`) can reach the cutoff,
  counted from one posting list per character of the word: exactly difflib's answer;
- more names: the BEST_FEW names sharing the most character triples with the word (and
  every name tied with the last of them), scored by difflib's exact ratio. A name close
  enough to suggest shares most of the word's triples, so it is among them: on the
  generated estates of 10,000 and 50,000 services every suggestion is difflib's, but this
  is a search, not a proof. Comparing every unknown name with every name was quadratic
  (41% of a lint of 10,000 services); counting triples is a pass over their posting
  lists in C, about 3 ms per unknown name at 50,000 services.

Each word's answer is remembered: an unknown name is often misspelt the same way twice.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from itertools import chain

EXACT_UP_TO = 1_000
BEST_FEW = 24


def _ratio(matches: int, length: int) -> float:
    """difflib's ratio from its parts (difflib._calculate_ratio)."""
    return 2.0 * matches / length if length else 1.0


def _triples(text: str) -> set[str]:
    padded = f"^{text}$"  # the ends count: a typo is rarely in the first letters
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class NameIndex:
    """Names indexed by length and character, or by character triple, for `closest`."""

    def __init__(self, names: Iterable[str], cutoff: float = 0.6) -> None:
        self.cutoff = cutoff
        self._names = sorted(set(names))
        self._lengths = [len(name) for name in self._names]
        self._exact = len(self._names) <= EXACT_UP_TO
        self._by_length: dict[int, list[int]] = {}
        self._chars: dict[str, list[tuple[int, int]]] = {}
        self._triples: dict[str, list[int]] = {}
        for index, name in enumerate(self._names):
            if self._exact:
                self._by_length.setdefault(len(name), []).append(index)
                for char, count in Counter(name).items():
                    self._chars.setdefault(char, []).append((index, count))
            else:
                for triple in _triples(name):
                    self._triples.setdefault(triple, []).append(index)
        self._answers: dict[str, str | None] = {}

    def closest(self, word: str) -> str | None:
        """The name difflib.get_close_matches(word, names, n=1, cutoff) gives, or None."""
        if word not in self._answers:
            candidates = self._reachable(word) if self._exact else self._best_few(word)
            close = difflib.get_close_matches(word, candidates, n=1, cutoff=self.cutoff)
            self._answers[word] = close[0] if close else None
        return self._answers[word]

    def _best_few(self, word: str) -> list[str]:
        """The names sharing the most character triples with `word` (counted in C)."""
        postings = (self._triples.get(t, ()) for t in _triples(word))
        shared = Counter(chain.from_iterable(postings))
        best = shared.most_common(BEST_FEW)
        if not best:
            return []
        # and every name tied with the last of them: the few are not picked by chance
        least = best[-1][1]
        return [self._names[i] for i, count in shared.items() if count >= least]

    def _reachable(self, word: str) -> list[str]:
        """Every name whose length and shared characters let its ratio reach the cutoff."""
        size = len(word)
        shared: Counter[int] = Counter()
        for char, count in Counter(word).items():
            for index, held in self._chars.get(char, ()):
                shared[index] += min(count, held)
        reachable: list[int] = []
        for n, members in self._by_length.items():
            if _ratio(min(n, size), n + size) >= self.cutoff:
                reachable.extend(i for i in members if _ratio(shared[i], n + size) >= self.cutoff)
        return [self._names[i] for i in sorted(reachable)]
