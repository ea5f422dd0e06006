# Language test suites: the scripts in tests/py/ run under the PC runner
# (64-bit, double floats) and under the 32-bit single-float build that mirrors
# the ESP32, each compared with python3's output or a checked-in .exp file.

BUILD ?= build
PYTHON ?= python3
PY_TEST_RUNNER = $(PYTHON) tests/run_py.py
PY_TEST_JOBS ?= 2

TEST_SUITES += py64 py32

.PHONY: test-py64 test-py32 test-py-valgrind

test-py64: $(BUILD)/campy
	$(PY_TEST_RUNNER) --campy $(BUILD)/campy -j$(PY_TEST_JOBS) \
	    --results $(BUILD)/results/py64.txt

test-py32: $(BUILD)/campy32
	$(PY_TEST_RUNNER) --campy $(BUILD)/campy32 --single-float -j$(PY_TEST_JOBS) \
	    --results $(BUILD)/results/py32.txt

# Not part of `make test`: slow, run before releases and after GC changes.
test-py-valgrind: $(BUILD)/campy
	$(PY_TEST_RUNNER) --campy $(BUILD)/campy --valgrind -j$(PY_TEST_JOBS) \
	    --results $(BUILD)/results/py-valgrind.txt
