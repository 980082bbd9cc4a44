/*
 * overens/lazylib.h - a shared library opened on first use instead of linked.
 *
 * For libraries only some commands need (libcurl, libmicrohttpd): the tool
 * defines the functions it calls, and each forwards to the library's own,
 * found here (see engine/notify/curl_lazy.c, web/mhd_lazy.c).
 */
#ifndef OV_LAZYLIB_H
#define OV_LAZYLIB_H

#include <stddef.h>

/* One function to find: its name, and where its address goes (a function pointer). */
typedef struct ov_lazy_sym {
	const char *name;
	void *slot;
} ov_lazy_sym;

/*
 * Opens `soname` (kept open for the process's life) and fills every slot.
 * Returns 1 when all were found; else 0 with the reason in `why`.
 */
int ov_lazy_open(const char *soname, const ov_lazy_sym *syms, size_t n, char *why,
		 size_t why_size);

#endif
