## src/tui/local.mk - the terminal UI (included by Makefile.am).
# Widget state (no curses) lives in the library so the unit tests link it;
# the screens are part of the program.
src_libtheodoi_a_SOURCES += src/tui/list.c src/tui/input.c
src_theodoi_SOURCES += src/tui/app.c src/tui/keys.c src/tui/draw.c \
	src/tui/prompt.c src/tui/view.c src/tui/form.c src/tui/fields.c src/tui/fform.c src/tui/fform.h src/tui/edits.c \
	src/tui/ui-communes.c src/tui/ui-checklist.c src/tui/ui-help.c \
	src/tui/ui-history.c

check_PROGRAMS += tests/unit/test_widgets
tests_unit_test_widgets_SOURCES = tests/unit/test_widgets.c tests/unit/cu-run.c tests/unit/cu-run.h

# tmux tests of the real program (skipped when tmux is missing).
TUI_TESTS += tests/tui/smoke.sh tests/tui/edit.sh tests/tui/ascii.sh tests/tui/live.sh \
	tests/tui/narrow.sh tests/tui/resize.sh tests/tui/bytes.sh tests/tui/conflict.sh tests/tui/undo.sh \
	tests/tui/conflict-roster.sh
EXTRA_DIST += $(TUI_TESTS) tests/tui/lib.sh

# The training screens: the table of a commune, its roster, the trend, their forms.
src_theodoi_SOURCES += src/tui/ui-training.c src/tui/ui-roster.c src/tui/ui-roster-pages.c src/tui/ui-roster.h src/tui/ui-learner.c \
	src/tui/ui-trend.c
TUI_TESTS += tests/tui/training.sh tests/tui/roster.sh

# Import (path, listing, dry run, import), export, the import history.
src_theodoi_SOURCES += src/tui/ui-import.c src/tui/ui-import-run.c src/tui/ui-import.h \
	src/tui/ui-export.c src/tui/ui-batches.c
TUI_TESTS += tests/tui/import.sh tests/tui/export.sh tests/tui/cancel.sh
