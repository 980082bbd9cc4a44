/* engine/base/i18n.c - binding the message catalogue (see i18n.h). */
#include <locale.h>
#include <stdlib.h>

#include "engine/base/i18n.h"

#ifndef OV_LOCALEDIR
#define OV_LOCALEDIR "/usr/share/locale"
#endif

void ov_i18n_init(void)
{
	const char *dir = getenv("OVERENS_LOCALEDIR");

	/*
	 * Only the messages follow the locale: LC_NUMERIC would put decimal
	 * commas into PDF operators and XPath numbers.
	 */
	setlocale(LC_MESSAGES, "");
	bindtextdomain(OV_TEXTDOMAIN, dir && *dir ? dir : OV_LOCALEDIR);
	bind_textdomain_codeset(OV_TEXTDOMAIN, "UTF-8");
}
