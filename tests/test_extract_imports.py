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
