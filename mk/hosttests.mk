# mk/hosttests.mk: tests of the PC runner (host/): its command line
# (tests/host/test_runner.py) and its REPL driven through a pseudo-terminal
# (tests/host/test_repl.py), for build/campy and for build/campy32, the
# board's word size and floats. `make test-host` writes build/results/host.txt.

HOST_RESULTS = $(BUILD)/results/host.txt

# $(call host_tests,RUNNER,PREFIX): both scripts against one runner.
define host_tests
	@timeout 600 $(PYTHON) tests/host/test_runner.py --campy $(1) --prefix $(2).runner \
	    --results $(HOST_RESULTS) || echo "FAIL $(2).runner exited abnormally" >> $(HOST_RESULTS)
	@timeout 600 $(PYTHON) tests/host/test_repl.py --campy $(1) --prefix $(2).repl \
	    --results $(HOST_RESULTS) || echo "FAIL $(2).repl exited abnormally" >> $(HOST_RESULTS)
endef

.PHONY: test-host
# The 32-bit runner is built inside the recipe: if it fails to build, that
# is one FAIL line and the 64-bit results stay.
test-host: $(BUILD)/campy
	@mkdir -p $(BUILD)/results
	@rm -f $(HOST_RESULTS)
	$(call host_tests,$(BUILD)/campy,host)
	@if $(MAKE) --no-print-directory $(BUILD)/campy32 > $(BUILD)/campy32-build.log 2>&1; then \
	    $(MAKE) --no-print-directory test-host32; \
	else \
	    echo "FAIL host32.build" >> $(HOST_RESULTS); \
	    echo "FAIL host32.build: see $(BUILD)/campy32-build.log"; \
	fi

.PHONY: test-host32
test-host32:
	$(call host_tests,$(BUILD)/campy32,host32)

TEST_SUITES += host
