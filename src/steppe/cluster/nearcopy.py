"""Near-copies: MinHash signatures, LSH band hashes, and which copy of a story is the best.

A syndicated copy (a wire re-publication with a new headline, a dateline, a few reworded
clauses and a credit line) shares about 0.7 of its word 3-shingles with the original; two
different stories share under 0.05. Signatures have 128 MinHash values (datasketch), cut
into 32 bands of 4: two texts become candidates when any band matches, which happens with
probability 0.87 at Jaccard 0.5 and 0.9998 at 0.7; candidates are then confirmed by the
signature's Jaccard estimate (>= COPY_THRESHOLD). Only stories of the copy window are
looked up, and only the MAX_COPY_CANDIDATES sharing the most bands are compared: a stock
sentence many stories carry can put unrelated stories in one band, and a copy shares
several bands (about 8 of 32 at Jaccard 0.7), an unrelated story rarely more than one.

Shingles are hashed from per-word CRC-32 values (stable across processes, and several times
faster than datasketch's default SHA-1 of each shingle); datasketch applies its permutations.
Signatures and band hashes are plain integers, so the store keeps them as columns, never as
pickled datasketch objects.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 3
COPY_THRESHOLD = 0.5  # estimated Jaccard of 3-shingles at or above which a story is a copy
COPY_WINDOW_DAYS = 7  # syndication happens within days; older look-alikes are new reports
MAX_COPY_CANDIDATES = 8  # stories sharing the most bands with a new text: the ones whose signatures are compared
NUMBERS_AGREE = 0.5  # Jaccard of number keys a copy must share with its original
_MIX = 0x9E3779B1  # odd 32-bit constant (golden ratio) for mixing word hashes into n-gram hashes
_FNV_OFFSET = 0xCBF29CE484222325
_FNV_PRIME = 0x100000001B3
FoldWord = Callable[[str], str]  # folds one word to its language-independent key
_SEED = MinHash(num_perm=NUM_PERM, seed=1)  # permutations computed once, shared
_PERMUTATIONS, _SCHEME = _SEED.permutations, _SEED.scheme


def shingles(folded: str, size: int = SHINGLE) -> set[bytes]:
    """The word n-grams of a folded text, as bytes (for tests and exact Jaccard)."""
    words = folded.split()
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def shingle_hashes(folded: str, size: int = SHINGLE) -> np.ndarray:
    """A 32-bit hash per word n-gram: CRC-32 of each word, mixed across the n-gram in numpy.

    Hashing each word once instead of each joined n-gram is what keeps a signature near 50 us.
    """
    words = folded.split()
    if not words:
        return np.zeros(0, dtype=np.uint64)
    hashes = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    if len(words) < size:
        return hashes[:1]
    mixed = hashes[: len(words) - size + 1].copy()
    with np.errstate(over="ignore"):
        for offset in range(1, size):
            mixed = (mixed * np.uint64(_MIX)) ^ hashes[offset : len(words) - size + 1 + offset]
    return mixed & np.uint64(0xFFFFFFFF)


def signature_of(folded: str) -> tuple[int, ...]:
    """The MinHash signature of a folded text's word shingles (empty text: no signature)."""
    hashes = shingle_hashes(folded)
    if not len(hashes):
        return ()
    sketch = MinHash(num_perm=NUM_PERM, permutations=_PERMUTATIONS, scheme=_SCHEME, hashfunc=int)
    sketch.update_batch(hashes.tolist())
    return tuple(sketch.hashvalues.tolist())


def bands_of(signature: Sequence[int]) -> tuple[int, ...]:
    """One signed 64-bit hash per LSH band (band number mixed in, so bands never collide).

    FNV-style multiply-xor over the band's values in wrapping uint64 arithmetic: stable across
    processes and Python versions, which stored band hashes must be.
    """
    if not signature:
        return ()
    values = np.asarray(signature, dtype=np.uint64).reshape(BANDS, ROWS)
    mixed = np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(_FNV_OFFSET)
    with np.errstate(over="ignore"):
        for row in range(ROWS):
            mixed = (mixed ^ values[:, row]) * np.uint64(_FNV_PRIME)
    return tuple(mixed.view(np.int64).tolist())


def estimated_jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    """The share of equal MinHash values: an unbiased estimate of the shingle Jaccard."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return float(np.count_nonzero(np.asarray(a) == np.asarray(b))) / len(a)


def pack_signature(signature: Sequence[int]) -> bytes:
    """A signature as little-endian uint32 bytes, for a binary column."""
    return struct.pack(f"<{len(signature)}I", *signature)


def unpack_signature(data: bytes | None) -> tuple[int, ...]:
    """The signature stored by ``pack_signature``."""
    if not data:
        return ()
    return struct.unpack(f"<{len(data) // 4}I", data)


@dataclass(frozen=True)
class CopyCandidate:
    """A stored story that may be the same text as a new one."""

    story_id: int
    cluster_id: int | None
    signature: tuple[int, ...]
    site: str
    length: int
    published: datetime | None
    credit_text: str = ""  # the folded end of its text, where credit lines live
    day: int | None = None  # the day it was published (or arrived)
    numbers: frozenset[str] = frozenset()  # its number and money keys ("n:17.5", "f:USD:5900000000")


def credits(credit_text: str, site: str, fold_word: FoldWord) -> bool:
    """Whether a story's closing lines credit the outlet at ``site`` ("Reporting by The Steppe Times")."""
    label = site.lower().removeprefix("www.").split(".")[0]
    key = fold_word(label)
    return len(key) >= 4 and key in credit_text.replace(" ", "")


def is_better_copy(new: CopyCandidate, old: CopyCandidate, fold_word: FoldWord) -> bool:
    """Whether ``new`` should replace ``old`` as the copy a story is shown from.

    Best is the original outlet, then the earliest publication date, then the longest text
    (by more than 10%, so a credit line does not win alone). Ties keep the stored copy: its
    id and address are already published.
    """
    new_credits_old = credits(new.credit_text, old.site, fold_word)
    old_credits_new = credits(old.credit_text, new.site, fold_word)
    if new_credits_old != old_credits_new:
        return old_credits_new
    if new.published and old.published and new.published.date() != old.published.date():
        return new.published < old.published
    return new.length > old.length * 1.1


def same_facts(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two texts state mostly the same numbers: formulaic reports ("rate kept at 9.25%") differ only there."""
    if not a and not b:
        return True
    return len(a & b) / len(a | b) >= NUMBERS_AGREE


def find_original(new: CopyCandidate, candidates: Sequence[CopyCandidate]) -> CopyCandidate | None:
    """The stored story a new text is a near-copy of (the most similar over the threshold), if any.

    A copy appears within COPY_WINDOW_DAYS of its original and states the same numbers.
    """
    best, best_score = None, COPY_THRESHOLD
    for candidate in candidates:
        if new.day is not None and candidate.day is not None and abs(new.day - candidate.day) > COPY_WINDOW_DAYS:
            continue
        if not same_facts(new.numbers, candidate.numbers):
            continue
        score = estimated_jaccard(new.signature, candidate.signature)
        if score >= best_score:
            best, best_score = candidate, score
    return best
