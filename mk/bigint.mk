# Big-integer arithmetic (py/bigint.c): unit test against CPython's answers.
#
# The vectors come from tests/unit/gen_bigint_vectors.py at build time, so
# python3 is the reference. `make test-bigint` writes build/results/bigint.txt.

BIGINT_DIR := $(BUILD)/bigint
BIGINT_TEST := $(BIGINT_DIR)/test_bigint
BIGINT_VECTORS := $(BIGINT_DIR)/vectors.txt

$(BIGINT_TEST): tests/unit/test_bigint.c py/bigint.c py/bigint.h
	@mkdir -p $(BIGINT_DIR)
	$(CC) $(CFLAGS_WARN) $(OPT) -Ipy -o $@ tests/unit/test_bigint.c py/bigint.c -lm

$(BIGINT_VECTORS): tests/unit/gen_bigint_vectors.py
	@mkdir -p $(BIGINT_DIR)
	$(PYTHON) tests/unit/gen_bigint_vectors.py > $@.tmp && mv $@.tmp $@

test-bigint: $(BIGINT_TEST) $(BIGINT_VECTORS)
	@mkdir -p $(BUILD)/results
	@$(BIGINT_TEST) $(BIGINT_VECTORS) > $(BUILD)/results/bigint.txt; \
	 status=$$?; \
	 if [ $$status -ne 0 ]; then echo "FAIL bigint.run (exit status $$status)" >> $(BUILD)/results/bigint.txt; fi; \
	 grep -c '^PASS' $(BUILD)/results/bigint.txt | sed 's/$$/ bigint groups passed/'; true

# The same test built for a 32-bit target (needs gcc-multilib); prints only.
test-bigint-m32: $(BIGINT_VECTORS)
	$(CC) $(CFLAGS_WARN) $(OPT) -m32 -Ipy -o $(BIGINT_DIR)/test_bigint32 tests/unit/test_bigint.c py/bigint.c -lm
	@$(BIGINT_DIR)/test_bigint32 $(BIGINT_VECTORS) | grep -v '^PASS' || true

# Timings: pi digits by spigot, and multiply/divide at a few sizes.
bench-bigint-c: $(BIGINT_TEST)
	@$(BIGINT_TEST) --bench

.PHONY: test-bigint test-bigint-m32 bench-bigint-c
TEST_SUITES += bigint
