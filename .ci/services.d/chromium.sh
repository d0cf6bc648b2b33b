#!/usr/bin/env bash
# Debian's Chromium for the browser end-to-end suites (playwright-core drives it; no browser download).
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
chromium --version
echo "export CHROMIUM_PATH=$(command -v chromium)" >> "$CI_ENV_FILE"
