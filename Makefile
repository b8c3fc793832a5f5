# A thin layer over CMake. `make run` and `make test` first install any missing Debian packages
# (listed once, in deps/debian-packages.txt), then configure and build only what is out of date.

BUILD       ?= build
BUILD_TYPE  ?= RelWithDebInfo
JOBS        ?= $(shell nproc 2>/dev/null || echo 2)
SAMPLE      ?= inputs/sample
OUTPUTS     ?= outputs
# The sample's extracts end on 31 March 2024 and are dated 5 April 2024, so its natural pack is
# March 2024's; PERIOD= AS_OF= runs for the last whole month before today instead.
PERIOD      ?= 2024-03
AS_OF       ?= 2024-04-05
PIRPACK      = $(BUILD)/pirpack
CMAKE_FLAGS ?=

.PHONY: all deps configure build run sample test golden-update debug asan ubsan format lint clean

all: build

deps:
	@sh scripts/install-deps.sh deps/debian-packages.txt

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# The sample is generated once into an ignored folder; delete it to make a new one.
$(SAMPLE)/programme.toml: | build
	$(PIRPACK) sample --out $(SAMPLE)

sample: build $(SAMPLE)/programme.toml

run: build $(SAMPLE)/programme.toml
	$(PIRPACK) run --inputs $(SAMPLE) --outputs $(OUTPUTS) $(if $(PERIOD),--period $(PERIOD)) $(if $(AS_OF),--as-of $(AS_OF))

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Rewrites the golden files from the current binary; read the diff before committing it.
golden-update: build
	PIRPACK_GOLDEN_UPDATE=1 $(MAKE) test

debug:
	$(MAKE) BUILD=build-debug BUILD_TYPE=Debug test

asan:
	$(MAKE) BUILD=build-asan BUILD_TYPE=Debug CMAKE_FLAGS="-DPIRPACK_SANITIZE=address" test

ubsan:
	$(MAKE) BUILD=build-ubsan BUILD_TYPE=Debug CMAKE_FLAGS="-DPIRPACK_SANITIZE=undefined" test

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

lint: build
	clang-tidy -p $(BUILD) $$(git ls-files 'src/*.cpp')

clean:
	rm -rf $(BUILD) build-debug build-asan build-ubsan
