"""Building the wheel where no C compiler works (setup.py): plain Python modules, nothing half-built.

Offline: ``--no-build-isolation`` uses this environment's setuptools and mypy (the ``build``
extra). Run once, on the plain test pass (``make pytest-compiled`` leaves this file out).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from vntrace.epcis.hashing import event_hash

REPO = Path(__file__).resolve().parents[2]
EVENT = {
    "type": "ObjectEvent",
    "eventTime": "2026-05-12T14:30:00.5+07:00",
    "eventTimeZoneOffset": "+07:00",
    "action": "OBSERVE",
    "epcList": ["urn:epc:id:sgtin:8934567.089012.A1"],
    "readPoint": {"id": "urn:epc:id:sgln:8934567.00001.0"},
}


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sources (setuptools builds in the tree: never in the repository's build/)."""
    root = tmp_path_factory.mktemp("tree")
    ignore = shutil.ignore_patterns("__pycache__", "*.so", "*.egg-info")
    shutil.copytree(REPO / "src", root / "src", ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "README.md", "NOTICE"):
        shutil.copy(REPO / name, root / name)
    return root


@pytest.fixture(scope="module")
def no_compiler(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment with a ``gcc``/``cc`` first on the path that always fails."""
    bin_dir = tmp_path_factory.mktemp("bin")
    for name in ("gcc", "cc", "clang"):
        tool = bin_dir / name
        tool.write_text("#!/bin/sh\necho 'no C compiler here' >&2\nexit 1\n", encoding="utf-8")
        tool.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in {"VNTRACE_PURE", "VNTRACE_COMPILE"}}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return env


def _wheel(tree: Path, out: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pip", "wheel", "--verbose", "--no-deps"]
    command += ["--no-build-isolation", "--no-index", "-w", str(out), str(tree)]
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_without_a_compiler_the_wheel_is_plain_and_works(
    tree: Path, no_compiler: dict[str, str], tmp_path: Path
) -> None:
    done = _wheel(tree, tmp_path / "wheel", no_compiler)
    assert done.returncode == 0, done.stderr
    assert "the plain Python modules are used" in done.stdout + done.stderr
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "vntrace/epcis/_canon.py" in names
    assert not [n for n in names if n.endswith(".so")]  # no shim without its shared library

    target = tmp_path / "site"
    install = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"]
    subprocess.run(
        [*install, "--target", str(target), str(wheel)],
        check=True,
        timeout=300,
    )
    probe = (
        "import json, sys\n"
        "from vntrace.epcis import _canon, hashing\n"
        "print(_canon.__file__)\n"
        "print(hashing.event_hash(json.loads(sys.argv[1])))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    ran = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(EVENT)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    where, hash_id = ran.stdout.splitlines()
    assert Path(where).is_relative_to(target)
    assert where.endswith(".py")
    assert hash_id == event_hash(EVENT)  # the installed plain build hashes as this one does


def test_a_required_compilation_fails_without_a_compiler(
    tree: Path, no_compiler: dict[str, str], tmp_path: Path
) -> None:
    done = _wheel(tree, tmp_path / "wheel", {**no_compiler, "VNTRACE_COMPILE": "require"})
    assert done.returncode != 0
    assert not list((tmp_path / "wheel").glob("*.whl"))
