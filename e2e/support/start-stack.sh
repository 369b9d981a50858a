#!/usr/bin/env bash
# Starts Atelier for e2e on a fresh data directory (its own embedded PostgreSQL and files).
set -euo pipefail
rm -rf "$ATELIER_DATA_DIR"
unset DATABASE_URL
cd ../apps/api
exec node --import tsx src/main.ts
