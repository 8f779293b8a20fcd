#!/usr/bin/env bash
# For machines with no desktop session (SSH, a server, a container): the system keychain needs a
# session bus and an unlocked keyring, which a desktop login normally provides. This starts a session
# bus and gnome-keyring, unlocks your own "login" keyring (creating it on first use, in
# ~/.local/share/keyrings) with the password you type or ROC_KEYRING_PASSWORD, then runs the command
# inside that session. Unlike scripts/with-keyring.sh (tests), the keyring is kept between runs.
# Usage: bash scripts/with-login-keyring.sh <command...>   (npm run start:keyring runs npm start)
set -euo pipefail
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool is missing: install it (Debian/Ubuntu: sudo apt install dbus gnome-keyring), then run this again." >&2
    exit 1
  fi
done
if [ -z "${ROC_KEYRING_PASSWORD:-}" ]; then
  if [ ! -t 0 ]; then
    echo "No terminal to ask for the keyring password: set ROC_KEYRING_PASSWORD." >&2
    exit 1
  fi
  read -rsp 'Password of your login keyring (a new keyring is created with it on first use): ' ROC_KEYRING_PASSWORD
  echo
fi
export ROC_KEYRING_PASSWORD
exec dbus-run-session -- sh -c '
  printf %s "$ROC_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  unset ROC_KEYRING_PASSWORD
  exec "$@"' sh "$@"
