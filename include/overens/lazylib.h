/*
 * overens/lazylib.h - a shared library opened on first use instead of linked.
 *
 * For libraries only some commands need, two ways:
 *  - a few functions (libcurl, libmicrohttpd): the tool defines the
 *    functions it calls, and each forwards to the library's own, found here
 *    (see engine/notify/curl_lazy.c, web/mhd_lazy.c);
 *  - many functions (libxml2, libgit2, libharu, HarfBuzz, libxslt, libp11, libzip):
 *    a header that stands in for the library's own includes it, declares a
 *    table with one pointer per function the code calls (OV_LAZY_SLOT) and
 *    maps each function's name to its pointer, opening the library first
 *    (OV_LAZY_CALL); see store/git_lazy.h.  The code keeps calling
 *    git_commit_create(...) as written in the library's manual.
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
	/*
	 * Run once the slots are filled and before any other thread may call
	 * the library; it calls through the table itself (the names would
	 * come back here).  NULL for none.
	 */
	void (*on_load)(void);
	pthread_mutex_t lock;
	int tried, loaded;
	char why[512];
} ov_lazy_lib;

#define OV_LAZY_LIB(soname, package, syms) OV_LAZY_LIB_HOOK(soname, package, syms, NULL)
#define OV_LAZY_LIB_HOOK(soname, package, syms, on_load) \
	{ soname, package, syms, sizeof(syms) / sizeof((syms)[0]), on_load, \
	  PTHREAD_MUTEX_INITIALIZER, 0, 0, "" }

/*
 * Opens the library the first time (kept open for the process's life) and
 * fills every slot.  OV_OK when all were found; else OV_ERROR naming the
 * library, its package and the reason, on this and every later call.
 */
int ov_lazy_load(ov_lazy_lib *lib);

/* One function pointer of a table, typed as the library's header declares the function. */
#define OV_LAZY_SLOT(name) __typeof__(name) *name;
/* Its entry in the table of functions to find: { "name", &table.name }. */
#define OV_LAZY_ENTRY(table, name) { #name, &(table).name },

/*
 * The function `name` of `table`, the library opened first.  The commands
 * that use a library load it with ov_lazy_load where they start, so that a
 * missing library is an error they report; a call on another path opens it
 * here, and if it cannot be opened the process ends as the dynamic loader
 * would end it at start (a message and status 127).
 */
#define OV_LAZY_CALL(lib, table, name) (ov_lazy_need(&(lib)), (table).name)

/* A call of the void function `name` with `arg` if the library is loaded; else nothing. */
#define OV_LAZY_FREE(lib, table, name, arg) \
	(__atomic_load_n(&(lib).loaded, __ATOMIC_ACQUIRE) ? (table).name(arg) : (void)0)

void ov_lazy_need_slow(ov_lazy_lib *lib);

static inline void ov_lazy_need(ov_lazy_lib *lib)
{
	if (!__atomic_load_n(&lib->loaded, __ATOMIC_ACQUIRE))
		ov_lazy_need_slow(lib);
}

/* Whether ov_lazy_load succeeded (it is tried here if not yet), without a message. */
int ov_lazy_ready(ov_lazy_lib *lib);

/*
 * Opens `soname` and fills every slot.  Returns 1 when all were found;
 * else 0 with the reason in `why`.
 */
int ov_lazy_open(const char *soname, const ov_lazy_sym *syms, size_t n, char *why,
		 size_t why_size);

#endif
