# Language test suites: the scripts in tests/py/ run under the PC runner
# (64-bit, double floats) and under the 32-bit single-float build that mirrors
# the ESP32, each compared with python3's output or a checked-in .exp file.

BUILD ?= build
PYTHON ?= python3
PY_TEST_RUNNER = $(PYTHON) tests/run_py.py
PY_TEST_JOBS ?= 2

TEST_SUITES += py64 py32 py-valgrind

.PHONY: test-py64 test-py32 test-py-valgrind

test-py64: $(BUILD)/campy
	$(PY_TEST_RUNNER) --campy $(BUILD)/campy -j$(PY_TEST_JOBS) \
	    --results $(BUILD)/results/py64.txt

test-py32: $(BUILD)/campy32
	$(PY_TEST_RUNNER) --campy $(BUILD)/campy32 --single-float -j$(PY_TEST_JOBS) \
	    --results $(BUILD)/results/py32.txt

# Scripts under valgrind (memcheck). All of them take about 4.5 CPU-minutes,
# over 9 minutes on a busy 2-core machine, so `make test` runs a third of
# them plus all of gc/ and errors/; PY_VALGRIND_ALL=1 runs every script.
PY_VALGRIND_ALL ?=
PY_VALGRIND_ALL_SCRIPTS = $(sort $(filter-out $(wildcard tests/py/*/mod_*.py),\
    $(wildcard tests/py/*/*.py)))
py_valgrind_every_3rd = $(foreach i,$(shell seq 1 3 $(words $(1))),$(word $(i),$(1)))
PY_VALGRIND_PATHS = $(if $(PY_VALGRIND_ALL),,\
    $(sort $(call py_valgrind_every_3rd,$(PY_VALGRIND_ALL_SCRIPTS)) \
        $(filter tests/py/gc/% tests/py/errors/%,$(PY_VALGRIND_ALL_SCRIPTS))))

test-py-valgrind: $(BUILD)/campy
	$(PY_TEST_RUNNER) --campy $(BUILD)/campy --valgrind -j$(PY_TEST_JOBS) \
	    --results $(BUILD)/results/py-valgrind.txt $(PY_VALGRIND_PATHS)
