/*
 * overens/lazylib.h - a shared library opened on first use instead of linked.
 *
 * For libraries only some commands need (libcurl, libmicrohttpd): the tool
 * defines the functions it calls, and each forwards to the library's own,
 * found here (see engine/notify/curl_lazy.c, web/mhd_lazy.c).
 */
#ifndef OV_LAZYLIB_H
#define OV_LAZYLIB_H

#include <pthread.h>
#include <stddef.h>

/* One function to find: its name, and where its address goes (a function pointer). */
typedef struct ov_lazy_sym {
	const char *name;
	void *slot;
} ov_lazy_sym;

/* A library, its functions, and whether opening it worked (static storage). */
typedef struct ov_lazy_lib {
	const char *soname;       /* "libcurl.so.4" */
	const char *package;      /* the Debian package that has it, for the message */
	const ov_lazy_sym *syms;
	size_t nsyms;
	pthread_mutex_t lock;
	int tried, loaded;
	char why[512];
} ov_lazy_lib;

#define OV_LAZY_LIB(soname, package, syms) \
	{ soname, package, syms, sizeof(syms) / sizeof((syms)[0]), PTHREAD_MUTEX_INITIALIZER, 0, 0, "" }

/*
 * Opens the library the first time (kept open for the process's life) and
 * fills every slot.  OV_OK when all were found; else OV_ERROR naming the
 * library, its package and the reason, on this and every later call.
 */
int ov_lazy_load(ov_lazy_lib *lib);

/* Whether ov_lazy_load succeeded (it is tried here if not yet), without a message. */
int ov_lazy_ready(ov_lazy_lib *lib);

/*
 * Opens `soname` and fills every slot.  Returns 1 when all were found;
 * else 0 with the reason in `why`.
 */
int ov_lazy_open(const char *soname, const ov_lazy_sym *syms, size_t n, char *why,
		 size_t why_size);

#endif
