/*
 * fuzz_common.h - small helpers shared by the harnesses in tests/fuzz:
 * the input as a C string, and the path of a file in the data folder
 * (workflows/, templates/), found once per process as the tool finds it
 * ($OVERENS_DATA, or the overens-data link beside the programs).
 */
#ifndef OV_FUZZ_COMMON_H
#define OV_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "engine/base/datadir.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input up to its first NUL, NUL-terminated (free()); NULL without memory. */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	const void *nul = memchr(data, 0, size);
	size_t n = nul ? (size_t)((const uint8_t *)nul - data) : size;
	char *s = malloc(n + 1);

	if (s) {
		memcpy(s, data, n);
		s[n] = '\0';
	}
	return s;
}

/*
 * "<data folder>/<rel>" (free()); a harness that cannot find its data
 * cannot test anything, so that stops the process with a message.
 */
static inline char *fuzz_data_path(const char *rel)
{
	ov_buf b = OV_BUF_INIT;
	char *dir = NULL;

	if (ov_datadir_find(&dir) < 0 || ov_buf_printf(&b, "%s/%s", dir, rel) < 0) {
		const ov_error *e = ov_error_last();
		fprintf(stderr, "fuzz: no data folder: %s\n", e ? e->message : "out of memory");
		exit(2);
	}
	free(dir);
	return b.ptr;
}

/*
 * An agreement as `overens new` writes it (samverkansavtal, subject
 * anhorigstod, two parties): the document the import harness changes and
 * the workflow harness expands its party fields with.
 */
static inline const char *fuzz_base_agreement(void)
{
	return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	       "<agreement id=\"2026-0001\" workflow=\"samverkansavtal\" version=\"1\""
	       " created=\"2026-01-12\">\n"
	       "<title>Samarbetsavtal om anh\xc3\xb6rigst\xc3\xb6""d</title>\n"
	       "<kind>Samarbetsavtal</kind>\n"
	       "<subject>anhorigstod</subject>\n"
	       "<state phase=\"kontakt\" since=\"2026-01-12\"/>\n"
	       "<parties>\n"
	       "<party role=\"krets\"><name>Helsingborgs r\xc3\xb6""dakorskrets</name>"
	       "<kind>krets</kind><orgnr>802002-8711</orgnr>"
	       "<address>Drottninggatan 14, 252 21 Helsingborg</address>"
	       "<contact><name>Karin Ek</name><email>karin.ek@example.org</email></contact>"
	       "<signatory><name>Lars \xc3\x96""berg</name><title>Ordf\xc3\xb6rande</title>"
	       "<email>lars.oberg@example.org</email></signatory></party>\n"
	       "<party role=\"kommun\"><name>Helsingborgs stad</name>"
	       "<kind>kommun</kind><orgnr>212000-0258</orgnr>"
	       "<address>Stortorget 17, 251 89 Helsingborg</address>"
	       "<contact><name>\xc3\x85sa Lindqvist</name><email>asa.lindqvist@example.se</email>"
	       "</contact><signatory><name>Per St\xc3\xa5hl</name><title>F\xc3\xb6rvaltningschef"
	       "</title><email>per.stahl@example.se</email></signatory></party>\n"
	       "</parties>\n"
	       "</agreement>\n";
}

#endif
