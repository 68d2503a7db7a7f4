#!/usr/bin/env bash
# The Python client's one test entry point: the golden frames, offline checks and the live suite
# against a `licitd sandbox` it starts ($LICITD, default: the repository's .build/debug/licitd), then a
# check that the package pip-installs (offline) into a virtual environment and imports from there.
#
# Needs (Debian): python3-protobuf python3-cryptography python3-pytest python3-venv python3-pip
# python3-setuptools python3-wheel. PYTHON picks the interpreter (default /usr/bin/python3, whose
# site-packages the Debian packages fill).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
python=${PYTHON:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3 )}

"$python" -c 'import google.protobuf, cryptography, pytest' 2>/dev/null || {
    echo "$python lacks protobuf, cryptography or pytest:" \
        "apt-get install -y python3-protobuf python3-cryptography python3-pytest python3-venv" >&2
    exit 1
}

echo "--- pytest ($("$python" --version), protobuf $("$python" -c 'import google.protobuf as p; print(p.__version__)'))"
PYTHONPATH="$here/src" PYTHONDONTWRITEBYTECODE=1 "$python" -m pytest -q -p no:cacheprovider tests

echo "--- pip install into a virtual environment (no network)"
venv=$(mktemp -d)
trap 'rm -rf "$venv" "$here/build" "$here"/src/*.egg-info' EXIT
"$python" -m venv --system-site-packages "$venv"
"$venv/bin/python" -m pip install --quiet --no-index --no-build-isolation --no-deps "$here"
cd "$venv"
"$venv/bin/python" - "$venv" <<'PY'
import os, sys
import licit, licit.v1.documents_pb2
venv = sys.argv[1]
assert licit.__file__.startswith(venv), f"licit imported from {licit.__file__}, not the virtual environment"
package = os.path.dirname(licit.__file__)
for name in ("py.typed", "v1/documents_pb2.pyi", "v1/frame_pb2.py"):
    assert os.path.exists(os.path.join(package, name)), f"{name} is not installed"
print(f"installed licit {licit.__version__} in {package}")
PY
