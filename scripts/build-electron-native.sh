#!/usr/bin/env bash
# Builds better-sqlite3 for Electron's ABI into native/electron/, beside the Node build in
# node_modules that tests use. Needs Electron's headers from the internet (not possible on our CI
# machines). The desktop shell loads native/electron/better_sqlite3.node when it exists.
set -euo pipefail
cd "$(dirname "$0")/.."
electron_version=$(node -p "require('electron/package.json').version")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R node_modules/better-sqlite3 "$work/"
(
  cd "$work/better-sqlite3"
  npx --yes node-gyp rebuild --release --runtime=electron --target="$electron_version" --dist-url=https://electronjs.org/headers
)
mkdir -p native/electron
cp "$work/better-sqlite3/build/Release/better_sqlite3.node" native/electron/
echo "built native/electron/better_sqlite3.node for Electron $electron_version"
