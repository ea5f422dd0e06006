/*
 * ast.c - the arena the syntax tree lives in.
 *
 * The parser makes many small nodes that all die together when the compiler
 * is done with the tree, so they are carved out of large heap chunks instead
 * of being separate heap allocations: fewer GC headers, and one release at
 * the end. Each chunk's first word points at the previous chunk, so holding
 * the arena (on the C stack) keeps every chunk reachable for the GC.
 */
#include <string.h>

#include "ast.h"

/* Small enough not to waste much of a 100 KiB heap on a one-line REPL input,
 * big enough that a chunk holds a few dozen nodes. */
#define ARENA_CHUNK_BYTES 1024
#define ARENA_ALIGN 8
#define ARENA_HEADER ARENA_ALIGN /* the link word, padded to the alignment */

void py_ast_arena_init(py_ast_arena *arena) {
    arena->chunk = NULL;
    arena->used = 0;
    arena->size = 0;
}

static void **chunk_link(void *chunk) { return (void **)chunk; }

void *py_ast_alloc(py_ast_arena *arena, size_t bytes) {
    if (bytes > SIZE_MAX / 2) {
        py_raise_type(&py_type_MemoryError);
    }
    bytes = (bytes + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (bytes == 0) {
        bytes = ARENA_ALIGN;
    }
    if (arena->chunk != NULL && arena->size - arena->used >= bytes) {
        char *p = (char *)arena->chunk + arena->used;
        arena->used += bytes;
        return p; /* chunks come zeroed and are never reused */
    }
    if (bytes > ARENA_CHUNK_BYTES / 4 && arena->chunk != NULL) {
        /* A big request gets a chunk of its own, linked behind the current
         * one, so the free space left in the current chunk is not lost. */
        char *big = py_gc_alloc(ARENA_HEADER + bytes);
        *chunk_link(big) = *chunk_link(arena->chunk);
        *chunk_link(arena->chunk) = big;
        return big + ARENA_HEADER;
    }
    size_t size =
        ARENA_HEADER + bytes > ARENA_CHUNK_BYTES ? ARENA_HEADER + bytes : ARENA_CHUNK_BYTES;
    char *chunk = py_gc_alloc(size);
    *chunk_link(chunk) = arena->chunk;
    arena->chunk = chunk;
    arena->size = size;
    arena->used = ARENA_HEADER + bytes;
    return chunk + ARENA_HEADER;
}

py_node *py_ast_new(py_ast_arena *arena, py_node_kind kind, uint32_t line) {
    py_node *n = py_ast_alloc(arena, sizeof(py_node));
    n->kind = (uint16_t)kind;
    n->line = line;
    return n;
}

void py_ast_arena_free(py_ast_arena *arena) {
    void *chunk = arena->chunk;
    while (chunk != NULL) {
        void *prev = *chunk_link(chunk);
        py_gc_free(chunk);
        chunk = prev;
    }
    py_ast_arena_init(arena);
}
