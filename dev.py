#!/usr/bin/env python3
"""Set-up and run in one step, on a fresh machine with only Python 3.11+ and git.

    python3 dev.py demo    # install, build the graph of seeds/, print who opposed what
    python3 dev.py test    # install with test needs (and chromium), run the whole test suite

Everything goes into .venv/ next to this file; system packages (Debian's chromium, for the
browser tests) are installed with apt-get when missing. Standard library only: this script
runs before anything else is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
STAMP = VENV / ".strikegraph-installed"
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser")


def run(*command: str | Path, **options) -> None:
    print("+", " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], check=True, cwd=ROOT, **options)


def ensure_venv(extras: str) -> None:
    """Create .venv and install the project (editable) unless nothing changed since last time."""
    if sys.version_info < (3, 11):
        sys.exit(f"Error: strikegraph needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", f".{extras}")
    STAMP.write_text(wanted)


def ensure_chromium() -> str:
    """Debian's chromium for the browser tests: installed with apt-get when missing."""
    found = next((shutil.which(name) for name in CHROMIUM_CANDIDATES if shutil.which(name)), None)
    if found:
        return found
    apt = ["apt-get"] if os.geteuid() == 0 else ["sudo", "apt-get"]
    environment = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(*apt, "update", "-qq", env=environment)
    run(*apt, "install", "-y", "-qq", "chromium", env=environment)
    found = next((shutil.which(name) for name in CHROMIUM_CANDIDATES if shutil.which(name)), None)
    if not found:
        sys.exit("Error: chromium is still missing after apt-get install chromium")
    return found


def demo() -> None:
    ensure_venv("")
    strikegraph = BIN / "strikegraph"
    run(strikegraph, "build", "seeds", "--out", "build")
    run(strikegraph, "query", "who-opposed", "--graph", "build")


def test(pytest_args: list[str]) -> None:
    ensure_venv("[test]")
    chromium = ensure_chromium()
    environment = dict(os.environ, STRIKEGRAPH_CHROMIUM=chromium)
    result = subprocess.run([str(PYTHON), "-m", "pytest", *pytest_args], cwd=ROOT, env=environment)
    sys.exit(result.returncode)


def main() -> None:
    command, *rest = sys.argv[1:] or ["help"]
    if command == "demo":
        demo()
    elif command == "test":
        test(rest)
    else:
        print(__doc__)
        sys.exit(0 if command in ("help", "-h", "--help") else 2)


if __name__ == "__main__":
    main()
