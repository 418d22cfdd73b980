"""Narrative fingerprints: exact hashes and MinHash near-duplicate groups over word shingles."""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
from anyascii import anyascii

MIN_TOKENS = 8  # shorter answers ("Family reunification.") are too generic to be evidence
SHINGLE_WORDS = 3
NEAR_DUPLICATE_JACCARD = 0.8
_PERMUTATIONS = 64
_BANDS = 16
_PRIME = 4_294_967_311
_rng = np.random.default_rng(20240717)
_A = _rng.integers(1, 2**31, size=_PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, 2**31, size=_PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"[a-z0-9]+")


def narrative_tokens(text: str | None) -> list[str]:
    """Lower-case ASCII words of the text; accents and scripts folded, punctuation dropped."""
    if not text:
        return []
    return _WORD.findall(anyascii(str(text)).lower())


def exact_fingerprint(text: str | None) -> str | None:
    """Hash of the normalised words, or None when the text is too short to be evidence."""
    tokens = narrative_tokens(text)
    if len(tokens) < MIN_TOKENS:
        return None
    return hashlib.blake2b(" ".join(tokens).encode(), digest_size=10).hexdigest()


def minhash_signature(tokens: list[str]) -> np.ndarray:
    """64 MinHash values over the word shingles of a token list."""
    shingles = {
        " ".join(tokens[i : i + SHINGLE_WORDS])
        for i in range(max(1, len(tokens) - SHINGLE_WORDS + 1))
    }
    hashed = np.fromiter((zlib.crc32(s.encode()) for s in shingles), dtype=np.uint64)
    return ((np.outer(_A, hashed) + _B[:, None]) % _PRIME).min(axis=1)


def near_duplicate_groups(texts: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Map each record id whose narrative is reused (verbatim or nearly) to a group key."""
    by_exact: dict[str, list[str]] = defaultdict(list)
    tokens_of: dict[str, list[str]] = {}
    for record_id, text in texts:
        tokens = narrative_tokens(text)
        if len(tokens) < MIN_TOKENS:
            continue
        key = hashlib.blake2b(" ".join(tokens).encode(), digest_size=10).hexdigest()
        by_exact[key].append(record_id)
        tokens_of.setdefault(key, tokens)
    keys = list(by_exact)
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    signatures = [minhash_signature(tokens_of[k]) for k in keys]
    rows = _PERMUTATIONS // _BANDS
    for band in range(_BANDS):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for index, signature in enumerate(signatures):
            buckets[signature[band * rows : (band + 1) * rows].tobytes()].append(index)
        for members in buckets.values():
            head = members[0]
            for other in members[1:]:
                similarity = float(np.mean(signatures[head] == signatures[other]))
                if similarity >= NEAR_DUPLICATE_JACCARD:
                    parent[find(other)] = find(head)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(keys)):
        groups[find(index)].append(index)
    result: dict[str, str] = {}
    for root, members in groups.items():
        record_ids = [rid for m in members for rid in by_exact[keys[m]]]
        if len(record_ids) > 1:
            for record_id in record_ids:
                result[record_id] = keys[root]
    return result
