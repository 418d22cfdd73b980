"""Narrative fingerprints: exact hashes and MinHash near-duplicate groups over word shingles."""

from __future__ import annotations

import hashlib
import math
import os
import re
import zlib
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from anyascii import anyascii
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

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
_WORD_BYTES = np.full(256, ord(" "), dtype=np.uint8)  # letters and digits kept, lower-cased
for _c in b"abcdefghijklmnopqrstuvwxyz0123456789":
    _WORD_BYTES[_c] = _WORD_BYTES[ord(chr(_c).upper())] = _c
_DOCUMENTS_PER_SLICE = 20_000
_PAIRS_PER_SLICE = 200_000


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
    return _digest(" ".join(tokens))


def minhash_signature(tokens: list[str]) -> np.ndarray:
    """64 MinHash values over the word shingles of one token list."""
    signature: np.ndarray = minhash_signatures([tokens])[0]
    return signature


def minhash_signatures(documents: list[list[str]]) -> np.ndarray:
    """MinHash signatures (documents x 64) over word 3-shingles, computed in bulk."""
    vocabulary = {t: zlib.crc32(t.encode()) for t in {t for doc in documents for t in doc}}
    flat = np.fromiter((vocabulary[t] for doc in documents for t in doc), dtype=np.uint64)
    lengths = np.fromiter((len(doc) for doc in documents), dtype=np.int64, count=len(documents))
    return _signatures(flat, lengths)


