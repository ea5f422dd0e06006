# mk/os.mk: the operating-system modules (lib/vfs*.c: os.VfsLfs2) use the
# flash filesystem fs/, so its objects (built by mk/fs.mk) are linked into
# the runners and the core library.

$(BUILD)/campy: $(FS_OBJ)
$(BUILD)/campy32: $(FS_OBJ32)
$(BUILD)/libcampy.a: $(FS_OBJ)

# The sanitized core of the language fuzzers links fs/ too.
FUZZ_FS_OBJ := $(patsubst %.c,$(FUZZ_OBJ_DIR)/%.o,$(FS_SRC))
FUZZ_CORE_OBJ += $(FUZZ_FS_OBJ)
.SECONDARY: $(FUZZ_FS_OBJ)
$(patsubst %,$(FUZZ_DIR)/%_fuzzer,$(PY_FUZZ_TARGETS)): $(FUZZ_FS_OBJ)

# ---- tests from C: what a port uses (test_vfs); the scripts in tests/py/os
# and tests/py/io run in the py64 and py32 suites.
OS_TEST_BIN := $(BUILD)/tests/test_vfs

$(OS_TEST_BIN): tests/unit/test_vfs.c $(BUILD)/libcampy.a
	@mkdir -p $(dir $@)
	$(CC) $(campy_CFLAGS) -o $@ tests/unit/test_vfs.c $(BUILD)/libcampy.a -lm

.PHONY: test-os
test-os: $(OS_TEST_BIN)
	@mkdir -p $(BUILD)/results
	@timeout 120 $(OS_TEST_BIN) $(BUILD)/results/os.txt || \
	    echo "FAIL test_vfs exited abnormally" >> $(BUILD)/results/os.txt

TEST_SUITES += os
