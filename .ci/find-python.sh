#!/bin/sh
# Print the path of the newest Python 3.11 or newer on PATH, or nothing if there is none (the
# Makefile then stops with one line). Candidates are python3.N and python3; the highest 3.N wins, and
# of equals the first on PATH. Each candidate is asked its version, so a pyenv shim of a version that
# is not active (it exits with an error) or an old python3 does not count. Shell built-ins only: it
# must work whatever else PATH holds.
best=
best_minor=10
IFS=:
for dir in $PATH; do
  for candidate in "${dir:-.}"/python3.[0-9]* "${dir:-.}"/python3; do
    case ${candidate##*/} in
      python3 | python3.[0-9] | python3.[0-9][0-9]) ;;
      *) continue ;;  # python3.11-config, python3.12m ...
    esac
    [ -x "$candidate" ] || continue
    version=$("$candidate" --version 2>&1) || continue
    case $version in
      "Python 3."[0-9]*) ;;
      *) continue ;;
    esac
    minor=${version#Python 3.}
    minor=${minor%%[!0-9]*}
    if [ "$minor" -gt "$best_minor" ]; then
      best=$candidate
      best_minor=$minor
    fi
  done
done
[ -n "$best" ] && echo "$best"
exit 0
