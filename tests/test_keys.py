"""One quantity, one key (issue 15): a claim whose object was not found joins its subject and
metric's only key, and `claimtrack keys` lists keys that look like one quantity."""
import json
from datetime import datetime, timedelta, timezone

from typer.testing import CliRunner

from claimtrack.db.store import Store
from claimtrack.flows.terminal.cli import app
from claimtrack.extractors.object_joins import join_objects
from claimtrack.flows.extraction.keys import known_figures, known_spellings, similar_keys, spell_alike

T0 = datetime(2025, 10, 28, 12, tzinfo=timezone.utc)


def _row(article: str, subject: str, metric: str, obj: str | None, value: float = 27.0) -> dict:
    return {"article_id": article, "subject": subject, "metric": metric, "object": obj, "value": value,
            "claim_key": f"{subject}|{metric}|{obj or ''}", "event_key": None}


def test_a_claim_without_an_object_takes_the_one_its_article_names_for_the_same_subject_and_metric():
    rows = [_row("a", "Microsoft", "stake_pct", "OpenAI"), _row("a", "Microsoft", "stake_pct", None, 32.5),
            _row("b", "Microsoft", "stake_pct", None)]
    assert join_objects(rows, {"stake_pct"}, {}) == 1
    assert [r["claim_key"] for r in rows] == ["Microsoft|stake_pct|OpenAI"] * 2 + ["Microsoft|stake_pct|"]


def test_else_the_one_key_the_store_holds_and_never_a_guess_between_two():
    one = [_row("b", "Microsoft", "stake_pct", None)]
    assert join_objects(one, {"stake_pct"}, {("Microsoft", "stake_pct"): {"OpenAI"}}) == 1
    assert one[0]["object"] == "OpenAI"
    two = [_row("b", "SoftBank", "stake_pct", None)]
    assert join_objects(two, {"stake_pct"}, {("SoftBank", "stake_pct"): {"Arm", "OpenAI"}}) == 0
    untyped = [_row("b", "OpenAI", "valuation", None)]                 # a valuation takes no object
    assert join_objects(untyped, {"stake_pct"}, {("OpenAI", "valuation"): {"X"}}) == 0


def _store_with(tmp_path, claims: list[tuple[str, str, str | None, float, str]]) -> Store:
    """One article per (subject, metric, object, value, outlet) claim, a day apart."""
    store = Store(tmp_path / "k.duckdb")
    articles, rows = [], []
    for n, (subject, metric, obj, value, outlet) in enumerate(claims):
        when = T0 + timedelta(days=n)
        articles.append({"article_id": f"a{n}", "feed_id": "f", "url": f"https://x.example/{n}",
                         "canonical_url": f"https://x.example/{n}", "title": f"t{n}", "outlet": outlet,
                         "published_at": when, "published_source": "feed", "fetched_at": when, "text": "x",
                         "text_source": "feed", "content_hash": f"h{n}"})
        rows.append({"claim_id": f"c{n}", "article_id": f"a{n}", "claim_key": f"{subject}|{metric}|{obj or ''}",
                     "subject": subject, "metric": metric, "object": obj, "value": value, "unit": "percent",
                     "sentence": "x", "start_char": 0, "end_char": 1, "as_of": when, "extractor_version": "t",
                     "outlet": outlet, "article_title": f"t{n}", "article_url": f"https://x.example/{n}",
                     "published_at": when})
    with store.write() as con:
        Store._insert(con, "feeds", [{"feed_id": "f", "url": "https://x.example/feed"}])
        Store._insert(con, "articles", articles)
    store.replace_claims([{"article_id": a["article_id"], "extractor_version": "t", "extracted_at": T0, "claims": 1,
                           "error": None} for a in articles], rows,
                         [{"metric": "stake_pct", "kind": "state", "unit": "percent", "tolerance_pct": 1.0}])
    return store


