#!/usr/bin/env python3
"""Tests of the REPL of build/campy (host/repl.c) through a pseudo-terminal,
typed the way a person types: the banner and prompts, expression echo,
continuation lines with auto-indent, line editing keys, history, tab
completion, Ctrl-C (at the prompt and while code runs), Ctrl-D, paste mode
(Ctrl-E), tracebacks and sys.exit().

Every read has a deadline; a case that times out fails.

Usage: tests/host/test_repl.py --campy build/campy [--results FILE] [case ...]
"""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import PtySession, case, check, check_eq, check_in, main  # noqa: E402

UP, DOWN, RIGHT, LEFT = "\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D"
HOME, END, DELETE = "\x1b[H", "\x1b[F", "\x1b[3~"
HOME_VT, END_VT = "\x1b[1~", "\x1b[4~"
HOME_SS3, END_SS3 = "\x1bOH", "\x1bOF"
CTRL_A, CTRL_C, CTRL_D, CTRL_E = "\x01", "\x03", "\x04", "\x05"
CTRL_K, CTRL_U, BACKSPACE, BACKSPACE_H, TAB = "\x0b", "\x15", "\x7f", "\x08", "\t"


class Repl:
    """A REPL session that is always closed, whatever happens."""

    def __init__(self, args=(), env=None):
        self.args, self.env = args, env

    def __enter__(self):
        self.s = PtySession(self.args, env=self.env)
        self.s.prompt(10.0)
        return self.s

    def __exit__(self, *exc):
        self.s.close()
        return False


def run_then_ctrl_c(s, line):
    """Enters a line that prints "spin" then runs for ever; once "spin" is
    out (the terminal is back in cooked mode by then) sends Ctrl-C. Returns
    the output up to the next prompt."""
    s.set_mark()
    s.send(line + "\r")
    s.expect("\n", 5.0, "the end of the line")
    s.expect("spin\n", 10.0, "the code to start")
    time.sleep(0.1)
    s.send(CTRL_C)
    return s.prompt(3.0)


def enter_spin_loop(s):
    """Types a block that prints "spin" then loops; the empty line that runs
    it is left to run_then_ctrl_c."""
    s.enter("if True:")
    s.enter("print('sp' + 'in')")
    s.enter("while True: pass")


def screen_has_line(s, text):
    return text in s.screen.text_lines()


def check_result(s, typed, want, what):
    """Types `typed` (editing keys included) then Enter; the output must be
    `want` (lines, no prompt)."""
    out = s.line(typed)
    check_eq(out, want, what)


# ---------------------------------------------------------------- basics

@case
def test_banner_and_prompt():
    with Repl() as s:
        lines = s.screen.text_lines()
        check(re.match(r"campy v\d+\.\d+\.\d+ on .+; linux \[.+\] version$", lines[0]),
              "banner line", lines)
        check_eq(lines[1], "Use Ctrl-D to exit, Ctrl-E for paste mode", "second line")
        check_eq(lines[2], ">>>", "prompt")
        check(s.raw.endswith(b">>> ") or s.raw.endswith(b">>> \x1b[K"), "prompt ends the output",
              repr(s.raw[-40:]))


@case
def test_expression_echo():
    with Repl() as s:
        check_result(s, "1+1", "2\n", "1+1")
        check_result(s, "'a' * 3", "'aaa'\n", "repr of a str")
        check_result(s, "None", "", "None is not echoed")
        check_result(s, "x = 5", "", "assignment prints nothing")
        check_result(s, "x, x * 2", "(5, 10)\n", "a tuple")
        check_result(s, "print('hi'); 7", "hi\n7\n", "statement then expression")
        check(screen_has_line(s, ">>> 1+1"), "the typed line stays on screen", s.screen.text())


@case
def test_empty_lines():
    with Repl() as s:
        check_result(s, "", "", "empty line")
        check_result(s, "    ", "", "blank line")
        check_result(s, "3", "3\n", "still working")


