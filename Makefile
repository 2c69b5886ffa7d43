# Top-level entry points: make (build), make demo, make check. See README.md.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
DB         ?= ./duban.db
EXAMPLE    ?= examples/ankang-2022/tasks.txt

.PHONY: all deps demo check fuzz bench clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(BUILD)/build.ninja:
	meson setup $(BUILD)

deps:
	./scripts/install-deps.sh

demo: deps all
	./scripts/demo.sh $(BUILD)/duban $(DB) $(EXAMPLE)

check: deps
	./scripts/check.sh

fuzz: deps
	./scripts/fuzz.sh $(FUZZ_BUILD) $(or $(FUZZ_SECONDS),600)

bench: all
	./bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
