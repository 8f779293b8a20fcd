#!/usr/bin/env bash
# Installs what is missing, builds, and opens the desktop console; where no Electron window can be
# opened (no binary, no display), says so in one line and starts browser mode instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx electron-vite build >/dev/null
reason=$(node scripts/electron-available.mjs)
if [ -z "$reason" ]; then
  exec npx electron-vite preview --skipBuild
fi
echo "No desktop window here ($reason); starting browser mode instead."
if [ "$(uname -s)" = Linux ] && [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ ! -S "${XDG_RUNTIME_DIR:-/nonexistent}/bus" ]; then
  echo "No desktop session either, so the system keychain cannot save connections (the Demo workspace works without it). To add your own connections, stop this and run: npm run start:keyring"
fi
exec npx tsx src/main/shell/browser/cli.ts "$@"
