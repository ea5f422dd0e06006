# mk/lexer.mk: unit tests for the lexer (py/lexer.c).

LEXER_TEST_BIN := $(BUILD)/tests/test_lexer

$(LEXER_TEST_BIN): tests/unit/test_lexer.c py/lexer.c py/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_WARN) $(OPT) -I. -o $@ tests/unit/test_lexer.c py/lexer.c

.PHONY: test-lexer
test-lexer: $(LEXER_TEST_BIN)
	@mkdir -p $(BUILD)/results
	@$(LEXER_TEST_BIN) $(BUILD)/results/lexer.txt || \
	    echo "FAIL test_lexer exited abnormally" >> $(BUILD)/results/lexer.txt

TEST_SUITES += lexer
