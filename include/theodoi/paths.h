/* paths.h - where the data files, the catalogs and the database live. */
#ifndef THEODOI_PATHS_H
#define THEODOI_PATHS_H

/* Directory of the data files (units, template, groups, courses,
 * holidays): $THEODOI_SHARE, else the source tree's share/ when the program
 * runs from its build tree, else the installed pkgdatadir. Static storage. */
const char *td_share_dir(void);
/* malloc'd path of a file in the data directory. */
char *td_share_path(const char *name);
/* Directory holding <lang>/LC_MESSAGES/theodoi.mo. */
const char *td_locale_dir(void);
/* The database path: the --db option, else $THEODOI_DB, else
 * $XDG_DATA_HOME/theodoi/theodoi.db (~/.local/share/...). malloc'd. */
char *td_db_path(const char *opt);
/* Create the parent directory of path (mode 0750) when missing. 0 ok. */
int td_make_parent(const char *path);

#endif
