# mk/lexer.mk: unit tests for the lexer (py/lexer.c) and the parser
# (py/parse.c). The lexer test stands alone; the parser test links the whole
# core in build/libcampy.a. Both write their cases to build/results/lexer.txt.

LEXER_TEST_BIN := $(BUILD)/tests/test_lexer
PARSE_TEST_BIN := $(BUILD)/tests/test_parse

$(LEXER_TEST_BIN): tests/unit/test_lexer.c py/lexer.c py/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_WARN) $(OPT) -I. -o $@ tests/unit/test_lexer.c py/lexer.c

$(PARSE_TEST_BIN): tests/unit/test_parse.c $(BUILD)/libcampy.a
	@mkdir -p $(dir $@)
	$(CC) $(campy_CFLAGS) -o $@ tests/unit/test_parse.c $(BUILD)/libcampy.a -lm

.PHONY: test-lexer
test-lexer: $(LEXER_TEST_BIN) $(PARSE_TEST_BIN)
	@mkdir -p $(BUILD)/results
	@$(LEXER_TEST_BIN) $(BUILD)/results/lexer.txt || \
	    echo "FAIL test_lexer exited abnormally" >> $(BUILD)/results/lexer.txt
	@$(PARSE_TEST_BIN) $(BUILD)/tests/parse-results.txt || \
	    echo "FAIL test_parse exited abnormally" >> $(BUILD)/tests/parse-results.txt
	@cat $(BUILD)/tests/parse-results.txt >> $(BUILD)/results/lexer.txt

TEST_SUITES += lexer
