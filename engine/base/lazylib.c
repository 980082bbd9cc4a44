/*
 * lazylib.c - opening a library on first use (see lazylib.h).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "overens/i18n.h"
#include "overens/lazylib.h"

int ov_lazy_open(const char *soname, const ov_lazy_sym *syms, size_t n, char *why,
		 size_t why_size)
{
	/*
	 * RTLD_LAZY: the calls of a library that was not built to bind at
	 * load time are bound on first use, as the loader binds a linked
	 * library's at start.  With RTLD_NOW, binding every import of the
	 * C++ runtime that libxml2 brings made `status` slower than linking
	 * libxml2.  Every function the tool calls is looked up below, so a
	 * missing one is still reported here; a symbol missing deep in a
	 * dependency (a broken installation) ends the process at its first
	 * call, as it would for a linked library.
	 */
	void *lib = dlopen(soname, RTLD_LAZY | RTLD_LOCAL);
	const char *e;

	if (!lib) {
		e = dlerror();
		snprintf(why, why_size, "%s", e ? e : soname);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		void *p = dlsym(lib, syms[i].name);

		if (!p) {
			e = dlerror();
			snprintf(why, why_size, "%s: %s", soname, e ? e : syms[i].name);
			return 0;
		}
		/* A function pointer from dlsym's void *, as POSIX allows. */
		memcpy(syms[i].slot, &p, sizeof(p));
	}
	return 1;
}

int ov_lazy_ready(ov_lazy_lib *lib)
{
	int loaded;

	if (__atomic_load_n(&lib->loaded, __ATOMIC_ACQUIRE))
		return 1;
	pthread_mutex_lock(&lib->lock);
	if (!lib->tried) {
		int ok = ov_lazy_open(lib->soname, lib->syms, lib->nsyms, lib->why,
				      sizeof(lib->why));

		/*
		 * Every slot is filled, and the library set up, before `loaded`
		 * says so (ov_lazy_need reads it unlocked).
		 */
		if (ok && lib->on_load)
			lib->on_load();
		__atomic_store_n(&lib->loaded, ok, __ATOMIC_RELEASE);
		lib->tried = 1;
	}
	loaded = lib->loaded;
	pthread_mutex_unlock(&lib->lock);
	return loaded;
}

void ov_lazy_need_slow(ov_lazy_lib *lib)
{
	if (ov_lazy_ready(lib))
		return;
	fflush(stdout);
	fprintf(stderr, _("overens: cannot load %s (Debian package %s): %s\n"), lib->soname,
		lib->package, lib->why);
	exit(127);
}

int ov_lazy_load(ov_lazy_lib *lib)
{
	if (ov_lazy_ready(lib))
		return OV_OK;
	return ov_error_set(OV_ERROR, "cannot load %s (Debian package %s): %s", lib->soname,
			    lib->package, lib->why);
}