@case
def test_unicode_line():
    with Repl() as s:
        check_result(s, "'h\u00e9llo \u20ac'", "'h\u00e9llo \u20ac'\n", "UTF-8 text")
        check_result(s, "len('\u00e9\u20ac')", "2\n", "characters, not bytes")


# ---------------------------------------------------------------- continuation

@case
def test_if_block():
    with Repl() as s:
        s.enter("if 1 > 0:")
        s.enter("print('yes')")
        check_eq(s.line(""), "yes\n", "if block ran after the empty line")
        check(screen_has_line(s, "...     print('yes')"), "auto-indented line",
              s.screen.text())


@case
def test_def_block_auto_indent():
    with Repl() as s:
        s.enter("def f():")
        # the continuation line comes prefilled with 4 spaces
        s.drain(0.2)
        check(s.screen.text_lines()[-1] == "...", "prompt line shows '...     '",
              s.screen.text_lines()[-2:])
        check(s.raw.decode(errors="replace").endswith("...     ") or
              s.raw.decode(errors="replace").endswith("...     \x1b[K"),
              "four spaces after '... '", repr(s.raw[-30:]))
        s.enter("return 5")
        check_eq(s.line(""), "", "def prints nothing")
        check_result(s, "f()", "5\n", "the function")


@case
def test_nested_blocks_indent_more():
    with Repl() as s:
        s.enter("def g(n):")
        s.enter("if n:")
        s.enter("return 'deep'")
        check(screen_has_line(s, "...         return 'deep'"), "8 spaces in the nested block",
              s.screen.text())
        s.enter("return 'shallow'")  # still at 8: unreachable but valid
        s.line("")
        check_result(s, "g(1), g(0)", "('deep', None)\n", "nested function")


@case
def test_dedent_with_backspace():
    with Repl() as s:
        s.enter("def h(n):")
        s.enter("if n:")
        s.enter("return 1")
        # remove the prefilled 8 spaces down to 4
        s.enter(BACKSPACE * 4 + "return 2")
        s.line("")
        check_result(s, "h(1), h(0)", "(1, 2)\n", "dedented line belongs to the function")


@case
def test_open_bracket_continues():
    with Repl() as s:
        s.enter("(1 +")
        check_eq(s.line("2)"), "3\n", "bracket continued on the next line")
        s.enter("[1,")
        s.enter(" 2,")
        check_eq(s.line(" 3]"), "[1, 2, 3]\n", "list over three lines")


@case
def test_for_loop_and_while():
    with Repl() as s:
        s.enter("for i in range(3):")
        s.enter("print(i * i)")
        check_eq(s.line(""), "0\n1\n4\n", "for loop")
        s.line("n = 3")
        s.enter("while n:")
        s.enter("n -= 1")
        check_eq(s.line(""), "", "while loop")
        check_result(s, "n", "0\n", "the loop ran")


@case
def test_class_block():
    with Repl() as s:
        s.enter("class C:")
        s.enter("def m(self):")
        s.enter("return 'method'")
        s.line("")
        check_result(s, "C().m()", "'method'\n", "class with a method")


# ---------------------------------------------------------------- editing keys

@case
def test_left_arrow_insert():
    with Repl() as s:
        check_result(s, "print(13)" + LEFT * 2 + "4", "143\n", "insert after LEFT LEFT")
        check(screen_has_line(s, ">>> print(143)"), "the edited line on screen", s.screen.text())


@case
def test_cursor_over_utf8():
    with Repl() as s:
        s.set_mark()
        s.send("'\u00e9\u00e9'" + LEFT + LEFT)
        s.expect("'\u00e9\u00e9'", 5.0, "the line")
        s.drain(0.3)
        check_eq(s.screen.col, len(">>> '\u00e9"), "cursor column: one per character")
        s.send("x")
        s.drain(0.3)
        check_eq(s.screen.col, len(">>> '\u00e9x"), "cursor column after an insert")
        check_eq(s.line(""), "'\u00e9x\u00e9'\n", "the edited text")


