"""Settings: packaged defaults, overridden key by key by the user's TOML file and then by
CLAIMTRACK_<TABLE>__<KEY> environment variables (flows/config_env.py), frozen. The feeds'
tables are flows/feed_config.py.

One `Settings` object is built at start-up and passed explicitly; nothing reads the
environment or the config file later. Unknown keys are errors so typos do not pass silently,
and every value is checked against its dataclass field's type hint and metadata (range,
choices; flows/config_schema.py) before it is used, so `allow_private = "false"` is refused
by file, table and key.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, is_dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from claimtrack.flows.config_env import environment_settings
from claimtrack.flows.channel_config import AlertConfig, ChannelConfig, parse_alerts, parse_channels
from claimtrack.flows.config_schema import (bounds, check_table, checked_by, describe, hints, meta_problem, one_of,
                                 parse_config, read_config_text)
from claimtrack.db.lake import Lake
from claimtrack.db.lake import url_problem as lake_url_problem
from claimtrack.errors import ConfigError
from claimtrack.flows.site_settings import SiteSettings, https_url_problem
from claimtrack.flows.feed_config import FeedConfig, named_feed_url, parse_feeds
from claimtrack.flows.ids import short_hash

if TYPE_CHECKING:
    from claimtrack.db.store import Store

DEFAULT_CONFIG = Path("config/claimtrack.toml")


def _timezone(value: str) -> str | None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        return f"must be an IANA name such as Europe/Berlin, not {describe(value)}"
    return None


_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB|%)\s*", re.IGNORECASE)
_UNITS = {"kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12, "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}


def _memory_size(value: str) -> str | None:
    m = _SIZE.fullmatch(value)
    if not m:
        return f'must be a size such as "1GB", "512MiB" or "25%" (of the memory), not {describe(value)}'
    number, unit = float(m[1]), m[2].lower()
    if unit == "%":
        return None if 1 <= number <= 100 else f"must be from 1% to 100%, not {value!r}"
    return None if number * _UNITS[unit] >= 16 * 10**6 else f"must be at least 16MB, not {value!r}"


# -- the settings ------------------------------------------------------------------------
def _check_ranges(obj: Any) -> None:
    """Fields of a settings object built or replaced in code, against their metadata."""
    for f in fields(obj):
        problem = meta_problem(f.metadata, getattr(obj, f.name))
        if problem:
            raise ConfigError(f"{f.name} {problem}")


@dataclass(frozen=True)
class HttpSettings:
    user_agent: str
    contact: str
    connect_timeout: float = field(metadata=bounds(0, 3600, above=True))
    read_timeout: float = field(metadata=bounds(0, 3600, above=True))
    total_timeout: float = field(metadata=bounds(0, 3600))              # a whole request, all hops; 0: none
    min_bytes_per_second: float = field(metadata=bounds(0, 10**9))      # a body slower than this is given up; 0: none
    max_feed_bytes: int = field(metadata=bounds(1, 10**10))
    max_page_bytes: int = field(metadata=bounds(1, 10**10))
    max_redirects: int = field(metadata=bounds(0, 100))
    concurrency: int = field(metadata=bounds(1, 1000))
    per_host: int = field(metadata=bounds(1, 1000))
    max_retry_wait: float = field(metadata=bounds(0, 86_400))
    backoff_minutes: float = field(metadata=bounds(0, 10_080))          # a week
    backoff_max_hours: float = field(metadata=bounds(0, 8_760))         # a year
    allow_private: bool

    def __post_init__(self) -> None:
        _check_ranges(self)

    @property
    def user_agent_header(self) -> str:
        return f"{self.user_agent} (+{self.contact})" if self.contact else self.user_agent


@dataclass(frozen=True)
class ExtractSettings:
    model: str
    batch_size: int = field(metadata=bounds(1, 100_000))
    entities: Path | None
    claims: Path | None
    risk: Path | None = None       # the user's risk topics (config/risk.toml)
    workers: int = field(default=0, metadata=bounds(0, 1024))   # processes for large extractions; 0: one per CPU core
    dask_address: str = ""         # a Dask scheduler (tcp://host:8786): extraction runs on its workers
    select_sentences: bool = True  # parse only the sentences that can hold a claim (extractors/selection.py)

    def __post_init__(self) -> None:
        _check_ranges(self)

    @property
    def processes(self) -> int:
        return self.workers or (os.cpu_count() or 1)


@dataclass(frozen=True)
class DigestSettings:
    out_dir: Path
    timezone: str = field(metadata=checked_by(_timezone))
    recipients: tuple[str, ...]
    sender: str
    smtp_host: str = "localhost"
    smtp_port: int = field(default=587, metadata=bounds(1, 65_535))
    smtp_security: str = field(default="starttls", metadata=one_of("starttls", "ssl", "none"))
    smtp_username: str = ""
    smtp_password_env: str = "CLAIMTRACK_SMTP_PASSWORD"   # the password is read from this variable only
    smtp_timeout: float = field(default=30.0, metadata=bounds(0, 3600, above=True))
    smtp_ca_file: Path | None = None      # a private CA to trust besides the system's (an internal relay)
    sender_name: str = "claimtrack digest"    # the From header's display name
    list_id: str = field(default="", metadata=checked_by(  # List-Id (RFC 2919); empty: claimtrack-digest.<domain>
        lambda v: None if re.fullmatch(r"([A-Za-z0-9-]+\.)*[A-Za-z0-9-]*", v) else f"must be dotted words, not {v!r}"))
    unsubscribe_url: str = field(default="", metadata=checked_by(https_url_problem))   # one-click (RFC 8058)
    feed_health: bool = False             # a "Feed health" section (failing feeds) for the operator's own copy

    def __post_init__(self) -> None:
        _check_ranges(self)
        if self.smtp_username and self.smtp_security == "none":
            raise ConfigError("smtp_username is set with smtp_security = \"none\": the password would cross the "
                              "network in clear; use starttls or ssl")
        try:
            ca_is_file = self.smtp_ca_file is None or self.smtp_ca_file.is_file()
        except OSError as exc:
            raise ConfigError(f"smtp_ca_file {self.smtp_ca_file}: {exc.strerror}") from None
        if not ca_is_file:
            raise ConfigError(f"smtp_ca_file {self.smtp_ca_file} is not a file")
        for key, addresses in (("recipients", self.recipients), ("sender", (self.sender,))):
            for r in addresses:
                if not isinstance(r, str) or "@" not in r or any(c in r for c in "\r\n<>,"):
                    raise ConfigError(f"{key}: {r!r} is not a plain e-mail address")


@dataclass(frozen=True)
class ScheduleSettings:
    pipeline_every_minutes: float = field(metadata=bounds(0, 525_600, above=True))   # up to a year
    pipeline_cron: str
    digest_cron: str
    timezone: str = field(metadata=checked_by(_timezone))

    def __post_init__(self) -> None:
        _check_ranges(self)
        for name in ("pipeline_cron", "digest_cron"):
            value = getattr(self, name)
            if not isinstance(value, str) or (value and len(value.split()) != 5):
                raise ConfigError(f"{name} must be a cron line of 5 fields (minute hour day month weekday), not {value!r}")
        if not self.digest_cron:
            raise ConfigError("digest_cron must be set")


@dataclass(frozen=True)
class IngestSettings:
    max_entries_per_poll: int = field(metadata=bounds(1, 10_000_000))   # new entries taken per feed and poll
    follow_updates: bool = True      # a known article whose feed entry changed is read again (story versions)
    recheck_days: float = field(default=0.0, metadata=bounds(0, 365))   # and any article younger than this, every poll
    workers: int = field(default=0, metadata=bounds(0, 256))   # processes making articles: 0 one per core, 1 none

    def __post_init__(self) -> None:
        _check_ranges(self)


@dataclass(frozen=True)
class StorageSettings:
    db: Path
    data_dir: Path
    lock_wait_seconds: float = field(metadata=bounds(0, 3600))
    url: str = field(default="", metadata=checked_by(lake_url_problem))    # '' = the file `db`; 'ducklake:...'
    data_path: str = ""                 # a DuckLake's Parquet files: a folder every writer and reader reaches

    def __post_init__(self) -> None:
        _check_ranges(self)
        if self.url and not self.data_path:
            raise ConfigError("[storage] data_path must name the folder for the DuckLake's files when url is set")

    def lake(self) -> Lake | None:
        """The DuckLake the tables are on, or None for the DuckDB file `db`."""
        return Lake(self.url, self.data_path) if self.url else None

    def store(self) -> "Store":
        """The store these settings name: the DuckDB file, or the DuckLake of `url`."""
        from claimtrack.db.store import Store
        return Store(self.db, self.lock_wait_seconds, lake=self.lake())


@dataclass(frozen=True)
class SqlSettings:
    """Bounds on `claimtrack sql`, so a runaway query frees the file before a scheduled run gives up."""
    timeout_seconds: float = field(metadata=bounds(0, 3600, above=True))
    memory_limit: str = field(metadata=checked_by(_memory_size))
    max_rows: int = field(metadata=bounds(1, 10_000_000))

    def __post_init__(self) -> None:
        _check_ranges(self)


@dataclass(frozen=True)
class Settings:
    config_path: Path | None
    storage: StorageSettings
    http: HttpSettings
    extract: ExtractSettings
    digest: DigestSettings
    schedule: ScheduleSettings
    sql: SqlSettings
    ingest: IngestSettings
    site: SiteSettings
    feeds: tuple[FeedConfig, ...] = field(default_factory=tuple)
    channels: tuple[ChannelConfig, ...] = ()        # where the digest goes besides email (flows/channel_config.py)
    alerts: tuple[AlertConfig, ...] = ()

    def with_feeds(self, urls: list[str]) -> "Settings":
        """The same settings polling only `urls` (for `ingest --feed`: a path is relative to the
        current folder and must be a file); a feed the config lists keeps its kind, name, tags
        and filters."""
        listed = {f.url: f for f in self.feeds}
        resolved = (named_feed_url(u) for u in urls)
        return replace(self, feeds=tuple(listed.get(u) or FeedConfig(url=u) for u in resolved))

    def shard(self, share: str) -> "Settings":
        """The same settings polling one share of the feeds, `share` = "I/N" (1 <= I <= N): the
        feeds whose id (a hash of the URL) is I-1 modulo N, so N ingest workers on a DuckLake
        split the feeds between them without talking to each other (`ingest --shard`)."""
        m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", share)
        if not m or not 1 <= int(m[1]) <= int(m[2]) <= 10_000:
            raise ConfigError(f"shard {share!r}: give it as I/N, one share of N, e.g. 2/4")
        part, parts = int(m[1]), int(m[2])
        return replace(self, feeds=tuple(f for f in self.feeds if int(short_hash(f.url), 16) % parts == part - 1))

    def allowing_private(self) -> "Settings":
        """The same settings admitting loopback and private addresses (`--allow-private`)."""
        return replace(self, http=replace(self.http, allow_private=True))


# -- loading ---------------------------------------------------------------------------
def _tables() -> dict[str, type]:
    """The TOML tables of the settings file: each dataclass-typed field of `Settings`."""
    return {f.name: hints(Settings)[f.name] for f in fields(Settings) if is_dataclass(hints(Settings)[f.name])}


def _merge(base: dict[str, Any], override: dict[str, Any], where: str) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if key not in base:
            raise ConfigError(f"{where}: unknown setting {key!r} (known: {', '.join(sorted(base))})")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: [{key}] must be a table, not {describe(value)}")
            out[key] = _merge(base[key], value, f"{where} [{key}]")
        else:
            out[key] = value
    return out


def _section(cls: type, raw: dict[str, Any], where: str) -> Any:
    try:
        return cls(**{f.name: raw[f.name] for f in fields(cls)})
    except (TypeError, KeyError, ConfigError) as exc:
        raise ConfigError(f"{where}: {exc}") from exc


def _config_file(value: str, config_path: Path | None, where: str, named: bool) -> Path | None:
    """The data file an [extract] key names, relative to the config file. One the user's file
    names (`named`) must be there, or the key would be ignored unseen; the packaged defaults'
    entities.toml, claims.toml and risk.toml beside the config file are optional."""
    if not value:
        return None
    path = Path(value)
    if not path.is_absolute() and config_path is not None:
        path = config_path.parent / path
    try:
        if path.is_file():
            return path
        exists = path.exists()
    except OSError as exc:
        raise ConfigError(f"{where}: {value[:60]!r}: {exc.strerror}") from None
    if exists:
        raise ConfigError(f"{where}: {value[:60]!r} is not a file ({path})")
    if named:
        raise ConfigError(f"{where}: {value[:60]!r} not found ({path})")
    return None


def load_settings(config_path: Path | None = None, db: Path | None = None) -> Settings:
    """Build the frozen settings: packaged defaults, then `config_path` (if given), then the
    CLAIMTRACK_<TABLE>__<KEY> environment variables (flows/config_env.py), then `db` (--db, or
    CLAIMTRACK_DB), every value checked by type and range first."""
    raw = parse_config(resources.files("claimtrack.flows").joinpath("defaults.toml").read_text("utf-8"), "defaults.toml")
    user: dict[str, Any] = {}
    if config_path is not None:
        user = parse_config(read_config_text(config_path), str(config_path))
        raw = _merge(raw, user, str(config_path))
    env = environment_settings(_tables(), os.environ)        # CLAIMTRACK_<TABLE>__<KEY>, each checked
    raw = _merge(raw, env, "environment")
    where = str(config_path or "defaults") + (" (and CLAIMTRACK_* variables)" if env else "")
    for name, cls in _tables().items():
        check_table(cls, raw[name], f"{where} [{name}]")
    feeds = parse_feeds(raw["feeds"], config_path, where)
    channels = parse_channels(raw["channels"], where)

    storage = dict(raw["storage"])
    env_db = os.environ.get("CLAIMTRACK_DB")
    storage["db"] = Path(db or env_db or storage["db"])
    storage["data_dir"] = Path(storage["data_dir"])
    ext = dict(raw["extract"])
    for key in ("entities", "claims", "risk"):
        named = key in user.get("extract", {}) or key in env.get("extract", {})
        ext[key] = _config_file(ext[key], config_path, f"{where} [extract] {key}", named)
    dig = dict(raw["digest"])
    dig["out_dir"] = Path(dig["out_dir"])
    dig["recipients"] = tuple(dig["recipients"])
    if dig.get("smtp_ca_file"):
        ca = Path(dig["smtp_ca_file"])
        dig["smtp_ca_file"] = ca if ca.is_absolute() or config_path is None else config_path.parent / ca
    else:
        dig["smtp_ca_file"] = None

    return Settings(
        config_path=config_path,
        storage=_section(StorageSettings, storage, f"{where} [storage]"),
        http=_section(HttpSettings, raw["http"], f"{where} [http]"),
        extract=_section(ExtractSettings, ext, f"{where} [extract]"),
        digest=_section(DigestSettings, dig, f"{where} [digest]"),
        schedule=_section(ScheduleSettings, raw["schedule"], f"{where} [schedule]"),
        sql=_section(SqlSettings, raw["sql"], f"{where} [sql]"),
        ingest=_section(IngestSettings, raw["ingest"], f"{where} [ingest]"),
        site=_section(SiteSettings, {**raw["site"], "out_dir": Path(raw["site"]["out_dir"])}, f"{where} [site]"),
        feeds=tuple(f for f in feeds if f.enabled),
        channels=channels,
        alerts=parse_alerts(raw["alerts"], channels, dig["recipients"], where),
    )
