## tests/multi/local.mk - many users on one server (included by Makefile.am).
CLI_TESTS += tests/multi/concurrent.sh tests/multi/crash.sh tests/multi/unix-roles.sh \
	tests/multi/terms.sh tests/multi/hup.sh
EXTRA_DIST += tests/multi/concurrent.sh tests/multi/crash.sh tests/multi/unix-roles.sh \
	tests/multi/terms.sh tests/multi/hup.sh
