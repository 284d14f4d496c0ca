## bench/local.mk (included by Makefile.am) - `make bench`, not part of check.
#
# Two small helpers that use nothing of the project, built only by
# `make bench`: the data generator and the meter (wall time, peak RSS, the
# terminal UI through a pseudo-terminal).  bench/run.sh does the rest.
EXTRA_DIST += bench/gen.c bench/meter.c bench/run.sh bench/README.md

BENCH_HELPERS = bench/gen$(EXEEXT) bench/meter$(EXEEXT)
bench/gen$(EXEEXT): $(srcdir)/bench/gen.c
	@$(MKDIR_P) bench
	$(AM_V_CC)$(CC) $(CPPFLAGS) $(CFLAGS) -std=gnu11 -Wall -Wextra -o $@ $(srcdir)/bench/gen.c
bench/meter$(EXEEXT): $(srcdir)/bench/meter.c
	@$(MKDIR_P) bench
	$(AM_V_CC)$(CC) $(CPPFLAGS) $(CFLAGS) -std=gnu11 -Wall -Wextra -o $@ $(srcdir)/bench/meter.c

# make bench [BENCH_OUT=DIR]; BENCH_ROWS, BENCH_SEED, BENCH_REPEAT come
# from the environment (BENCH_REPEAT=1 make bench).
BENCH_OUT = $(abs_top_builddir)/bench/out
.PHONY: bench clean-bench
bench: all $(BENCH_HELPERS)
	BENCH_OUT='$(BENCH_OUT)' SQLITE3='$(SQLITE3)' \
	  $(SHELL) '$(srcdir)/bench/run.sh' '$(abs_top_builddir)' '$(abs_top_srcdir)'

# `make clean` removes the helpers; the data in bench/out stays (rm -rf it).
clean-local: clean-bench
clean-bench:
	-rm -f $(BENCH_HELPERS)
