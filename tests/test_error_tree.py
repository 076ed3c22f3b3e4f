"""One exception tree (claimtrack/errors.py): every error claimtrack defines lives there and derives
from ClaimtrackError, so the CLI prints each as one line; ExtractionError is raised where the
pipeline cannot be built or its workers die, which a user must see."""
import ast
import inspect

import pytest
from typer.testing import CliRunner

from conftest import ROOT, write_config
from claimtrack import errors
from claimtrack.flows.terminal.cli import app
from claimtrack.errors import ClaimtrackError, ExtractionError, QueryRefused, TransientDeliveryError, TransientSmtpError

MISSING_MODEL = "claimtrack_no_such_model"


def _defined_exceptions() -> dict[str, str]:
    """Every class in flows/, db/ and extractors/ that derives from an exception, by name: its file."""
    found: dict[str, str] = {}
    names = {"Exception", "ValueError", "RuntimeError", "OSError"}
    classes = [(node, str(path.relative_to(ROOT)))
               for folder in ("claimtrack", "flows", "db", "extractors") for path in sorted((ROOT / folder).rglob("*.py"))
               for node in ast.walk(ast.parse(path.read_text("utf-8"))) if isinstance(node, ast.ClassDef)]
    grown = True
    while grown:                                 # a class deriving from one found is one too
        grown = False
        for node, path in classes:
            if node.name not in found and any((b.id if isinstance(b, ast.Name) else getattr(b, "attr", ""))
                                              in names | set(found) for b in node.bases):
                found[node.name] = path
                grown = True
    return found


def test_every_error_claimtrack_defines_is_in_the_one_tree():
    defined = _defined_exceptions()
    assert {"TransientSmtpError", "QueryRefused", "CorpusError", "ExtractionError"} <= defined.keys()
    assert {name: path for name, path in defined.items() if path != "claimtrack/errors.py"} == {}
    tree = {name: cls for name, cls in vars(errors).items() if inspect.isclass(cls) and issubclass(cls, Exception)}
    assert all(issubclass(cls, ClaimtrackError) for cls in tree.values()), tree


def test_the_old_homes_still_name_the_same_classes():
    from claimtrack.db.readonly import QueryRefused as refused
    from claimtrack.flows.outputs.mail import TransientSmtpError as transient
    assert (refused, transient) == (QueryRefused, TransientSmtpError)
    assert issubclass(TransientSmtpError, TransientDeliveryError)     # retried within the run, per target


def test_a_model_that_cannot_be_loaded_is_an_extraction_error_naming_it():
    from claimtrack.extractors.pipeline import build_extractor
    with pytest.raises(ExtractionError, match=rf"^spaCy model '{MISSING_MODEL}' \(\[extract\] model\) cannot be loaded: "
                                              r"\[E050\] Can't find model"):
        build_extractor(MISSING_MODEL)


def test_the_cli_gets_it_as_a_domain_error(tmp_path):
    """main() prints a ClaimtrackError as one line and exits 1 (tests/test_cli.py checks that)."""
    config = write_config(tmp_path, [], extract={"model": MISSING_MODEL})
    result = CliRunner().invoke(app, ["extract-text", "-", "--config", str(config)], input="Microsoft holds 27%.")
    assert isinstance(result.exception, ExtractionError) and isinstance(result.exception, ClaimtrackError)
    assert str(result.exception).startswith(f"spaCy model '{MISSING_MODEL}' ([extract] model) cannot be loaded")


def test_worker_processes_that_die_are_an_extraction_error():
    from claimtrack.flows.extraction.pool import ExtractorPool
    pool = ExtractorPool(1, MISSING_MODEL, None, None, None)        # each worker fails to load the model
    try:
        with pytest.raises(ExtractionError, match="^the extraction worker processes stopped .*nothing of this "
                                                  "batch was stored"):
            pool(["Microsoft holds 27% of OpenAI."], 8)
    finally:
        pool.close()
