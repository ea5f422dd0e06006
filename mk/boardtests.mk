# mk/boardtests.mk: tests and figures of the virtual ESP32-CAM
# (build/campy-board), driven over its serial line: a pty and an RFC 2217
# server with DTR/RTS (tests/board/, Python 3 standard library only).
#
#   make test-board          writes build/results/board.txt
#   make test-board BOARD_CASES="raw ctrlc"   only those groups or cases
#   make bench-board         boot time, raw REPL round trip, raw-paste speed
#                            (BENCH_BOARD_ARGS="--serial rfc2217" for the server)
#
# Cases of features the board does not have yet are marked pending in
# tests/board/test_board.py: BOARD_CASES="--pending" runs them too.
#
# The fs-image cross-checks read the board's flash with build/campy-tool.

BOARD_RESULTS = $(BUILD)/results/board.txt
BOARD_CASES ?=
BENCH_BOARD_ARGS ?=

TEST_SUITES += board
BENCH_SUITES += board

.PHONY: test-board bench-board
test-board: $(BUILD)/campy-board $(BUILD)/campy-tool
	@mkdir -p $(BUILD)/results
	@rm -f $(BOARD_RESULTS)
	@timeout 1500 $(PYTHON) tests/board/test_board.py --board $(BUILD)/campy-board \
	    --tool $(BUILD)/campy-tool --results $(BOARD_RESULTS) $(BOARD_CASES) \
	    || echo "FAIL board.runner exited abnormally" >> $(BOARD_RESULTS)

bench-board: $(BUILD)/campy-board
	$(PYTHON) bench/board/figures.py --board $(BUILD)/campy-board $(BENCH_BOARD_ARGS)
