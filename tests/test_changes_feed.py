"""The Atom feed of claim changes (issue 18): valid Atom that feedparser reads, one entry per
change of the demo with its key, old -> new value, first outlet, article link and date; written
by `claimtrack changes --atom` and by an atom channel at the end of a run, whole and the same
bytes when nothing changed; a stranger's text cannot break the XML."""
from dataclasses import replace
from datetime import datetime, timezone
from xml.etree import ElementTree as ET

import feedparser
from typer.testing import CliRunner

from claimtrack.db.store import Store
from claimtrack.flows.outputs.changes_feed import changes_atom
from claimtrack.flows.channel_config import ChannelConfig
from claimtrack.flows.terminal.cli import app
from claimtrack.flows.outputs.dispatch import after_run

DEMO_CHANGES = [  # (title, first outlet, link, published day), newest first
    ("Goldman Sachs · forecast_peak_until: 2025 → 2026 (+0.1%)", "Northwind Wire",
     "https://northwind.example/wire/goldman-pushes-out-datacenter-peak", "2025-10-30"),
    ("Microsoft · stake_pct · OpenAI: 32.5% → 27% (-16.9%)", "The Ledger",
     "https://ledger.example/markets/microsoft-openai-definitive-agreement", "2025-10-28"),
    ("OpenAI · valuation: $300B → $500B (+66.7%)", "The Ledger",
     "https://ledger.example/markets/openai-share-sale-500-billion", "2025-10-02"),
    ("OpenAI · valuation: $157B → $300B (+91.1%)", "Northwind Wire",
     "https://northwind.example/wire/softbank-leads-40-billion-round", "2025-03-01"),
]


def test_changes_atom_writes_a_feed_that_feedparser_reads_with_the_demos_changes(demo_db, tmp_path):
    out = tmp_path / "feeds" / "changes.atom"
    config = str(demo_db.config_path)
    result = CliRunner().invoke(app, ["changes", "--atom", str(out), "--config", config])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"wrote 4 changes to {out}"
    feed = feedparser.parse(out.read_bytes())
    assert not feed.bozo and feed.version == "atom10" and feed.feed.title == "claimtrack: claim changes"
    assert [(e.title, e.author, e.link, e.published[:10]) for e in feed.entries] == DEMO_CHANGES
    stake = feed.entries[1]
    assert "first reported by The Ledger on 2025-10-28" in stake.summary and "Microsoft|stake_pct|OpenAI" in stake.summary
    assert [t.term for t in stake.tags] == ["stake_pct"]
    assert len({e.id for e in feed.entries}) == 4 and all(e.id.startswith("urn:uuid:") for e in feed.entries)

    before = out.read_bytes()
    assert CliRunner().invoke(app, ["changes", "--atom", str(out), "--config", config]).exit_code == 0
    assert out.read_bytes() == before and [p.name for p in out.parent.iterdir()] == ["changes.atom"]


def test_an_atom_channel_is_rewritten_when_a_run_ends_and_a_failing_one_is_a_line(demo_db, tmp_path):
    (tmp_path / "a-folder.atom").mkdir()
    settings = replace(demo_db, channels=(
        ChannelConfig("feed", "atom", path=tmp_path / "out" / "changes.atom"),
        ChannelConfig("broken", "atom", path=tmp_path / "a-folder.atom")))
    written, broken = after_run(Store(demo_db.storage.db), settings, datetime.now(timezone.utc))
    assert (written.channel, written.status, written.detail) == ("feed", "sent", "4 changes")
    assert len(feedparser.parse((tmp_path / "out" / "changes.atom").read_bytes()).entries) == 4
    assert broken.status == "failed" and "a-folder.atom: cannot write the feed" in broken.detail


def test_a_strangers_text_cannot_break_the_feed():
    hostile = "Wire <b>&</b> ]]> \x1b[2J\x00\x07 \ufffe\r\nnext"
    row = {"claim_key": f"{hostile}|valuation|", "subject": hostile, "metric": "valuation", "object": None,
           "previous_value": 1e9, "new_value": 2e9, "unit": "USD", "change_pct": 100.0, "first_outlet": hostile,
           "first_url": "javascript:alert(1)", "changed_at": datetime(2025, 1, 2, tzinfo=timezone.utc),
           "as_of_basis": "sentence", "outlets": 2}
    data = changes_atom([row], "key")
    ET.fromstring(data)                                                   # well-formed XML
    (entry,) = feedparser.parse(data).entries
    assert entry.title == "Wire <b>&</b> ]]> [2J  next · valuation: $1B → $2B (+100.0%)"
    assert entry.author == "Wire <b>&</b> ]]> [2J  next" and b"javascript" not in data      # no link but to the web
