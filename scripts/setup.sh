#!/usr/bin/env bash
# Installs exactly the tools Lapor's build needs that are missing; idempotent and
# fast (seconds) when everything is already there. Used by the Makefile and .ci/run.
#
#   scripts/setup.sh           build tools: wasm32 target, cargo-leptos, wasm-bindgen CLI, wasm-opt
#   scripts/setup.sh --test    also rustfmt/clippy, Debian chromium, Debian kannel and gammu-smsd (the SMS
#                              gateway tests) and end2end/node_modules (npm ci)
#   scripts/setup.sh --bench   also wrk (Debian), the load generator of `make bench`
#   scripts/setup.sh --check   only report what is missing (installs nothing; exit 1 if anything is)
#
# This machine class reaches only crates.io, npm, PyPI and Debian: nothing here downloads
# from GitHub. cargo-leptos is built with `no_downloads`, so it uses the tools on the PATH.
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.10
BINARYEN_VERSION=132

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

case ":$PATH:" in
  *":$HOME/.cargo/bin:"*) ;;
  *) export PATH="$HOME/.cargo/bin:$PATH" ;;
esac

WANT_TEST=0
WANT_BENCH=0
CHECK_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --test) WANT_TEST=1 ;;
    --bench) WANT_BENCH=1 ;;
    --check) CHECK_ONLY=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "setup: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

MISSING=0
say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }
# need DESCRIPTION -- returns 0 when the caller should install (not in --check mode)
need() {
  if [[ $CHECK_ONLY == 1 ]]; then
    say "MISSING: $*"
    MISSING=1
    return 1
  fi
  say "installing $*"
}

SUDO=()
if [[ $(id -u) != 0 ]] && command -v sudo >/dev/null 2>&1; then SUDO=(sudo); fi

# apt_install PACKAGE: a Debian package, refreshing the package lists only when needed.
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-cache policy "$1" 2>/dev/null | grep -qE 'Candidate: [0-9]'; then
    "${SUDO[@]}" apt-get update
  fi
  "${SUDO[@]}" apt-get install -y --no-install-recommends "$1"
}

command -v cargo >/dev/null 2>&1 || die "cargo not found (install Rust via rustup first)"
command -v rustup >/dev/null 2>&1 || die "rustup not found (needed for the wasm32 target)"

# --- wasm32 target -----------------------------------------------------------------------
if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
  say "ok   wasm32-unknown-unknown target"
elif need "rust target wasm32-unknown-unknown"; then
  rustup target add wasm32-unknown-unknown
fi

# --- cargo-leptos ------------------------------------------------------------------------
have_leptos="$(cargo leptos --version 2>/dev/null || true)"
if grep -qw "$CARGO_LEPTOS_VERSION" <<<"$have_leptos"; then
  say "ok   cargo-leptos $CARGO_LEPTOS_VERSION"
elif need "cargo-leptos $CARGO_LEPTOS_VERSION (slow: ~20 min on 2 cores, once)"; then
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

# --- wasm-bindgen CLI (must equal the wasm-bindgen crate in Cargo.lock) ------------------
wbg_version=""
if [[ -f Cargo.lock ]]; then
  wbg_version="$(awk '
    /^\[\[package\]\]/ { inpkg = 0 }
    /^name = "wasm-bindgen"$/ { inpkg = 1; next }
    inpkg && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' Cargo.lock)"
fi
if [[ -z $wbg_version ]]; then
  # No lock file yet (or no wasm-bindgen in it): fall back to the exact pin in Cargo.toml.
  wbg_version="$(sed -nE 's/^wasm-bindgen[[:space:]]*=[[:space:]]*"=([0-9][^"]*)".*/\1/p' Cargo.toml | head -n1)"
fi
[[ -n $wbg_version ]] || die "cannot determine the wasm-bindgen version (Cargo.lock / Cargo.toml)"
have_wbg="$(wasm-bindgen --version 2>/dev/null || true)"
if grep -qw "$wbg_version" <<<"$have_wbg"; then
  say "ok   wasm-bindgen CLI $wbg_version"
elif need "wasm-bindgen-cli $wbg_version (~4 min)"; then
  # Not --locked: one of its locked dependencies is not on this registry.
  cargo install wasm-bindgen-cli --version "$wbg_version" --force
fi

# --- wasm-opt from npm binaryen (never Debian's binaryen: too old, breaks hydration) ------
have_wasm_opt="$(wasm-opt --version 2>/dev/null || true)"
if grep -qE "version ${BINARYEN_VERSION}([^0-9]|$)" <<<"$have_wasm_opt"; then
  say "ok   wasm-opt $BINARYEN_VERSION"
else
  if [[ -n $have_wasm_opt ]]; then say "found unsuitable wasm-opt: $have_wasm_opt ($(command -v wasm-opt))"; fi
  if need "wasm-opt (npm binaryen@$BINARYEN_VERSION)"; then
    command -v npm >/dev/null 2>&1 || die "npm not found (apt-get install -y nodejs npm)"
    if dpkg -s binaryen >/dev/null 2>&1; then
      die "Debian's binaryen package is installed and too old; remove it: apt-get remove -y binaryen"
    fi
    "${SUDO[@]}" npm install -g "binaryen@$BINARYEN_VERSION"
    hash -r
    wasm-opt --version 2>/dev/null | grep -qE "version ${BINARYEN_VERSION}([^0-9]|$)" \
      || die "wasm-opt on PATH ($(command -v wasm-opt || echo none)) is still not version $BINARYEN_VERSION"
  fi
fi

if [[ $WANT_TEST == 1 ]]; then
  # --- rustfmt / clippy ------------------------------------------------------------------
  for comp in rustfmt clippy; do
    sub=fmt; [[ $comp == clippy ]] && sub=clippy
    if cargo "$sub" --version >/dev/null 2>&1; then
      say "ok   $comp"
    elif need "rustup component $comp"; then
      rustup component add "$comp"
    fi
  done

  # --- Chromium for Playwright (Debian package; Playwright never downloads a browser) ----
  if [[ -x /usr/bin/chromium ]]; then
    say "ok   /usr/bin/chromium"
  elif need "Debian chromium"; then
    apt_install chromium
    [[ -x /usr/bin/chromium ]] || die "chromium installed but /usr/bin/chromium is missing"
  fi

  # --- Kannel (bearerbox, smsbox) and its fake SMS centre, for the SMS gateway test -------
  if [[ -x /usr/sbin/bearerbox && -x /usr/lib/kannel/test/fakesmsc ]]; then
    say "ok   kannel, kannel-extras"
  elif need "Debian kannel and kannel-extras"; then
    apt_install kannel
    apt_install kannel-extras
  fi
  if [[ -x /usr/bin/gammu-smsd && -x /usr/bin/gammu-smsd-inject ]]; then
    say "ok   gammu-smsd"
  elif need "Debian gammu-smsd (its dummy phone carries an SMS to the RunOnReceive helper in the tests)"; then
    apt_install gammu-smsd
  fi

  # --- end2end/node_modules, in step with package-lock.json ------------------------------
  lock_hash="$( (sha256sum end2end/package-lock.json; node --version 2>/dev/null) | sha256sum | cut -d' ' -f1)"
  stamp=end2end/node_modules/.lapor-lock-stamp
  if [[ -f $stamp && "$(cat "$stamp")" == "$lock_hash" ]]; then
    say "ok   end2end/node_modules"
  elif need "end2end npm packages (npm ci)"; then
    command -v npm >/dev/null 2>&1 || die "npm not found (apt-get install -y nodejs npm)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
    printf '%s\n' "$lock_hash" >"$stamp"
  fi
fi

if [[ $WANT_BENCH == 1 ]]; then
  # --- wrk, the load generator of `make bench` (Debian package) -------------------------
  if command -v wrk >/dev/null 2>&1; then
    say "ok   wrk"
  elif need "Debian wrk"; then
    apt_install wrk
  fi
fi

if [[ $CHECK_ONLY == 1 && $MISSING == 1 ]]; then
  say "some tools are missing (run scripts/setup.sh without --check to install them)"
  exit 1
fi
say "all tools present"
