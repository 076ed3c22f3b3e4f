"""Open claims (issue 17): figures no claim type names are stored with their kind, range and
stated change, tracked by key like typed claims, and listed in the digest's section of their own
only when two or more outlets reported the key. Claims are built by hand (Claim(kind="open")),
stored through claim_rows and the real store, and the digest is sent to a real SMTP server."""
from dataclasses import replace
from datetime import datetime

import pytest

from claimtrack.db.store import Store
from claimtrack.extractors.claim import Claim
from claimtrack.flows.outputs.digest import render_digest
from claimtrack.flows.extraction.extract import claim_rows
from claimtrack.flows.outputs.mail import send_digest
from test_mail import Inbox, smtp  # noqa: F401 - the real SMTP server (aiosmtpd on 127.0.0.1), a fixture


def claim(subject, metric, value, unit, sentence, kind="open", obj=None, previous=None, **more) -> Claim:
    return Claim(subject=subject, object=obj, metric=metric, value=value, unit=unit, previous_value=previous,
                 qualifier=None, topic=None, stance=None, attributed_to=None, speaker=None, sentence=sentence,
                 start=0, end=len(sentence), kind=kind, **more)


class Outlets:
    """Articles of named outlets, each with the claims written for it, stored the way an
    extraction stores them (claim_rows, then Store.replace_claims) and tracked."""

    def __init__(self, path):
        self.store = Store(path)
        self.articles: list[dict] = []
        self.rows: list[dict] = []

    def article(self, outlet: str, published: datetime, *claims: Claim) -> "Outlets":
        n = len(self.articles)
        article = {"article_id": f"a{n}", "feed_id": outlet, "url": f"https://{n}.example/story",
                   "canonical_url": f"https://{n}.example/story", "title": f"story {n}", "outlet": outlet,
                   "published_at": published, "published_source": "feed", "fetched_at": published,
                   "text": " ".join(c.sentence for c in claims), "text_source": "feed", "content_hash": f"h{n}"}
        self.articles.append(article)
        self.rows += claim_rows(article, list(claims), "test")
        return self

    def save(self) -> Store:
        with self.store.write() as con:
            Store._insert(con, "feeds", [{"feed_id": o, "url": f"https://{o.replace(' ', '')}.example/feed"}
                                         for o in dict.fromkeys(a["outlet"] for a in self.articles)])
            Store._insert(con, "articles", self.articles)
        self.store.replace_claims([{"article_id": a["article_id"], "extractor_version": "test",
                                    "extracted_at": a["published_at"], "claims": 1, "error": None}
                                   for a in self.articles], self.rows)
        return self.store


def at(day: str) -> datetime:
    return datetime.fromisoformat(day + "T09:00:00+00:00")


def rows(store: Store, query: str) -> list[dict]:
    with store.read() as con:
        cur = con.execute(query)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]


FORECAST = "Rivian cut its annual delivery forecast to between 40,000 and 46,000 vehicles."
DELIVERED = "Tesla delivered 497,099 vehicles in the third quarter, up 7% from 464,600 a year earlier."


def test_open_claims_are_stored_with_kind_range_and_change_and_read_back(tmp_path):
    store = Outlets(tmp_path / "o.duckdb").article("The Ledger", at("2026-03-03"),
        claim("Rivian", "deliveries", 43_000, "count", FORECAST, low=40_000, high=46_000),
        claim("Tesla", "deliveries", 497_099, "count", DELIVERED, previous=464_600, change=7.0,
              change_unit="percent"),
        claim("Microsoft", "stake_pct", 27.0, "percent", "Microsoft now holds 27% of OpenAI.", kind="typed",
              obj="OpenAI")).save()
    got = rows(store, "SELECT claim_key, value, unit, status, kind, low, high, change, change_unit FROM claims "
                      "ORDER BY claim_key, status")
    assert got == [
        {"claim_key": "Microsoft|stake_pct|OpenAI", "value": 27.0, "unit": "percent", "status": "reported",
         "kind": "typed", "low": None, "high": None, "change": None, "change_unit": None},
        {"claim_key": "Rivian|deliveries|", "value": 43_000.0, "unit": "count", "status": "reported",
         "kind": "open", "low": 40_000.0, "high": 46_000.0, "change": None, "change_unit": None},
        {"claim_key": "Tesla|deliveries|", "value": 497_099.0, "unit": "count", "status": "reported",
         "kind": "open", "low": None, "high": None, "change": 7.0, "change_unit": "percent"},
        # the value before is a report of its own: still open, without the new value's range or change
        {"claim_key": "Tesla|deliveries|", "value": 464_600.0, "unit": "count", "status": "superseded",
         "kind": "open", "low": None, "high": None, "change": None, "change_unit": None},
    ]
    timeline = rows(store, "SELECT claim_key, claim_kind, low, high, change, change_unit FROM claim_timeline "
                           "WHERE status = 'reported' ORDER BY claim_key")
    assert [tuple(r.values()) for r in timeline] == [
        ("Microsoft|stake_pct|OpenAI", "typed", None, None, None, None),
        ("Rivian|deliveries|", "open", 40_000.0, 46_000.0, None, None),
        ("Tesla|deliveries|", "open", None, None, 7.0, "percent")]
    # open keys are tracked like typed ones: the stated previous value makes a change
    changes = rows(store, "SELECT claim_key, previous_value, new_value, key_kind FROM claim_changes "
                          "WHERE previous_value IS NOT NULL")
    assert changes == [{"claim_key": "Tesla|deliveries|", "previous_value": 464_600.0, "new_value": 497_099.0,
                        "key_kind": "open"}]


