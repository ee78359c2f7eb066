#!/bin/sh
# Find the Chromium the browser tests drive, or install it when this user can (root with
# apt-get, as on a fresh Debian machine or in CI). Prints the browser's path; when it can do
# neither, one line naming what to run, and exit 1, before any test runs.
for candidate in "${QUOTES_CHROMIUM:-}" chromium chromium-browser google-chrome google-chrome-stable; do
  [ -n "$candidate" ] || continue
  found=$(command -v "$candidate" 2>/dev/null) && [ -x "$found" ] && { echo "$found"; exit 0; }
done
if [ -n "${QUOTES_CHROMIUM:-}" ]; then
  echo "error: QUOTES_CHROMIUM=$QUOTES_CHROMIUM is not a program; point it at a Chromium or Chrome" >&2
  exit 1
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's chromium for the browser tests" >&2
  if DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
     DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
    command -v chromium && exit 0
  fi
  echo "error: apt-get could not install chromium; install it (apt-get install chromium) or set QUOTES_CHROMIUM=/path/to/chrome" >&2
  exit 1
fi
echo "error: the browser tests need Chromium: run 'sudo apt-get install chromium', or set QUOTES_CHROMIUM=/path/to/chrome" >&2
exit 1