@case
def test_right_arrow():
    with Repl() as s:
        check_result(s, "12+3" + LEFT * 4 + RIGHT * 2 + "0", "123\n", "RIGHT moves back")
        check_result(s, "5" + RIGHT * 3 + "0", "50\n", "RIGHT stops at the end")


@case
def test_backspace():
    with Repl() as s:
        check_result(s, "print(12x" + BACKSPACE + ")", "12\n", "DEL (0x7f) erases")
        check_result(s, "print(34y" + BACKSPACE_H + ")", "34\n", "Ctrl-H erases")
        check_result(s, "'ab\u00e9" + BACKSPACE + "c'", "'abc'\n", "a whole UTF-8 character")
        check_result(s, BACKSPACE * 3 + "7", "7\n", "backspace on an empty line")
        check_result(s, "1+2" + LEFT + BACKSPACE + "9", "192\n", "in the middle")


@case
def test_ctrl_a_ctrl_e():
    with Repl() as s:
        check_result(s, "1+2)" + CTRL_A + "print(", "3\n", "Ctrl-A goes to the start")
        check_result(s, "print(5" + CTRL_A + CTRL_E + ")", "5\n", "Ctrl-E goes to the end")


@case
def test_home_end_keys():
    with Repl() as s:
        check_result(s, "-4)" + HOME + "abs(" + END + "*2", "8\n", "ESC[H / ESC[F")
        check_result(s, "-5)" + HOME_VT + "abs(" + END_VT + "*2", "10\n", "ESC[1~ / ESC[4~")
        check_result(s, "-6)" + HOME_SS3 + "abs(" + END_SS3 + "*2", "12\n", "ESC OH / ESC OF")


@case
def test_delete_and_kill_keys():
    with Repl() as s:
        check_result(s, "1x+1" + HOME + RIGHT + DELETE, "2\n", "Delete removes under the cursor")
        check_result(s, "2+3junk" + LEFT * 4 + CTRL_K, "5\n", "Ctrl-K cuts to the end")
        check_result(s, "junk 4+4" + LEFT * 3 + CTRL_U, "8\n", "Ctrl-U cuts to the start")
        check_result(s, "9x" + LEFT + CTRL_D, "9\n", "Ctrl-D inside a line deletes")


@case
def test_history_up_down():
    with Repl() as s:
        check_result(s, "7*6", "42\n", "first line")
        check_result(s, "'second'", "'second'\n", "second line")
        check_result(s, UP + UP + DOWN, "'second'\n", "Down comes forward again")
        check_result(s, UP, "'second'\n", "Up recalls the previous line")
        check_result(s, UP + UP, "42\n", "Up twice goes further back")
        check_result(s, UP + BACKSPACE + "7", "49\n", "a recalled line can be edited")
        check_result(s, UP * 50 + DOWN * 50 + "1", "1\n", "Down past the end gives a new line")


@case
def test_history_keeps_block_lines():
    with Repl() as s:
        s.enter("def k():")
        s.enter("return 'k'")
        s.line("")
        # the lines of the block are in the history one by one
        s.set_mark()
        s.send(UP + UP + "\r")
        s.expect("... ", 5.0, "def k(): recalled starts a block")
        s.enter("return 'again'")
        s.line("")
        check_result(s, "k()", "'again'\n", "the recalled def redefined k")


# ---------------------------------------------------------------- tab completion

@case
def test_tab_completes_builtin():
    with Repl() as s:
        check_result(s, "pri" + TAB + "('done')", "done\n", "pri<TAB> -> print")
        check(screen_has_line(s, ">>> print('done')"), "completed on screen", s.screen.text())


