/*
 * engine/base/i18n.c - choosing the language and finding the catalogue
 * (see i18n.h).
 *
 * The language: only LC_MESSAGES follows the environment.  When the locale
 * the user asks for (say LANG=sv_SE.UTF-8) is not generated on the machine,
 * setlocale() refuses it and gettext would stay English; then messages are
 * set to C.UTF-8 (always present on Debian) and, unless LANGUAGE already
 * says otherwise, LANGUAGE is set to the asked locale's language, which
 * glibc's gettext honours for any locale but plain C.  LANG=C, POSIX or
 * nothing keeps English.
 *
 * The catalogue (<dir>/sv/LC_MESSAGES/overens.mo), first found of:
 *
 *   $OVERENS_LOCALEDIR                        set by the user
 *   <exe>/../share/locale                     an installed tree, moved or not
 *   <exe>/locale                              the build folder (tests)
 *   OV_LOCALEDIR                              the install prefix's locale dir
 *
 * where <exe> is the folder of the running program (/proc/self/exe).
 */
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "overens/i18n.h"

#ifndef OV_LOCALEDIR
#define OV_LOCALEDIR "/usr/share/locale"
#endif

/* Is there a catalogue under `dir`?  Swedish is the one we ship. */
static int has_catalogue(const char *dir)
{
	char path[PATH_MAX];
	int n = snprintf(path, sizeof(path), "%s/sv/LC_MESSAGES/" OV_TEXTDOMAIN ".mo", dir);

	return n > 0 && (size_t)n < sizeof(path) && access(path, R_OK) == 0;
}

/*
 * Writes into `out` the locale folder beside the running program, or
 * returns -1 when there is none (or /proc is not mounted).
 */
static int exe_localedir(char *out, size_t size)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;
	int n;

	if (len <= 0 || (size_t)len >= sizeof(exe) - 1)  /* none, or cut short */
		return -1;
	exe[len] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	n = snprintf(out, size, "%s/../share/locale", exe);
	if (n > 0 && (size_t)n < size && has_catalogue(out))
		return 0;
	n = snprintf(out, size, "%s/locale", exe);
	if (n > 0 && (size_t)n < size && has_catalogue(out))
		return 0;
	return -1;
}

/* The locale asked for messages, as setlocale(LC_MESSAGES, "") reads it. */
static const char *asked_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

/*
 * The asked locale is missing: keep its language for gettext through
 * LANGUAGE on top of C.UTF-8 (see the top of the file).
 */
static void fall_back(void)
{
	const char *want = asked_locale(), *language = getenv("LANGUAGE");
	char lang[64];
	size_t n;

	if (!want || !strcmp(want, "C") || !strcmp(want, "POSIX") || !strncmp(want, "C.", 2))
		return;
	n = strcspn(want, ".@");
	if (n == 0 || n >= sizeof(lang))
		return;
	if (!setlocale(LC_MESSAGES, "C.UTF-8"))
		return;
	if (language && *language)
		return;
	memcpy(lang, want, n);
	lang[n] = '\0';
	setenv("LANGUAGE", lang, 1);
}

void ov_i18n_init(void)
{
	const char *dir = getenv("OVERENS_LOCALEDIR");
	char found[PATH_MAX];

	/*
	 * Only the messages follow the locale: LC_NUMERIC would put decimal
	 * commas into PDF operators and XPath numbers.
	 */
	if (!setlocale(LC_MESSAGES, ""))
		fall_back();
	if (!dir || !*dir)
		dir = exe_localedir(found, sizeof(found)) == 0 ? found : OV_LOCALEDIR;
	bindtextdomain(OV_TEXTDOMAIN, dir);
	bind_textdomain_codeset(OV_TEXTDOMAIN, "UTF-8");
}

void ov_i18n_use(const char *lang)
{
	char name[64];

	snprintf(name, sizeof(name), "%s.UTF-8", lang);
	if (!setlocale(LC_MESSAGES, name))
		setlocale(LC_MESSAGES, "C.UTF-8"); /* LANGUAGE still chooses the catalogue */
	setenv("LANGUAGE", lang, 1);
}
