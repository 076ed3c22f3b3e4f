"""Words the claim-type rules test for beyond each type's own nouns and verbs
(extractors/data/claims.toml): kinds of stakes, shares, deals and companies, the verbs of
buying, raising, paying and lending, and the scale words of a large amount."""
from __future__ import annotations

import re

STAKE_NOUNS = {"stake", "holding", "shareholding", "ownership", "interest", "equity", "position", "slice", "chunk",
               "portion", "piece", "equity stake", "ownership stake", "minority stake", "majority stake",
               "controlling stake", "share"}
SHARE_NOUNS = {"share", "stock", "ordinary share", "common share", "common stock"}
# debt securities: an issuer offers and sells them (a lender offers a loan)
SECURITIES = {"note", "bond", "debenture", "security", "sukuk", "eurobond", "paper"}
# what a price is paid in: "for $9 billion in stock", "for cash and stock totaling $28 billion"
PAID_IN = {"cash", "stock", "share", "equity", "scrip"}
LENDING_VERBS = {"lend", "loan", "extend", "advance"}
HOLDER_NOUNS = {"shareholder", "stakeholder", "owner", "investor", "backer", "holder"}
# "..., which corresponds to a 2.9% stake": a relative clause of these sizes what the clause above did
EQUATING_VERBS = {"correspond", "equate", "amount", "equal", "represent", "translate"}
TRANSFER_VERBS = {"approve", "authorize", "authorise", "add", "allocate", "earmark", "commit", "devote", "put", "set",
                  "dedicate", "direct", "plough", "plow", "pump", "raise", "boost", "increase", "expand", "lift"}
CHANGE_ONLY_VERBS = {"wipe", "erase", "lose", "shed", "evaporate", "vanish", "knock", "slash", "drain"}
RAISING_VERBS = {"complete", "secure", "receive", "land", "close", "win", "attract", "raise", "get", "obtain", "bag"}
# the verbs of a purchase itself ("agreed to acquire", "will buy"): fewer than the verbs around one
ACQUIRING_VERBS = {"acquire", "buy", "purchase"}
BUYING_VERBS = {"buy", "take", "acquire", "purchase", "pay", "snap", "pick", "invest", "spend", "make", "agree",
                "secure", "get", "receive", "obtain"}
PUTTING_VERBS = {"put", "pour", "inject", "plow", "plough", "pump", "sink", "commit", "funnel", "channel"}
# a holding gathered and made known: "has built (amassed, disclosed) a $4 billion stake" is money put in
GATHERING_VERBS = {"build", "amass", "accumulate", "assemble", "disclose", "reveal", "unveil"}
PAYING_VERBS = {"pay", "spend", "shell", "fork", "dole", "offer", "commit", "bid"}
# what money is paid to do: "paying $X to acquire a stake", "has offered $2.2 billion to privatize X"
BUYING_TO = {"acquire", "buy", "take", "purchase", "secure", "privatize", "privatise"}
DEAL_NOUNS = {"deal", "agreement", "pact", "transaction", "arrangement", "partnership", "tie-up", "accord",
              "commitment", "pledge", "contract"}
LISTED_NOUNS = {"company", "firm", "corporation", "group", "giant", "business", "conglomerate", "chipmaker"}
SUPPLIER_NOUNS = {"provider", "operator", "supplier", "vendor", "builder", "lessor", "landlord", "host"}
PRIVATE_NOUNS = {"startup", "start-up", "unicorn", "lab", "venture", "upstart", "decacorn"}
ROUND_NOUNS = {"round", "funding", "financing", "raise", "fundraise", "fundraising", "series", "injection",
               "investment", "capital", "infusion"}
# (a scale letter only after the number: the "K" of "HK$57" is no thousand)
SCALED = re.compile(r"(?:thousand|million|billion|trillion|lakh|crore|mln|bln|trn|mil|mn|bn|tn|(?<=\d)\s?[kmbt])\b", re.IGNORECASE)
CHANGE_NOUNS = {"increase", "rise", "jump", "gain", "growth", "surge", "climb", "boost", "decline", "drop", "fall",
                "decrease", "slump", "plunge", "hike", "cut", "reduction"}
# verbs that grow a holding: the money "for" them buys the part added ("increasing its stake to 35% for KRW 267 billion")
GROWING_VERBS = {"increase", "raise", "boost", "lift", "expand", "double", "build", "up", "top"}
TRADING_VERBS = {"open", "close", "trade", "end", "finish", "settle", "debut", "list", "price", "start", "peak",
                 "hit", "change", "sell", "offer", "float"}


