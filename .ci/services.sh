#!/usr/bin/env bash
# Starts (if needed) the servers the integration suites need and checks they answer.
# Each integration area adds one script under .ci/services.d/ (installs + starts its server
# and appends `export NAME=value` lines to $CI_ENV_FILE so the test step sees them).
set -euo pipefail
: "${CI_ENV_FILE:=.ci/out/env}"
export CI_ENV_FILE
mkdir -p "$(dirname "$CI_ENV_FILE")"
touch "$CI_ENV_FILE"

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "PostgreSQL is down; starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432

shopt -s nullglob
for script in .ci/services.d/*.sh; do
  echo "--- $script"
  bash "$script"
done
