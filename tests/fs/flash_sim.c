/* tests/fs/flash_sim.c: the RAM flash of the filesystem tests. */
#include "flash_sim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int flash_sim_init(flash_sim *sim, uint32_t block_size, uint32_t block_count,
                   uint32_t read_size, uint32_t prog_size) {
    memset(sim, 0, sizeof *sim);
    sim->block_size = block_size;
    sim->block_count = block_count;
    sim->read_size = read_size;
    sim->prog_size = prog_size;
    sim->mem = malloc((size_t)block_size * block_count);
    sim->erase_counts = calloc(block_count, sizeof *sim->erase_counts);
    if (!sim->mem || !sim->erase_counts)
        return -1;
    memset(sim->mem, 0xff, (size_t)block_size * block_count);
    return 0;
}

void flash_sim_free(flash_sim *sim) {
    free(sim->mem);
    free(sim->erase_counts);
    sim->mem = NULL;
    sim->erase_counts = NULL;
}

void flash_sim_reset_counts(flash_sim *sim) {
    sim->reads = sim->progs = sim->erases = 0;
    sim->read_bytes = sim->prog_bytes = 0;
    memset(sim->erase_counts, 0, sim->block_count * sizeof *sim->erase_counts);
}

int flash_sim_clone(flash_sim *dst, const flash_sim *src) {
    if (flash_sim_init(dst, src->block_size, src->block_count, src->read_size,
                       src->prog_size))
        return -1;
    memcpy(dst->mem, src->mem, (size_t)src->block_size * src->block_count);
    return 0;
}

static int violation(flash_sim *sim, const char *what, uint32_t block,
                     uint32_t off, uint32_t size) {
    sim->violations++;
    snprintf(sim->last_violation, sizeof sim->last_violation,
             "%s: block %u off %u size %u", what, (unsigned)block,
             (unsigned)off, (unsigned)size);
    return -5;
}

static bool in_range(const flash_sim *sim, uint32_t block, uint32_t off,
                     uint32_t size) {
    return block < sim->block_count && off <= sim->block_size &&
           size <= sim->block_size - off;
}

static uint32_t next_rand(uint32_t *seed) {
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 8;
}

void flash_sim_apply_partial(flash_sim *s, int kind, uint32_t block,
                             uint32_t off, const uint8_t *data, uint32_t size,
                             int how, uint32_t *seed) {
    uint8_t *p = s->mem + (size_t)block * s->block_size;
    if (how == CUT_NOTHING)
        return;
    if (kind == SIM_PROG) {
        p += off;
        if (how == CUT_PARTIAL) {
            uint32_t k = next_rand(seed) % size;
            for (uint32_t i = 0; i < k; i++)
                p[i] &= data[i];
            p[k] &= (uint8_t)(data[k] | next_rand(seed));
        } else {
            for (uint32_t i = 0; i < size; i++)
                p[i] &= (uint8_t)(data[i] | next_rand(seed));
        }
    } else if (how == CUT_PARTIAL) {
        memset(p, 0xff, next_rand(seed) % s->block_size);
    } else {
        for (uint32_t i = 0; i < s->block_size; i++)
            p[i] = (uint8_t)next_rand(seed);
    }
}

/* true when this operation is where the power goes */
static bool power_cut(flash_sim *sim, int kind, uint32_t block, uint32_t off,
                      const void *data, uint32_t size) {
    if (sim->powered_off)
        return true;
    if (!sim->cut_at || sim->ops + 1 != sim->cut_at)
        return false;
    flash_sim_apply_partial(sim, kind, block, off, data, size, sim->cut_how,
                            &sim->cut_seed);
    sim->ops++;
    sim->powered_off = true;
    return true;
}

static int sim_read(void *ctx, uint32_t block, uint32_t off, void *buf,
                    uint32_t size) {
    flash_sim *sim = ctx;
    if (sim->powered_off)
        return -5;
    if (!in_range(sim, block, off, size) || off % sim->read_size ||
        size % sim->read_size)
        return violation(sim, "read out of range or misaligned", block, off,
                         size);
    memcpy(buf, sim->mem + (size_t)block * sim->block_size + off, size);
    sim->reads++;
    sim->read_bytes += size;
    return 0;
}

static int sim_prog(void *ctx, uint32_t block, uint32_t off, const void *buf,
                    uint32_t size) {
    flash_sim *sim = ctx;
    if (!in_range(sim, block, off, size) || off % sim->prog_size ||
        size % sim->prog_size)
        return violation(sim, "prog out of range or misaligned", block, off,
                         size);
    uint8_t *p = sim->mem + (size_t)block * sim->block_size + off;
    for (uint32_t i = 0; i < size; i++)
        if (p[i] != 0xff)
            return violation(sim, "prog of unerased byte", block, off + i,
                             size);
    if (sim->hook && sim->hook(sim, SIM_PROG, block, off, buf, size))
        return -5;
    if (power_cut(sim, SIM_PROG, block, off, buf, size))
        return -5;
    const uint8_t *in = buf;
    for (uint32_t i = 0; i < size; i++)
        p[i] &= in[i];
    sim->progs++;
    sim->ops++;
    sim->prog_bytes += size;
    return 0;
}

static int sim_erase(void *ctx, uint32_t block) {
    flash_sim *sim = ctx;
    if (block >= sim->block_count)
        return violation(sim, "erase out of range", block, 0, 0);
    if (sim->hook && sim->hook(sim, SIM_ERASE, block, 0, NULL, 0))
        return -5;
    if (power_cut(sim, SIM_ERASE, block, 0, NULL, 0))
        return -5;
    memset(sim->mem + (size_t)block * sim->block_size, 0xff, sim->block_size);
    sim->erases++;
    sim->ops++;
    sim->erase_counts[block]++;
    return 0;
}

static int sim_sync(void *ctx) {
    (void)ctx;
    return 0;
}

fs_blockdev flash_sim_bd(flash_sim *sim) {
    fs_blockdev bd = {sim,           sim_read,        sim_prog,
                      sim_erase,     sim_sync,        sim->read_size,
                      sim->prog_size, sim->block_size, sim->block_count};
    return bd;
}