# heads of descriptions that name an organisation ("the chipmaker", "the Redmond-based company")
ORG_NOUNS = {
    "company", "firm", "startup", "start-up", "group", "maker", "chipmaker", "giant", "lab", "laboratory",
    "developer", "business", "corporation", "conglomerate", "unit", "subsidiary", "parent", "owner", "house",
    "operator", "provider", "designer", "manufacturer", "producer", "miner", "lender", "bank", "insurer",
    "fund", "investor", "platform", "outfit", "venture", "enterprise", "titan", "behemoth", "player",
    "upstart", "rival", "carrier", "retailer", "automaker", "carmaker", "supplier", "vendor", "specialist",
    "unicorn", "decacorn", "challenger", "incumbent", "nonprofit", "non-profit", "organization", "organisation",
    "entity", "acquirer", "buyer", "target", "seller", "partner", "backer", "newcomer", "pioneer", "leader",
    "heavyweight", "powerhouse", "hyperscaler", "foundry", "studio", "publisher", "brand", "agency", "manager",
    "regulator", "lender", "watchdog", "institution", "body", "authority", "organisation", "exchange", "trust",
    "fintech", "marketplace", "broker", "brokerage", "miner", "network", "insurer", "chip designer", "designer",
    "maker", "platform", "operator", "retailer", "carrier", "utility", "issuer", "borrower", "consortium", "joint venture",
    "chain", "airline", "franchise", "club", "team",
}


# descriptions of a firm that say nothing of its kind: "the company said" may be any firm that speaks
GENERIC_FIRM_NOUNS = {"company", "firm", "group", "business", "corporation", "conglomerate"}


def is_org_noun(word: str) -> bool:
    """A noun that describes an organisation: the list above, and any "-maker" ("the planemaker",
    "the drugmaker", "the iPhone-maker")."""
    return word in ORG_NOUNS or len(word) > 6 and word.endswith("maker")


# what a seller sells when the sale is a takeover of a business: "divesting its plants to Sanmina"
BUSINESS_NOUNS = {"business", "unit", "division", "operation", "arm", "plant", "asset", "subsidiary", "segment",
                  "portfolio", "company", "brand", "factory", "facility", "mine", "network",
                  "club", "team", "franchise"}     # (sports clubs are bought and sold as businesses)
# the whole of what is bought: "for the entirety of X", "to buy all of Schroders", "to take control of"
WHOLE_OF = {"entirety", "whole", "all", "rest", "remainder", "balance"}
# what is bought from a supplier, and the verbs of buying it ("buy GPU capacity from Nebius valued at")
PROCURED = {"service", "compute", "capacity", "chip", "gpu", "cloud", "server", "infrastructure", "power",
            "energy", "electricity", "tpu", "data", "hardware", "product", "equipment", "battery", "semiconductor"}
PROCURING = {"buy", "purchase", "lease", "rent", "procure", "supply"}
# goods bought by the unit, whose worth is what the buyer commits to pay ("ordering 40 planes worth $3.4 billion")
GOODS = {"aircraft", "plane", "jet", "airliner", "freighter", "ship", "vessel", "tanker", "train", "locomotive",
         "railcar", "turbine", "engine", "satellite", "truck", "helicopter", "submarine", "frigate", "reactor", "rig"}
# measures whose last word a type lists, which are not that type: a bank's interest income is a
# line of its revenue, credit losses a provision, not a loss of the company, an analyst's target
# price no price the shares traded at, a price's cash or deferred part not the price
OTHER_MEASURES = {"interest income", "net interest income", "credit loss", "loan loss", "impairment loss",
                  "comprehensive income", "dividend income", "fee income", "target price", "cash consideration",
                  "stock consideration", "share consideration", "deferred consideration", "contingent consideration",
                  "net worth", "net proceed"}     # a person's wealth or a book value; proceeds after fees
# a facility that is a building, not a line of credit: "a $4 billion drug manufacturing facility in
# Virginia", "a $2 billion data center facility in Ohio" (the type of debt lists a bare "facility")
_BUILT = {"manufacturing", "production", "research", "assembly", "processing", "storage", "packaging", "fabrication",
          "testing", "distribution", "logistics", "plant", "factory", "turbine", "nuclear", "hydroelectric", "power",
          "generation", "greenfield", "industrial", "healthcare", "port", "steel", "chip", "battery", "center", "centre",
          "campus", "mining", "refining", "treatment", "recycling", "warehouse", "office", "training"}
OTHER_MEASURES |= {f"{word} {facility}" for word in _BUILT for facility in ("facility", "facilities")}
# what holds several deals or debts: "a $2.35 billion debt financing package"
CONTAINERS = {"package", "bundle", "basket", "mix", "combination", "slate", "batch", "series", "pair", "trio"}
# verbs of taking a company over, and the nouns of an offer for one
TAKING = {"acquire", "buy", "purchase", "take", "merge"}
# nouns of one party buying another: "Thoma Bravo's buyout of Dayforce"
TAKEOVERS = {"buyout", "takeover", "acquisition", "purchase", "take-private"}
# nouns of a company's listing of its own shares: "priced its IPO at $45", "the flotation"
LISTING_NOUNS = {"ipo", "listing", "flotation"}
OFFERS = {"offer", "bid", "approach", "proposal", "auction"}
# what a supplier does to a contract or an order it gets: "Nscale has secured a deal", "received an order by SBB"
WINNING = {"secure", "win", "land", "bag", "clinch", "snag", "score", "obtain", "receive"}
# what the company bid for does with the bid: "X rejected Paramount's offer of $20 per share"
ANSWERING = {"reject", "receive", "accept", "turn", "spurn", "rebuff", "weigh", "consider", "review", "decline",
             "welcome", "recommend", "support", "attract", "get", "snub", "dismiss", "evaluate"}
# nouns of selling a business or a stake: "the sale of its tower unit to Paradigm"
SALE_NOUNS = {"sale", "divestiture", "divestment", "disposal"}
