/*
 * lazylib.c - opening a library on first use (see lazylib.h).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "overens/error.h"
#include "overens/lazylib.h"

int ov_lazy_open(const char *soname, const ov_lazy_sym *syms, size_t n, char *why,
		 size_t why_size)
{
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
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

	pthread_mutex_lock(&lib->lock);
	if (!lib->tried) {
		lib->loaded = ov_lazy_open(lib->soname, lib->syms, lib->nsyms, lib->why,
					   sizeof(lib->why));
		lib->tried = 1;
	}
	loaded = lib->loaded;
	pthread_mutex_unlock(&lib->lock);
	return loaded;
}

int ov_lazy_load(ov_lazy_lib *lib)
{
	if (ov_lazy_ready(lib))
		return OV_OK;
	return ov_error_set(OV_ERROR, "cannot load %s (Debian package %s): %s", lib->soname,
			    lib->package, lib->why);
}
