#!/usr/bin/env bash
# CI: newswire on the newest Python this machine has (pyenv's versions count too), as a user gets it:
# the checkout's tracked files copied to a scratch directory (a fresh clone), a fresh venv, a plain
# `pip install`, then `newswire --version` and an end-to-end `newswire replay` of an archive on the
# embedded broker, checked in the database (.ci/replay_check.py). The suite itself runs on the
# Python `make test` picks.
set -euo pipefail
cd "$(dirname "$0")/.."
search_path=$PATH
if command -v pyenv >/dev/null 2>&1; then
  for bin in "$(pyenv root)"/versions/*/bin; do search_path=$bin:$search_path; done
fi
python=$(PATH=$search_path /bin/sh .ci/find-python.sh)
if [ -z "$python" ]; then
  echo "newest-python: no Python 3.11 or newer on this machine" >&2
  exit 1
fi
echo "newest-python: $python ($("$python" --version 2>&1))"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/src"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$scratch/src"
"$python" -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install --quiet --disable-pip-version-check "$scratch/src"
cp .ci/replay_check.py "$scratch/"
cd "$scratch"  # away from the checkout: everything imports from the installed package
"$scratch/venv/bin/python" replay_check.py "$scratch/run"
