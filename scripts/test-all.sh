#!/usr/bin/env bash
# Every check and every test, on real parts: typecheck, lint (layers), Electron security scan,
# build, then vitest (core + components) and Playwright (Chromium e2e) inside a private keyring.
# Ends with one line: "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -d /usr/include/node ]; then export npm_config_nodedir=/usr; fi
export ROC_CHROMIUM="${ROC_CHROMIUM:-$(command -v chromium || true)}"
mkdir -p .tmp

step() { printf '\n== %s\n' "$*"; }
step "typecheck"; npm run -s typecheck
step "lint";      npx eslint . --max-warnings 0
step "electron security scan"; node scripts/electronegativity.mjs
step "build";     npx electron-vite build >/dev/null

status=0
step "unit and component tests (vitest)"
bash scripts/with-keyring.sh npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json || status=1
step "end-to-end tests (Playwright, Chromium)"
bash scripts/with-keyring.sh npx playwright test || status=1

node scripts/summarise-tests.mjs .tmp/vitest.json .tmp/playwright.json
exit $status
