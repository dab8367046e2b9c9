# The two commands of the README: `make serve` and `make test`. Both install
# what they need first (scripts/setup.sh is idempotent).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
PORT ?= 8080

.PHONY: serve test setup lint unit build

## Build the web page and serve it on http://127.0.0.1:$(PORT)/ (it prints the URL).
serve: setup wasm-pkg www
	PORT=$(PORT) node scripts/serve.mjs

## Every test: formatting, lints, unit, property and end-to-end tests.
test: setup lint unit

setup:
	scripts/setup.sh

build:
	cargo build --release --locked

lint:
	cargo fmt --check
	cargo clippy --locked --all-targets -- -D warnings

unit:
	cargo test --locked
	# The browser build leaves legacy encodings out: test that decoding path too.
	cargo test --locked --no-default-features --lib decode::

## The web page: www/ made complete (the package copied to www/pkg, the sample
## story to www/samples), ready for `serve` or any static host. The recipe of
## wasm-pkg (scripts/build-pkg.sh, writing pkg/) comes with the WebAssembly
## package; the line below only names the target.
.PHONY: www page-test
wasm-pkg:
www:
	scripts/build-www.sh

## The page end to end: playwright-core driving Debian's Chromium (tests/page).
page-test: setup wasm-pkg www
	cd tests/page && { [[ node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund; } && node --test

test: page-test
