# mk/compile.mk: tests of the bytecode compiler (py/compile.c, py/code.c,
# py/ast.c), linked with the whole core in build/libcampy.a. Besides its own
# cases it compiles every script under tests/py and checks the code's flow.

COMPILE_TEST_BIN := $(BUILD)/tests/test_compile

$(COMPILE_TEST_BIN): tests/unit/test_compile.c $(BUILD)/libcampy.a
	@mkdir -p $(dir $@)
	$(CC) $(campy_CFLAGS) -o $@ tests/unit/test_compile.c $(BUILD)/libcampy.a -lm

.PHONY: test-compile
test-compile: $(COMPILE_TEST_BIN)
	@mkdir -p $(BUILD)/results
	@$(COMPILE_TEST_BIN) $(BUILD)/results/compile.txt $(sort $(wildcard tests/py/*/*.py)) || \
	    echo "FAIL test_compile exited abnormally" >> $(BUILD)/results/compile.txt

TEST_SUITES += compile
