# mk/os.mk: the operating-system modules (lib/vfs*.c: os.VfsLfs2) use the
# flash filesystem fs/, so its objects (built by mk/fs.mk) are linked into
# the runners and the core library.

$(BUILD)/campy: $(FS_OBJ)
$(BUILD)/campy32: $(FS_OBJ32)
$(BUILD)/libcampy.a: $(FS_OBJ)

# The sanitized core of the language fuzzers links fs/ too.
FUZZ_FS_OBJ := $(patsubst %.c,$(FUZZ_OBJ_DIR)/%.o,$(FS_SRC))
FUZZ_CORE_OBJ += $(FUZZ_FS_OBJ)
.SECONDARY: $(FUZZ_FS_OBJ)
$(patsubst %,$(FUZZ_DIR)/%_fuzzer,$(PY_FUZZ_TARGETS)): $(FUZZ_FS_OBJ)
