"""Quiet feeds: a feed that still answers but whose entries stopped coming is flagged once it is
silent for four of its usual gaps between articles (learned from its own history, at least a
day); a lively feed, and one with too little history to learn from, are not."""
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

from typer.testing import CliRunner

from claimtrack.flows.outputs.digest import render_digest
from claimtrack.flows.terminal.cli import app
from test_ingest import _poll_all, feeds, rss  # noqa: F401  (feeds is a fixture)

LONG = "<p>" + "The quarterly figures were read out at the meeting and noted by the board. " * 12 + "</p>"


def _items(name: str, newest: datetime, every: timedelta, count: int) -> list[dict]:
    return [{"title": f"{name} story {i}", "link": f"http://example.test/{name}/{i}", "guid": f"{name}-{i}",
             "date": format_datetime(newest - i * every), "html": LONG.replace("quarterly", f"{name} {i}")}
            for i in range(count)]


def _health(store) -> dict[str, dict]:
    return {r["feed"]: r for r in store.query("feed_health_all")}


def test_a_feed_silent_for_four_usual_gaps_is_quiet_and_a_lively_one_is_not(feeds, make_settings):
    now = datetime.now(timezone.utc)
    dead = feeds.feed("/dead.xml", rss("Dead CMS", _items("dead", now - timedelta(days=20), timedelta(days=1), 8)))
    lively = feeds.feed("/lively.xml", rss("Lively", _items("lively", now - timedelta(hours=2), timedelta(hours=6), 8)))
    young = feeds.feed("/young.xml", rss("Young", _items("young", now - timedelta(days=20), timedelta(days=1), 3)))
    settings = make_settings([dead, lively, young])
    store, _ = _poll_all(settings)
    health = _health(store)
    assert health["Dead CMS"]["usual_gap_hours"] == 24.0 and health["Dead CMS"]["quiet"] is True
    assert health["Lively"]["usual_gap_hours"] == 6.0 and health["Lively"]["quiet"] is False
    assert health["Young"]["usual_gap_hours"] == 24.0 and health["Young"]["quiet"] is False    # 2 gaps: too few

    # polled again, answering with the same entries (a 304): still quiet, and nothing written
    before = store.counts()
    store, _ = _poll_all(settings)
    assert _health(store)["Dead CMS"]["quiet"] is True and store.counts() == before

    out = CliRunner().invoke(app, ["feeds", "--db", str(settings.storage.db)], env={"COLUMNS": "250"})
    assert out.exit_code == 0
    dead_line = next(line for line in out.output.splitlines() if "Dead CMS" in line)
    assert "quiet" in dead_line and "usual gap 24h" in dead_line
    assert "quiet" not in next(line for line in out.output.splitlines() if "Lively" in line)

    # the operator's digest ([digest] feed_health) lists it with why; recipients' copies do not
    operator = render_digest(store, today=now.date(), feed_health=True).text
    since = (now - timedelta(days=20)).strftime("%Y-%m-%d")
    assert f"- Dead CMS: quiet: nothing new since {since}, when it usually has something every 24.0 h" in operator
    assert "Lively" not in operator.split("FEED HEALTH")[1]
    assert "Dead CMS" not in render_digest(store, today=now.date()).text


def test_a_new_entry_ends_the_quiet(feeds, make_settings):
    now = datetime.now(timezone.utc)
    items = _items("revived", now - timedelta(days=20), timedelta(days=1), 8)
    url = feeds.feed("/revived.xml", rss("Revived", items))
    settings = make_settings([url])
    store, _ = _poll_all(settings)
    assert _health(store)["Revived"]["quiet"] is True
    feeds.bodies["/revived.xml"] = rss("Revived", _items("fresh", now, timedelta(days=1), 1) + items)
    store, _ = _poll_all(settings)
    assert _health(store)["Revived"]["quiet"] is False
