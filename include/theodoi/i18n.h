/* i18n.h - gettext for every UI string. */
#ifndef THEODOI_I18N_H
#define THEODOI_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Choose the UI language: "vi" (default) or "en" from --lang or
 * $THEODOI_LANG, bind the catalog found beside the program or installed. */
void i18n_init(const char *lang);
/* 1 when the terminal's locale is UTF-8. */
int i18n_utf8(void);

#endif
