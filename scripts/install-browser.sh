#!/usr/bin/env bash
# Debian's Chromium and CJK fonts for the browser tests (`make test-browser`), run as root (CI runs as root).
# Playwright never downloads a browser of its own: the tests launch this Chromium by its path.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "install-browser.sh: run as root (it calls apt-get install)" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser.sh: needs Debian's apt-get" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-noto-cjk
command -v chromium
