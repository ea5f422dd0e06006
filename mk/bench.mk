# Benchmarks of the language: bench/*.py timed under campy and python3 in the
# same run, with the smallest heap each program needs (see bench/run.py).
# Extra runner options go in BENCH_PY_ARGS, e.g. BENCH_PY_ARGS="--json b.json".

BENCH_SUITES += py
BENCH_PY_ARGS ?=

.PHONY: bench-py
bench-py: $(BUILD)/campy
	$(PYTHON) bench/run.py --campy $(BUILD)/campy $(BENCH_PY_ARGS)
