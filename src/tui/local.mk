## src/tui/local.mk - the terminal UI (included by Makefile.am).
src_theodoi_SOURCES += src/tui/app.c
