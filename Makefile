# campy - top-level build.
#
#   make            build/campy (PC runner), build/campy32 (32-bit, single floats)
#   make run        the virtual ESP32-CAM in this terminal (build/campy-board)
#   make test       every suite; ends with one line "N passed, N failed"
#   make bench      benchmarks against python3
#
# Each part adds its own targets in mk/*.mk (see TEST_SUITES / BENCH_SUITES).

BUILD ?= build
CC ?= gcc
PYTHON ?= python3
CFLAGS_WARN = -std=c11 -Wall -Wextra -Werror
OPT ?= -O2 -g
CFLAGS_EXTRA ?=
LDLIBS_HOST = -lm

TEST_SUITES :=
BENCH_SUITES :=

.PHONY: all run test bench clean deps
all: $(BUILD)/campy $(BUILD)/campy32

# Installs missing Debian packages (32-bit libc, clang, valgrind) when root.
deps:
	@./tools/setup-deps.sh

# ---- variants of the core: $(call core_variant,NAME,FLAGS,SOURCES)
# Objects go to $(BUILD)/obj/NAME/, generated headers to $(BUILD)/obj/NAME/genhdr/.
CORE_SRC = $(sort $(wildcard py/*.c) $(wildcard lib/*.c))
HOST_SRC = $(sort $(filter-out host/cross%,$(wildcard host/*.c)))
GEN_SCAN_HDR = $(wildcard py/*.h) $(wildcard lib/*.h)

define core_variant
$(1)_DIR := $(BUILD)/obj/$(1)
$(1)_SRC := $(3)
$(1)_OBJ := $$(patsubst %.c,$$($(1)_DIR)/%.o,$$($(1)_SRC))
$(1)_CFLAGS := $(CFLAGS_WARN) $(OPT) $(2) -I. -Ipy -I$$($(1)_DIR) $(CFLAGS_EXTRA)

# The generator runs when any source changes but rewrites a header only when
# its text changes; objects see header changes through their .d files, so an
# edit that adds no name rebuilds just the edited file.
$$($(1)_DIR)/genhdr/stamp: $$($(1)_SRC) $(GEN_SCAN_HDR) py/gen_defs.py
	@mkdir -p $$(@D)
	$(PYTHON) py/gen_defs.py $$(@D) $$($(1)_SRC) $(GEN_SCAN_HDR)
	@touch $$@

$$($(1)_DIR)/genhdr/qstrdefs.h: $$($(1)_DIR)/genhdr/stamp
	@:

$$($(1)_DIR)/%.o: %.c | $$($(1)_DIR)/genhdr/qstrdefs.h
	@mkdir -p $$(@D)
	$(CC) $$($(1)_CFLAGS) -MMD -MP -c $$< -o $$@

-include $$($(1)_OBJ:.o=.d)
endef

HOST64_FLAGS = -DPY_FLOAT_SINGLE=0
HOST32_FLAGS = -m32 -DPY_FLOAT_SINGLE=1

$(eval $(call core_variant,campy,$(HOST64_FLAGS),$(CORE_SRC) $(HOST_SRC) $(BUILD)/frozen/campy.c))
$(eval $(call core_variant,campy32,$(HOST32_FLAGS),$(CORE_SRC) $(HOST_SRC) $(BUILD)/frozen/campy32.c))

$(BUILD)/campy: $(campy_OBJ)
	$(CC) $(HOST64_FLAGS) -o $@ $^ $(LDLIBS_HOST)

$(BUILD)/campy32: $(campy32_OBJ)
	$(CC) $(HOST32_FLAGS) -o $@ $^ $(LDLIBS_HOST)

# The core without a main(), for C unit tests: link with $(BUILD)/libcampy.a.
CORE_OBJ_64 = $(filter-out $(campy_DIR)/host/%,$(campy_OBJ))
$(BUILD)/libcampy.a: $(CORE_OBJ_64)
	rm -f $@
	ar rcs $@ $^

# make run RUN_ARGS="--no-psram --serial pty": options for campy-board
RUN_ARGS ?=
run: deps
	@$(MAKE) --no-print-directory $(BUILD)/campy-board
	@$(BUILD)/campy-board $(RUN_ARGS)

-include $(sort $(wildcard mk/*.mk))

test: deps
	@rm -rf $(BUILD)/results && mkdir -p $(BUILD)/results
	@status=0; for s in $(TEST_SUITES); do \
	    echo "== $$s"; $(MAKE) --no-print-directory test-$$s || status=1; \
	    [ -f $(BUILD)/results/$$s.txt ] || echo "FAIL suite-$$s (no results: build or runner failed)" >> $(BUILD)/results/$$s.txt; \
	done; \
	$(PYTHON) tests/summarize.py $(BUILD)/results

bench: deps
	@for s in $(BENCH_SUITES); do $(MAKE) --no-print-directory bench-$$s; done

clean:
	rm -rf $(BUILD)
