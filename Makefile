# The two commands of the README: `make serve` and `make test` (and `make eval`,
# the quality measurement of docs/quality.md). Both install
# what they need first (scripts/setup.sh is idempotent).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
PORT ?= 8080

.PHONY: serve test setup lint unit build eval

## Build and show the digest of the sample story in seeds/.
serve: setup build
	./target/release/newsdigest seeds/*

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

## Digest quality against classic summarizers on ../shared/data (not part of test).
eval:
	eval/run.sh
