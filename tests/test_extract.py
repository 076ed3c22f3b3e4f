"""Extraction into the store: claims replaced per article, failures isolated and recorded,
nothing redone for the same extractor version, everything redone with --reextract."""
import spacy
from spacy.language import Language

from claimtrack.db.store import Store
from claimtrack.extractors.pipeline import Extractor
from claimtrack.flows.extraction.extract import extract_batch
from claimtrack.extractors.object_joins import claim_key


@Language.component("test_explode_on_boom")
def _explode(doc):
    if "BOOM" in doc.text:
        raise ValueError("component exploded")
    doc._.claims = []
    return doc


def test_claim_key_is_subject_metric_object():
    assert claim_key("Microsoft", "stake_pct", "OpenAI") == "Microsoft|stake_pct|OpenAI"
    assert claim_key(None, "valuation", None) == "?|valuation|"


def test_claims_are_replaced_not_duplicated_and_pending_follows_the_version(demo_db, extractor):
    store = Store(demo_db.storage.db)
    before = store.counts()["claims"]
    assert store.pending_articles(extractor.version) == []
    ids = store.pending_articles(extractor.version, reextract=True)
    assert len(ids) == store.counts()["articles"]
    result = extract_batch(store, extractor, ids)
    assert (result.claims, result.failed) == (before, [])
    assert store.counts()["claims"] == before                       # replaced, not added
    assert len(store.pending_articles("some-newer-version")) == len(ids)


def test_an_article_that_breaks_the_pipeline_is_recorded_and_the_rest_stored(demo_db, extractor, tmp_path):
    import shutil
    db = tmp_path / "copy.duckdb"
    shutil.copy(demo_db.storage.db, db)
    store = Store(db)
    with store.write() as con:
        con.execute("UPDATE articles SET text = text || ' BOOM' WHERE title LIKE 'Oracle%'").fetchall()
    nlp = spacy.blank("en")
    nlp.add_pipe("test_explode_on_boom")
    broken = Extractor(nlp, "test-v1")
    ids = store.pending_articles(broken.version)
    result = extract_batch(store, broken, ids)
    assert len(result.failed) == 1 and "component exploded" in result.failed[0]
    assert result.articles == len(ids) - 1
    with store.read() as con:
        errors = con.execute("SELECT count(*) FROM extractions WHERE error IS NOT NULL").fetchall()[0][0]
    assert errors == 1
    # the failed article stays pending for this version, so a later run retries it
    assert len(store.pending_articles(broken.version)) == 1


def test_reextraction_reports_added_removed_and_changed_values(demo_db, extractor, tmp_path):
    import shutil
    db = tmp_path / "diff.duckdb"
    shutil.copy(demo_db.storage.db, db)
    store = Store(db)
    ids = store.pending_articles(extractor.version, reextract=True)
    same = extract_batch(store, extractor, ids)
    assert (same.added, same.removed, same.changed) == (0, 0, 0)     # same extractor, same claims
    with store.write() as con:
        target = con.execute("SELECT claim_id, claim_key, value FROM claims WHERE metric = 'stake_pct' "
                             "AND value = 27 ORDER BY claim_id LIMIT 1").fetchone()
        con.execute("UPDATE claims SET value = 30, extractor_version = 'claims.v0+figures.v1' WHERE claim_id = ?",
                    [target[0]]).fetchall()
        dropped = con.execute("SELECT count(*) FROM claims WHERE metric = 'valuation'").fetchone()[0]
        con.execute("DELETE FROM claims WHERE metric = 'valuation'").fetchall()
        con.execute("""INSERT INTO claims (claim_id, article_id, claim_key, subject, object, metric, value, unit,
                       previous_value, qualifier, topic, stance, attributed_to, speaker, sentence, start_char,
                       end_char, as_of, extractor_version, outlet, article_title, article_url, published_at)
                       SELECT 'extra', article_id, 'X|revenue|', 'X', NULL, 'revenue', 1, 'USD',
                       NULL, NULL, NULL, NULL, NULL, NULL, 'An old sentence.', 0, 5, as_of, extractor_version,
                       outlet, article_title, article_url, published_at
                       FROM claims LIMIT 1""").fetchall()
    result = extract_batch(store, extractor, ids)
    assert (result.added, result.removed, result.changed) == (dropped, 1, 1)
    (change,) = result.changes
    assert (change["claim_key"], change["old_value"], change["new_value"], change["old_version"]) == (
        target[1], 30.0, 27.0, "claims.v0+figures.v1")


def test_a_process_pool_gives_the_same_claims_as_one_process(demo_db, extractor, tmp_path):
    """Large runs extract on worker processes (each with its own pipeline); the parent writes."""
    import shutil
    from conftest import ROOT
    from claimtrack.flows.extraction.pool import ExtractorPool
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    shutil.copy(demo_db.storage.db, one)
    shutil.copy(demo_db.storage.db, two)
    ids = Store(one).pending_articles(extractor.version, reextract=True)
    extract_batch(Store(one), extractor, ids)
    pool = ExtractorPool(2, "auto", ROOT / "config" / "entities.toml", ROOT / "config" / "claims.toml",
                         ROOT / "config" / "risk.toml")
    try:
        result = extract_batch(Store(two), extractor, ids, runner=pool)
    finally:
        pool.close()
    query = "SELECT claim_id, claim_key, value, sentence, start_char, extractor_version FROM claims ORDER BY claim_id"
    with Store(one).read() as a, Store(two).read() as b:
        assert a.execute(query).fetchall() == b.execute(query).fetchall()
    assert result.failed == [] and result.claims > 0


def test_a_text_over_spacys_limit_is_read_in_parts_with_offsets_in_the_whole(extractor):
    """spaCy refuses over 1,000,000 characters; a page with an inline 2 MB data: URI on one
    line still gives its claims, each span pointing into the whole text."""
    from claimtrack.extractors.parts import PART_CHARS, split_text
    head = "Microsoft holds a 27% stake in OpenAI.\n"
    tail = "\nOpenAI is valued at $500 billion.\n"
    text = head + "data:image/png;base64," + "QUJD" * 500_000 + "\nShort line.\n" + tail
    parts = split_text(text)
    assert "".join(p for _, p in parts) == text and all(len(p) <= PART_CHARS for _, p in parts)
    assert all(text[o:o + len(p)] == p for o, p in parts)
    got = {(c.metric, c.value, text[c.start:c.end]) for c in extractor.claims(text)}
    assert ("stake_pct", 27.0, "Microsoft holds a 27% stake in OpenAI.") in {(m, v, s.strip()) for m, v, s in got}
    assert any(m == "valuation" and v == 500e9 and "valued at $500 billion" in s for m, v, s in got)
    assert [len(c) for c in extractor.pipe(["", head, text, head])][:2] == [0, 1]
