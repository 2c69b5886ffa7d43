# Top-level entry points: make (build), make demo, make check. See README.md.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
DB         ?= ./duban.db
EXAMPLE    ?= examples/ankang-2022/tasks.txt

.PHONY: all deps web-deps demo check fuzz bench clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(BUILD)/build.ninja:
	meson setup $(BUILD)

deps:
	./scripts/install-deps.sh

demo: deps all
	./scripts/demo.sh $(BUILD)/duban $(DB) $(EXAMPLE)

# The web interface's npm packages, from the committed lockfiles: ECharts (web/, to
# check the copy in web/vendor/) and playwright-core (tests/e2e/; it drives Debian's
# chromium and downloads no browser).
web-deps:
	npm ci --prefix web --no-audit --no-fund
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix tests/e2e --no-audit --no-fund

check: deps web-deps
	./scripts/check.sh

fuzz: deps
	./scripts/fuzz.sh $(FUZZ_BUILD) $(or $(FUZZ_SECONDS),600)

bench: all
	./bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
