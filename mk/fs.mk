# mk/fs.mk: the flash filesystem (fs/), its tests, the fuzz target, the
# host tool build/campy-tool (tools/, which uses fs/ and never py/) and the
# filesystem benchmark.
#
#   make build/campy-tool   the host tool
#   make test-fs            unit, power-loss, wear, fuzz-corpus and tool tests
#   make bench-fs           throughput and flash operations per KiB
#   make fuzz-fs            run the libFuzzer target (FUZZ_FS_SECONDS, clang)

BUILD ?= build
CC ?= gcc
PYTHON ?= python3
CFLAGS_WARN ?= -std=c11 -Wall -Wextra -Werror
OPT ?= -O2 -g

FS_DIR := $(BUILD)/fs
FS_CFLAGS = $(CFLAGS_WARN) $(OPT) -I. $(FS_EXTRA_CFLAGS)
FS_SRC := $(sort $(wildcard fs/*.c))
FS_HDR := $(wildcard fs/*.h)
FS_OBJ := $(patsubst %.c,$(FS_DIR)/%.o,$(FS_SRC))
FS_OBJ32 := $(patsubst %.c,$(FS_DIR)/m32/%.o,$(FS_SRC))

$(FS_DIR)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(FS_CFLAGS) -MMD -MP -c $< -o $@

$(FS_DIR)/m32/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(FS_CFLAGS) -m32 -MMD -MP -c $< -o $@


# ---- host tool: a subcommand dispatcher plus the commands
TOOL_SRC := $(sort $(wildcard tools/*.c))
TOOL_OBJ := $(patsubst %.c,$(FS_DIR)/%.o,$(TOOL_SRC))
$(TOOL_OBJ): FS_EXTRA_CFLAGS = -D_POSIX_C_SOURCE=200809L

$(BUILD)/campy-tool: $(TOOL_OBJ) $(FS_OBJ)
	$(CC) -o $@ $^

# ---- tests
FS_SIM_OBJ := $(FS_DIR)/tests/fs/flash_sim.o
FS_TEST_BINS := $(FS_DIR)/test_fs $(FS_DIR)/test_fs32 \
    $(FS_DIR)/test_fs_powerloss $(FS_DIR)/test_fs_wear $(FS_DIR)/fuzz_fs_replay

$(FS_DIR)/test_fs: $(FS_DIR)/tests/fs/test_fs.o $(FS_SIM_OBJ) $(FS_OBJ)
	$(CC) -o $@ $^
$(FS_DIR)/test_fs32: $(FS_DIR)/m32/tests/fs/test_fs.o \
    $(FS_DIR)/m32/tests/fs/flash_sim.o $(FS_OBJ32)
	$(CC) -m32 -o $@ $^
$(FS_DIR)/test_fs_powerloss: $(FS_DIR)/tests/fs/test_fs_powerloss.o \
    $(FS_SIM_OBJ) $(FS_OBJ)
	$(CC) -o $@ $^
$(FS_DIR)/test_fs_wear: $(FS_DIR)/tests/fs/test_fs_wear.o $(FS_SIM_OBJ) \
    $(FS_OBJ)
	$(CC) -o $@ $^
$(FS_DIR)/fuzz_fs_replay: $(FS_DIR)/tests/fuzz/fs_fuzz_mount.o $(FS_OBJ)
	$(CC) -o $@ $^

FS_RESULTS = $(BUILD)/results/fs.txt
# runs a test program; a crash, a hang or a missing binary still leaves a
# FAIL line
fs_run = timeout 900 $(1) $(FS_RESULTS) $(2) || echo "FAIL $(notdir $(lastword $(filter-out sh,$(1)))) exited abnormally" >> $(FS_RESULTS)

.PHONY: test-fs bench-fs fuzz-fs test-fs-sanitize test-fs-valgrind
test-fs: $(FS_TEST_BINS) $(BUILD)/campy-tool
	@mkdir -p $(BUILD)/results
	@rm -f $(FS_RESULTS)
	@$(call fs_run,$(FS_DIR)/test_fs)
	@$(call fs_run,$(FS_DIR)/test_fs32,32-bit)
	@$(call fs_run,$(FS_DIR)/test_fs_powerloss)
	@$(call fs_run,$(FS_DIR)/test_fs_wear)
	@$(call fs_run,$(FS_DIR)/fuzz_fs_replay,tests/fuzz/fs_corpus)
	@$(call fs_run,sh tests/tools/test_fs_image.sh $(BUILD)/campy-tool)

TEST_SUITES += fs

# ---- the same tests under AddressSanitizer/UBSan, and under valgrind
# (not part of `make test`: slower; run after changing fs/)
FS_SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer
test-fs-sanitize:
	@mkdir -p $(FS_DIR)/san
	$(CC) $(CFLAGS_WARN) $(FS_SAN_FLAGS) -I. -o $(FS_DIR)/san/test_fs \
	    tests/fs/test_fs.c tests/fs/flash_sim.c $(FS_SRC)
	$(CC) $(CFLAGS_WARN) $(FS_SAN_FLAGS) -I. -o $(FS_DIR)/san/test_fs_powerloss \
	    tests/fs/test_fs_powerloss.c tests/fs/flash_sim.c $(FS_SRC)
	$(CC) $(CFLAGS_WARN) $(FS_SAN_FLAGS) -I. -o $(FS_DIR)/san/fuzz_fs_replay \
	    tests/fuzz/fs_fuzz_mount.c $(FS_SRC)
	$(FS_DIR)/san/test_fs
	$(FS_DIR)/san/fuzz_fs_replay /dev/null tests/fuzz/fs_corpus
	$(FS_DIR)/san/test_fs_powerloss

test-fs-valgrind: $(FS_DIR)/test_fs $(FS_DIR)/fuzz_fs_replay
	valgrind -q --error-exitcode=1 $(FS_DIR)/test_fs
	valgrind -q --error-exitcode=1 $(FS_DIR)/fuzz_fs_replay /dev/null tests/fuzz/fs_corpus

# ---- fuzzing with libFuzzer (clang)
FUZZ_FS_SECONDS ?= 300
FUZZ_CC ?= clang
fuzz-fs:
	@mkdir -p $(FS_DIR)/fuzz $(FS_DIR)/fuzz/corpus
	$(FUZZ_CC) -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined -I. \
	    -DFS_FUZZ_LIBFUZZER -o $(FS_DIR)/fuzz/fs_fuzz_mount \
	    tests/fuzz/fs_fuzz_mount.c $(FS_SRC)
	$(FS_DIR)/fuzz/fs_fuzz_mount -max_total_time=$(FUZZ_FS_SECONDS) \
	    -max_len=65536 $(FS_DIR)/fuzz/corpus tests/fuzz/fs_corpus

# ---- benchmark
$(FS_DIR)/bench_fs: $(FS_DIR)/bench/fs/bench_fs.o $(FS_SIM_OBJ) $(FS_OBJ)
	$(CC) -o $@ $^

bench-fs: $(FS_DIR)/bench_fs
	@$(FS_DIR)/bench_fs

# header dependencies of every object built here
FS_ALL_OBJ := $(FS_OBJ) $(FS_OBJ32) $(TOOL_OBJ) $(FS_SIM_OBJ) \
    $(FS_DIR)/m32/tests/fs/flash_sim.o \
    $(patsubst %.c,$(FS_DIR)/%.o,$(wildcard tests/fs/*.c)) \
    $(FS_DIR)/m32/tests/fs/test_fs.o $(FS_DIR)/tests/fuzz/fs_fuzz_mount.o \
    $(FS_DIR)/bench/fs/bench_fs.o
-include $(FS_ALL_OBJ:.o=.d)

BENCH_SUITES += fs
