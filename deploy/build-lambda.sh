#!/usr/bin/env bash
# Stages what the Lambda function runs in deploy/.build: the compiled code, the policies and
# the production dependencies for x86_64 Linux (the template's architecture; run it there).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build
rm -rf deploy/.build
mkdir -p deploy/.build
cp -r dist policies package.json package-lock.json deploy/.build/
cd deploy/.build
# No scripts: `prepare` would compile again without the dev tools. Nothing native needs
# building: Argon2 comes as a prebuilt N-API package, and SQLite's addon is loaded only for a
# sqlite: store, which Lambda never has.
npm ci --omit=dev --ignore-scripts --no-audit --no-fund
