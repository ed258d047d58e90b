#!/usr/bin/env bash
# Stages what the Lambda function runs in deploy/.build: the compiled code, the policies and
# the production dependencies, built on this machine's platform (x86_64 Linux, as the template's).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build
rm -rf deploy/.build
mkdir -p deploy/.build
cp -r dist policies package.json package-lock.json deploy/.build/
cd deploy/.build
# No scripts: `prepare` would compile again without the dev tools; then the one native build.
npm ci --omit=dev --ignore-scripts --no-audit --no-fund
npm rebuild better-sqlite3
