"""Names the model takes for people that hold no view: a job title alone, and a show or book
set in quotation marks of its own (risk_described.title_only, quoted_title)."""
from claimtrack.extractors.mention import Mention
from claimtrack.extractors.risk_described import quoted_title, title_only


def test_a_job_title_alone_is_no_name():
    assert title_only("Deputy Managing Director")
    assert title_only("Former First Vice Chairman")
    assert not title_only("Maria Lopez")
    assert not title_only("Director Maria Lopez")


def _mention(text: str, name: str) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), name, name, "person")


def test_a_name_in_quotation_marks_of_its_own_is_a_title():
    text = 'Appearing on Fox Business\'s "Morning Desk" on Friday, she dismissed the worries.'
    assert quoted_title(_mention(text, "Morning Desk"), text)
    text = "“Tom Walsh is wrong,” she said."
    assert not quoted_title(_mention(text, "Tom Walsh"), text)
    assert not quoted_title(_mention("Tom Walsh said so.", "Tom Walsh"), "Tom Walsh said so.")


def test_a_committee_rank_alone_is_no_name():
    assert title_only("Ranking Member")
