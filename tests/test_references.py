"""Who a pronoun or a description names (extractors/references.py, reported.py, descriptions.py),
read on the real model's parse: each case is a text, a word in it, and the party that word
stands for (None: a party the text does not name)."""
import pytest

from claimtrack.extractors.references import References

CASES = [
    # the subject of what a speaker says is the speaker's firm, named by the speaker's title
    ("Jane Doe, chief executive of Globex, said Initech's offer was generous but the company would rather "
     "raise $1 billion.", "company", "Globex"),
    ("In a memo, Globex co-founder Jane Doe said Initech's offer was flattering, but the company wanted to grow "
     "its recurring revenue to $1 billion.", "company", "Globex"),
    # "its" in "buy back its shares" is the buyer's own
    ("Globex, which rejected an offer from Initech, said it would buy back $500 million of its shares.", "its",
     "Globex"),
    # "its parent", and "it" said by it, is a firm other than the possessor: here none the text names
    ("Instagram reported revenue of $50 billion. Its parent said it would buy back $25 billion of stock.", "parent",
     None),
    ("Instagram reported revenue of $50 billion. Its parent said it would buy back $25 billion of stock.", "it", None),
    # a person's company is a firm, never the person
    ("Meta chief executive Mark Zuckerberg spoke on Monday. Analysts said Zuckerberg's company could invest "
     "$14.8 billion in Scale AI.", "company", "Meta"),
    # a newspaper by its short name is a source, no party
    ("Acme Robotics reported revenue of $2 billion, the Journal reported. The paper said the company's market "
     "value was $40 billion.", "company", "Acme Robotics"),
    # a country's central bank is the institution
    ("Housing prices in Canada rose 20% last year. The country's central bank warned of a housing bubble.", "bank",
     "Bank of Canada"),
    # a description that opens a passage: the firm named after it, never one inside its own clause
    ("The London-headquartered bank disclosed a pre-tax profit of $9.5 billion. Barclays also said it would cut "
     "500 jobs.", "bank", "Barclays"),
    ("This firm, which holds nearly 11% of Canva, sold 2.7 million shares in the IPO.", "firm", None),
    # a place in a description says where the firm is, not which
    ("Mubadala led a $1.4 billion round for Crusoe. The Abu Dhabi fund invested $500 million.", "fund", "Mubadala"),
    # where shares trade is no party
    ("The shares will cease trading on the New York Stock Exchange. The company generates $9 billion in annual "
     "revenue.", "company", None),
    # a people: their government when the text names it, else the firm of theirs just named
    ("Berlin sold shares in Commerzbank last year. The Germans still hold 12% of the lender.", "Germans",
     "German government"),
    # "who" makes a name a person
    ("Pessina, who is Walgreens' biggest shareholder, will inject cash into the company. His current stake is "
     "worth $2.1bn.", "His", "Pessina"),
]


@pytest.mark.parametrize("text, word, party", CASES, ids=[f"{c[1]}: {c[0][:50]}" for c in CASES])
def test_a_reference_names_its_party(extractor, text, word, party):
    doc = extractor.nlp(text)
    refs = References(doc, doc._.mentions)
    token = next(t for t in doc if t.text == word)
    found = refs.party(token)
    assert (found.name if found is not None else None) == party
