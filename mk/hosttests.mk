# mk/hosttests.mk: tests of the PC runner build/campy (host/): its command
# line (tests/host/test_runner.py) and its REPL driven through a
# pseudo-terminal (tests/host/test_repl.py). `make test-host` writes
# build/results/host.txt.

.PHONY: test-host
test-host: $(BUILD)/campy
	@mkdir -p $(BUILD)/results
	@rm -f $(BUILD)/results/host.txt
	@timeout 600 $(PYTHON) tests/host/test_runner.py --campy $(BUILD)/campy \
	    --results $(BUILD)/results/host.txt || \
	    echo "FAIL host.runner exited abnormally" >> $(BUILD)/results/host.txt
	@timeout 600 $(PYTHON) tests/host/test_repl.py --campy $(BUILD)/campy \
	    --results $(BUILD)/results/host.txt || \
	    echo "FAIL host.repl exited abnormally" >> $(BUILD)/results/host.txt

TEST_SUITES += host
