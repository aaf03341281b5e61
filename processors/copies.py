"""Near-copies: syndicated wire copy, light rewrites, the same dispatch under another URL.

An article is a copy of an earlier one when the Jaccard similarity of their word 2-gram shingles is
at least ``threshold`` (0.45, the setting published for news reprints). Candidates come from
datasketch's MinHash LSH and are then verified exactly on the shingle hashes, so the LSH's false
positives never become copies. ``duplicate_of`` is the earliest copy: the root of the matched
article's own chain.

The index is bounded in time: one LSH a day (by the article's own time, never the wall clock),
and the days older than ``keep_days`` before the newest article seen are dropped whole. Memory is
therefore proportional to a few days of articles, whether the stream has run for a day or a year,
and the result depends only on the articles and their order, so a replay finds the same copies.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

THRESHOLD = 0.45
NUM_PERM = 64
KEEP_DAYS = 4
MIN_SHINGLES = 8  # shorter texts (a caption, a headline alone) are never called copies

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK32 = np.uint64(0xFFFFFFFF)


def _identity(value):
    return value


_WORD_HASHES: dict[str, int] = {}  # a cache of a pure function: stable across processes all the same
_CACHE_LIMIT = 200_000
_MIX_A, _MIX_B = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)


def _word_hash(word: str) -> int:
    value = _WORD_HASHES.get(word)
    if value is None:
        if len(_WORD_HASHES) >= _CACHE_LIMIT:
            _WORD_HASHES.clear()
        value = _WORD_HASHES[word] = int.from_bytes(
            hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")
    return value


@lru_cache(maxsize=None)
def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """``MinHashLSH``'s bands and rows for ``threshold``, found once: it finds them by numerical integration,
    9 ms a day's index (most of the stage's CPU when articles span many days, as ``newswire bench``'s do)."""
    probe = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return probe.b, probe.r


def shingle_hashes(text: str) -> np.ndarray:
    """Sorted, distinct 64-bit hashes of the text's lower-cased word 2-grams (stable across processes).

    Each word is hashed once (blake2b), and a 2-gram's hash mixes its two words' hashes, in order.
    """
    words = _WORD.findall(text.lower())
    if len(words) < 2:
        return np.zeros(0, dtype=np.uint64)
    known = _WORD_HASHES.get
    hashed = np.array([known(w) or _word_hash(w) for w in words], dtype=np.uint64)
    with np.errstate(over="ignore"):
        grams = hashed[:-1] * _MIX_A + ((hashed[1:] >> np.uint64(7)) | (hashed[1:] << np.uint64(57))) * _MIX_B
        grams ^= grams >> np.uint64(31)
    return np.unique(grams)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted, distinct hash arrays."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    at = np.searchsorted(large, small)  # where each of the smaller's hashes would be in the larger
    at[at == len(large)] = 0
    common = int(np.count_nonzero(large[at] == small))
    return common / (len(a) + len(b) - common)


_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def _affine32(template: MinHash, values: np.ndarray) -> np.ndarray:
    """The hash values ``template.update_batch(values)`` gives under datasketch's ``affine32`` scheme with an
    identity hashfunc (MurmurHash3's finalizer, then ``a * h + b`` in 32 bits, the minimum of each
    permutation), in numpy: ``update_batch`` calls the hashfunc once a value in Python, which cost as much
    as all the rest of the copy search."""
    s1, m1, s2, m2, s3 = _FMIX32
    hv = values.astype(np.uint32)
    hv ^= hv >> s1
    hv *= m1
    hv ^= hv >> s2
    hv *= m2
    hv ^= hv >> s3
    a, b = template.permutations
    return np.minimum(template.hashvalues, (hv[:, None] * a + b).min(axis=0))


