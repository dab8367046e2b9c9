# The two commands of the README: `make serve` and `make test` (and `make eval`,
# the quality measurement of docs/quality.md). Both install
# what they need first (scripts/setup.sh is idempotent).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
PORT ?= 8080

.PHONY: serve test setup lint unit build cli bench eval spark-example wasm-pkg wasm-test www page-test

## Build the web page and serve it on http://127.0.0.1:$(PORT)/ (it prints the URL).
serve: setup wasm-pkg www
	PORT=$(PORT) node scripts/serve.mjs

## Every test: formatting, lints, unit, property and end-to-end tests.
test: setup lint unit wasm-test page-test

setup:
	scripts/setup.sh

build:
	cargo build --release --locked

## The native CLI built with profile-guided optimisation: target/pgo/newsdigest
## (scripts/build-cli.sh; trained on the seeds and tests/stories).
cli:
	scripts/build-cli.sh

lint:
	cargo fmt --check
	# bench-internals only adds code (no cfg(not(...)) on it): one run covers
	# the default build and the stage benchmarks behind the feature.
	cargo clippy --locked --features bench-internals --all-targets -- -D warnings

unit:
	cargo test --locked
	# The browser build leaves legacy encodings out: test that decoding path too.
	cargo test --locked --no-default-features --lib decode::
	# The vendored html5gum's entity table against upstream's (vendor/html5gum).
	cargo test --locked -p html5gum --lib

## The npm package in pkg/: WebAssembly glue, types, package.json, README.
wasm-pkg:
	scripts/build-pkg.sh

## The JavaScript bindings: wasm-bindgen tests in headless Chromium, in a page
## and in a worker; then the packed package in Node, in the example site, and
## against the native CLI (scripts/test-embed.sh). `cargo test` with the
## wasm-bindgen runner rather than `wasm-pack test`, which builds every test
## target for wasm32, the native-only ones (proptest) included.
wasm-test: build wasm-pkg
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER="$$(command -v chromedriver)" \
		cargo test --locked --no-default-features --target wasm32-unknown-unknown --test wasm --test wasm_worker
	scripts/test-embed.sh

## The web page: www/ made complete (the package copied to www/pkg, the sample
## story to www/samples), ready for `serve` or any static host.
www: wasm-pkg
	scripts/build-www.sh

## The page end to end: playwright-core driving Debian's Chromium (tests/page).
page-test: setup wasm-pkg www
	cd tests/page && { [[ node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund; } && node --test

## Benchmarks (not part of `test`): stages, scaling, batch, sumy peer, WebAssembly
## in Node and Chromium, the page (download size, 5 MB story). pkg/ and www/ are
## built first so that they measure the current source.
## Results and how to read them: docs/performance.md.
bench: setup wasm-pkg www
	scripts/bench.sh

## Digest quality against classic summarizers on ../shared/data (not part of test).
eval:
	eval/run.sh

## `newsdigest batch` on Spark: RDD.pipe in local mode over the stories of
## ../shared/data (or the seeds), its output checked identical to `newsdigest
## batch` (not part of test; pyspark goes into bench/.venv-spark). Options of
## scripts/spark_pipe.py in SPARK_ARGS, e.g. SPARK_ARGS="--partitions 8".
spark-example:
	scripts/spark-example.sh $(SPARK_ARGS)
