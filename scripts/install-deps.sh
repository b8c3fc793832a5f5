#!/bin/sh
# Installs the Debian packages listed in $1 that are not installed yet. Quiet and quick when
# nothing is missing, so `make run` and `make test` can call it every time.
set -eu
list=${1:-deps/debian-packages.txt}
missing=""
for pkg in $(grep -v '^[[:space:]]*#' "$list" | tr -s '[:space:]' ' '); do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $pkg" ;;
  esac
done
[ -z "$missing" ] && exit 0
echo "installing missing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
