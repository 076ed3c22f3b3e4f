"""A claim's other party and its direction, in written cases: the phrasing cases check metric,
subject and value only, but a key (subject | metric | object) needs the object right too."""
import pytest

from claimtrack.extractors.names import comparable

# (text, metric, subject, object): the claim of that metric the text must give
CASES = [
    # several holders in one sentence hold in one company, not in each other
    ("Blackstone owns roughly 12% of Lineage, while Bay Grove holds about 8%.",
     "stake_pct", "Bay Grove", "Lineage"),
    ("The German government will take a 25% stake in TenneT, while Norges Bank agreed to invest "
     "$3 billion and GIC $2 billion.", "investment", "GIC", "TenneT"),
    # a holder is never what it holds, when the held company is named by description
    ("Dell agreed to be acquired by a group of investors including Silver Lake and MSD Partners. "
     "MSD Partners, which already owns about 5% of the computer maker, will keep its stake.",
     "stake_pct", "MSD Partners", "Dell"),
    # a stake told without its company is in the company the stakes before it were in, not in the
    # seller named after it (the buyer's name shortened: "Delta Air Lines", then "Delta")
    ("Delta Air Lines and Virgin Atlantic will buy a 40% stake in Aeromexico for $900 million from Apollo Global. "
     "Delta will pay $500 million for a 22% stake.", "stake_pct", "Delta", "Aeromexico"),
    # a supplier is the seller of a purchase commitment
    ("Nscale signed a $14 billion contract to provide Microsoft with Nvidia chips.",
     "purchase_commitment", "Microsoft", "Nscale"),
    ("Oracle signed a $30 billion deal to sell cloud capacity to Meta.",
     "purchase_commitment", "Meta", "Oracle"),
    ("Lambda said it had won a contract potentially worth $1.5 billion with Nvidia to rent out GPU servers.",
     "purchase_commitment", "Nvidia", "Lambda"),                      # a supplier wins a contract
    ("Meta signed an agreement to buy cloud capacity from Nebius valued at $3 billion.",
     "purchase_commitment", "Meta", "Nebius"),
    ("Cloud provider Crusoe signed a $2 billion contract with Oracle for five years.",
     "purchase_commitment", "Oracle", "Crusoe"),                      # the text calls the seller a provider
    # "the deal" after a takeover told without its price is that takeover
    ("Hologic agreed to be acquired by Blackstone and TPG. The buyout values the company at about $18 billion.",
     "acquisition_price", "Blackstone", "Hologic"),
    # an offer's maker buys what receives it; a deal's other party takes the company private
    ("Kenvue received a $48.7 billion offer from Kimberly-Clark.", "acquisition_price", "Kimberly-Clark", "Kenvue"),
    ("Macy's is close to a deal with investment firm Arkhouse Management that would take the department store "
     "chain private in a transaction valued at about $6 billion.", "acquisition_price", "Arkhouse", "Macy's"),
    # a deal to supply someone; a contract with a customer
    ("Lambda's $1.5 billion deal to supply GPU servers for Nvidia is moving quickly.", "purchase_commitment", "Nvidia", "Lambda"),
    ("Nscale said its contract with Microsoft, worth $6.2 billion, runs for five years.", "purchase_commitment", "Microsoft", "Nscale"),
    ("Oracle reported results. The company also disclosed a $30 billion deal with OpenAI to provide cloud capacity.",
     "purchase_commitment", "OpenAI", "Oracle"),
    # co-leaders of a round did not invest in each other; a raise's valuation is the raiser's
    ("Cohere raised $500 million. The round was co-led by Radical Ventures and Inovia Capital, which invested "
     "$100 million.", "investment", "Inovia Capital", "Cohere"),
    # a takeover told by its noun: what a price per share is of, and what "the deal" costs
    ("Silver Lake agreed to a buyout of Endeavor, financed by JPMorgan. The buyout firm will pay $27.50 a share.",
     "share_price", "Endeavor", ""),
    ("KKR's takeover of Telecom Italia was approved. The deal is valued at $20 billion.",
     "acquisition_price", "KKR", "Telecom Italia"),
    # each figure of a passive owning has its own holder; a stake held by a country is its government's
    ("Going forward, Hudson's Bay will be owned 60% by NRDC Equity Partners and 40% by Rhone Capital.",
     "stake_pct", "Rhone Capital", "Hudson's Bay"),
    ("Lufthansa agreed to convert its loans into a 20 percent equity stake in Lufthansa held by Germany.",
     "stake_pct", "German government", "Lufthansa"),
    # a parse with two subjects: the one that names a party
    ("In a surprise move for the music industry, Boston-based startup Udio has raised $50 million in a Series B round.",
     "funding_round", "Udio", ""),
    # a stake given to an investor is the investor's
    ("Nvidia's $5 billion investment in Intel will give it about 4% of the company.",
     "stake_pct", "Nvidia", "Intel"),
    # a description money goes into is a party money went into, not the one it bought from or the
    # buyer named before ("selling stakes in X", "invest billions in X": the phrase may hang on the
    # verb or on the amount)
    ("Brookfield is selling minority stakes in Westinghouse to Cameco and Ontario Teachers for a total of $2 "
     "billion. Under the deals, Cameco will acquire a 20% stake in the Pittsburgh-based reactor maker for $1.2 "
     "billion.", "stake_pct", "Cameco", "Westinghouse"),
    ("Google agreed to spend $300 million this year with Cursor for coding tools, including models that power "
     "Google Gemini. Then came reports that Nvidia is in talks to invest billions in Cursor. According to people "
     "familiar with the matter, Jensen Huang's company is prepared to invest $2 billion in the coding-tools company.",
     "investment", "Nvidia", "Cursor"),
]


@pytest.mark.parametrize("text,metric,subject,obj", CASES, ids=[c[0][:50] for c in CASES])
def test_a_claim_has_its_other_party(extractor, text, metric, subject, obj):
    got = [(c.metric, c.subject, c.object) for c in extractor.claims(text) if c.kind == "typed"]
    assert any(m == metric and comparable(s) == comparable(subject) and comparable(o or "") == comparable(obj)
               for m, s, o in got), f"no {metric} {subject} -> {obj}; got {got}"


def test_a_rounds_backers_are_not_what_it_valued(extractor):
    text = ("The deal values Anduril at $30 billion, weeks after a funding round backed by Nvidia and Microsoft "
            "that had valued the company at $14 billion.")
    assert {(c.subject, c.value) for c in extractor.claims(text) if c.metric == "valuation"} == \
        {("Anduril", 30e9), ("Anduril", 14e9)}


def test_a_part_bought_from_a_seller_is_in_the_company_told_before(extractor):
    """"acquire a 12% stake from Blackstone": the seller is not what the stake is in."""
    text = ("Nippon Life will buy a 20% stake in Resolution Life for $800 million. Nippon Life will acquire a "
            "12% stake from Blackstone and the rest from the founders.")
    assert {(c.value, c.object) for c in extractor.claims(text) if c.metric == "stake_pct"} == \
        {(20, "Resolution Life"), (12, "Resolution Life")}
