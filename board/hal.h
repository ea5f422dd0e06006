/*
 * hal.h - everything the ESP32-CAM firmware needs from the hardware.
 *
 * The firmware (board/, prefix brd_) reaches the chip only through these
 * functions; each port (ports/sim on Linux, ports/esp32 on ESP-IDF) is one
 * implementation of them plus the code that powers the chip on.
 *
 * The model is the real board's: a ROM that prints the reset lines and
 * starts the application (brd_main), one application task with a 16 KiB
 * stack, UART0 wired to the programmer's USB-serial chip, a 4 MiB SPI NOR
 * flash, internal RAM and optionally 4 MiB PSRAM. A reset of any kind ends
 * the running firmware and boots it again from the ROM; nothing in RAM
 * survives it, the flash does.
 *
 * Functions may be called from the application task only, except where a
 * comment says otherwise. None raises a Python exception.
 */
#ifndef CAMPY_HAL_H
#define CAMPY_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------- reset */

/* Why the chip last came out of reset, in machine.reset_cause()'s numbering
 * (MicroPython's ESP32 port): PWRON_RESET 1 ... SOFT_RESET 5. A soft reset
 * never reaches the port: it is the firmware restarting Python. */
typedef enum hal_reset_cause {
    HAL_RESET_POWERON = 1,
    HAL_RESET_HARD = 2,
    HAL_RESET_WDT = 3,
    HAL_RESET_DEEPSLEEP = 4,
    HAL_RESET_SOFT = 5,
} hal_reset_cause;

/* The firmware's entry point, called by the port after the ROM lines with
 * the cause of this boot. It never returns: the board runs until a reset
 * or until power is removed. */
void brd_main(hal_reset_cause cause);

/* Ends this run of the firmware and boots it again with `cause`
 * (HAL_RESET_HARD for machine.reset(), HAL_RESET_WDT...). May be called from
 * any thread of the port, e.g. a watchdog timer. */
_Noreturn void hal_reset(hal_reset_cause cause);

/* Powers the CPU down and boots again with HAL_RESET_DEEPSLEEP after `ms`
 * milliseconds (UART0 input does not wake it, as on the board). */
_Noreturn void hal_deepsleep(uint64_t ms);

/* The task watchdog: once started, the board resets with HAL_RESET_WDT
 * unless hal_wdt_feed() comes within timeout_ms. Starting it again changes
 * the timeout; it cannot be stopped (as on the ESP32). */
void hal_wdt_start(uint32_t timeout_ms);
void hal_wdt_feed(void);

/* ---------------------------------------------------------------- UART0 */

/* Bytes the host sent, oldest first: waits up to timeout_ms (negative:
 * forever, 0: not at all) for at least one byte, then returns what has
 * arrived, up to n. Returns 0 on timeout, and early (possibly 0) when the
 * interrupt character arrives while waiting (see below). */
size_t hal_uart_read(uint8_t *buf, size_t n, int timeout_ms);

/* How many received bytes are waiting (for select/poll on sys.stdin). */
size_t hal_uart_rx_waiting(void);

/* Sends bytes to the host; blocks while the transmit buffer is full, as the
 * real UART driver does. */
void hal_uart_write(const uint8_t *buf, size_t n);

/* The byte that interrupts running code (3 for Ctrl-C), or -1 for none
 * (raw REPL data, micropython.kbd_intr(-1)). When it arrives, the port
 * drops it from the input and calls brd_uart_interrupt() from its receive
 * context (another thread: it may only set flags). */
void hal_uart_set_interrupt_char(int c);
void brd_uart_interrupt(void);

/* ---------------------------------------------------------------- time */

/* Microseconds since this boot, monotonic, 64-bit (esp_timer_get_time). */
uint64_t hal_ticks_us(void);

/* Waits up to `us` microseconds, returning early when UART0 input arrives
 * or the interrupt character was seen. Sleeps are built on it, so a
 * sleeping program still hears Ctrl-C. */
void hal_wait_us(uint64_t us);

/* The RTC, in microseconds since 2000-01-01 00:00:00 UTC (the embedded
 * ports' epoch). It keeps running across soft, hard, watchdog and deep-sleep
 * resets and starts from the host's clock at power-on. */
int64_t hal_rtc_get_us(void);
void hal_rtc_set_us(int64_t us);

/* CPU clock in Hz: 240 MHz at boot; 80, 160 and 240 MHz are valid. */
uint32_t hal_cpu_freq_get(void);
bool hal_cpu_freq_set(uint32_t hz); /* false for other values */

/* ---------------------------------------------------------------- flash */

/* The SPI NOR flash: 4 MiB, 4 KiB sectors. Erased bytes read 0xFF; a write
 * can only clear bits (new = old & data), as on NOR flash; erase works on
 * whole sectors. Each returns 0, or a negative errno (-EINVAL for a range
 * outside the chip or an unaligned erase, -EIO when the backing store
 * fails). */
#define HAL_FLASH_SECTOR 4096
uint32_t hal_flash_size(void);
int hal_flash_read(uint32_t addr, void *buf, size_t n);
int hal_flash_write(uint32_t addr, const void *buf, size_t n);
int hal_flash_erase(uint32_t addr, size_t n);

/* The partition table at 0x8000 (Espressif's binary format), read by the
 * port's bootloader before brd_main: finds a partition by its label
 * ("vfs", "nvs"...), giving its flash offset and size. false when the
 * table has no such partition. */
bool hal_partition_find(const char *label, uint32_t *offset, uint32_t *size);

/* ---------------------------------------------------------------- memory */

/* A block of RAM the firmware may use as it likes (heap regions). */
typedef struct hal_memory {
    void *start;
    size_t size;
} hal_memory;

/* Internal RAM left to the application (the Python heap comes from it) and
 * the PSRAM; psram.size is 0 on a board without PSRAM. Zeroed at each boot.
 * idf_heap_total/free model the IDF's own heap for machine.heap_info(). */
typedef struct hal_memory_map {
    hal_memory internal;
    hal_memory psram;
    size_t idf_heap_total;
    size_t idf_heap_free;
} hal_memory_map;
void hal_memory_get(hal_memory_map *map);

/* Bytes of C stack the application task has (16 KiB), for the Python
 * stack check. */
size_t hal_task_stack_size(void);

/* ---------------------------------------------------------------- identity */

/* The station MAC address from eFuse: fixed for this board (on the sim:
 * for this flash image). */
void hal_mac_address(uint8_t mac[6]);

/* Fills buf with random bytes (the hardware RNG). */
void hal_random(void *buf, size_t n);

#endif
