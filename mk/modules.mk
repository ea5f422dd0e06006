# mk/modules.mk: checks of the standard modules (lib/mod*.c) that need more
# than a script's own output: Ctrl-C during sleeps and polls,
# micropython.kbd_intr, the mem_info/qstr_info reports, sys.atexit, deflate
# against CPython's zlib. The modules' scripts are in tests/py (py64, py32).

.PHONY: test-modules
test-modules: $(BUILD)/campy $(BUILD)/campy32
	$(PYTHON) tests/modules/run.py --results $(BUILD)/results/modules.txt \
	    $(BUILD)/campy $(BUILD)/campy32

TEST_SUITES += modules