def _shingles(flat: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each document's word 3-shingles as one hash each, and how many per document."""
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    n_shingles = np.maximum(1, lengths - SHINGLE_WORDS + 1)
    first = np.repeat(starts, n_shingles) + (
        np.arange(n_shingles.sum()) - np.repeat(np.cumsum(n_shingles) - n_shingles, n_shingles)
    )
    last = np.repeat(starts + lengths - 1, n_shingles)
    shingle = np.zeros(len(first), dtype=np.uint64)
    for offset in range(SHINGLE_WORDS):  # short documents reuse their last token
        position = np.minimum(first + offset, last)
        shingle = (shingle * np.uint64(1_000_003) + flat[position]) % np.uint64(_PRIME)
    return shingle, n_shingles


def _signatures(flat: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Signatures from the token hashes of all documents, end to end, and their lengths. Each
    distinct shingle of a slice of documents is hashed once per permutation; slices run on
    one thread per core (numpy releases the GIL) and bound the memory used."""
    signatures = np.empty((len(lengths), _PERMUTATIONS), dtype=np.uint64)
    token_ends = np.cumsum(lengths)

    def fill(begin: int) -> None:
        end = min(begin + _DOCUMENTS_PER_SLICE, len(lengths))
        first_token = int(token_ends[begin - 1]) if begin else 0
        shingle, n_shingles = _shingles(flat[first_token : int(token_ends[end - 1])],
                                        lengths[begin:end])  # fmt: skip
        encoded = pa.array(shingle).dictionary_encode()  # hashed, not sorted
        distinct, inverse = encoded.dictionary.to_numpy(), encoded.indices.to_numpy()
        boundaries = np.concatenate([[0], np.cumsum(n_shingles)[:-1]])
        for k in range(_PERMUTATIONS):
            values = (_A[k] * distinct + _B[k]) % np.uint64(_PRIME)
            signatures[begin:end, k] = np.minimum.reduceat(values[inverse], boundaries)

    slices = range(0, len(lengths), _DOCUMENTS_PER_SLICE)
    if len(slices) == 1:  # one narrative at arrival: no threads to start
        fill(0)
        return signatures
    with ThreadPoolExecutor(min(os.cpu_count() or 1, 4)) as threads:
        list(threads.map(fill, slices))
    return signatures


def _band_keys(signatures: np.ndarray) -> np.ndarray:
    """One hash per document and LSH band of its signature (documents x bands)."""
    rows = _PERMUTATIONS // _BANDS
    keys = np.zeros((len(signatures), _BANDS), dtype=np.uint64)
    for offset in range(rows):
        keys = keys * np.uint64(4_294_967_311) + signatures[:, offset::rows]
    return keys


def _bucket_pairs(band_key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(head, other) pairs of documents sharing a bucket of one band; the head is the
    bucket's first document."""
    bucket_of = pa.array(band_key).dictionary_encode().indices.to_numpy()  # hashed, not sorted
    shared = np.flatnonzero(np.bincount(bucket_of)[bucket_of] > 1)  # ascending: heads first
    if not shared.size:
        return shared, shared
    order = shared[np.argsort(bucket_of[shared], kind="stable")]
    buckets = bucket_of[order]
    is_head = np.concatenate([[True], buckets[1:] != buckets[:-1]])
    head = order[np.flatnonzero(is_head)][np.cumsum(is_head) - 1]
    return head[~is_head], order[~is_head]


def _similar_pairs(signatures: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs sharing a bucket in some band whose signatures agree on at least
    NEAR_DUPLICATE_JACCARD of their values. Such a pair disagrees on at most `allowed` values,
    so at least `_BANDS - allowed` of its bands agree whole: the band keys are compared first
    (16 values, not 64) and only the pairs that pass are checked value by value."""
    allowed = _PERMUTATIONS - math.ceil(NEAR_DUPLICATE_JACCARD * _PERMUTATIONS)
    keys = _band_keys(signatures)
    heads, others = [], []
    for band in range(_BANDS):
        head, other = _bucket_pairs(keys[:, band])
        for start in range(0, len(head), _PAIRS_PER_SLICE):
            h, o = head[start : start + _PAIRS_PER_SLICE], other[start : start + _PAIRS_PER_SLICE]
            near = (keys[h] == keys[o]).sum(axis=1) >= _BANDS - allowed
            h, o = h[near], o[near]
            similar = (signatures[h] == signatures[o]).mean(axis=1) >= NEAR_DUPLICATE_JACCARD
            heads.append(h[similar])
            others.append(o[similar])
    empty = np.zeros(0, dtype=np.int64)
    return np.concatenate([empty, *heads]), np.concatenate([empty, *others])


def _token_lists(texts: pa.Array) -> pa.ListArray:
    """Each text's lower-case ASCII words (as `narrative_tokens`), split in bulk: texts outside
    ASCII go through anyascii in Python, then every byte that is not a letter or digit becomes
    a space (through a byte table) and the text is split on spaces."""
    texts = texts.cast(pa.string())
    foreign = pc.invert(pc.fill_null(pc.string_is_ascii(texts), True))
    if pc.any(foreign).as_py():
        where = np.flatnonzero(foreign.to_numpy(zero_copy_only=False))
        folded = pa.array([anyascii(t) for t in texts.take(where).to_pylist()], pa.string())
        texts = pc.replace_with_mask(texts, foreign, folded)
    texts = pc.fill_null(texts, "")
    validity, offsets, data = texts.buffers()
    bytes_ = (
        _WORD_BYTES[np.frombuffer(data, np.uint8)] if data is not None else np.zeros(0, np.uint8)
    )
    spaced = pa.StringArray.from_buffers(len(texts), offsets, pa.py_buffer(bytes_), validity,
                                         0, texts.offset)  # fmt: skip
    # trimmed first, so no empty word is split off either end (an empty text gives [""])
    return pc.ascii_split_whitespace(pc.ascii_trim_whitespace(spaced))


def narrative_groups(texts: Sequence[str | None] | pa.Array) -> pa.Array:
    """A group key per text reused verbatim or nearly so by another text (null otherwise):
    each distinct text is split once, each distinct word hashed once, and only texts of at
    least MIN_TOKENS words are fingerprinted."""
    column = texts if isinstance(texts, pa.Array) else pa.array(texts, pa.string())
    encoded = column.cast(pa.string()).dictionary_encode()
    words = _token_lists(encoded.dictionary)
    long_enough = np.flatnonzero(pc.list_value_length(words).to_numpy() >= MIN_TOKENS)
    n_documents = len(long_enough)
    if not n_documents:
        return pa.nulls(len(column), pa.string())
    # texts differing only in case or punctuation get equal signatures, so they group as well
    documents = words.take(pa.array(long_enough))
    head, other = _similar_pairs(_document_signatures(documents))
    graph = coo_matrix((np.ones(len(head), np.int8), (head, other)), (n_documents, n_documents))
    _, group_of_document = connected_components(graph, directed=False)
    document_of_text = np.full(len(encoded.dictionary), -1, dtype=np.int64)
    document_of_text[long_enough] = np.arange(n_documents)
    document = document_of_text[pc.fill_null(encoded.indices, 0).to_numpy()]
    valid = encoded.indices.is_valid().to_numpy(zero_copy_only=False) & (document >= 0)
    group = np.where(valid, group_of_document[np.maximum(document, 0)], -1)
    return _group_keys(group, group_of_document, documents)


def _document_signatures(words: pa.ListArray) -> np.ndarray:
    """MinHash signatures of word lists, each distinct word hashed once."""
    flat_words = pc.list_flatten(words).dictionary_encode()
    word_hashes = np.fromiter((zlib.crc32(w.encode()) for w in
                               flat_words.dictionary.to_pylist()), np.uint64)  # fmt: skip
    flat = word_hashes[flat_words.indices.to_numpy()]
    return _signatures(flat, pc.list_value_length(words).to_numpy())


def _group_keys(
    group: np.ndarray, group_of_document: np.ndarray, documents: pa.ListArray
) -> pa.Array:
    """Per row, its group's key (the fingerprint of the group's first document, as
    `exact_fingerprint` makes it) when the group has more than one row; null otherwise."""
    n_documents = len(documents)
    sizes = np.bincount(group[group >= 0], minlength=n_documents)
    reused = (group >= 0) & (sizes[np.maximum(group, 0)] > 1)
    first = np.full(n_documents, n_documents, dtype=np.int64)
    np.minimum.at(first, group_of_document, np.arange(n_documents))
    roots = np.unique(group[reused])
    words_of_root = pc.binary_join(documents.take(pa.array(first[roots])), " ").to_pylist()
    key_of_root = pa.array([_digest(words) for words in words_of_root], pa.string())
    root_of_row = pa.array(np.searchsorted(roots, group), mask=~reused)
    return key_of_root.take(root_of_row)


def _digest(words: str) -> str:
    return hashlib.blake2b(words.encode(), digest_size=10).hexdigest()


def near_duplicate_groups(texts: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Map each record id whose narrative is reused (verbatim or nearly) to a group key."""
    pairs = list(texts)
    groups = narrative_groups([text or None for _, text in pairs]).to_pylist()
    return {rid: group for (rid, _), group in zip(pairs, groups, strict=True) if group}
