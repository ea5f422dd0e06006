# mk/boardinterop.mk: the virtual ESP32-CAM (build/campy-board) driven by
# the host tools people use on the real board: pyserial (under mpremote,
# pyboard.py, esptool and Thonny) on its pty and its RFC 2217 server, and
# pyserial's miniterm on a terminal (tests/board/test_interop.py).
#
#   make test-board-interop     writes build/results/board-interop.txt
#   make test-board-interop INTEROP_CASES="rfc2217 miniterm.lines_off"
#                               only those groups or cases
#
# The tests need the genuine pyserial: Debian's python3-serial, installed
# for /usr/bin/python3 by tools/setup-deps.sh (INTEROP_PYTHON chooses
# another interpreter that has it).

INTEROP_PYTHON ?= /usr/bin/python3
INTEROP_RESULTS = $(BUILD)/results/board-interop.txt
INTEROP_CASES ?=

TEST_SUITES += board-interop

.PHONY: test-board-interop
test-board-interop: $(BUILD)/campy-board
	@mkdir -p $(BUILD)/results
	@rm -f $(INTEROP_RESULTS)
	@if $(INTEROP_PYTHON) -c 'import serial' > /dev/null 2>&1; then \
	    PYTHONDONTWRITEBYTECODE=1 timeout 900 $(INTEROP_PYTHON) tests/board/test_interop.py \
	        --board $(BUILD)/campy-board \
	        --results $(INTEROP_RESULTS) --prefix board-interop $(INTEROP_CASES) \
	        || echo "FAIL board-interop.runner exited abnormally" >> $(INTEROP_RESULTS); \
	else \
	    echo "FAIL board-interop.pyserial (python3-serial is missing for $(INTEROP_PYTHON):" \
	        "run tools/setup-deps.sh)" | tee -a $(INTEROP_RESULTS); \
	fi
