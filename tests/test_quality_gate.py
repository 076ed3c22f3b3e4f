"""The quality gate: `claimtrack eval`'s figures against the floors pinned in
extractors/data/quality_floors.toml (skipped when ../shared is absent)."""
from typer.testing import CliRunner

from conftest import shared_path
from extractors import evaluate as ev
from flows.cli import app


def test_peer_suites_meet_their_floors():
    peers = ev.peer_scores(shared_path("peer-suites"))
    assert set(peers) == set(ev.load_floors()["peers"])
    assert ev.below_floors(None, peers, ev.load_floors()) == []


def test_seed_article_meets_its_floor(extractor):
    text = shared_path("seeds", "000_6ac0e1f229eea688.txt").read_text("utf-8")
    seed = ev.seed_score(extractor.claims(text), ev.load_references(shared_path("seeds", "seed-article.claims.jsonl")))
    assert ev.below_floors(seed, {}, ev.load_floors()) == [], (seed.missed, seed.unmatched_claims)


def test_a_floor_above_the_score_fails_the_gate():
    peers = ev.peer_scores(shared_path("peer-suites"))
    floors = {"seed": {"min_matched": 0, "max_unmatched": 99}, "peers": {"quantulum3/quantities.json": 1.01}}
    assert ev.below_floors(None, peers, floors) == [
        f"quantulum3/quantities.json: {peers['quantulum3/quantities.json'].rate:.1%} of in-scope cases pass, floor 101.0%"]


def test_out_of_scope_cases_are_counted_not_scored():
    cases = [ev.Case("s", "it weighs 5 kg", [], "physical units only"),
             ev.Case("s", "it cost $5", [("money", 5.0, "USD")]),
             ev.Case("s", "it cost $6", [("money", 7.0, "USD")])]
    got = ev.score(cases)["s"]
    assert (got.scored, got.passed, dict(got.out_of_scope)) == (2, 1, {"physical units only": 1})
    assert got.misses == [{"text": "it cost $6", "expected": [("money", 7.0, "USD")], "found": [("money", 6.0, "USD")]}]


def test_eval_command_prints_scores_and_exits_0_at_the_floors():
    shared = shared_path()
    result = CliRunner().invoke(app, ["eval", "--shared", str(shared), "--json"])
    assert result.exit_code == 0, result.output
    assert '"suite": "seed"' in result.output and '"suite": "recognizers-text/CurrencyModel.json"' in result.output
