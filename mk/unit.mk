# mk/unit.mk: C unit tests of the heap and collector (py/gc.c), linked with
# the whole core in build/libcampy.a. `make test-unit-gc` writes
# build/results/gc.txt.

GC_TEST_BIN := $(BUILD)/tests/test_gc

$(GC_TEST_BIN): tests/unit/test_gc.c $(BUILD)/libcampy.a
	@mkdir -p $(dir $@)
	$(CC) $(campy_CFLAGS) -o $@ tests/unit/test_gc.c $(BUILD)/libcampy.a -lm

.PHONY: test-unit-gc test-gc
test-unit-gc: $(GC_TEST_BIN)
	@mkdir -p $(BUILD)/results
	@timeout 300 $(GC_TEST_BIN) $(BUILD)/results/gc.txt || \
	    echo "FAIL test_gc exited abnormally" >> $(BUILD)/results/gc.txt

# `make test` runs test-<suite> for each suite name.
test-gc: test-unit-gc

TEST_SUITES += gc
