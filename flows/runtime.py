"""Process set-up shared by the CLI and flows: settings from arguments, Prefect kept local."""
from __future__ import annotations

import os
from pathlib import Path

from claimtrack.flows.settings import DEFAULT_CONFIG, Settings, load_settings


def settings_from(config: str | Path | None, db: str | Path | None = None,
                  feeds: list[str] | None = None, allow_private: bool = False, shard: str | None = None) -> Settings:
    """Settings from a config path (default config/claimtrack.toml when it exists) and overrides."""
    path = Path(config) if config else (DEFAULT_CONFIG if DEFAULT_CONFIG.exists() else None)
    settings = load_settings(path, Path(db) if db else None)
    if feeds:
        settings = settings.with_feeds(feeds)
    if shard:
        settings = settings.shard(shard)
    if allow_private:
        settings = settings.allowing_private()
    return settings


def prepare_prefect(settings: Settings, verbose: bool = False) -> None:
    """Keep Prefect's state under the data folder and analytics off. Prefect's console output
    is silenced unless verbose (its API log, shown in the UI, keeps every line); the CLI
    prints its own one-line summaries instead. Must run before Prefect is imported; values
    already in the environment win.
    """
    home = Path(os.environ.setdefault("PREFECT_HOME", str((settings.storage.data_dir / "prefect").resolve())))
    home.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # the temporary server's first start under a new PREFECT_HOME builds its database: on a busy
    # 2-core machine that took over Prefect's 20 s wait, and a fresh clone's first `make run` failed
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
