## lint.mk - `make lint`: the source checks of issue 8, run by ./quickstart check.
##  - every C file and header formatted by .clang-format (clang-format 14, Debian 12's);
##  - cppcheck clean (warning and portability checks);
##  - no warning from gcc and clang with -Wall -Wextra -Wshadow -Wformat=2.
## `make installcheck` (also part of `make distcheck`) runs the installed
## program on a new database: it must find share/ and the catalog.

LINT_FILES = $(wildcard $(srcdir)/src/*.c $(srcdir)/src/*/*.c $(srcdir)/src/*/*.h \
	$(srcdir)/include/theodoi/*.h $(srcdir)/tests/unit/*.c $(srcdir)/tests/fuzz/*.c \
	$(srcdir)/bench/*.c)
LINT_CFLAGS = -std=gnu11 -fsyntax-only -Wall -Wextra -Wshadow -Wformat=2 -Werror \
	-I. -I$(srcdir)/include -I$(srcdir)/src/text $(NCURSESW_CFLAGS) $(SQLITE_CFLAGS) \
	$(CUNIT_CFLAGS) -DPKGDATADIR=\"x\" -DLOCALEDIR=\"x\" -DABS_SRCDIR=\"x\" -DABS_BUILDDIR=\"x\" -DFUZZ_NAME=\"x\"

lint:
	@echo "lint: clang-format"; \
	  clang-format --dry-run --Werror $(LINT_FILES)
	@echo "lint: cppcheck"; \
	  cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr \
	    -I$(srcdir)/include -I$(srcdir)/src/text -I. $(srcdir)/src
	@for cc in gcc clang; do \
	  echo "lint: $$cc -Wall -Wextra -Wshadow -Wformat=2 -Werror"; \
	  for f in $(filter %.c,$(LINT_FILES)); do \
	    case $$f in */fuzz/*) extra=-Wno-unused-parameter;; *) extra=;; esac; \
	    $$cc $(LINT_CFLAGS) $$extra $$f || exit 1; \
	  done; \
	done
	@echo "lint: clean"

installcheck-local:
	@d=$$(mktemp -d) && \
	  LANG=C.UTF-8 env -u THEODOI_LANG "$(DESTDIR)$(bindir)/theodoi" --db "$$d/t.db" init --province 31 \
	    >"$$d/out" 2>&1 && grep -q "sẵn sàng" "$$d/out" && \
	  "$(DESTDIR)$(bindir)/theodoi" --db "$$d/t.db" export summary >/dev/null && \
	  test -f "$(DESTDIR)$(mandir)/man1/theodoi.1" && \
	  { echo "installcheck: the installed program found its data"; rm -rf "$$d"; } || \
	  { cat "$$d/out"; rm -rf "$$d"; exit 1; }

.PHONY: lint
