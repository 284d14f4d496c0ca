/* paths.c - find the data files and the database.
 *
 * The program must find its data both installed (pkgdatadir) and when run
 * from the build tree, including a VPATH build such as `make distcheck`,
 * where share/ stays in the source tree.  The build tree is recognised by
 * the program's own path: /proc/self/exe inside ABS_BUILDDIR/src. */
#include "config.h"

#include "theodoi/paths.h"
#include "theodoi/util.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 1 when the running program is the one in the build tree. */
static int in_build_tree(void)
{
    static int known = -1;
    if (known >= 0)
        return known;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    known = 0;
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char build[PATH_MAX];
            if (realpath(ABS_BUILDDIR "/src", build) && strcmp(build, exe) == 0)
                known = 1;
            else if (realpath(ABS_BUILDDIR "/tests/unit", build) && strcmp(build, exe) == 0)
                known = 1;
            else if (realpath(ABS_BUILDDIR "/tests/fuzz", build) && strcmp(build, exe) == 0)
                known = 1;
        }
    }
    return known;
}

const char *td_share_dir(void)
{
    const char *env = getenv("THEODOI_SHARE");
    if (env && *env)
        return env;
    return in_build_tree() ? ABS_SRCDIR "/share" : PKGDATADIR;
}

char *td_share_path(const char *name)
{
    return xasprintf("%s/%s", td_share_dir(), name);
}

const char *td_locale_dir(void)
{
    return in_build_tree() ? ABS_BUILDDIR "/locale" : LOCALEDIR;
}

char *td_db_path(const char *opt)
{
    if (opt && *opt)
        return xstrdup(opt);
    const char *env = getenv("THEODOI_DB");
    if (env && *env)
        return xstrdup(env);
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && *xdg)
        return xasprintf("%s/theodoi/theodoi.db", xdg);
    const char *home = getenv("HOME");
    return xasprintf("%s/.local/share/theodoi/theodoi.db", home ? home : ".");
}

int td_make_parent(const char *path)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    int rc = 0;
    if (slash && slash != dir) {
        *slash = '\0';
        for (char *p = dir + 1; *p; p++) {
            if (*p != '/')
                continue;
            *p = '\0';
            if (mkdir(dir, 0750) != 0 && errno != EEXIST)
                rc = -1;
            *p = '/';
        }
        if (mkdir(dir, 0750) != 0 && errno != EEXIST)
            rc = -1;
    }
    free(dir);
    return rc;
}
