/*
 * lazylib.c - opening a library on first use (see lazylib.h).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

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
