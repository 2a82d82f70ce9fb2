# Sourced by scripts/plasma and scripts/test: what a fresh machine needs before the build runs.
#   plasma_find_jdk             prints the home of a JDK >= 21 (JAVA_HOME if it is one, else the
#                               JDK of `java` on PATH, else the newest under /usr/lib/jvm)
#   plasma_ensure_node_modules  installs contracts/node_modules (forge, anvil, cast, solc-js,
#                               pinned by contracts/package-lock.json) with `npm ci` when missing
#                               or older than package-lock.json (a pull that changed a pin)
#   plasma_ensure_promtool      installs promtool (Debian package prometheus), which MetricsIT
#                               checks the nodes' metrics with, when missing (apt-get, as root or
#                               with sudo)
#   plasma_ensure_chromium      installs headless Chromium and its driver (Debian packages chromium
#                               and chromium-driver), which ExplorerBrowserIT drives, when missing

plasma_java_major() { # JDK home
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java.specification.version = //p' | sed 's/^1\.//'
}

plasma_is_jdk() { # directory: a JDK (java and javac) of version 21 or newer
  [[ -x "$1/bin/java" && -x "$1/bin/javac" && "$(plasma_java_major "$1" 2>/dev/null || echo 0)" -ge 21 ]]
}

plasma_find_jdk() {
  if [[ -n "${JAVA_HOME:-}" ]] && plasma_is_jdk "$JAVA_HOME"; then
    echo "$JAVA_HOME"
    return
  fi
  local on_path
  on_path="$(command -v java || true)"
  if [[ -n "$on_path" ]]; then
    on_path="$(cd "$(dirname "$(readlink -f "$on_path")")/.." && pwd)"
    if plasma_is_jdk "$on_path"; then
      echo "$on_path"
      return
    fi
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/*; do
    plasma_is_jdk "$candidate" || continue
    major="$(plasma_java_major "$candidate")"
    if [[ "$major" -gt "$best_major" ]]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [[ -z "$best" ]]; then
    echo "no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*);" \
      "install one (e.g. apt-get install openjdk-21-jdk) or point JAVA_HOME at it" >&2
    return 1
  fi
  echo "$best"
}

plasma_ensure_node_modules() { # repository root
  local contracts="$1/contracts"
  local installed="$contracts/node_modules/.package-lock.json" # written by npm ci
  if [[ -e "$contracts/node_modules/@foundry-rs/forge/bin.mjs" && -e "$installed" &&
    ! "$contracts/package-lock.json" -nt "$installed" ]]; then
    return 0
  fi
  if ! command -v npm >/dev/null; then
    echo "contracts/node_modules is missing or outdated and npm is not installed: install Node.js 20+" \
      "(it brings npm), then run this again" >&2
    return 1
  fi
  echo "installing forge, anvil, cast and solc-js into contracts/node_modules (npm ci: missing, or older than package-lock.json)..." >&2
  (cd "$contracts" && npm ci --no-audit --no-fund) >&2
}

plasma_ensure_promtool() {
  command -v promtool >/dev/null && return 0
  plasma_apt_install "MetricsIT checks the metrics with promtool; without it the check is skipped outside CI and fails in CI" \
    prometheus
}

# Installs Debian packages "$@" as root or with sudo (apt-get update once if the first try fails);
# says what to do instead when that is not possible. $1 names what needs them.
plasma_apt_install() {
  local why="$1"
  shift
  local sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then
    if ! command -v sudo >/dev/null || ! sudo -n true 2>/dev/null; then
      echo "$why: install the Debian packages $* (apt-get install $*)" >&2
      return 0
    fi
    sudo="sudo -n"
  fi
  if ! command -v apt-get >/dev/null; then
    echo "$why, and this is no Debian system: install $* yourself" >&2
    return 0
  fi
  echo "installing $* (for: $why)..." >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 ||
    { $sudo apt-get update -qq >&2 &&
      $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2; } ||
    echo "could not install the Debian packages $*; $why" >&2
}

plasma_ensure_chromium() {
  [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] && return 0
  plasma_apt_install "ExplorerBrowserIT drives headless Chromium; without it the test is skipped outside CI and fails in CI" \
    chromium chromium-driver
}
