# Fuzzing the compiler and the VM (tests/fuzz/py_exec.c).
#
#   make fuzz-py FUZZ_SECONDS=600   run libFuzzer (clang) on the corpus
#   make test-fuzz-py               replay the checked-in corpus (part of make test)
#
# Inputs that once crashed or hung are kept in tests/fuzz/py_corpus/, so the
# replay guards against their coming back.

FUZZ_DIR := $(BUILD)/fuzz
PY_FUZZ_CORPUS := tests/fuzz/py_corpus
FUZZ_SECONDS ?= 120

$(FUZZ_DIR)/py_exec_replay: tests/fuzz/py_exec.c $(BUILD)/libcampy.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_WARN) $(OPT) -DPY_FUZZ_REPLAY -I. -Ipy -I$(campy_DIR) -o $@ $< \
	    $(BUILD)/libcampy.a -lm

$(FUZZ_DIR)/py_exec_fuzzer: tests/fuzz/py_exec.c $(CORE_SRC) $(campy_DIR)/genhdr/qstrdefs.h
	@mkdir -p $(@D)
	clang -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -I. -Ipy -I$(campy_DIR) -o $@ tests/fuzz/py_exec.c $(CORE_SRC) -lm

.PHONY: fuzz-py test-fuzz-py
fuzz-py: $(FUZZ_DIR)/py_exec_fuzzer
	@mkdir -p $(FUZZ_DIR)/py_new
	$(FUZZ_DIR)/py_exec_fuzzer -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -max_len=2048 $(FUZZ_DIR)/py_new $(PY_FUZZ_CORPUS)

test-fuzz-py: $(FUZZ_DIR)/py_exec_replay
	@mkdir -p $(BUILD)/results
	@: > $(BUILD)/results/fuzz-py.txt
	@for f in $(PY_FUZZ_CORPUS)/*; do \
	    if timeout 20 $(FUZZ_DIR)/py_exec_replay "$$f" >/dev/null 2>&1; then \
	        echo "PASS $$f" >> $(BUILD)/results/fuzz-py.txt; \
	    else \
	        echo "FAIL $$f (exit status $$?)" >> $(BUILD)/results/fuzz-py.txt; \
	        echo "FAIL fuzz replay $$f"; \
	    fi; \
	done

TEST_SUITES += fuzz-py
