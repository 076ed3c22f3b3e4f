"""Who takes part in a takeover, where the parse does not say it plainly: the company whose
shares are all bought, and every party of the group a deal's act is done by."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors.claim_words import SHARE_NOUNS
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.references import Party, References

_WHOLE = {"all", "outstanding", "entire"}


def co_doers(verb: Token, refs: References) -> set[str]:
    """Every party of the subject a verb's act is done by, up its chain of clauses ("PIF, Silver
    Lake and Affinity will pay $210 a share for EA, valuing the company at": none of the three is
    the company valued)."""
    cur = verb
    for _ in range(4):
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return {p.name for t in subj.subtree if refs.mention_at(t) is not None and (p := refs.party(t)) is not None}
        if cur.dep_ not in ("advcl", "xcomp", "conj") or cur.head.i == cur.i:
            return set()
        cur = cur.head
    return set()


def all_shares_of(verb: Token, refs: References) -> Party | None:
    """Whose shares a verb takes when it takes all of them ("acquire all outstanding Chart
    shares", "all of the outstanding shares of Chart's common stock"): the company taken over.
    Buying some shares ("bought Nvidia shares") is no takeover."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None and obj.lower_ == "all":     # "all of the outstanding common shares of X"
        obj = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"), None)
    if obj is None or lemma(obj) not in SHARE_NOUNS or not any(t.lower_ in _WHOLE for t in obj.subtree):
        return None
    return next((p for t in obj.subtree if t.i != obj.i and t.dep_ in ("compound", "poss", "pobj")
                 and (p := refs.party(t)) is not None), None)
