"""Duplicate articles: the same text (content hash) or nearly the same (MinHash of word shingles).

A syndicated copy or a repost usually differs from its original by a headline, a byline, an
added paragraph or trailing boilerplate, so an exact hash misses it. Each article gets a
MinHash signature of its word 5-shingles; signatures are cut into bands whose hashes are stored,
so candidates are found with an indexed equality join and confirmed by estimated Jaccard
similarity. The original of a group is its earliest published member; every other member points
at it with `duplicate_of`, so views count one story once.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import cached_property

import numpy as np

SHINGLE_WORDS = 5
PERMUTATIONS = 64
BANDS = 16                      # 16 bands of 4 rows: pairs near 0.5 Jaccard start to collide
ROWS = PERMUTATIONS // BANDS
NEAR_DUPLICATE = 0.7            # estimated Jaccard from which two texts are one story
MIN_SHINGLES = 30               # shorter texts are compared by exact hash only
BUCKET_SIZE = 10                # articles kept per band (the earliest): a flood of copies of one story
                                # is compared with a few of them, so linking stays linear
_PRIME = np.uint64(4294967311)  # the first prime above 2**32
_rng = np.random.default_rng(20251028)          # fixed: stored signatures must stay comparable
_A = _rng.integers(1, 2**31, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, 2**31, PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def content_hash(text: str) -> str:
    """Hash of the text with case and spacing folded: identical copies hash alike."""
    folded = " ".join(text.split()).lower()     # = re.sub(r"\s+", " ", text).strip(): the same whitespace
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()


def _shingles(text: str) -> np.ndarray:
    """The CRC-32 of each distinct run of SHINGLE_WORDS words (of all the words, when fewer).
    Built from shifted copies of the word list rather than a slice per position: this runs for
    every article ingested, and the values are stored, so they must not change."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        grams = {" ".join(words)}
    else:
        grams = set(map(" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS)))))
    return np.fromiter(map(zlib.crc32, map(str.encode, grams)), dtype=np.uint64, count=len(grams))


@dataclass(frozen=True)
class Fingerprint:
    """What duplicate detection knows of one article."""
    article_id: str
    published_at: object            # datetime; only compared with others
    content_hash: str
    minhash: tuple[int, ...] | None  # None for texts too short to compare loosely

    def band_keys(self) -> list[int]:
        """The signature's LSH band hashes (none for short texts); articles sharing one are candidates."""
        return list(self._band_keys)

    @cached_property
    def _band_keys(self) -> tuple[int, ...]:
        # computed once: ingest needs them to find candidates, to link and to store them
        if self.minhash is None:
            return ()
        keys = []
        for band in range(BANDS):
            chunk = self.minhash[band * ROWS:(band + 1) * ROWS]
            digest = hashlib.blake2b(repr((band, chunk)).encode(), digest_size=8).digest()
            keys.append(int.from_bytes(digest, "big") >> 1)     # fits a signed BIGINT
        return tuple(keys)

    @cached_property
    def _signature(self) -> np.ndarray:
        return np.asarray(self.minhash, dtype=np.int64)


def minhash(text: str) -> tuple[int, ...] | None:
    """MinHash signature of the text's word 5-shingles, or None when it has too few of them."""
    shingles = _shingles(text)
    if len(shingles) < MIN_SHINGLES:
        return None
    hashed = (np.outer(_A, shingles) + _B[:, None]) % _PRIME
    return tuple(int(v) for v in hashed.min(axis=1))


def fingerprint(article_id: str, published_at: object, text: str) -> Fingerprint:
    return Fingerprint(article_id, published_at, content_hash(text), minhash(text))


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """1.0 for the same text, else the estimated Jaccard similarity of the shingle sets."""
    if a.content_hash == b.content_hash:
        return 1.0
    if a.minhash is None or b.minhash is None:
        return 0.0
    return np.count_nonzero(a._signature == b._signature) / PERMUTATIONS


@dataclass(frozen=True)
class Link:
    """`article_id` repeats `duplicate_of`; `score` is its similarity to the copy it matched."""
    article_id: str
    duplicate_of: str
    score: float


class _Index:
    """Fingerprints bucketed by content hash and by MinHash band (LSH): a new article is compared
    only with those sharing a bucket, so linking costs about one lookup per band, not a pass
    over every article. One article stands for each content hash (identical copies score alike),
    and a band keeps its first BUCKET_SIZE articles: copies of one story share several bands, so a
    new copy still meets some of them, and a thousand copies cost no more than ten."""

    def __init__(self) -> None:
        self.known: dict[str, Fingerprint] = {}
        self.order: dict[str, int] = {}
        self.by_hash: dict[str, str] = {}
        self.by_band: dict[int, list[str]] = {}

    def add(self, fp: Fingerprint) -> None:
        self.order.setdefault(fp.article_id, len(self.order))
        self.known[fp.article_id] = fp
        if fp.content_hash in self.by_hash:
            return
        self.by_hash[fp.content_hash] = fp.article_id
        for key in fp.band_keys():
            bucket = self.by_band.setdefault(key, [])
            if len(bucket) < BUCKET_SIZE:
                bucket.append(fp.article_id)

    def candidates(self, fp: Fingerprint) -> list[Fingerprint]:
        """Indexed articles sharing fp's content hash or a band, in the order they were added."""
        ids: set[str] = set()
        same = self.by_hash.get(fp.content_hash)
        if same is not None:
            ids.add(same)
        for key in fp.band_keys():
            ids.update(self.by_band.get(key, ()))
        ids.discard(fp.article_id)
        return [self.known[i] for i in sorted(ids, key=self.order.__getitem__)]


def link_duplicates(new: list[Fingerprint], stored: list[tuple[Fingerprint, str | None]]
                    ) -> tuple[list[Link], list[Link]]:
    """Decide which new articles repeat a stored one or each other.

    `stored` holds candidates with their current `duplicate_of`. Returns links for new
    articles, and `repoints`: stored originals that a new, earlier-published article displaces
    (the stored original and everything that pointed at it then point at the new one).
    Only pairs that share a content hash or a MinHash band are compared (see `_Index`).
    """
    root_of: dict[str, str] = {}
    index = _Index()
    for fp, dup_of in stored:
        index.add(fp)
        root_of[fp.article_id] = dup_of or fp.article_id
    members: dict[str, list[str]] = {}
    for aid, root in root_of.items():
        members.setdefault(root, []).append(aid)
    links: list[Link] = []
    repoints: list[Link] = []
    # in publication order, so within a batch the earliest copy is met first and stays original
    for fp in sorted(new, key=lambda f: (f.published_at, f.article_id)):
        best, best_score = None, 0.0
        for other in index.candidates(fp):
            score = similarity(fp, other)
            if score >= NEAR_DUPLICATE and score > best_score:
                best, best_score = other, score
                if score == 1.0:
                    break
        index.add(fp)
        if best is None:
            root_of[fp.article_id] = fp.article_id
            members.setdefault(fp.article_id, []).append(fp.article_id)
            continue
        root = root_of[best.article_id]
        original = index.known.get(root)
        if original is not None and (fp.published_at, fp.article_id) < (original.published_at, original.article_id):
            # only a stored original can be younger (new ones come in publication order)
            repoints.append(Link(root, fp.article_id, similarity(fp, original)))
            group = members.pop(root, [])
            for aid in group:
                root_of[aid] = fp.article_id
            root_of[fp.article_id] = fp.article_id
            members[fp.article_id] = [*group, fp.article_id]
            continue
        root_of[fp.article_id] = root
        members.setdefault(root, []).append(fp.article_id)
        links.append(Link(fp.article_id, root, best_score))
    return links, repoints
