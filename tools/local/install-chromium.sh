#!/usr/bin/env sh
# Installs Debian's chromium for the dashboard's browser test (tests/Telemetry.Cli.Tests/DashboardBrowserTests.cs),
# which drives it headless through Playwright. Run by the test itself when no chromium is found; idempotent.
set -eu
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: no apt-get here; install Chromium yourself and set TELEMETRY_CHROMIUM to its path." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else
    echo "install-chromium: not root and no sudo; run 'apt-get install chromium' as root, or set TELEMETRY_CHROMIUM." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium
