#!/usr/bin/env bash
# The release server and both front-end bundles: the citizens' (`lapor`: the server,
# target/site) and the staff's (`lapor-staff`, front end only: target/site-staff). The
# staff project must never build the server: it would compile it with its own
# LEPTOS_OUTPUT_NAME. Extra arguments go to both builds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo leptos build --release -P --project lapor "$@"
cargo leptos build --release -P --project lapor-staff --frontend-only "$@"
