# envgrid — the two commands that matter: `make demo` and `make test`.
SHELL := /bin/bash
JOBS ?= 2
BUILD ?= build
ASAN_BUILD ?= build-asan
PY := /usr/bin/python3
DEMO_DB ?= sqlite:var/demo/envgrid.db
DEMO_DATA ?= var/demo/data
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps deps-test deps-bench configure build web demo serve test test-unit test-api test-api-sqlite \
        test-api-pg test-e2e test-web test-asan bench clean

all: build

deps:
	@scripts/install-deps.sh build
deps-test:
	@scripts/install-deps.sh test
deps-bench:
	@scripts/install-deps.sh bench

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j$(JOBS)

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

web: web/node_modules/.package-lock.json
	cd web && npm run build

demo: deps build web
	@mkdir -p var/demo
	./$(BUILD)/envgrid demo --db $(DEMO_DB) --data-dir $(DEMO_DATA)
	./$(BUILD)/envgrid serve --db $(DEMO_DB) --data-dir $(DEMO_DATA) --listen $(LISTEN) --demo

test: deps-test build web
	@scripts/test-all.sh $(BUILD)

test-unit: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

test-api-sqlite: build
	ENVGRID_BIN=$(BUILD)/envgrid ENVGRID_TEST_DB=sqlite $(PY) -m pytest -q tests/api

test-api-pg: build
	ENVGRID_BIN=$(BUILD)/envgrid scripts/with-postgres.sh $(PY) -m pytest -q tests/api

test-e2e: build web
	scripts/e2e.sh $(BUILD)

test-asan: deps-test
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DENVGRID_SANITIZE=ON -DENVGRID_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j$(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure
	ENVGRID_BIN=$(ASAN_BUILD)/envgrid ENVGRID_TEST_DB=sqlite ASAN_OPTIONS=detect_leaks=0 $(PY) -m pytest -q tests/api

bench: deps-bench build
	@scripts/bench-all.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) web/dist
