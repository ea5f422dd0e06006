# mk/frozen.mk: bytecode files and frozen modules.
#
#   make build/campy-cross   the compiler from .py to .mpy (host/cross*.c)
#   make test-persist        .mpy loading and refusal, frozen modules, the
#                            verifier against every tests/py script, and the
#                            replay of mutated .mpy files (no crash, no hang)
#   make fuzz-mpy FUZZ_SECONDS=600   libFuzzer on the .mpy loader (clang)
#
# campy-cross is the core built once more (the `cross` variant, 64-bit,
# double floats, no frozen modules of its own). The runners' frozen modules
# come from a manifest: campy-cross --freeze writes build/frozen/<variant>.c,
# which the Makefile compiles into that variant (and py/gen_defs.py scans for
# the static names it needs). The board's firmware freezes frozen/board.txt
# the same way (mk/board.mk).

FROZEN_MANIFEST_PC ?= frozen/pc.txt
CROSS_SRC := $(CORE_SRC) host/cross.c host/cross_freeze.c $(sort $(wildcard fs/*.c))
CROSS := $(BUILD)/campy-cross

$(eval $(call core_variant,cross,$(HOST64_FLAGS),$(CROSS_SRC)))

$(CROSS): $(cross_OBJ)
	$(CC) $(HOST64_FLAGS) -o $@ $^ $(LDLIBS_HOST)

# $(call frozen_source,VARIANT,TARGET,MANIFEST): the generated table of a
# variant; the .d file names every manifest and module it read.
define frozen_source
$(BUILD)/frozen/$(1).c: $(CROSS) $(3)
	@mkdir -p $$(@D)
	$(CROSS) --freeze $(3) -t $(2) -o $$@ -d $$(@:.c=.d)
-include $(BUILD)/frozen/$(1).d
endef
$(eval $(call frozen_source,campy,pc,$(FROZEN_MANIFEST_PC)))
$(eval $(call frozen_source,campy32,board,$(FROZEN_MANIFEST_PC)))

# ---- bytecode files the test scripts import (tests/py/persist): each
# source of tests/py/persist/mpy/ compiled for both kinds of build. The
# language suites need them, so they are prerequisites of those too.
PERSIST_DIR := $(BUILD)/persist
PERSIST_MPY_SRC := $(sort $(wildcard tests/py/persist/mpy/*.py tests/py/persist/mpy/*/*.py))
PERSIST_MPY_PC := $(patsubst tests/py/persist/mpy/%.py,$(PERSIST_DIR)/pc/%.mpy,$(PERSIST_MPY_SRC))
PERSIST_MPY_BOARD := $(patsubst tests/py/persist/mpy/%.py,$(PERSIST_DIR)/board/%.mpy,\
    $(PERSIST_MPY_SRC))

$(PERSIST_DIR)/pc/%.mpy: tests/py/persist/mpy/%.py $(CROSS)
	@mkdir -p $(@D)
	$(CROSS) -t pc -s $*.py -o $@ $<

$(PERSIST_DIR)/board/%.mpy: tests/py/persist/mpy/%.py $(CROSS)
	@mkdir -p $(@D)
	$(CROSS) -t board -s $*.py -o $@ $<

.PHONY: persist-files
persist-files: $(PERSIST_MPY_PC) $(PERSIST_MPY_BOARD)

test-py64 test-py-valgrind test-clang: $(PERSIST_MPY_PC)
test-py32: $(PERSIST_MPY_BOARD)

# ---- the suite
PERSIST_FUZZ_SEEDS := $(PERSIST_MPY_PC)

# The C side of frozen modules, linked with the 64-bit runner's table.
FROZEN_TEST_BIN := $(BUILD)/tests/test_frozen
FROZEN_TABLE_OBJ_PC := $(campy_DIR)/$(BUILD)/frozen/campy.o
$(FROZEN_TEST_BIN): tests/persist/test_frozen.c $(BUILD)/libcampy.a $(FROZEN_TABLE_OBJ_PC)
	@mkdir -p $(@D)
	$(CC) $(campy_CFLAGS) -o $@ tests/persist/test_frozen.c $(FROZEN_TABLE_OBJ_PC) \
	    $(BUILD)/libcampy.a -lm

.PHONY: test-persist fuzz-mpy
test-persist: $(BUILD)/campy $(BUILD)/campy32 $(CROSS) persist-files $(BUILD)/fuzz/mpy_load_replay \
    $(FROZEN_TEST_BIN)
	@mkdir -p $(BUILD)/results
	$(PYTHON) tests/persist/run_persist.py --build $(BUILD) \
	    --results $(BUILD)/results/persist.txt

fuzz-mpy: $(BUILD)/fuzz/mpy_load_fuzzer persist-files
	@mkdir -p $(FUZZ_DIR)/mpy_load_new $(FUZZ_DIR)/artifacts $(FUZZ_DIR)/mpy_seeds
	cp $(PERSIST_FUZZ_SEEDS) $(FUZZ_DIR)/mpy_seeds/
	@# the whole test corpus as bytecode, when test-persist has made it
	-cp $(PERSIST_DIR)/corpus/pc/*/*.mpy $(FUZZ_DIR)/mpy_seeds/ 2>/dev/null
	cd $(FUZZ_DIR) && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ./mpy_load_fuzzer \
	    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=2048 -max_len=8192 \
	    -artifact_prefix=artifacts/mpy_load- mpy_load_new mpy_seeds

TEST_SUITES += persist
