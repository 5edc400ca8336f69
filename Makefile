# Lapor: build, run and test. Every target installs what it needs via scripts/setup.sh
# (idempotent; seconds when everything is present).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

# Address `make run` listens on; the server reads LAPOR_ADDR. The database defaults to the
# server's own default (SQLite under ./data/); set DATABASE_URL to override, e.g.
#   make run DATABASE_URL=postgres://postgres@127.0.0.1/lapor
LAPOR_ADDR ?= 127.0.0.1:3000

# Runtime configuration of the release binary (mirrors [[workspace.metadata.leptos]]).
SERVER_ENV = LAPOR_ADDR=$(LAPOR_ADDR) \
	LEPTOS_SITE_ADDR=$(LAPOR_ADDR) \
	LEPTOS_SITE_ROOT=target/site \
	LEPTOS_SITE_PKG_DIR=pkg \
	LEPTOS_OUTPUT_NAME=lapor \
	LEPTOS_ENV=PROD

.PHONY: all setup setup-test build run demo test lint unit e2e clean-test-dbs bench

all: build

setup:
	bash scripts/setup.sh

setup-test:
	bash scripts/setup.sh --test

build: setup
	bash scripts/build-site.sh

run: build
	mkdir -p data
	$(SERVER_ENV) target/release/lapor serve

# Socialization mode for trainers: a separate demo database (data/demo.db) with a
# scenario, reachable from phones on the laptop's network; the presenter's page is
# http://localhost:3000/demo (see README, "Socialization mode").
demo: build
	mkdir -p data
	$(SERVER_ENV) target/release/lapor demo

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --exclude frontend --exclude frontend-staff --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p frontend-staff --target wasm32-unknown-unknown -- -D warnings

# Never include the frontend crates here: feature unification would enable both `ssr`
# and `hydrate` on `app`.
unit:
	cargo test --workspace --exclude frontend --exclude frontend-staff

test: clean-test-dbs setup-test
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory unit
	bash scripts/build-site.sh
	$(MAKE) --no-print-directory e2e

# Server-side speed against a bare axum + sqlx baseline (never in CI; see README, Measurements).
bench:
	bash scripts/setup.sh --bench
	bash scripts/bench.sh

# Playwright against the release build (scripts/e2e-server.sh starts it with a fresh DB).
e2e:
	@test -d end2end/node_modules || { echo "end2end/node_modules missing: run 'bash scripts/setup.sh --test'" >&2; exit 1; }
	cd end2end && npx --no -- playwright test

# Drops leftover PostgreSQL test databases (lapor_test_*) when LAPOR_TEST_POSTGRES_URL is set.
clean-test-dbs:
	@if [[ -n "$${LAPOR_TEST_POSTGRES_URL:-}" ]]; then \
	  dbs=$$(psql "$$LAPOR_TEST_POSTGRES_URL" -XAtq -v ON_ERROR_STOP=1 \
	    -c "SELECT datname FROM pg_database WHERE datname LIKE 'lapor\_test\_%'"); \
	  for db in $$dbs; do \
	    echo "dropping test database $$db"; \
	    psql "$$LAPOR_TEST_POSTGRES_URL" -Xq -v ON_ERROR_STOP=1 \
	      -c "DROP DATABASE IF EXISTS \"$$db\" WITH (FORCE)"; \
	  done; \
	else \
	  echo "LAPOR_TEST_POSTGRES_URL not set: no PostgreSQL test databases to drop"; \
	fi
