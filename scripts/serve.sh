#!/usr/bin/env bash
# Browser mode: builds the renderer and serves it with the contract on 127.0.0.1.
# Options: --port N, --data-dir DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx electron-vite build >/dev/null
# The shell's V8 flags: src/main/shell/browser/shellFlags.ts says why.
exec npx tsx --no-memory-reducer src/main/shell/browser/cli.ts "$@"
