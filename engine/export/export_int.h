/*
 * export_int.h - internals of the reviewer's export (engine/export/):
 * the files gathered in memory (export.c) and the zip or folder they are
 * written to (archive.c); the evidence log is engine/signing/evidence.h.
 */
#ifndef OV_EXPORT_INT_H
#define OV_EXPORT_INT_H

#include "overens/buf.h"
#include "overens/sign.h"
#include "overens/workspace.h"

/* One file of the export: its name inside it ("v1/avtal.pdf") and bytes. */
typedef struct ov_export_file {
	char *name;
	ov_buf data;
} ov_export_file;

typedef struct ov_export_files {
	ov_export_file *v;
	size_t n, cap;
} ov_export_files;

/* Adds a file (the data is copied). */
int ov_export_add(ov_export_files *f, const char *name, const void *data, size_t len);
void ov_export_files_free(ov_export_files *f);


/* Writes the files as a zip file (or a folder) at `path`, never half-written. */
int ov_export_write_zip(const ov_export_files *f, const char *path, int force);
int ov_export_write_folder(const ov_export_files *f, const char *path);

#endif
