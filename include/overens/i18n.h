/*
 * overens/i18n.h - translatable text (GNU gettext).
 *
 * Message ids are English; po/sv.po holds the Swedish catalogue.  The
 * locale chooses the language as usual (LANG=sv_SE.UTF-8 gives Swedish,
 * LANG=C English).  Wrap every user-facing string in _() where it is used,
 * or in N_() where it sits in a table and is translated when printed.
 */
#ifndef OVERENS_I18N_H
#define OVERENS_I18N_H

#include <libintl.h>

#define OV_TEXTDOMAIN "overens"

#define _(s) dgettext(OV_TEXTDOMAIN, s)
#define N_(s) (s)

/*
 * Sets the language of messages (LC_MESSAGES only) from the environment and
 * binds the catalogue: $OVERENS_LOCALEDIR, else the locale folder beside the
 * running program, else the install prefix's (see i18n.c).  Clients call it
 * once at start, before any thread: when the asked locale is not generated
 * it may set LANGUAGE.
 */
void ov_i18n_init(void);

/*
 * Shows messages in `lang` ("sv_SE") whatever the environment asks, for a
 * client whose users all read one language (the web interface is
 * Swedish).  Call it after ov_i18n_init, before any thread.
 */
void ov_i18n_use(const char *lang);

#endif
