# mk/board.mk: build/campy-board, the virtual ESP32-CAM: the firmware
# (board/) on the Linux implementation of board/hal.h (ports/sim/), built as
# the board is: 32-bit, single-precision floats.
#
#   make build/campy-board                 the virtual board
#   make build/campy-board CAMPY_AUTORUN=0 a firmware that never writes /main.py
#   make test-board_unit                   the firmware on a scripted HAL
#                                          (tests/board_unit/), no port needed
#
# The firmware's Python files (board/*.py) are frozen into the image
# (frozen/board.txt).

CAMPY_AUTORUN ?= 1
ifeq ($(filter $(CAMPY_AUTORUN),0 1),)
$(error CAMPY_AUTORUN must be 0 or 1, not '$(CAMPY_AUTORUN)')
endif

BOARD_FLAGS = -m32 -DPY_FLOAT_SINGLE=1 -DPY_PLATFORM_QSTR=Q_esp32 \
    '-DPY_MACHINE_NAME="ESP32-CAM with ESP32"'
BOARD_FW_SRC = $(sort $(wildcard board/*.c))
BOARD_PORT_SRC = $(sort $(wildcard ports/sim/*.c))
BOARD_LDLIBS = -lm -lpthread -lutil
# fs/'s 32-bit objects (mk/fs.mk builds them; it is read after this file)
BOARD_FS_OBJ = $(patsubst %.c,$(BUILD)/fs/m32/%.o,$(sort $(wildcard fs/*.c)))

# ---- the firmware's Python code: frozen from frozen/board.txt by campy-cross
# (mk/frozen.mk builds it), and whether /main.py is written from
# default_main.py, as a one-line C file that changes only with CAMPY_AUTORUN.
# The frozen source is one of the variant's sources, so that the name
# generator sees the names it uses.
BOARD_FROZEN_C = $(BUILD)/frozen/board.c
$(eval $(call core_variant,board,$(BOARD_FLAGS),\
    $(CORE_SRC) $(BOARD_FW_SRC) $(BOARD_PORT_SRC) $(BOARD_FROZEN_C)))
BOARD_AUTORUN_C = $(board_DIR)/gen/autorun.c
BOARD_AUTORUN_OBJ = $(board_DIR)/gen/autorun.o

$(BOARD_FROZEN_C): $(BUILD)/campy-cross frozen/board.txt
	@mkdir -p $(@D)
	$(BUILD)/campy-cross --freeze frozen/board.txt -t board -o $@ -d $(@:.c=.d)
-include $(BUILD)/frozen/board.d

$(BOARD_AUTORUN_C): board_autorun_check
	@mkdir -p $(@D)
	@printf '/* Made by mk/board.mk from CAMPY_AUTORUN. */\n#include <stdbool.h>\nconst bool brd_autorun = %s;\n' \
	    $(if $(filter 1,$(CAMPY_AUTORUN)),true,false) > $@.new
	@if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

.PHONY: board_autorun_check
board_autorun_check:

$(BOARD_AUTORUN_OBJ): $(BOARD_AUTORUN_C)
	$(CC) $(board_CFLAGS) -c $< -o $@

BOARD_FW_OBJ = $(filter-out $(board_DIR)/ports/%,$(board_OBJ)) $(BOARD_AUTORUN_OBJ) $(BOARD_FS_OBJ)

$(BUILD)/campy-board: $(board_OBJ) $(BOARD_AUTORUN_OBJ) $(BOARD_FS_OBJ)
	$(CC) $(BOARD_FLAGS) -o $@ $^ $(BOARD_LDLIBS)

# ---- the firmware on a scripted HAL: no port, no terminal needed
BOARD_UNIT_BIN = $(BUILD)/tests/board_unit/fake_board
BOARD_UNIT_HAL_OBJ = $(board_DIR)/tests/board_unit/fake_hal.o

$(BOARD_UNIT_HAL_OBJ): tests/board_unit/fake_hal.c board/hal.h | $(board_DIR)/genhdr/qstrdefs.h
	@mkdir -p $(@D)
	$(CC) $(board_CFLAGS) -c $< -o $@

$(BOARD_UNIT_BIN): $(BOARD_FW_OBJ) $(BOARD_UNIT_HAL_OBJ)
	@mkdir -p $(@D)
	$(CC) $(BOARD_FLAGS) -o $@ $^ $(BOARD_LDLIBS)

.PHONY: test-board_unit
test-board_unit:
	@mkdir -p $(BUILD)/results
	@rm -f $(BUILD)/results/board_unit.txt
	@if $(MAKE) --no-print-directory $(BOARD_UNIT_BIN) > $(BUILD)/board_unit-build.log 2>&1; then \
	    timeout 600 $(PYTHON) tests/board_unit/test_firmware.py --board $(BOARD_UNIT_BIN) \
	        --results $(BUILD)/results/board_unit.txt || \
	        echo "FAIL board_unit.runner exited abnormally" >> $(BUILD)/results/board_unit.txt; \
	else \
	    echo "FAIL board_unit.build" >> $(BUILD)/results/board_unit.txt; \
	    echo "FAIL board_unit.build:"; grep -E 'error|undefined' $(BUILD)/board_unit-build.log | head -n 20; \
	fi

TEST_SUITES += board_unit
