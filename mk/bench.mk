# Benchmarks of the language: bench/*.py timed under campy and python3 in the
# same run, with the smallest heap each program needs (see bench/run.py),
# measured with build/campy32: the board's 32-bit words and single floats.
# Extra runner options go in BENCH_PY_ARGS, e.g. BENCH_PY_ARGS="--json b.json".

BENCH_SUITES += py
BENCH_PY_ARGS ?=

.PHONY: bench-py
bench-py: $(BUILD)/campy $(BUILD)/campy32
	$(PYTHON) bench/run.py --campy $(BUILD)/campy --heap-campy $(BUILD)/campy32 $(BENCH_PY_ARGS)