def _affine32_holds(template: MinHash) -> bool:
    """Whether :func:`_affine32` gives what this datasketch's ``update_batch`` gives (checked once an index, on
    a probe): a datasketch with another scheme, or another computation, is then used through its own API."""
    if getattr(template, "scheme", None) != "affine32":
        return False
    probe = np.random.default_rng(7).integers(0, 1 << 32, size=300, dtype=np.uint64)
    probe[:2] = (0, (1 << 32) - 1)
    reference = template.copy()
    reference.update_batch(probe.tolist())
    try:
        return bool(np.array_equal(reference.hashvalues, _affine32(template, probe)))
    except Exception:  # noqa: BLE001 - any datasketch whose internals differ: its own update_batch
        return False


@dataclass
class _Day:
    lsh: MinHashLSH
    shingles: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass(frozen=True)
class CopyMatch:
    duplicate_of: str  # the earliest copy (root of the chain)
    matched: str  # the article the new one resembles most
    similarity: float


class CopyIndex:
    """``index.add(article_id, text, at)`` -> the :class:`CopyMatch` if it copies an earlier article."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM, keep_days: int = KEEP_DAYS):
        self.threshold = threshold
        self.num_perm = num_perm
        self.keep_days = keep_days
        self._days: dict[int, _Day] = {}
        self._root: dict[str, str] = {}  # article -> earliest copy, for the articles in the index
        self._newest_day: int | None = None
        self._template = MinHash(num_perm=num_perm, hashfunc=_identity, seed=1)
        self._fast = _affine32_holds(self._template)

    def __len__(self) -> int:
        return sum(len(day.shingles) for day in self._days.values())

    def _minhash(self, hashes: np.ndarray) -> MinHash:
        if self._fast:
            template = self._template
            return MinHash(num_perm=self.num_perm, seed=1, hashfunc=_identity, permutations=template.permutations,
                           hashvalues=_affine32(template, hashes & _MASK32), scheme="affine32")
        mh = self._template.copy()
        mh.update_batch((hashes & _MASK32).tolist())
        return mh

    def add(self, article_id: str, text: str, at: datetime, root: str | None = None) -> CopyMatch | None:
        """Index the article and return what it copies, if anything.

        ``root``: when rebuilding the index after a restart, the stored ``duplicate_of`` (the match is
        then not searched again, only the article indexed). Articles older than the window are looked
        up but not indexed.
        """
        if article_id in self._root:  # already indexed (a redelivery): the first answer stands
            first = self._root[article_id]
            return None if first == article_id else CopyMatch(first, first, 1.0)
        hashes = shingle_hashes(text)
        day = at.toordinal()
        self._expire(day)
        if len(hashes) < MIN_SHINGLES:
            return None
        mh = self._minhash(hashes)
        match = None
        if root is None:
            match = self._find(hashes, mh)
        if self._newest_day is not None and day <= self._newest_day - self.keep_days:
            return match
        bucket = self._days.get(day)
        if bucket is None:
            bucket = self._days[day] = _Day(MinHashLSH(threshold=self.threshold, num_perm=self.num_perm,
                                                       params=_lsh_params(self.threshold, self.num_perm)))
        bucket.lsh.insert(article_id, mh, check_duplication=False)
        bucket.shingles[article_id] = hashes
        self._root[article_id] = root or (match.duplicate_of if match else article_id)
        return match

    def _find(self, hashes: np.ndarray, mh: MinHash) -> CopyMatch | None:
        best: tuple[float, str] | None = None
        for bucket in self._days.values():
            for candidate in bucket.lsh.query(mh):
                similarity = jaccard(hashes, bucket.shingles[candidate])
                if similarity >= self.threshold and (best is None or (similarity, candidate) > best):
                    best = (similarity, candidate)
        if best is None:
            return None
        similarity, matched = best
        return CopyMatch(duplicate_of=self._root.get(matched, matched), matched=matched, similarity=similarity)

    def _expire(self, day: int) -> None:
        if self._newest_day is not None and day <= self._newest_day:
            return
        self._newest_day = day
        for old in [d for d in self._days if d <= day - self.keep_days]:
            for article_id in self._days.pop(old).shingles:
                self._root.pop(article_id, None)
