"""Shared test fixtures: real DuckDB files, a real local HTTP server (pytest-httpserver),
the real spaCy model, and one Prefect test harness per session."""
from __future__ import annotations

import atexit
import itertools
import json
import os
import shutil
import tempfile
from pathlib import Path

# Prefect reads its settings when first imported: keep its state out of the home folder.
_PREFECT_HOME = tempfile.mkdtemp(prefix="claimtrack-prefect-")
atexit.register(shutil.rmtree, _PREFECT_HOME, ignore_errors=True)
os.environ.setdefault("PREFECT_HOME", _PREFECT_HOME)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
os.environ.pop("CLAIMTRACK_DB", None)
if os.environ.get("PYTEST_XDIST_WORKER"):
    # pytest-xdist starts its workers with COLUMNS=80 and LINES=24; the CLI's console would take
    # those 80 columns at import and wrap the tables the tests read, which one process never does.
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)
for _name in [n for n in os.environ if n.startswith("CLAIMTRACK_") and "__" in n]:
    del os.environ[_name]              # settings from the environment (flows/config_env.py): none in tests

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings as hypothesis_settings  # noqa: E402

# CI runs each property 100 times; `make fuzz` selects "fuzz": many more
# examples, no per-example deadline (tests/fuzz.py bounds the whole run in time instead).
hypothesis_settings.register_profile("fuzz", max_examples=5_000, deadline=None,
                                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
DEMO = ROOT / "config" / "demo"


@pytest.fixture(scope="session", autouse=True)
def loopback_only():
    """No network beyond 127.0.0.1 in tests: DNS lookups of real names and connections to
    non-loopback addresses fail loudly (numeric addresses still resolve, to test the guards)."""
    import ipaddress
    import socket
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect

    def is_loopback(host) -> bool:
        try:
            return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            return host == "localhost"

    def getaddrinfo(host, *args, **kwargs):
        name = host.decode("ascii", "replace") if isinstance(host, bytes) else host   # anyio passes bytes
        try:
            ipaddress.ip_address(str(name).split("%")[0])
        except ValueError:
            if name not in ("localhost", None):
                raise socket.gaierror(socket.EAI_NONAME, f"tests may not look up {name!r}") from None
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(address[0]):
            raise OSError(f"tests may not connect to {address[0]}")
        return real_connect(sock, address)

    socket.getaddrinfo, socket.socket.connect = getaddrinfo, connect
    yield
    socket.getaddrinfo, socket.socket.connect = real_getaddrinfo, real_connect


def shared_path(*parts: str) -> Path:
    """A path under ../shared/, or skip the test cleanly when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present")
    return path


@pytest.fixture(scope="session")
def prefect_harness():
    """A temporary Prefect server and database for flow tests (one per session, so one per
    pytest-xdist worker; two starting at once on a busy machine may take more than a minute)."""
    from prefect.testing.utilities import prefect_test_harness
    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def extractor():
    """The real pipeline on the installed English model, with the project's config files."""
    from claimtrack.extractors.model import installed_model_name
    from claimtrack.extractors.pipeline import build_extractor
    assert installed_model_name(), "the English model must be installed for the tests (make test does it)"
    return build_extractor("auto", ROOT / "config" / "entities.toml", ROOT / "config" / "claims.toml",
                           ROOT / "config" / "risk.toml")


@pytest.fixture(scope="session")
def corpus_claims(extractor):
    """Every real-news passage's claims with its whole text read (the extractor above is not
    selective), by text: extracted once for the tests that score the corpus and the one that
    compares the selected reading with the whole one."""
    from claimtrack.extractors.corpus import read_stories
    texts = list(dict.fromkeys(p.text for p in read_stories(ROOT / "tests" / "corpus" / "news")[0]))
    return dict(zip(texts, extractor.pipe(texts)))


@pytest.fixture(scope="session")
def remembering_extractor(extractor, corpus_claims):
    """The extractor above, handing a text `corpus_claims` already read copies of the claims it
    read (the pipeline gives the same text the same claims), other texts read anew: the tracking
    check runs the whole corpus through ingest and extract again, and need not parse it twice."""
    from dataclasses import fields, replace
    from claimtrack.extractors.pipeline import Extractor

    class Remembering(Extractor):
        def pipe(self, texts, batch_size: int = 32):
            texts = list(texts)
            unread = iter(Extractor.pipe(self, [t for t in texts if t not in corpus_claims], batch_size))
            for text in texts:
                yield [replace(c) for c in corpus_claims[text]] if text in corpus_claims else next(unread)

    return Remembering(**{f.name: getattr(extractor, f.name) for f in fields(extractor)})


@pytest.fixture(scope="session")
def blank_extractor():
    """The rule-only fallback on spacy.blank('en')."""
    from claimtrack.extractors.pipeline import build_extractor
    return build_extractor("blank", ROOT / "config" / "entities.toml", ROOT / "config" / "claims.toml",
                           ROOT / "config" / "risk.toml")


def write_config(folder: Path, feeds: list[str], **sections: dict) -> Path:
    """A claimtrack.toml in `folder` listing `feeds`, loopback allowed, data under `folder`."""
    def toml_value(value) -> str:
        return str(value).lower() if isinstance(value, bool) else json.dumps(value)
    lines = ["[storage]", f'db = "{folder / "claimtrack.duckdb"}"', f'data_dir = "{folder / "data"}"']
    storage = {"lock_wait_seconds": 5, **sections.get("storage", {})}
    lines += [f"{key} = {toml_value(value)}" for key, value in storage.items()] + ["", "[http]"]
    http = {"allow_private": True, "connect_timeout": 2.0, "read_timeout": 2.0, **sections.get("http", {})}
    for key, value in http.items():
        lines.append(f"{key} = {toml_value(value)}")
    lines += ["", "[digest]", f'out_dir = "{folder / "digest"}"']
    lines += [f"{key} = {toml_value(value)}" for key, value in sections.get("digest", {}).items()] + [""]
    for section, values in sections.items():
        if section not in ("http", "digest", "storage"):
            lines += [f"[{section}]"] + [f"{k} = {toml_value(v)}" for k, v in values.items()] + [""]
    for url in feeds:
        lines += ["[[feeds]]", f'url = "{url}"', ""]
    path = folder / "claimtrack.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    # the project's entity and claim files, as a user's config folder would hold them
    for name in ("entities.toml", "claims.toml", "risk.toml"):
        (folder / name).write_text((ROOT / "config" / name).read_text("utf-8"), encoding="utf-8")
    return path


@pytest.fixture
def make_settings(tmp_path):
    """Build frozen settings for a list of feed URLs, with a database in tmp_path."""
    from claimtrack.flows.settings import load_settings

    def build(feeds: list[str], **sections: dict):
        return load_settings(write_config(tmp_path, feeds, **sections))
    return build


def serve_folder(httpserver, folder: Path, prefix: str = "/") -> None:
    """Serve every file under `folder` at prefix + its relative path, with a fitting type and
    an ETag; a request carrying the current ETag gets 304, as from a real feed server."""
    import hashlib
    from werkzeug import Response
    types = {".xml": "application/xml", ".html": "text/html; charset=utf-8"}

    def handler_for(path: Path):
        body = path.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'

        def handler(request):
            if request.headers.get("If-None-Match") == etag:
                return Response(status=304, headers={"ETag": etag})
            return Response(body, content_type=types.get(path.suffix, "application/octet-stream"),
                            headers={"ETag": etag})
        return handler

    for path in folder.rglob("*"):
        if path.is_file():
            httpserver.expect_request(prefix + path.relative_to(folder).as_posix()).respond_with_handler(handler_for(path))


DEMO_FEEDS = [(DEMO / name).as_uri() for name in ("ledger/rss.xml", "northwind/atom.xml", "signal/rss.xml")]


def fill_demo(folder: Path, extractor, **sections: dict):
    """Settings for the bundled demo feeds in `folder` (`sections` as for write_config), their
    store filled by the plain functions (no Prefect): every feed polled, every article extracted."""
    from claimtrack.flows.extraction.extract import extract_batch
    from claimtrack.flows.sources.http import Fetcher
    from claimtrack.flows.sources.ingest import file_roots, poll_feed
    from claimtrack.flows.settings import load_settings
    folder.mkdir(parents=True, exist_ok=True)
    settings = load_settings(write_config(folder, DEMO_FEEDS, **sections))
    store = settings.storage.store()
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        for feed in settings.feeds:
            poll_feed(feed, settings, store, fetcher)
    extract_batch(store, extractor, store.pending_articles(extractor.version))
    return settings


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, extractor):
    """A database built from the bundled demo feeds with the plain functions (no Prefect)."""
    return fill_demo(tmp_path_factory.mktemp("demo"), extractor)


