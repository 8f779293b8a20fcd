#!/usr/bin/env bash
# npm run dist: builds this OS's installers into dist/ (Linux: AppImage, deb, rpm; macOS: dmg, zip;
# Windows: NSIS), as configured in electron-builder.json. Extra arguments go to electron-builder
# (e.g. `npm run dist -- --linux deb`). Where Electron cannot be downloaded it says so in one line.
set -euo pipefail
cd "$(dirname "$0")/.."
reason=$(node scripts/electron-available.mjs --packaging)
if [ -n "$reason" ]; then
  echo "npm run dist: cannot build installers here: $reason, and electron-builder must download Electron to package it." >&2
  exit 1
fi
npx electron-vite build
# better-sqlite3 and keytar rebuilt for Electron's ABI, the builds that get packaged; afterwards the
# Node builds the tests load are put back.
trap 'echo "dist: rebuilding native modules for Node again (tests)"; npm rebuild better-sqlite3 keytar >/dev/null' EXIT
npx electron-builder install-app-deps
npx electron-builder --publish never "$@"