@case
def test_tab_completes_attribute():
    with Repl() as s:
        s.line("import sys")
        out = s.line("sys.ar" + TAB)
        check(screen_has_line(s, ">>> sys.argv"), "sys.ar<TAB> -> sys.argv", s.screen.text())
        check(out.startswith("[") and out.endswith("]\n"), "sys.argv evaluated", out)


@case
def test_tab_completes_import():
    """As MicroPython's REPL: "import " first on a line, then module names
    (built-in and frozen) after import and from."""
    with Repl() as s:
        s.line("im" + TAB + "ma" + TAB)
        check(screen_has_line(s, ">>> import math"), "im<TAB> ma<TAB> -> import math",
              s.screen.text())
        check_result(s, "math.floor(2.5)", "2\n", "math was imported")
        s.line("import asy" + TAB)
        check(screen_has_line(s, ">>> import asyncio"), "a frozen module", s.screen.text())
        check_result(s, "from js" + TAB + " import dumps; dumps([1])", "'[1]'\n",
                     "from js<TAB> -> from json")


@case
def test_tab_completes_global():
    with Repl() as s:
        s.line("my_long_variable_name = 99")
        check_result(s, "my_lo" + TAB, "99\n", "a global")


@case
def test_tab_lists_candidates():
    with Repl() as s:
        s.line("abc_one = 1; abc_two = 2")
        s.set_mark()
        s.send("abc" + TAB)  # completes the common part "abc_"
        time.sleep(0.2)
        s.send(TAB)  # now two candidates: listed
        s.expect("abc_two", 5.0, "the candidates listed")
        s.drain(0.2)
        text = s.screen.text()
        check("abc_one" in text and "abc_two" in text, "both candidates listed", text)
        check_eq(s.screen.text_lines()[-1], ">>> abc_", "the line is redrawn after the list")
        check_result(s, "two", "2\n", "then finishing by hand")


@case
def test_tab_nothing_to_complete():
    with Repl() as s:
        check_result(s, "zzzqqq" + TAB + BACKSPACE * 6 + "4", "4\n", "no candidates: no change")
        # a TAB at the start of a line indents (so Python complains)
        out = s.line(TAB + "5")
        check(screen_has_line(s, ">>>     5"), "four spaces", s.screen.text())
        check_in("IndentationError", out, "an indented line at the prompt")


@case
def test_tab_on_unknown_object():
    with Repl() as s:
        check_result(s, "nosuchthing.ab" + TAB + CTRL_A + CTRL_K + "6", "6\n",
                     "completion on an unknown name does nothing")


# ---------------------------------------------------------------- Ctrl-C, Ctrl-D

@case
def test_ctrl_c_clears_line():
    with Repl() as s:
        s.set_mark()
        s.send("this is garbage")
        time.sleep(0.1)
        s.send(CTRL_C)
        s.prompt(5.0)
        check_result(s, "1+1", "2\n", "the garbage was dropped")


@case
def test_ctrl_c_cancels_block():
    with Repl() as s:
        s.enter("if True:")
        s.enter("print('never')")
        s.set_mark()
        s.send(CTRL_C)
        s.prompt(5.0)
        check_result(s, "'after'", "'after'\n", "the block did not run")
        check("never\n" not in s.output(), "nothing ran", s.output())


@case
def test_ctrl_c_interrupts_loop():
    with Repl() as s:
        enter_spin_loop(s)
        out = run_then_ctrl_c(s, "")
        check_in("Traceback (most recent call last):", out, "traceback")
        check_in("KeyboardInterrupt", out, "KeyboardInterrupt")
        check_result(s, "1+1", "2\n", "the REPL goes on")


@case
def test_ctrl_c_twice_fresh_traceback():
    with Repl() as s:
        for i in range(2):
            enter_spin_loop(s)
            out = run_then_ctrl_c(s, "")
            check_eq(out.count('File "<stdin>"'), 1, "one traceback line, not the last one's too")


