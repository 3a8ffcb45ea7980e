"""archlint.similar.NameIndex answers as difflib.get_close_matches(word, names, n=1, cutoff)."""

from __future__ import annotations

import difflib
import random

import pytest

from archlint.similar import EXACT_UP_TO, NameIndex


def _misspelt(rng: random.Random, name: str, alphabet: str) -> str:
    chars = list(name)
    for _ in range(rng.randint(0, 3)):
        where = rng.randint(0, len(chars))
        edit = rng.random()
        if edit < 0.33:
            chars.insert(where, rng.choice(alphabet))
        elif chars and edit < 0.66:
            del chars[min(where, len(chars) - 1)]
        elif chars:
            chars[min(where, len(chars) - 1)] = rng.choice(alphabet)
    return "".join(chars)


@pytest.mark.parametrize("cutoff", [0.6, 0.8])
def test_small_indexes_give_difflib_s_answer_exactly(cutoff: float) -> None:
    rng = random.Random(9)
    alphabet = "abcde-"
    for _ in range(150):
        names = ["".join(rng.choices(alphabet, k=rng.randint(0, 12))) for _ in range(40)]
        index = NameIndex(names, cutoff)
        for _ in range(15):
            word = _misspelt(rng, rng.choice(names), alphabet)
            expected = difflib.get_close_matches(word, names, n=1, cutoff=cutoff)
            assert index.closest(word) == (expected[0] if expected else None), (word, names)


def test_a_large_index_finds_the_name_a_typo_came_from() -> None:
    rng = random.Random(3)
    words = ["orders", "payments", "stock", "billing", "shipping", "pricing", "search"]
    regions = ["", "-eu", "-us", "-apac", "-uk"]
    roles = ["api", "worker", "store", "ledger", "gateway", "projector", "indexer"]
    names = [
        f"{w}{r}-{role}-{k}" for w in words for r in regions for role in roles for k in range(8)
    ]
    assert len(names) > EXACT_UP_TO  # the indexed, best-few search
    index = NameIndex(names, 0.8)
    for _ in range(60):
        word = _misspelt(rng, rng.choice(names), "abcdefghijklmnopqrstuvwxyz-")
        expected = difflib.get_close_matches(word, names, n=1, cutoff=0.8)
        assert index.closest(word) == (expected[0] if expected else None), word
    assert index.closest("zzzz") is None
