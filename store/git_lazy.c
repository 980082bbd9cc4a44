/*
 * git_lazy.c - libgit2's table of functions (see store/git_lazy.h).
 */
#define OV_LAZY_TABLES
#include "store/git_lazy.h"

struct ov_git_fns ov_git_fns;

#define GIT_ENTRY(name) OV_LAZY_ENTRY(ov_git_fns, name)
static const ov_lazy_sym git_syms[] = { OV_GIT_FUNCS(GIT_ENTRY) };

ov_lazy_lib ov_git_lib = OV_LAZY_LIB(OV_SONAME_GIT2, OV_PACKAGE_GIT2, git_syms);
