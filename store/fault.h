/*
 * fault.h - the store's part of fault injection (engine/base/fault.h):
 * failing allocators for libgit2 and SQLite and a SQLite VFS whose writes
 * and syncs can fail.  In a build without OV_FAULTS both calls do nothing.
 */
#ifndef OV_STORE_FAULT_H
#define OV_STORE_FAULT_H

/* Before SQLite is first used: its allocator and default VFS. */
void ov_fault_setup_sqlite(void);

/* After git_libgit2_init: libgit2's allocator. */
void ov_fault_setup_git(void);

#endif
