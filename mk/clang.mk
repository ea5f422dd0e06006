# mk/clang.mk: the core and the runner built with clang -Werror (64-bit) into
# build/clang/, then a smoke test: the first and last script of every
# tests/py category run under that build. `make test-clang` writes
# build/results/clang.txt.

CLANG ?= clang
CLANG_BUILD := $(BUILD)/clang
CLANG_SMOKE_DIRS := $(sort $(wildcard tests/py/*/))
clang_scripts = $(sort $(filter-out $(wildcard $(1)mod_*.py),$(wildcard $(1)*.py)))
CLANG_SMOKE := $(foreach d,$(CLANG_SMOKE_DIRS),\
    $(firstword $(call clang_scripts,$(d))) $(lastword $(call clang_scripts,$(d))))

.PHONY: test-clang
test-clang:
	@mkdir -p $(BUILD)/results $(CLANG_BUILD)
	@rm -f $(BUILD)/results/clang.txt $(CLANG_BUILD)/smoke.txt
	@if $(MAKE) --no-print-directory CC=$(CLANG) BUILD=$(CLANG_BUILD) \
	        $(CLANG_BUILD)/campy > $(CLANG_BUILD)/build.log 2>&1; then \
	    echo "PASS clang.build" >> $(BUILD)/results/clang.txt; \
	    $(PYTHON) tests/run_py.py --campy $(CLANG_BUILD)/campy \
	        --results $(CLANG_BUILD)/smoke.txt $(sort $(CLANG_SMOKE)) | tail -n 1; \
	    sed -n 's/^\(PASS\|FAIL\) /\1 clang.smoke /p' $(CLANG_BUILD)/smoke.txt \
	        >> $(BUILD)/results/clang.txt; \
	else \
	    echo "FAIL clang.build" >> $(BUILD)/results/clang.txt; \
	    echo "FAIL clang.build: clang -Werror build of $(CLANG_BUILD)/campy:"; \
	    grep -E 'error|warning' $(CLANG_BUILD)/build.log | head -n 40; \
	fi

TEST_SUITES += clang
