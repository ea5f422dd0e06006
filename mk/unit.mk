# mk/unit.mk: C unit tests of the heap and collector (py/gc.c), linked with
# the whole core: build/libcampy.a (64-bit) and build/libcampy32.a (32-bit,
# the board's word size; with fs/ for the VFS modules). `make test-unit-gc`
# writes build/results/gc.txt.

GC_TEST_BIN := $(BUILD)/tests/test_gc
GC_TEST_BIN32 := $(BUILD)/tests/test_gc32
CORE_OBJ_32 = $(filter-out $(campy32_DIR)/host/%,$(campy32_OBJ))

$(BUILD)/libcampy32.a: $(CORE_OBJ_32) $(FS_OBJ32)
	rm -f $@
	ar rcs $@ $^

$(GC_TEST_BIN): tests/unit/test_gc.c $(BUILD)/libcampy.a
	@mkdir -p $(dir $@)
	$(CC) $(campy_CFLAGS) -o $@ tests/unit/test_gc.c $(BUILD)/libcampy.a -lm

$(GC_TEST_BIN32): tests/unit/test_gc.c $(BUILD)/libcampy32.a
	@mkdir -p $(dir $@)
	$(CC) $(campy32_CFLAGS) -o $@ tests/unit/test_gc.c $(BUILD)/libcampy32.a -lm

.PHONY: test-unit-gc test-gc
# The 32-bit build is made inside the recipe, so that a failure there still
# leaves the 64-bit results.
test-unit-gc: $(GC_TEST_BIN)
	@mkdir -p $(BUILD)/results
	@rm -f $(BUILD)/results/gc.txt $(BUILD)/tests/gc32.txt
	@timeout 300 $(GC_TEST_BIN) $(BUILD)/results/gc.txt || \
	    echo "FAIL gc.test_gc exited abnormally" >> $(BUILD)/results/gc.txt
	@if $(MAKE) --no-print-directory $(GC_TEST_BIN32) > $(BUILD)/tests/gc32-build.log 2>&1; then \
	    timeout 300 $(GC_TEST_BIN32) $(BUILD)/tests/gc32.txt || \
	        echo "FAIL gc32.test_gc exited abnormally" >> $(BUILD)/tests/gc32.txt; \
	    cat $(BUILD)/tests/gc32.txt >> $(BUILD)/results/gc.txt; \
	else \
	    echo "FAIL gc32.build" >> $(BUILD)/results/gc.txt; \
	    echo "FAIL gc32.build: 32-bit build of $(GC_TEST_BIN32):"; \
	    grep -E 'error|undefined' $(BUILD)/tests/gc32-build.log | head -n 20; \
	fi

# `make test` runs test-<suite> for each suite name.
test-gc: test-unit-gc

TEST_SUITES += gc
