#!/usr/bin/env bash
# Runs a command with a real, unlocked gnome-keyring in a private session bus and throwaway XDG
# folders, so tests use the OS keychain without touching the user's own.
set -euo pipefail
scratch=$(mktemp -d "${TMPDIR:-/tmp}/roc-keyring.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/data" "$scratch/runtime" "$scratch/config"
chmod 700 "$scratch/runtime"
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime" XDG_CONFIG_HOME="$scratch/config"
export ROC_KEYRING_PASSWORD="${ROC_KEYRING_PASSWORD:-$(head -c 18 /dev/urandom | base64)}"
dbus-run-session -- sh -c 'printf %s "$ROC_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' sh "$@"
