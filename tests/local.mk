## tests/local.mk - the tests (included by Makefile.am).
#
# CUnit programs of the import/export core, shell tests of the command line
# (tests/cli, helpers in tests/lib.sh), and the data they use (tests/data,
# with the malformed corpus in tests/data/bad and its README).

# init_load() lives in the library so that the unit tests can build a real
# database (moved out of src/cmd-init.c).
src_libtheodoi_a_SOURCES += src/sync/init.c

check_PROGRAMS += tests/unit/test_kinds tests/unit/test_sync tests/unit/test_rowpipe \
	tests/unit/test_schema tests/unit/test_undo tests/unit/test_edit
tests_unit_test_kinds_SOURCES = tests/unit/test_kinds.c tests/unit/cu-run.c tests/unit/cu-run.h
tests_unit_test_sync_SOURCES = tests/unit/test_sync.c tests/unit/sync-fixture.c tests/unit/sync-fixture.h \
	tests/unit/cu-run.c tests/unit/cu-run.h
tests_unit_test_undo_SOURCES = tests/unit/test_undo.c tests/unit/sync-fixture.c tests/unit/sync-fixture.h \
	tests/unit/cu-run.c tests/unit/cu-run.h
tests_unit_test_edit_SOURCES = tests/unit/test_edit.c tests/unit/sync-fixture.c tests/unit/sync-fixture.h \
	tests/unit/cu-run.c tests/unit/cu-run.h
tests_unit_test_rowpipe_SOURCES = tests/unit/test_rowpipe.c tests/unit/cu-run.c tests/unit/cu-run.h
tests_unit_test_schema_SOURCES = tests/unit/test_schema.c tests/unit/cu-run.c tests/unit/cu-run.h

CLI_TESTS_CORE = \
	tests/cli/basics.sh \
	tests/cli/dbpath.sh \
	tests/cli/init.sh \
	tests/cli/roundtrip.sh \
	tests/cli/newest-wins.sh \
	tests/cli/excel.sh \
	tests/cli/undo.sh \
	tests/cli/roles.sh \
	tests/cli/privacy.sh \
	tests/cli/report.sh \
	tests/cli/bad-corpus.sh \
	tests/cli/calc-roundtrip.sh
CLI_TESTS += $(CLI_TESTS_CORE)
EXTRA_DIST += $(CLI_TESTS_CORE) tests/data tests/big-roster.sh