def test_names_that_differ_only_in_case_are_one_party_spelt_as_most_of_the_batch_spells_it():
    rows = [_row("a", "UniCredit", "stake_pct", "Commerzbank", 21.0), _row("b", "Unicredit", "stake_pct", "Commerzbank", 9.2),
            _row("c", "UniCredit", "stake_pct", "COMMERZBANK", 11.5), _row("c", "Commerzbank", "stake_pct", None, 12.0)]
    assert spell_alike(rows, {}) == 2
    assert {r["claim_key"] for r in rows} == {"UniCredit|stake_pct|Commerzbank", "Commerzbank|stake_pct|"}
    tie = [_row("a", "Unicredit", "stake_pct", None), _row("b", "UniCredit", "stake_pct", None)]
    assert spell_alike(tie, {}) == 1 and {r["subject"] for r in tie} == {"UniCredit"}     # ties: code-point order


def test_a_new_claim_spells_a_party_as_the_store_already_does(tmp_path):
    store = _store_with(tmp_path, [("Unicredit", "stake_pct", "Commerzbank", 9.2, "Germany Daily")])
    rows = [_row("n", "UniCredit", "stake_pct", "Commerzbank", 21.0), _row("n", "UniCredit", "stake_pct", None, 11.5),
            _row("n", "Intesa", "stake_pct", None, 3.0)]
    known = known_spellings(store)
    assert known == {"Unicredit": 1, "Commerzbank": 1}
    assert spell_alike(rows, known) == 2
    assert [r["claim_key"] for r in rows] == ["Unicredit|stake_pct|Commerzbank", "Unicredit|stake_pct|",
                                              "Intesa|stake_pct|"]


def test_keys_lists_a_missing_object_and_a_reversed_direction_that_share_a_value(tmp_path):
    store = _store_with(tmp_path, [
        ("Microsoft", "stake_pct", "OpenAI", 27.0, "The Ledger"), ("Microsoft", "stake_pct", "OpenAI", 27.0, "Signal"),
        ("Microsoft", "stake_pct", None, 27.0, "Northwind"),
        ("OpenAI", "stake_pct", "Microsoft", 27.0, "Wire"),
        ("SoftBank", "stake_pct", "Arm", 90.0, "Wire"), ("Arm", "stake_pct", "SoftBank", 25.0, "Wire"),  # no shared value
    ])
    got = {(p.key, p.other, p.why) for p in similar_keys(store)}
    assert got == {("Microsoft|stake_pct|OpenAI", "Microsoft|stake_pct|", "object missing"),
                   ("Microsoft|stake_pct|OpenAI", "OpenAI|stake_pct|Microsoft", "direction reversed")}
    out = CliRunner().invoke(app, ["keys", "--json", "--db", str(store.path)])
    assert out.exit_code == 0, out.output
    listed = [json.loads(line) for line in out.output.splitlines()]
    assert {(r["key"], r["other"]) for r in listed} == {(k, o) for k, o, _ in got}
    assert all(r["shared_values"] == 1 for r in listed)


def test_the_government_of_a_text_that_names_one_country_is_that_countrys(extractor):
    """One name per party: "the Government" is the UK government in a story on the UK Treasury
    (a key of its own otherwise), and stays bare where the text names two countries."""
    one = extractor.claims("The Government acquired an 84 percent stake in RBS in 2008. "
                           "The UK Treasury said on Friday it had sold its last shares.")
    assert [(c.subject, c.metric, c.object) for c in one if c.metric == "stake_pct"] == [
        ("UK government", "stake_pct", "RBS")]
    two = extractor.claims("The Government acquired an 84 percent stake in RBS in 2008, "
                           "while Germany and France looked on.")
    assert [c.subject for c in two if c.metric == "stake_pct"] != ["UK government"]


def test_a_short_name_joins_the_stored_longer_one_when_they_share_a_figure(tmp_path):
    store = _store_with(tmp_path, [("Beacon Roofing", "stake_pct", None, 14.0, "Ledger"),
                                   ("Mitsubishi UFJ", "stake_pct", None, 10.23, "Ledger")])
    rows = [_row("n", "Beacon", "stake_pct", None, 14.0), _row("n", "Beacon", "stake_pct", None, 15.5),
            _row("n", "Mitsubishi", "stake_pct", None, 9.74)]
    known = known_spellings(store)
    assert spell_alike(rows, known, known_figures(store, rows, known)) == 2
    assert [r["claim_key"] for r in rows] == ["Beacon Roofing|stake_pct|"] * 2 + ["Mitsubishi|stake_pct|"]
