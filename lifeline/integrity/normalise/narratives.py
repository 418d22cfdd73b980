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
    """64 MinHash values over the word shingles of one token list."""
    return minhash_signatures([tokens])[0]


def minhash_signatures(documents: list[list[str]]) -> np.ndarray:
    """MinHash signatures (documents x 64) over word 3-shingles, computed in bulk: tokens are
    hashed once, shingles combined arithmetically and minimised per document with numpy."""
    vocabulary = {t: zlib.crc32(t.encode()) for t in {t for doc in documents for t in doc}}
    flat = np.fromiter((vocabulary[t] for doc in documents for t in doc), dtype=np.uint64)
    lengths = np.fromiter((len(doc) for doc in documents), dtype=np.int64, count=len(documents))
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    n_shingles = np.maximum(1, lengths - SHINGLE_WORDS + 1)
    first = np.repeat(starts, n_shingles) + (
        np.arange(n_shingles.sum()) - np.repeat(np.cumsum(n_shingles) - n_shingles, n_shingles)
    )
    shingle = np.zeros(len(first), dtype=np.uint64)
    for offset in range(SHINGLE_WORDS):  # short documents reuse their last token
        position = np.minimum(first + offset, np.repeat(starts + lengths - 1, n_shingles))
        shingle = (shingle * np.uint64(1_000_003) + flat[position]) % np.uint64(_PRIME)
    boundaries = np.concatenate([[0], np.cumsum(n_shingles)[:-1]])
    signatures = np.empty((len(documents), _PERMUTATIONS), dtype=np.uint64)
    for k in range(_PERMUTATIONS):
        values = (_A[k] * shingle + _B[k]) % np.uint64(_PRIME)
        signatures[:, k] = np.minimum.reduceat(values, boundaries)
    return signatures


def _exact_groups(texts: Iterable[tuple[str, str | None]]) -> tuple[dict, dict]:
    """Record ids per exact fingerprint, and each fingerprint's tokens; each distinct text is
    tokenised once."""
    by_exact: dict[str, list[str]] = defaultdict(list)
    tokens_of: dict[str, list[str]] = {}
    key_of_text: dict[str, str | None] = {}
    for record_id, text in texts:
        if not text:
            continue
        if text not in key_of_text:
            tokens = narrative_tokens(text)
            key = None
            if len(tokens) >= MIN_TOKENS:
                key = hashlib.blake2b(" ".join(tokens).encode(), digest_size=10).hexdigest()
                tokens_of.setdefault(key, tokens)
            key_of_text[text] = key
        key = key_of_text[text]
        if key is not None:
            by_exact[key].append(record_id)
    return by_exact, tokens_of


def _similar_in_band(signatures: np.ndarray, band: int) -> tuple[np.ndarray, np.ndarray]:
    """(head, other) pairs of documents sharing this band's bucket whose signatures agree on
    at least NEAR_DUPLICATE_JACCARD of their values; the head is the bucket's first document."""
    rows = _PERMUTATIONS // _BANDS
    band_key = np.zeros(len(signatures), dtype=np.uint64)
    for column in range(band * rows, (band + 1) * rows):
        band_key = band_key * np.uint64(4_294_967_311) + signatures[:, column]
    _, bucket_of, counts = np.unique(band_key, return_inverse=True, return_counts=True)
    shared = np.flatnonzero(counts[bucket_of] > 1)  # ascending, so a bucket's head comes first
    if not shared.size:
        return shared, shared
    order = shared[np.argsort(bucket_of[shared], kind="stable")]
    buckets = bucket_of[order]
    is_head = np.concatenate([[True], buckets[1:] != buckets[:-1]])
    head = order[np.flatnonzero(is_head)][np.cumsum(is_head) - 1]
    others = ~is_head
    head, other = head[others], order[others]
    similar = (signatures[other] == signatures[head]).mean(axis=1) >= NEAR_DUPLICATE_JACCARD
    return head[similar], other[similar]


def near_duplicate_groups(texts: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Map each record id whose narrative is reused (verbatim or nearly) to a group key."""
    by_exact, tokens_of = _exact_groups(texts)
    keys = list(by_exact)
    if not keys:
        return {}
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    signatures = minhash_signatures([tokens_of[k] for k in keys])
    for band in range(_BANDS):
        heads, others = _similar_in_band(signatures, band)
        for head, other in zip(heads.tolist(), others.tolist(), strict=True):
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