HOSTILE = Path(__file__).parent / "hostile"


@pytest.fixture(scope="session")
def hostile_outlet_db(tmp_path_factory, extractor):
    """A database holding one outlet whose name and headlines carry markup
    (hostile/feeds/script_in_titles.xml), ingested and extracted; for the digest's escaping."""
    from claimtrack.db.store import Store
    from claimtrack.flows.extraction.extract import extract_batch
    from claimtrack.flows.sources.http import Fetcher
    from claimtrack.flows.sources.ingest import file_roots, poll_feed
    from claimtrack.flows.settings import load_settings
    folder = tmp_path_factory.mktemp("hostile-outlet")
    settings = load_settings(write_config(folder, [(HOSTILE / "feeds" / "script_in_titles.xml").as_uri()]))
    store = Store(settings.storage.db)
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        assert poll_feed(settings.feeds[0], settings, store, fetcher).new_articles == 2
    extract_batch(store, extractor, store.pending_articles(extractor.version))
    return settings


_LAKE_DATABASES = itertools.count()


@pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL cluster of its own for the session, on a Unix socket in a temporary folder."""
    import pg
    why = pg.unavailable()
    if why:
        pytest.skip(why)
    cluster = pg.start()
    yield cluster
    cluster.stop()
    shutil.rmtree(cluster.folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgres"])
def lake_storage(request, tmp_path) -> dict[str, str]:
    """The `[storage]` keys of a new, empty lake: its catalog in SQLite, or in a new database
    of the session's PostgreSQL; its data under tmp_path."""
    if request.param == "sqlite":
        url = f"ducklake:sqlite:{tmp_path / 'lake' / 'catalog.sqlite'}"
    else:
        url = "ducklake:postgres:" + request.getfixturevalue("pg_cluster").create_database(f"lake_{next(_LAKE_DATABASES)}")
    return {"url": url, "data_path": str(tmp_path / "lake" / "data") + "/"}
