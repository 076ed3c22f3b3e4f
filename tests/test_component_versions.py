"""Version labels are kept once: each spaCy factory is registered under a name derived from the
version string its module stores on every claim, so a new version cannot leave the other behind."""
from claimtrack.extractors.versions import CLAIMS_VERSION, FIGURES_VERSION, MENTIONS_VERSION
from claimtrack.extractors.pipeline import LINE_BREAKS_VERSION, factory_name


def test_a_version_string_names_its_factory():
    assert factory_name("figures.v5") == "claimtrack_figures_v5"
    assert factory_name("line_breaks.v1") == "claimtrack_line_breaks_v1"


def test_the_pipelines_components_are_the_factories_of_the_stored_versions(blank_extractor):
    components = [n for n in blank_extractor.nlp.pipe_names if n.startswith("claimtrack_")]
    assert components == [factory_name(v) for v in (LINE_BREAKS_VERSION, FIGURES_VERSION, MENTIONS_VERSION,
                                                     CLAIMS_VERSION)]
    assert {FIGURES_VERSION, MENTIONS_VERSION, CLAIMS_VERSION} <= set(blank_extractor.version.split("+"))


def test_the_version_is_known_without_loading_the_model(extractor, blank_extractor):
    """What `extract` compares the stored versions with when it finishes early (nothing pending)."""
    from conftest import ROOT
    from claimtrack.extractors.versions import extractor_version
    files = [ROOT / "config" / name for name in ("entities.toml", "claims.toml", "risk.toml")]
    assert extractor_version("auto", *files) == extractor.version
    assert extractor_version("blank", *files) == blank_extractor.version
    assert extractor_version("no_such_model_package") is None         # then extract goes the long way
