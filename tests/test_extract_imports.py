"""An extraction worker loads what extraction needs: importing claimtrack.flows.extraction.extract brings in neither
ingest (claimtrack.flows.sources.ingest, claimtrack.flows.sources.http) nor trafilatura, feedparser, BeautifulSoup or httpx (spaCy
itself imports httpx for its CLI, so that one is counted beyond what `import spacy` loads)."""
import json
import subprocess
import sys

from conftest import ROOT

PROBE = """
import json, sys
import spacy
before = set(sys.modules)
import claimtrack.flows.extraction.extract
new = set(sys.modules) - before
print(json.dumps({"new": sorted(new), "loaded": sorted(sys.modules)}))
"""


def test_importing_flows_extract_loads_no_ingest_code_or_http_and_feed_libraries():
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    roots = {m.split(".")[0] for m in got["new"]}
    assert "claimtrack.flows.extraction.extract" in got["new"]
    assert not roots & {"trafilatura", "feedparser", "bs4", "httpx"}, sorted(roots)
    assert not {"claimtrack.flows.sources.ingest", "claimtrack.flows.sources.http", "claimtrack.flows.sources.articles", "claimtrack.flows.sources.feeds"} & set(got["loaded"])
    assert not {"trafilatura", "feedparser"} & {m.split(".")[0] for m in got["loaded"]}


WRITER = """
import json, sys
from pathlib import Path
from claimtrack.flows.settings import load_settings
from claimtrack.flows.extraction.extract import Described, extractor_for, writer_for
settings = load_settings(Path("config/claimtrack.toml")).extract
writer = writer_for(settings)
spacy_then = "spacy" in sys.modules
loaded = extractor_for(settings)
print(json.dumps({"described": isinstance(writer, Described), "spacy": spacy_then,
                  "same": [writer.version == loaded.version, writer.metrics == loaded.metrics,
                           writer.objects == loaded.objects, bool(writer.metrics), bool(writer.objects)]}))
"""


def test_the_writing_process_of_a_pooled_extraction_knows_the_extractor_without_loading_spacy():
    proc = subprocess.run([sys.executable, "-c", WRITER], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    assert got == {"described": True, "spacy": False, "same": [True] * 5}
