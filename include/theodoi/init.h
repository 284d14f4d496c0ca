/* init.h - creating a database and loading its reference data. */
#ifndef THEODOI_INIT_H
#define THEODOI_INIT_H

#include "theodoi/db.h"

/* Check the scope options against the shipped units; *prov_out gets the
 * province (malloc'd) or NULL for the whole country. Prints errors. */
int init_scope(const char *province, const char *unit, char **prov_out);
/* Load tasks, groups, units in scope, items, courses, holidays; make this
 * login the first admin of a new database.  TD_OK, TD_EINPUT, TD_EDB. */
int init_load(td_db *db, const char *province, const char *unit, int quiet);

/* Fill the database with a plausible demo of Hải Phòng's communes. */
int demo_fill(td_db *db);

#endif
