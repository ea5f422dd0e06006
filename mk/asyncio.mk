# mk/asyncio.mk: asyncio beyond the language tests in tests/py/asyncio and
# tests/py/async: Ctrl-C reaching a program whose tasks all wait
# (tests/asyncio/test_interrupt.py), for build/campy and build/campy32.
# `make test-asyncio` writes build/results/asyncio.txt.

ASYNCIO_RESULTS = $(BUILD)/results/asyncio.txt

.PHONY: test-asyncio
test-asyncio: $(BUILD)/campy $(BUILD)/campy32
	@mkdir -p $(BUILD)/results
	@rm -f $(ASYNCIO_RESULTS)
	@timeout 300 $(PYTHON) tests/asyncio/test_interrupt.py --campy $(BUILD)/campy \
	    --prefix asyncio.interrupt --results $(ASYNCIO_RESULTS) || \
	    echo "FAIL asyncio.interrupt exited abnormally" >> $(ASYNCIO_RESULTS)
	@timeout 300 $(PYTHON) tests/asyncio/test_interrupt.py --campy $(BUILD)/campy32 \
	    --prefix asyncio32.interrupt --results $(ASYNCIO_RESULTS) || \
	    echo "FAIL asyncio32.interrupt exited abnormally" >> $(ASYNCIO_RESULTS)

TEST_SUITES += asyncio
