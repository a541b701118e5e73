# Top-level entry points: `make run`, `make test`, `make bench`, `make build`, `make scan-demo`.
# Each installs the Debian packages the project needs (when missing), configures, builds, then runs.

DEB_PACKAGES := g++ cmake ninja-build pkg-config libvectorscan-dev libtomlplusplus-dev \
  libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev libsqlite3-dev libgtest-dev \
  libgmock-dev libbenchmark-dev ripgrep sqlite3 \
  libssl-dev openssl libgcrypt20-dev libsodium-dev libgfshare-dev libgfshare-bin liboath-dev \
  libboost-dev wrk curl oathtool
JOBS ?= $(shell nproc)
BUILD := build
ASAN_BUILD := build-asan
CMAKE_FLAGS := -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: deps build build-asan run scan-demo test unit-test asan-test bench format clean

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

$(ASAN_BUILD)/build.ninja: | deps
	cmake -S . -B $(ASAN_BUILD) $(CMAKE_FLAGS) -DCV_SANITIZE=ON -DCV_BUILD_BENCH=OFF

build-asan: deps $(ASAN_BUILD)/build.ninja
	cmake --build $(ASAN_BUILD) -j $(JOBS) --target cvault_unit_tests cvault fuzzers

# `make run` starts the platform (issue #6): on the first run `cvault demo` makes ./$(DEMO_DATA)
# with generated demo institutions and users and prints their one-time passwords once (the
# passphrase goes to $(DEMO_DATA).passphrase, 0600); then the HTTPS API server listens on
# 127.0.0.1:8443 until Ctrl-C. Remove both for a fresh demo.
# On the first run `cvault demo load` (issue #7) also reports $(DEMO_SUBJECTS) synthetic subjects
# as DEMO_BANK and writes them, with a few consent ids, to $(DEMO_DATA).subjects.jsonl; it prints a
# ready `cvault query` command.
DEMO_DATA := cvault-data
DEMO_SUBJECTS := 200

run: build
	./$(BUILD)/cvault demo --data $(DEMO_DATA)
	@if [ ! -f $(DEMO_DATA).subjects.jsonl ]; then \
	  ./$(BUILD)/cvault demo load --data $(DEMO_DATA) --subjects $(DEMO_SUBJECTS) --seed 1 \
	    --subjects-out $(DEMO_DATA).subjects.jsonl; \
	else echo "demo subjects (with consent ids): $(DEMO_DATA).subjects.jsonl"; fi
	./$(BUILD)/cvault serve --data $(DEMO_DATA) --passphrase-file $(DEMO_DATA).passphrase

# Grades the bundled sample dataset and writes an HTML report.
scan-demo: build
	@mkdir -p $(BUILD)/reports
	./$(BUILD)/cvault scan data/samples/customers.csv --format html --out $(BUILD)/reports/customers.html
	./$(BUILD)/cvault scan data/samples/customers.csv --format text
	@echo "HTML report: $(CURDIR)/$(BUILD)/reports/customers.html"

unit-test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

asan-test: build-asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) -L "unit|fuzz"

test: unit-test asan-test

bench: build
	./$(BUILD)/cvault_bench
	bash bench/scan_throughput.sh
	bash bench/server_throughput.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