def test_a_key_is_open_only_when_all_its_claims_are(tmp_path):
    """A typed claim type and an open figure can share a key (an open metric mapped to
    market_cap, or promoted to a type in config/claims.toml): the key is then typed."""
    cap = "Nvidia's market capitalization topped $5 trillion."
    store = Outlets(tmp_path / "k.duckdb") \
        .article("The Ledger", at("2026-02-02"), claim("Nvidia", "market_cap", 4.5e12, "USD", cap)) \
        .article("Northwind Wire", at("2026-03-03"), claim("Nvidia", "market_cap", 5e12, "USD", cap, kind="typed")) \
        .article("Northwind Wire", at("2026-03-04"),
                 claim("Ford", "employees", 177_000, "count", "Ford employs 177,000 people.")) \
        .save()
    values = rows(store, "SELECT claim_key, claim_kind, key_kind FROM claim_values ORDER BY claim_key, as_of")
    assert [(r["claim_key"], r["claim_kind"], r["key_kind"]) for r in values] == [
        ("Ford|employees|", "open", "open"),
        ("Nvidia|market_cap|", "open", "typed"), ("Nvidia|market_cap|", "typed", "typed")]
    kinds = rows(store, "SELECT claim_key, list_distinct(list(key_kind)) AS kinds FROM claim_changes "
                        "GROUP BY claim_key ORDER BY claim_key")
    assert kinds == [{"claim_key": "Ford|employees|", "kinds": ["open"]},
                     {"claim_key": "Nvidia|market_cap|", "kinds": ["typed"]}]


@pytest.fixture
def week_of_changes(make_settings):
    """Week 2026-W10: Rivian's delivery forecast (open) moves from one outlet's 51,000 to
    another's 40,000–46,000; Tesla's deliveries (open) move too, but only The Ledger reports
    them; Microsoft's stake (typed) moves from 32.5% to 27%."""
    settings = make_settings([])
    Outlets(settings.storage.db) \
        .article("Northwind Wire", at("2026-02-02"),
                 claim("Rivian", "delivery_forecast", 51_000, "count", "Rivian expects 51,000 deliveries."),
                 claim("Microsoft", "stake_pct", 32.5, "percent", "Microsoft holds 32.5% of OpenAI.", kind="typed",
                       obj="OpenAI")) \
        .article("The Ledger", at("2026-02-03"),
                 claim("Tesla", "deliveries", 384_122, "count", "Tesla delivered 384,122 vehicles.")) \
        .article("The Ledger", at("2026-03-03"),
                 claim("Rivian", "delivery_forecast", 43_000, "count", FORECAST, low=40_000, high=46_000),
                 claim("Tesla", "deliveries", 497_099, "count", DELIVERED, change=7.0, change_unit="percent"),
                 claim("Microsoft", "stake_pct", 27.0, "percent", "Microsoft now holds 27% of OpenAI.",
                       kind="typed", obj="OpenAI")) \
        .save()
    return settings


def test_the_digest_lists_open_changes_of_keys_two_outlets_reported_apart(week_of_changes):
    digest = render_digest(Store(week_of_changes.storage.db), "2026-W10")
    text = digest.text
    typed_section = text.split("CLAIMS THAT CHANGED")[1].split("OTHER FIGURES THAT CHANGED")[0]
    open_section = text.split("OTHER FIGURES THAT CHANGED")[1].split("NEW CLAIMS")[0]
    assert "- Microsoft's stake in OpenAI: 32.5% -> 27%, first reported by The Ledger" in typed_section
    assert "Rivian" not in typed_section and "Tesla" not in typed_section
    assert open_section.startswith(" (1)\n")
    # an open metric has no claim type to label it: its name in words
    assert ("- Rivian's delivery forecast: 51,000 -> 40,000–46,000, first reported by The Ledger on 2026-03-03; "
            "reported by Northwind Wire, The Ledger") in open_section
    assert "Microsoft" not in open_section
    # one outlet's open figures stay out of the digest: not a change, not a new or reported figure
    assert "Tesla" not in text and "497,099" not in text
    assert "Other figures that changed (1)" in digest.html and "51,000 → 40,000–46,000" in digest.html


def test_the_open_section_arrives_in_both_parts_of_the_mail(week_of_changes, smtp):  # noqa: F811 - fixture
    inbox = Inbox()
    settings = replace(week_of_changes.digest, smtp_host="127.0.0.1", smtp_port=smtp(inbox), smtp_security="none",
                       recipients=("open@analysts.example",), sender="digest@claimtrack.example")
    store = Store(week_of_changes.storage.db)
    digest = render_digest(store, "2026-W10")
    assert [d.status for d in send_digest(store, digest, settings)] == ["sent"]
    ((_, msg),) = inbox.messages
    plain, html = msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()
    assert "OTHER FIGURES THAT CHANGED (1)" in plain and "51,000 -> 40,000–46,000" in plain
    assert "Other figures that changed (1)" in html and "51,000 → 40,000–46,000" in html
    assert "Tesla" not in plain and "Tesla" not in html


def test_an_open_key_one_outlet_reported_is_left_out_even_when_it_changed(make_settings):
    settings = make_settings([])
    Outlets(settings.storage.db) \
        .article("The Ledger", at("2026-02-03"), claim("Tesla", "deliveries", 384_122, "count", "Tesla delivered.")) \
        .article("The Ledger", at("2026-03-03"), claim("Tesla", "deliveries", 497_099, "count", DELIVERED)) \
        .save()
    store = Store(settings.storage.db)
    assert [r["new_value"] for r in rows(store, "SELECT new_value FROM claim_changes ORDER BY changed_at")] == \
        [384_122, 497_099]                                   # tracked like any key ...
    text = render_digest(store, "2026-W10").text
    assert "OTHER FIGURES THAT CHANGED (0)\n  No other figure reported by two or more outlets changed" in text
    assert "Tesla" not in text                                # ... but left out of the digest
