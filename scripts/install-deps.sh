#!/usr/bin/env bash
# Installs the system C libraries painmap links against, only when missing:
#   libstemmer (Snowball stemmers) and libsqlite3, with their headers.
# Debian/Ubuntu: apt-get (as root, or through sudo); macOS: Homebrew.
set -euo pipefail

have_header() { # name
  for d in /usr/include /usr/local/include /opt/homebrew/include; do [ -f "$d/$1" ] && return 0; done
  return 1
}

missing=()
have_header libstemmer.h || missing+=(libstemmer-dev)
have_header sqlite3.h || missing+=(libsqlite3-dev)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "painmap: installing missing system packages: ${missing[*]}" >&2
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "painmap: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v brew >/dev/null 2>&1; then
  brew_pkgs=()
  for m in "${missing[@]}"; do case $m in libstemmer-dev) brew_pkgs+=(snowball);; libsqlite3-dev) brew_pkgs+=(sqlite);; esac; done
  brew install "${brew_pkgs[@]}"
else
  echo "painmap: please install ${missing[*]} (libstemmer and SQLite 3 development files) with your package manager" >&2
  exit 1
fi
