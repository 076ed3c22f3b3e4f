"""Issue 15: a figure an article tells as history makes no change. Each case below is a pair of
articles written for this test (the figures are the public ones): in March one reports the
key's value standing then; in June another tells an older value of the key in passing, in one
of the ways real reporting does ("had been valued at", "last year's", "a year earlier", "in its
previous round", "once", "at its peak", "before the listing"...). Served as feeds and run through
ingest and extract, the older value must be a history point of the key's timeline and never the
new value of a change."""
import pytest

from claimtrack.extractors.corpus import Passage
from claimtrack.flows.quality.tracking_check import run_check

# (key, the value told as history, what the March article says, what the June article says)
CASES = [
    ("Revolut|valuation|", 33e9, "Revolut is valued at $75 billion.",
     "Revolut, which had been valued at $33 billion in 2021, opened a new office in Paris."),
    ("Anthropic|valuation|", 18e9, "Anthropic is valued at $61.5 billion.",
     "Last year's valuation of $18 billion for Anthropic now looks modest."),
    ("Nvidia|market_cap|", 1.2e12, "Nvidia has a market value of $3.4 trillion.",
     "A year earlier, Nvidia's market value stood at $1.2 trillion."),
    ("Mistral AI|valuation|", 6e9, "Mistral AI is valued at €11.7 billion.",
     "In its previous round, Mistral AI was valued at €6 billion."),
    ("Klarna|valuation|", 45.6e9, "Klarna is valued at $15 billion.",
     "Back in 2021, Klarna commanded a valuation of $45.6 billion."),
    ("Snowflake|revenue|", 2.1e9, "Snowflake reported annual revenue of $3.6 billion.",
     "Two years ago, Snowflake reported annual revenue of $2.1 billion."),
    ("Intel|market_cap|", 500e9, "Intel has a market value of $100 billion.",
     "Intel's market capitalization peaked at $500 billion in 2000."),
    ("Alphabet|stake_pct|Anthropic", 10.0, "Google owns 14% of Anthropic.",
     "Before the deal, Google owned 10% of Anthropic."),
    ("Shell|profit|", 7.7e9, "Shell reported a profit of $5.6 billion.",
     "Shell's profit in the first quarter of 2024 was $7.7 billion."),
    ("Figma|valuation|", 12.5e9, "Figma is valued at $20 billion.", "Figma was previously valued at $12.5 billion."),
    ("Arm|valuation|", 64e9, "Arm is valued at $140 billion.",
     "Arm was valued at $64 billion when SoftBank bought out its Vision Fund last August."),
    ("Reddit|valuation|", 10e9, "Reddit is valued at $6.4 billion.",
     "Reddit was valued at $10 billion in a 2021 funding round."),
    ("Scale AI|valuation|", 14e9, "Scale AI is valued at $29 billion.",
     "Scale AI's 2024 valuation of $14 billion was nearly doubled by the deal."),
    ("Oracle|stake_pct|Ampere", 29.0, "Oracle owns 32% of Ampere.", "Oracle owned 29% of Ampere a year ago."),
    ("Tesla|market_cap|", 1.2e12, "Tesla has a market value of $900 billion.",
     "Tesla's market value was once $1.2 trillion."),
    ("Cerebras|valuation|", 4e9, "Cerebras is valued at $8.1 billion.",
     "Cerebras was valued at $4 billion in its 2021 round."),
    ("UniCredit|stake_pct|Commerzbank", 9.0, "UniCredit owns 21% of Commerzbank.",
     "UniCredit had built a 9% stake in Commerzbank by September 2024."),
    ("Apple|revenue|", 394e9, "Apple reported annual revenue of $416 billion.",
     "Apple's revenue for fiscal 2022 came to $394 billion."),
    ("Meta|market_cap|", 320e9, "Meta has a market value of $1.8 trillion.",
     "Meta's market value fell to $320 billion at the end of 2022."),
    ("OpenAI|valuation|", 157e9, "OpenAI is valued at $300 billion.",
     "OpenAI's valuation stood at $157 billion last October."),
    ("Peloton|valuation|", 50e9, "Peloton is valued at $3 billion.", "At its peak, Peloton was valued at $50 billion."),
    ("Instacart|valuation|", 39e9, "Instacart is valued at $10 billion.",
     "Instacart, once valued at $39 billion, filed for a listing in New York."),
    ("SoftBank|stake_pct|Arm", 75.0, "SoftBank owns 90% of Arm.",
     "SoftBank's earlier stake of 75% in Arm rose after the buyout."),
    ("Ampere|valuation|", 8e9, "Ampere is valued at $6.5 billion.",
     "The former $8 billion valuation of Ampere was cut in the sale."),
    ("Perplexity|valuation|", 9e9, "Perplexity is valued at $20 billion.",
     "Perplexity's valuation in its prior round was $9 billion."),
    ("Databricks|valuation|", 43e9, "Databricks is valued at $55 billion.",
     "Databricks is now valued at $62 billion, up from $43 billion in its previous round."),
    ("Wiz|valuation|", 12e9, "Wiz is valued at $32 billion.",
     "Wiz was valued at $12 billion in its last private round, in May 2024."),
    ("xAI|valuation|", 24e9, "xAI is valued at $80 billion.",
     "xAI had a valuation of $24 billion at the end of its 2024 Series B."),
    ("Chime|valuation|", 25e9, "Chime is valued at $11.6 billion.",
     "Before the listing, Chime was valued at $25 billion."),
    ("Zoom|valuation|", 160e9, "Zoom is valued at $25 billion.",
     "Zoom was valued at $160 billion at the height of the pandemic."),
    ("Lyft|valuation|", 24e9, "Lyft is valued at $5 billion.", "Lyft was originally valued at $24 billion."),
    ("WeWork|valuation|", 47e9, "WeWork is valued at $8 billion.",
     "WeWork's original valuation of $47 billion now looks absurd."),
    ("BlackBerry|market_cap|", 80e9, "BlackBerry has a market value of $3 billion.",
     "In its heyday, BlackBerry had a market value of $80 billion."),
    ("Rivian|valuation|", 100e9, "Rivian is valued at $15 billion.",
     "When it went public, Rivian was valued at $100 billion."),
    ("Tencent|stake_pct|Spotify", 9.0, "Tencent owns 7% of Spotify.", "Until last year, Tencent owned 9% of Spotify."),
    ("Amazon|stake_pct|Rivian", 20.0, "Amazon owns 16% of Rivian.", "Prior to the listing, Amazon owned 20% of Rivian."),
    ("Canva|valuation|", 26e9, "Canva is valued at $32 billion.",
     "Canva was valued at $40 billion in September 2021. Two years later, Canva was valued at $26 billion."),
    ("Coinbase|market_cap|", 86e9, "Coinbase has a market value of $60 billion.",
     "Coinbase's market value has fallen since its listing, when it was worth $86 billion."),
    ("Peloton|market_cap|", 50e9, "Peloton has a market value of $3 billion.",
     "Peloton's market value topped $50 billion during the pandemic."),
    ("Tencent|stake_pct|Spotify", 9.0, "Tencent owns 7% of Spotify.", "Tencent used to own 9% of Spotify."),
    ("Klarna|valuation|", 45.6e9, "Klarna is valued at $15 billion.",
     "Klarna, which was worth $45.6 billion at one point, is preparing a listing."),
]