@case
def test_ctrl_c_interrupts_function():
    with Repl() as s:
        s.enter("def spin():")
        s.enter("print('sp' + 'in')")
        s.enter("n = 0")
        s.enter("while True:")
        s.enter("n += 1")
        s.line("")
        out = run_then_ctrl_c(s, "spin()")
        check_in("in spin", out, "traceback names the function")
        check_in("KeyboardInterrupt", out, "KeyboardInterrupt")


@case
def test_ctrl_c_caught_in_code():
    with Repl() as s:
        s.enter("try:")
        s.enter("print('sp' + 'in')")
        s.enter("while True: pass")
        s.enter(BACKSPACE * 4 + "except KeyboardInterrupt:")
        s.enter("print('caught it')")
        out = run_then_ctrl_c(s, "")
        check_in("caught it", out, "handled in the code")
        check("Traceback" not in out, "no traceback", out)


@case
def test_ctrl_d_exits():
    with Repl() as s:
        s.send(CTRL_D)
        check_eq(s.wait_exit(5.0), 0, "exit status")


@case
def test_ctrl_d_after_work_exits_zero():
    with Repl() as s:
        s.line("1/0")
        s.send(CTRL_D)
        check_eq(s.wait_exit(5.0), 0, "exit status after an earlier exception")


@case
def test_ctrl_d_at_continuation_runs_block():
    with Repl() as s:
        s.enter("if 1:")
        s.enter("print('by ctrl-d')")
        s.set_mark()
        s.send(CTRL_D)
        out = s.prompt(5.0)
        check_in("by ctrl-d", out, "Ctrl-D on an empty continuation line ends the block")


# ---------------------------------------------------------------- paste mode

@case
def test_paste_mode():
    with Repl() as s:
        s.set_mark()
        s.send(CTRL_E)
        s.expect("paste mode; Ctrl-C to cancel, Ctrl-D to finish", 5.0, "paste banner")
        s.expect("=== ", 5.0, "paste prompt")
        s.send("def p():\r    return 6\r\rx = p() * 7\rprint('pasted', x)\r")
        s.expect("print('pasted', x)", 5.0, "echo")
        s.set_mark()
        s.send(CTRL_D)
        out = s.prompt(5.0)
        check_in("pasted 42", out, "the pasted code ran")
        check(screen_has_line(s, "===     return 6"), "pasted lines are not auto-indented",
              s.screen.text())
        check_result(s, "x", "42\n", "globals from the paste")


@case
def test_paste_mode_cancel():
    with Repl() as s:
        s.set_mark()
        s.send(CTRL_E)
        s.expect("=== ", 5.0, "paste prompt")
        s.send("print('must not run')\r")
        s.expect("=== ", 5.0, "next paste line")
        s.set_mark()
        s.send(CTRL_C)
        s.prompt(5.0)
        check_result(s, "'ok'", "'ok'\n", "cancelled")
        check("must not run\n" not in s.output(), "nothing ran", s.output())


@case
def test_paste_mode_error_and_tab():
    with Repl() as s:
        s.send(CTRL_E)
        s.expect("=== ", 5.0, "paste prompt")
        s.send("if 1:\r\tprint('tab')\rraise ValueError('pasted error')\r")
        time.sleep(0.2)
        s.set_mark()
        s.send(CTRL_D)
        out = s.prompt(5.0)
        check_in("tab", out, "a TAB in paste mode is kept")
        check_in("ValueError: pasted error", out, "traceback")


# ---------------------------------------------------------------- errors and exit

@case
def test_exception_then_continue():
    with Repl() as s:
        out = s.line("1/0")
        check(out.startswith("Traceback (most recent call last):\n"), "traceback", out)
        check_in('File "<stdin>", line 1, in <module>', out, "location")
        check(re.search(r"ZeroDivisionError: .+\n$", out), "the exception", out)
        check_result(s, "1+1", "2\n", "the REPL goes on")
        out = s.line("undefined_thing")
        check_in("NameError", out, "NameError")
        check_result(s, "'still here'", "'still here'\n", "still going")


