## tests/unit/local-training.mk - the training and roster data (included
## from tests/local.mk): model, store and their CUnit tests.
src_libtheodoi_a_SOURCES += src/views/training.c src/store/training.c \
	src/store/learners.c
check_PROGRAMS += tests/unit/test_training tests/unit/test_roster
tests_unit_test_training_SOURCES = tests/unit/test_training.c tests/unit/training-fixture.c \
	tests/unit/training-fixture.h
tests_unit_test_roster_SOURCES = tests/unit/test_roster.c tests/unit/training-fixture.c \
	tests/unit/training-fixture.h
