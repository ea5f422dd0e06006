# mk/sim.mk: the port of the virtual board (ports/sim) on its own, with a
# small test firmware (tests/sim/echo_fw.c) in place of board/: the command
# line, flash image, ROM lines, resets, watchdog, deep sleep, RTC, and
# UART0 over stdio, a pty and RFC 2217 with DTR/RTS.
#
#   make build/sim/echo-board   the port with the test firmware (32-bit, as the board)
#   make test-sim               builds the port with gcc and clang, 32 and 64 bits,
#                               then runs tests/sim/test_sim.py

SIM_DIR := $(BUILD)/sim
SIM_SRC := $(sort $(wildcard ports/sim/*.c))
SIM_DEPS := $(SIM_SRC) $(wildcard ports/sim/*.h) board/hal.h tests/sim/echo_fw.c
SIM_CFLAGS = $(CFLAGS_WARN) $(OPT) -I.
SIM_RESULTS = $(BUILD)/results/sim.txt

$(SIM_DIR)/echo-board: $(SIM_DEPS)
	@mkdir -p $(@D)
	$(CC) $(SIM_CFLAGS) -m32 -o $@ $(SIM_SRC) tests/sim/echo_fw.c -lpthread

.PHONY: test-sim
test-sim:
	@mkdir -p $(SIM_DIR) $(BUILD)/results
	@rm -f $(SIM_RESULTS)
	@for cc in gcc clang; do for bits in 32 64; do \
	    name=sim.build.$$cc-$$bits; \
	    if ! command -v $$cc >/dev/null; then echo "FAIL $$name ($$cc not installed)" >> $(SIM_RESULTS); continue; fi; \
	    if $$cc $(SIM_CFLAGS) -m$$bits -o $(SIM_DIR)/check-$$cc-$$bits $(SIM_SRC) tests/sim/echo_fw.c \
	        -lpthread > $(SIM_DIR)/$$name.log 2>&1; then echo "PASS $$name" >> $(SIM_RESULTS); \
	    else echo "FAIL $$name" >> $(SIM_RESULTS); echo "FAIL $$name:"; head -n 20 $(SIM_DIR)/$$name.log; fi; \
	done; done
	@if $(MAKE) --no-print-directory $(SIM_DIR)/echo-board > $(SIM_DIR)/build.log 2>&1; then \
	    timeout 600 $(PYTHON) tests/sim/test_sim.py --board $(SIM_DIR)/echo-board \
	        --results $(SIM_RESULTS) || echo "FAIL sim.runner exited abnormally" >> $(SIM_RESULTS); \
	else \
	    echo "FAIL sim.build" >> $(SIM_RESULTS); echo "FAIL sim.build:"; head -n 20 $(SIM_DIR)/build.log; \
	fi

TEST_SUITES += sim
