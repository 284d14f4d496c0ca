## tests/fuzz/local.mk - fuzz targets, their regression runs, valgrind
## (included by Makefile.am).
##
##   make check                 runs every target once over its seed corpus
##                              and its kept crashers (tests/fuzz/fuzz_*)
##   make fuzz FUZZ_SECONDS=N   builds the targets with clang and libFuzzer
##                              (ASan + UBSan) and runs each for N seconds
##   make check-valgrind        the command-line tests under valgrind memcheck

FUZZ_TARGETS = csv import parsers text

# The regression build: each target with regress.c, by the normal compiler.
check_PROGRAMS += tests/fuzz/fuzz_csv tests/fuzz/fuzz_import tests/fuzz/fuzz_parsers \
	tests/fuzz/fuzz_text
# fuzz_csv has its own reader, reading 61 bytes at a time (CSV_CHUNK), so
# that short inputs cross many chunk boundaries (UTF-16 pairs, CRLF cut).
tests_fuzz_fuzz_csv_SOURCES = tests/fuzz/fuzz_csv.c tests/fuzz/regress.c tests/fuzz/fuzz.h \
	src/csv/reader.c src/csv/reader-input.c src/csv/reader-int.h
tests_fuzz_fuzz_csv_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME=\"csv\" -DCSV_CHUNK=61
tests_fuzz_fuzz_import_SOURCES = tests/fuzz/fuzz_import.c tests/fuzz/regress.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_import_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME=\"import\"
tests_fuzz_fuzz_parsers_SOURCES = tests/fuzz/fuzz_parsers.c tests/fuzz/regress.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_parsers_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME=\"parsers\"
tests_fuzz_fuzz_text_SOURCES = tests/fuzz/fuzz_text.c tests/fuzz/regress.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_text_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME=\"text\"

EXTRA_DIST += tests/fuzz/README.md tests/fuzz/corpus tests/fuzz/regress tests/fuzz/pending \
	tests/fuzz/valgrind.sh

# libFuzzer build: the library's sources compiled again by clang into
# tests/fuzz/fuzz_obj/ (the normal build is left alone), one fuzzer per
# target.  A crash stops `make fuzz` with the input saved as
# tests/fuzz/fuzz_crash-TARGET-*; fix the bug, then keep the input in
# tests/fuzz/regress/TARGET/ so that `make check` runs it from then on.
FUZZ_CC = clang
FUZZ_SECONDS = 60
FUZZ_FLAGS = -max_len=8192 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1
FUZZ_CFLAGS = -g -O1 -std=gnu11 -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CPPFLAGS = $(DEFS) $(DEFAULT_INCLUDES) $(AM_CPPFLAGS) $(SQLITE_CFLAGS)
FUZZ_LIBOBJS = $(patsubst %.c,tests/fuzz/fuzz_obj/%.o,$(filter %.c,$(src_libtheodoi_a_SOURCES)))
FUZZ_LIB = tests/fuzz/fuzz_obj/libtheodoi.a
FUZZ_BINS = $(FUZZ_TARGETS:%=tests/fuzz/fuzz_%-fuzzer)

tests/fuzz/fuzz_obj/%.o: %.c
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_CPPFLAGS) \
	  -MMD -MP -c -o $@ $<

tests/fuzz/fuzz_obj/src/csv/reader.o tests/fuzz/fuzz_obj/src/csv/reader-input.o: FUZZ_CPPFLAGS += -DCSV_CHUNK=61

$(FUZZ_LIB): $(FUZZ_LIBOBJS)
	$(AM_V_AR)rm -f $@ && $(AR) cr $@ $(FUZZ_LIBOBJS) && $(RANLIB) $@

tests/fuzz/fuzz_%-fuzzer: tests/fuzz/fuzz_%.c $(srcdir)/tests/fuzz/fuzz.h $(FUZZ_LIB)
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_CPPFLAGS) \
	  -o $@ $< $(FUZZ_LIB) $(SQLITE_LIBS) $(LIBS)

-include $(FUZZ_LIBOBJS:.o=.d)

fuzz: $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do \
	  work=tests/fuzz/fuzz_work/$$t; $(MKDIR_P) $$work || exit 1; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) seconds"; \
	  if ! tests/fuzz/fuzz_$$t-fuzzer -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) \
	      -artifact_prefix=tests/fuzz/fuzz_crash-$$t- $$work \
	      $(srcdir)/tests/fuzz/corpus/$$t >$$work.out 2>&1; then \
	    tail -n 60 $$work.out; \
	    echo "fuzz_$$t FAILED: the input is tests/fuzz/fuzz_crash-$$t-*;" \
	      "after the fix, keep it in tests/fuzz/regress/$$t/"; \
	    exit 1; \
	  fi; \
	  grep -E '^(Done|stat::number_of_executed_units)' $$work.out | tail -n 1; \
	done

# Valgrind memcheck over the command-line tests (and a few commands of
# its own): no invalid access, no definite leak.
check-valgrind: all
	@top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	  VALGRIND='$(VALGRIND)' $(SHELL) $(srcdir)/tests/fuzz/valgrind.sh

clean-local: clean-fuzz
clean-fuzz:
	rm -rf tests/fuzz/fuzz_obj tests/fuzz/fuzz_work tests/fuzz/fuzz_valgrind \
	  tests/fuzz/fuzz_*-fuzzer tests/fuzz/fuzz_crash-*

.PHONY: fuzz check-valgrind clean-fuzz