def _passage(pid: str, outlet: str, published: str, text: str) -> Passage:
    return Passage(pid, f"told-{pid[:-2]}", outlet, f"https://{outlet.lower().replace(' ', '')}.example/{pid}",
                   published, text, (), "news")


@pytest.fixture(scope="module")
def told(tmp_path_factory, extractor):
    """Every case's two articles in one run: March's report, June's retelling."""
    passages = []
    for n, (_, _, now, then) in enumerate(CASES):
        passages.append(_passage(f"c{n:02d}-a", "Northwind Wire", "2025-03-03", now))
        passages.append(_passage(f"c{n:02d}-b", "Ridge Journal", "2025-06-16", then))
    return run_check(passages, tmp_path_factory.mktemp("told"), extractor)


def _close(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) <= abs(b) * 0.005


@pytest.mark.parametrize("key,old,now,then", CASES, ids=[c[0] for c in CASES])
def test_a_value_told_as_history_is_a_history_point_and_makes_no_change(told, key, old, now, then):
    points = [(r["value"], r["history"]) for r in told.timeline
              if r["claim_key"] == key and r["outlet"] == "Ridge Journal" and _close(r["value"], old)]
    assert points and all(history for _, history in points), (then, points)
    made = [(c["previous_value"], c["new_value"]) for c in told.changes
            if c["claim_key"] == key and c["previous_value"] is not None and _close(c["new_value"], old)]
    assert made == [], (then, made)
