/* tests/fs/flash_sim.h: a NOR flash in RAM for the filesystem tests.
 *
 * Counts reads, programs and erases (and erases per block), checks that
 * every access is aligned and that programs only touch erased bytes, and
 * lets a test see each program or erase before it happens (to cut the
 * power there).
 */
#ifndef CAMPY_TESTS_FLASH_SIM_H
#define CAMPY_TESTS_FLASH_SIM_H

#include "fs/fs.h"

#include <stdbool.h>
#include <stdint.h>

enum { SIM_PROG = 1, SIM_ERASE = 2 };

typedef struct flash_sim flash_sim;

/* How much of an interrupted operation reaches the flash: nothing; a
 * prefix with one half-programmed byte (a partial erase); scattered bits
 * (garbage). */
enum { CUT_NOTHING = 0, CUT_PARTIAL = 1, CUT_SCATTERED = 2 };

/* Called before a program or erase is applied; returning non-zero fails
 * the operation with an I/O error instead of applying it. */
typedef int (*flash_hook)(flash_sim *sim, int kind, uint32_t block,
                          uint32_t off, const void *data, uint32_t size);

struct flash_sim {
    uint8_t *mem;
    uint32_t block_size, block_count, read_size, prog_size;
    uint64_t reads, progs, erases, read_bytes, prog_bytes;
    uint64_t ops;         /* programs + erases */
    uint32_t *erase_counts;
    uint64_t violations;  /* misaligned access, program of unerased bytes */
    char last_violation[160];
    flash_hook hook;
    void *hook_ctx;
    /* power cut: the cut_at-th program or erase (counting from 1) is applied
     * as cut_how says, then every access fails until powered is set again */
    uint64_t cut_at;
    int cut_how;
    uint32_t cut_seed;
    bool powered_off;
};

int flash_sim_init(flash_sim *sim, uint32_t block_size, uint32_t block_count,
                   uint32_t read_size, uint32_t prog_size);
void flash_sim_free(flash_sim *sim);
void flash_sim_reset_counts(flash_sim *sim);
fs_blockdev flash_sim_bd(flash_sim *sim);
/* Applies part of a program (data, size at block/off) or of an erase. */
void flash_sim_apply_partial(flash_sim *sim, int kind, uint32_t block,
                             uint32_t off, const uint8_t *data, uint32_t size,
                             int how, uint32_t *seed);
/* A second simulator sharing geometry, holding a copy of sim's bytes. */
int flash_sim_clone(flash_sim *dst, const flash_sim *src);

#endif
