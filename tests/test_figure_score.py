"""Key sharing in the every-figure score (extractors/figure_score.py) keys claims as the store
does: a claim found without its object joins the one object its subject and metric have in the
passages stored on the days before, never in passages stored after it."""
from types import SimpleNamespace

from claimtrack.extractors.corpus import GoldClaim, Passage
from claimtrack.extractors.figure_score import score_figures


def _passage(pid: str, outlet: str, day: str) -> Passage:
    gold = GoldClaim("stake_pct", "Halden", (), "Orrin", 27.0, "percent", raw={"quantity": "halden-orrin-stake"})
    return Passage(pid, "halden-orrin", outlet, f"https://{outlet}.example/{pid}", day, f"text of {pid}", (gold,), "news")


def _claims(with_object: set[str]):
    def claims_of(text: str) -> list:
        pid = text.removeprefix("text of ")
        return [SimpleNamespace(subject="Halden", object="Orrin" if pid in with_object else None, metric="stake_pct",
                                value=27.0, unit="percent", kind="typed")]
    return claims_of


def test_a_claim_without_its_object_shares_the_key_told_on_an_earlier_day():
    passages = [_passage("a", "wire", "2025-03-01"), _passage("b", "daily", "2025-03-02")]
    joined = score_figures(passages, _claims({"a"}), takes_object={"stake_pct"})
    assert (joined.pairs, joined.pairs_found, joined.pairs_shared) == (1, 1, 1)
    # a metric that takes no object is never joined
    assert score_figures(passages, _claims({"a"})).pairs_shared == 0


def test_an_object_told_only_later_does_not_rekey_what_was_stored_before():
    passages = [_passage("a", "wire", "2025-03-02"), _passage("b", "daily", "2025-03-01")]
    assert score_figures(passages, _claims({"a"}), takes_object={"stake_pct"}).pairs_shared == 0
