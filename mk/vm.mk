# mk/vm.mk: tests of the bytecode interpreter (py/vm.c, objfun.c, objgen.c,
# exec.c), run through the whole core in build/libcampy.a.

VM_TEST_BIN := $(BUILD)/tests/test_vm

$(VM_TEST_BIN): tests/unit/test_vm.c $(BUILD)/libcampy.a
	@mkdir -p $(dir $@)
	$(CC) $(campy_CFLAGS) -D_POSIX_C_SOURCE=200809L -o $@ tests/unit/test_vm.c \
	    $(BUILD)/libcampy.a -lm

.PHONY: test-vm
test-vm: $(VM_TEST_BIN)
	@mkdir -p $(BUILD)/results
	@$(VM_TEST_BIN) $(BUILD)/results/vm.txt || \
	    echo "FAIL test_vm exited abnormally" >> $(BUILD)/results/vm.txt

TEST_SUITES += vm
