#!/usr/bin/env bash
# Debian's Dovecot for the email IMAP suites. Tests start a private instance per run from a
# temp folder (packages/adapter-email/test/dovecot.ts); the package's own service is not used.
set -euo pipefail
if ! command -v dovecot >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null
fi
dovecot --version
echo "export DOVECOT_PATH=$(command -v dovecot)" >> "$CI_ENV_FILE"
