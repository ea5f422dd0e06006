# Fuzzing the language core (tests/fuzz/py_exec.c runs programs,
# tests/fuzz/py_parse.c only compiles them).
#
#   make fuzz-py FUZZ_SECONDS=600      run libFuzzer (clang) on py_exec
#   make fuzz-py-parse FUZZ_SECONDS=600   the same for py_parse
#   make fuzz-py-evil FUZZ_SECONDS=600    generated programs with hostile
#                                      special methods (tests/fuzz/gen_evil.py)
#   make test-fuzz-py                  replay the checked-in corpora (part of make test)
#
# The fuzzers run in libFuzzer's fork mode: a crash is saved as
# $(FUZZ_DIR)/crash-* and fuzzing goes on; timeouts (a program that keeps
# catching KeyboardInterrupt) are saved as timeout-* and ignored. New corpus
# entries go to $(FUZZ_DIR)/py_new (not checked in); the seeds are the small
# scripts of tests/py/ and the checked-in corpus. Inputs that once crashed or
# hung are kept in tests/fuzz/py_corpus/ and py_parse_corpus/, so the replay
# guards against their coming back.
#
# The sanitized core is built file by file in $(FUZZ_DIR)/obj, so a fix
# rebuilds one object, not the whole core.

FUZZ_DIR := $(BUILD)/fuzz
FUZZ_OBJ_DIR := $(FUZZ_DIR)/obj
PY_FUZZ_CORPUS := tests/fuzz/py_corpus
PY_PARSE_FUZZ_CORPUS := tests/fuzz/py_parse_corpus
PY_FUZZ_DICT := tests/fuzz/py.dict
FUZZ_SECONDS ?= 120
FUZZ_CLANG ?= clang
FUZZ_SAN := -fsanitize=address,undefined
FUZZ_CFLAGS := -std=c11 -Wall -Wextra -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN) \
    -DPY_FLOAT_SINGLE=0 -I. -Ipy -I$(campy_DIR)
# The core plus fs/ (os.VfsLfs2 is built on it). $(sort) on the link lines
# drops objects listed twice.
FUZZ_CORE_OBJ := $(patsubst %.c,$(FUZZ_OBJ_DIR)/%.o,$(CORE_SRC) $(sort $(wildcard fs/*.c)))
FUZZ_SEED_MAX_BYTES ?= 1500
PY_FUZZ_TARGETS := py_exec py_parse

$(FUZZ_OBJ_DIR)/%.o: %.c $(campy_DIR)/genhdr/qstrdefs.h
	@mkdir -p $(@D)
	$(FUZZ_CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

# objects made through the pattern rule are intermediate to make: keep them
.SECONDARY: $(FUZZ_CORE_OBJ)
-include $(FUZZ_CORE_OBJ:.o=.d)

$(FUZZ_DIR)/%_replay: tests/fuzz/%.c tests/fuzz/py_fuzz_common.h $(BUILD)/libcampy.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_WARN) $(OPT) -DPY_FUZZ_REPLAY -I. -Ipy -I$(campy_DIR) -o $@ $< \
	    $(BUILD)/libcampy.a -lm

$(FUZZ_DIR)/%_fuzzer: tests/fuzz/%.c tests/fuzz/py_fuzz_common.h $(FUZZ_CORE_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(sort $(FUZZ_CORE_OBJ)) -lm

# For sorting out many findings at once: the replay program over the same
# objects, where undefined behaviour is reported and the program goes on
# (the fuzzers stop at the first report: UBSAN_OPTIONS below).
#   build/fuzz/py_exec_triage [-v] FILE...   (-v shows the programs' output)
$(FUZZ_DIR)/%_triage: tests/fuzz/%.c tests/fuzz/py_fuzz_common.h $(FUZZ_CORE_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_CLANG) $(FUZZ_CFLAGS) -DPY_FUZZ_REPLAY -o $@ $< $(sort $(FUZZ_CORE_OBJ)) -lm

# Seeds: the small test scripts (the fuzzer mutates them into odder ones).
$(FUZZ_DIR)/py_seeds/.done: $(wildcard tests/py/*/*.py)
	@mkdir -p $(@D)
	@find tests/py -name '*.py' -size -$(FUZZ_SEED_MAX_BYTES)c -exec cp {} $(@D)/ \;
	@touch $@

# $(call run_fuzzer,TARGET,CORPUS)
define run_fuzzer
	@mkdir -p $(FUZZ_DIR)/$(1)_new $(FUZZ_DIR)/artifacts
	cd $(FUZZ_DIR) && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ./$(1)_fuzzer -fork=1 -ignore_crashes=1 -ignore_timeouts=1 \
	    -ignore_ooms=1 -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=2048 \
	    -max_len=4096 -dict=$(CURDIR)/$(PY_FUZZ_DICT) -artifact_prefix=artifacts/$(1)- \
	    $(1)_new $(CURDIR)/$(2) py_seeds
endef

# Programs with hostile special methods, run under the sanitized replay
# (tests/fuzz/gen_evil.py); failures are kept in $(FUZZ_DIR)/evil.
fuzz-py-evil: $(FUZZ_DIR)/py_exec_triage
	PY_FUZZ_HEAP_KB=512 PY_FUZZ_TICK_MS=3000 $(PYTHON) tests/fuzz/gen_evil.py \
	    --runner $(FUZZ_DIR)/py_exec_triage --seconds $(FUZZ_SECONDS) --keep $(FUZZ_DIR)/evil

.PHONY: fuzz-py fuzz-py-parse fuzz-py-evil test-fuzz-py
fuzz-py: $(FUZZ_DIR)/py_exec_fuzzer $(FUZZ_DIR)/py_seeds/.done
	$(call run_fuzzer,py_exec,$(PY_FUZZ_CORPUS))

fuzz-py-parse: $(FUZZ_DIR)/py_parse_fuzzer $(FUZZ_DIR)/py_seeds/.done
	$(call run_fuzzer,py_parse,$(PY_PARSE_FUZZ_CORPUS))

# $(call replay_corpus,TARGET,CORPUS)
define replay_corpus
	for f in $(2)/*; do \
	    if timeout 20 $(FUZZ_DIR)/$(1)_replay "$$f" >/dev/null 2>&1; then \
	        echo "PASS $(1) $$f" >> $(BUILD)/results/fuzz-py.txt; \
	    else \
	        echo "FAIL $(1) $$f (exit status $$?)" >> $(BUILD)/results/fuzz-py.txt; \
	        echo "FAIL fuzz replay $(1) $$f"; \
	    fi; \
	done
endef

test-fuzz-py: $(foreach t,$(PY_FUZZ_TARGETS),$(FUZZ_DIR)/$(t)_replay)
	@mkdir -p $(BUILD)/results
	@: > $(BUILD)/results/fuzz-py.txt
	@$(call replay_corpus,py_exec,$(PY_FUZZ_CORPUS))
	@$(call replay_corpus,py_parse,$(PY_PARSE_FUZZ_CORPUS))

TEST_SUITES += fuzz-py
