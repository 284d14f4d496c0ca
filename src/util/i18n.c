/* i18n.c - choose the UI language.
 *
 * Vietnamese is the default on every UTF-8 locale, including C.UTF-8 and
 * en_US.UTF-8 as SSH sessions from Windows often have.  gettext ignores
 * $LANGUAGE under the C locale, so when LC_MESSAGES is C we switch that one
 * category to C.UTF-8; the catalog is always delivered as UTF-8 and the
 * screen layer folds it to ASCII when the terminal is not UTF-8. */
#include "config.h"

#include "theodoi/i18n.h"
#include "theodoi/paths.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

void i18n_init(const char *lang)
{
    setlocale(LC_ALL, "");
    if (!lang || !*lang)
        lang = getenv("THEODOI_LANG");
    if (!lang || !*lang)
        lang = "vi";
    if (strncmp(lang, "en", 2) == 0) {
        setenv("LANGUAGE", "en", 1);
    } else {
        setenv("LANGUAGE", lang, 1);
        const char *msg = setlocale(LC_MESSAGES, NULL);
        if (!msg || strcmp(msg, "C") == 0 || strcmp(msg, "POSIX") == 0) {
            if (!setlocale(LC_MESSAGES, "C.UTF-8"))
                setlocale(LC_MESSAGES, "C.utf8");
        }
    }
    bindtextdomain(PACKAGE, td_locale_dir());
    bind_textdomain_codeset(PACKAGE, "UTF-8");
    textdomain(PACKAGE);
}

int i18n_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}
