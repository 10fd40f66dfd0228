#!/usr/bin/env bash
# Installs the Debian packages the tests need, when they are missing:
# gettext (compiling translations), PostgreSQL (the production database) and
# Chromium (browser tests; never "playwright install", which downloads).
set -euo pipefail

want=("$@")
if [ ${#want[@]} -eq 0 ]; then
  want=(gettext postgresql chromium fonts-dejavu-core espeak-ng speech-dispatcher speech-dispatcher-espeak-ng)
fi

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
