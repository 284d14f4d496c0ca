## tests/local.mk (included by Makefile.am)
