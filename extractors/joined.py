"""Claims said of several parties named together: "Nvidia and Microsoft will invest $10 billion
and $5 billion respectively" (the n-th figure is the n-th party's), "AMD and Cisco each put in
$500 million" and "Apple and Microsoft have crossed $4 trillion" (the figure is every one's)."""
from __future__ import annotations

from spacy.tokens import Doc

from claimtrack.extractors.frames import figure_span
from claimtrack.extractors.references import References

# a company's own value: said of companies joined as one subject, it is each one's
_OWN_VALUES = {"market_cap", "valuation"}


def respectively(found: list, doc: Doc, refs: References) -> list:
    """"Nvidia and Microsoft will invest up to $10 billion and $5 billion respectively", "IFM and
    KKR acquired their respective 15.8% and 23.4% holdings": the n-th figure of one kind is the
    n-th of the parties named together."""
    span = figure_span(doc, found[0][0].start, found[0][0].end) if found else None
    if span is None or not any(t.lower_ in ("respectively", "respective") for t in span.sent):
        return found        # (also "acquired their respective 15.8% and 23.4% holdings")
    out = list(found)
    for metric, subject in {(ct.metric, subj) for _, ct, subj, *_ in found if subj}:
        group = sorted((i for i, f in enumerate(found) if f[1].metric == metric and f[2] == subject),
                       key=lambda i: found[i][0].start)
        named = next((t for t in span.sent if (m := refs.mention_at(t)) is not None and m.name == subject
                      and t.conjuncts), None)
        parties = [p.name for p in (refs.party(t) for t in sorted([named, *named.conjuncts], key=lambda t: t.i))
                   if p is not None] if named is not None else []
        if len(group) > 1 and len(parties) == len(group):
            for i, name in zip(group, parties):
                out[i] = (found[i][0], found[i][1], name, *found[i][3:])
    return out


def each_of_joined(found: list, doc: Doc, refs: References) -> list:
    """"AMD and Cisco each put in $500 million", "will each own 50%": a figure said of each of
    the parties named together is a claim of every one of them."""
    out = list(found)
    for fig, ct, subject, *rest in found:
        span = figure_span(doc, fig.start, fig.end) if subject else None
        if span is None:
            continue
        # the mention nearest before the figure, if any, is the one it is said of ("A, B and C announced that
        # A will be acquired by B and C, with an equity valuation of": A alone)
        mentions = [t for t in span.sent if (m := refs.mention_at(t)) is not None and m.name == subject]
        nearest = next((t for t in reversed(mentions) if t.i < span.start), None)
        named = nearest if nearest is not None and nearest.conjuncts else None if nearest is not None else next(
            (t for t in mentions if t.conjuncts), None)
        own = ct.metric in _OWN_VALUES and named is not None and (named.dep_ == "nsubj" or any(
            a.dep_ == "appos" and a.head.i == named.i and a.tag_ == "NNS" for a in span.root.ancestors) or
            named.dep_ == "pobj" and named.head.lower_ in ("as", "like", "including") and named.head.head.dep_ == "nsubj")
        # "Apple and Microsoft have crossed $4 trillion", "Apple and Microsoft, the only other firms with a value of",
        # "peers such as Apple and Microsoft have crossed"
        if not own and not any(t.lower_ == "each" and t.dep_ != "det" for t in span.sent):
            continue
        for other in (refs.party(t) for t in named.conjuncts) if named is not None else ():
            if other is not None and not any(f is fig and c.metric == ct.metric and who == other.name for f, c, who, *_ in out):
                out.append((fig, ct, other.name, *rest))
    return out