@case
def test_syntax_error_then_continue():
    with Repl() as s:
        out = s.line("1 +* 2")
        check_in("SyntaxError", out, "SyntaxError")
        check_result(s, "3", "3\n", "goes on")


@case
def test_sys_exit_in_repl():
    with Repl() as s:
        s.line("import sys")
        s.send("sys.exit(2)\r")
        check_eq(s.wait_exit(5.0), 2, "exit status")


@case
def test_sys_exit_message_in_repl():
    with Repl() as s:
        s.send("raise SystemExit('leaving')\r")
        check_eq(s.wait_exit(5.0), 1, "exit status")
        check_in("leaving", s.output(), "the message")


@case
def test_input_in_repl():
    with Repl() as s:
        s.set_mark()
        s.send("input('Q' + '> ')\r")
        s.expect("Q> ", 5.0, "input's prompt")
        s.send("campy\r")
        s.expect("\n", 5.0, "the end of the typed line")
        out = s.prompt(5.0)
        check_eq(out, "'campy'\n>>> ", "input() read the typed line")


@case
def test_typed_ahead_lines_all_run():
    with Repl() as s:
        s.set_mark()
        # typed before the first finishes: nothing may be lost
        s.send("x1 = 1\rx2 = 2\rx3 = 3\r")
        s.expect("x3 = 3", 5.0, "the third line")
        s.prompt(5.0)
        check_result(s, "x1 + x2 + x3", "6\n", "all three lines ran")


@case
def test_long_line():
    with Repl() as s:
        # far longer than a terminal line, or any fixed buffer
        check_result(s, "len('" + "z" * 10000 + "')", "10000\n", "a 10000-character line")
        check_result(s, "len('" + "\u00e9" * 3000 + "')", "3000\n", "3000 two-byte characters")
        check_result(s, UP + HOME + "x = " + END + " + 1", "", "editing a long recalled line")
        check_result(s, "x", "3001\n", "the edit took")


@case
def test_last_value_underscore():
    with Repl() as s:
        check_result(s, "6 * 7", "42\n", "a value")
        check_result(s, "_ + 1", "43\n", "_ is the last value shown")
        check_result(s, "None", "", "None is not shown")
        check_result(s, "_", "43\n", "... nor stored in _")


@case
def test_ctrl_c_in_input():
    with Repl() as s:
        s.set_mark()
        s.send("input('Q' + '> ')\r")
        s.expect("Q> ", 5.0, "input's prompt")
        time.sleep(0.2)
        s.send(CTRL_C)
        out = s.prompt(3.0)
        check_in("KeyboardInterrupt", out, "Ctrl-C while input() waits")
        check_result(s, "'next'", "'next'\n", "the REPL goes on")


@case
def test_full_heap_repl_survives():
    with Repl(["-X", "heapsize=100k"]) as s:
        s.line("a = []")
        s.enter("while True: a.append(bytearray(500))")
        out = s.line("")
        check(out.endswith("MemoryError\n"), "MemoryError when the heap is full", out)
        for line in ("len(a) > 10", "del a", "1 + 1"):
            out = s.line(line)
            check(out in ("True\n", "", "2\n") or "MemoryError" in out,
                  "a line typed with the heap full gives its value or MemoryError", out)
        s.send(CTRL_D)
        check_eq(s.wait_exit(5.0), 0, "exit status")


@case
def test_long_running_output():
    with Repl() as s:
        s.enter("for i in range(300):")
        s.enter("print('line', i)")
        out = s.line("")
        check_eq(out.count("\n"), 300, "all lines printed")
        check(out.endswith("line 299\n"), "last line", out[-50:])


if __name__ == "__main__":
    sys.exit(main("host.repl"))
