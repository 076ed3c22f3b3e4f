"""Duplicate detection and language guessing, as plain functions."""
import hashlib
import re
import zlib
from datetime import datetime, timezone

import numpy as np
import pytest

from claimtrack.db.dedupe import NEAR_DUPLICATE, _shingles, content_hash, fingerprint, link_duplicates, minhash, similarity
from claimtrack.flows.sources.language import article_language, guess_language, normalise_code
from test_ingest import STORY

T0 = datetime(2025, 10, 28, tzinfo=timezone.utc)
T1 = datetime(2025, 10, 29, tzinfo=timezone.utc)


def test_similarity_is_one_for_the_same_text_high_for_a_copy_and_low_for_another_story():
    original = fingerprint("a", T0, STORY)
    assert similarity(original, fingerprint("b", T0, "  " + STORY.upper() + " ")) == 1.0     # case and spacing folded
    copy = fingerprint("c", T0, "By a staff writer. " + STORY + " Sign up for our newsletter.")
    assert NEAR_DUPLICATE <= similarity(original, copy) < 1.0
    other = fingerprint("d", T0, " ".join(reversed(STORY.split())))
    assert similarity(original, other) < 0.2


@pytest.mark.parametrize("text", ["", "one", "four words in all", "exactly five words in it", STORY, STORY + " " + STORY,
                                  "Ünïcödé\u00a0spaces\u2003and\u3000ideographic\x1cseparators " * 12,
                                  "  Lines\r\nand\ttabs,\x0bvertical\x0cfeeds\u2028too  " * 10])
def test_hashes_and_shingles_are_those_of_their_definition(text):
    """Signatures and hashes are stored and compared with those of earlier runs: however they are
    computed, they stay those of the plain definition (a slice of five words per position, every
    run of whitespace one space)."""
    folded = re.sub(r"\s+", " ", text).strip().lower()
    assert content_hash(text) == hashlib.sha1(folded.encode("utf-8")).hexdigest()
    words = re.findall(r"\w+", text.lower())
    grams = {" ".join(words[i:i + 5]) for i in range(max(1, len(words) - 4))}
    assert sorted(_shingles(text).tolist()) == sorted(zlib.crc32(g.encode("utf-8")) for g in grams)
    assert _shingles(text).dtype == np.uint64


def test_short_texts_are_compared_only_exactly():
    assert minhash("Microsoft holds 27% of OpenAI.") is None
    a, b = fingerprint("a", T0, "Short note one."), fingerprint("b", T0, "Short note two.")
    assert similarity(a, b) == 0.0 and a.band_keys() == []


def test_in_one_batch_the_earliest_copy_is_the_original():
    late, early = fingerprint("late", T1, STORY), fingerprint("early", T0, STORY + " Updated.")
    links, repoints = link_duplicates([late, early], [])
    assert [(lk.article_id, lk.duplicate_of) for lk in links] == [("late", "early")] and repoints == []


def test_a_stored_group_joins_its_original_not_the_copy_that_matched():
    original, copy = fingerprint("o", T0, STORY), fingerprint("c", T0, STORY + " Extra words at the end here.")
    newcomer = fingerprint("n", T1, STORY + " Extra words at the end here.")
    links, _ = link_duplicates([newcomer], [(original, None), (copy, "o")])
    assert [(lk.article_id, lk.duplicate_of, lk.score) for lk in links] == [("n", "o", 1.0)]


@pytest.mark.parametrize("declared, code", [("en-US", "en"), ("EN_gb", "en"), ("pt-pt", "pt"), ("", None),
                                            ("english please", None), (None, None)])
def test_declared_language_tags_are_normalised(declared, code):
    assert normalise_code(declared) == code


def test_language_guess_for_common_news_languages_and_silence_when_unsure():
    assert guess_language(STORY) == "en"
    assert guess_language("Die Regierung hat am Montag beschlossen, dass die Steuer nicht steigt und "
                          "der Haushalt für das nächste Jahr mit einer Reserve geplant wird.") == "de"
    assert guess_language("Le gouvernement a annoncé que les impôts ne seront pas augmentés et que le "
                          "budget de la prochaine année sera présenté dans un mois.") == "fr"
    assert guess_language("OpenAI: $500B. Microsoft: 27%.") is None
    assert article_language("es", STORY) == "es"          # a declaration wins over the guess
