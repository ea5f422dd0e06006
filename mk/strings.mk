# mk/strings.mk: C-level tests of the string types (py/objstr.c, objbytes.c,
# objmemview.c, strformat.c) through the core in build/libcampy.a. Their
# Python-level tests are in tests/py/strings/ (the py64 and py32 suites).

STR_TEST_BIN := $(BUILD)/tests/test_str

$(STR_TEST_BIN): tests/unit/test_str.c $(BUILD)/libcampy.a
	@mkdir -p $(dir $@)
	$(CC) $(campy_CFLAGS) -o $@ tests/unit/test_str.c $(BUILD)/libcampy.a -lm

.PHONY: test-strings
test-strings: $(STR_TEST_BIN)
	@mkdir -p $(BUILD)/results
	@$(STR_TEST_BIN) $(BUILD)/results/strings.txt || \
	    echo "FAIL test_str exited abnormally" >> $(BUILD)/results/strings.txt

TEST_SUITES += strings
