"""Deterministic randomness: every stream of the model draws from its own Random, keyed by seed and time.

Keying by (seed, stream, minute or hour) instead of drawing from one sequence makes the traffic of a
minute a function of that minute alone: a 20-minute run equals two 10-minute runs back to back.

    >>> rng_for(0, "scan", 1764190800).random() == rng_for(0, "scan", 1764190800).random()
    True
"""

from __future__ import annotations

import math
import random


def rng_for(seed: int, stream: str, key: int) -> random.Random:
    # A str seed is hashed with SHA-512 by random.Random: stable across processes and PYTHONHASHSEED.
    return random.Random(f"labkit|{seed}|{stream}|{key}")


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson count (Knuth for small means, a rounded normal for large ones)."""
    if mean <= 0:
        return 0
    if mean > 60:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
