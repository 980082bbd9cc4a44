/*
 * export.c - the reviewer's export (overens/export.h): gathers in memory,
 * for each digitally signed version (or the one in force on a day), the
 * signed PDF from git, the agreement XML as its tag holds it and its
 * evidence log (engine/signing/evidence.c); a git bundle of main and the
 * version tags (made by the store); the trusted CA certificates under
 * trust/; the schema; LÄSMIG.txt (Swedish: how to check everything with stock tools)
 * and SHA256SUMS over every other file.  archive.c writes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>


#include "overens/error.h"
#include "overens/export.h"
#include "overens/query.h"
#include "overens/sign.h"
#include "engine/base/xmlsafe.h"
#include "engine/export/export_int.h"
#include "engine/signing/evidence.h"
#include "store/workspace.h"

#define MAX_VERSIONS 1000

int ov_export_add(ov_export_files *f, const char *name, const void *data, size_t len)
{
	ov_export_file *e;

	if (f->n == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 16;
		ov_export_file *v = realloc(f->v, cap * sizeof(*v));

		if (!v)
			return ov_error_set(OV_ENOMEM, "out of memory");
		f->v = v;
		f->cap = cap;
	}
	e = &f->v[f->n];
	memset(e, 0, sizeof(*e));
	if (!(e->name = strdup(name)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	f->n++;
	return ov_buf_put(&e->data, data, len);
}

void ov_export_files_free(ov_export_files *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].name);
		ov_buf_dispose(&f->v[i].data);
	}
	free(f->v);
	memset(f, 0, sizeof(*f));
}

typedef struct export_state {
	ov_workspace *ws;
	const char *id;
	ov_export_files files;
	int versions[MAX_VERSIONS];
	size_t nversions;
	ov_buf readme;
} export_state;

/* Version `v`: its PDF, its XML as tagged, its evidence log. */
static int add_version(export_state *st, int v)
{
	ov_buf path = OV_BUF_INIT, pdf = OV_BUF_INIT, xml = OV_BUF_INIT, ev = OV_BUF_INIT;
	ov_buf name = OV_BUF_INIT, tag = OV_BUF_INIT, file = OV_BUF_INIT;
	ov_verify_report *rep = NULL;
	int err;

	if ((err = ov_buf_printf(&file, "signed/v%d.pdf", v)) < 0 ||
	    (err = ov_agreement_path(&path, st->id, file.ptr)) < 0 ||
	    (err = ov_ws_read(&pdf, st->ws, NULL, path.ptr)) < 0 ||
	    (err = ov_buf_printf(&tag, "%s-v%d", st->id, v)) < 0 ||
	    (err = ov_agreement_show(&xml, st->ws, st->id, tag.ptr)) < 0 ||
	    (err = ov_verify(&rep, st->ws, st->id, pdf.ptr, pdf.size, path.ptr, NULL)) < 0 ||
	    (err = ov_evidence_export(&ev, st->ws, st->id, v, rep, &pdf)) < 0)
		goto done;
	if ((err = ov_buf_printf(&name, "%s-v%d.pdf", st->id, v)) < 0 ||
	    (err = ov_export_add(&st->files, name.ptr, pdf.ptr, pdf.size)) < 0)
		goto done;
	ov_buf_clear(&name);
	if ((err = ov_buf_printf(&name, "%s-v%d.xml", st->id, v)) < 0 ||
	    (err = ov_export_add(&st->files, name.ptr, xml.ptr, xml.size)) < 0)
		goto done;
	ov_buf_clear(&name);
	if ((err = ov_buf_printf(&name, "%s-v%d-bevis.xml", st->id, v)) < 0 ||
	    (err = ov_export_add(&st->files, name.ptr, ev.ptr, ev.size)) < 0)
		goto done;
	st->versions[st->nversions++] = v;
done:
	ov_verify_report_free(rep);
	ov_buf_dispose(&path);
	ov_buf_dispose(&pdf);
	ov_buf_dispose(&xml);
	ov_buf_dispose(&ev);
	ov_buf_dispose(&name);
	ov_buf_dispose(&tag);
	ov_buf_dispose(&file);
	return err;
}

/* The agreement's current version (its document's version attribute). */
static int current_version(int *out, ov_workspace *ws, const char *id)
{
	ov_buf xml = OV_BUF_INIT;
	xmlDocPtr doc = NULL;
	char *v = NULL;
	int err;

	if ((err = ov_agreement_show(&xml, ws, id, NULL)) >= 0 &&
	    (err = ov_xml_parse_memory(&doc, xml.ptr, xml.size, id)) >= 0) {
		v = ov_xml_attr(xmlDocGetRootElement(doc), "version");
		*out = v ? atoi(v) : 1;
		if (*out < 1 || *out >= MAX_VERSIONS)
			err = ov_error_set(OV_EINVALID, "%s: version '%s' out of range", id, v);
	}
	free(v);
	xmlFreeDoc(doc);
	ov_buf_dispose(&xml);
	return err;
}

/* Every version with a tag and a signed PDF, or the one in force on `as_of`. */
static int add_versions(export_state *st, const char *as_of)
{
	ov_buf tag = OV_BUF_INIT;
	char target[41];
	int err = OV_OK, last = 0;

	if (as_of) {
		ov_in_force f;

		if ((err = ov_agreement_in_force(&f, st->ws, st->id, as_of)) < 0)
			return err;
		return add_version(st, f.version);
	}
	if ((err = current_version(&last, st->ws, st->id)) < 0)
		return err;
	for (int v = 1; v <= last && err >= 0; v++) {
		ov_buf_clear(&tag);
		if ((err = ov_buf_printf(&tag, "%s-v%d", st->id, v)) < 0)
			break;
		if ((err = ov_ws_tag_target(target, st->ws, tag.ptr)) == OV_ENOTFOUND) {
			ov_error_clear();
			err = OV_OK;
			continue;
		}
		if (err >= 0)
			err = add_version(st, v);
	}
	ov_buf_dispose(&tag);
	if (err >= 0 && !st->nversions)
		err = ov_error_set(OV_ENOTFOUND, "agreement %s has no signed PDF yet", st->id);
	return err;
}

static int add_ca(const char *path, void *payload)
{
	export_state *st = payload;
	ov_buf pem = OV_BUF_INIT, name = OV_BUF_INIT;
	const char *base = strrchr(path, '/');
	int err;

	if (strlen(path) < 4 || strcmp(path + strlen(path) - 4, ".pem"))
		return OV_OK;
	if ((err = ov_ws_read(&pem, st->ws, NULL, path)) >= 0 &&
	    (err = ov_buf_printf(&name, "ca/%s", base ? base + 1 : path)) >= 0)
		err = ov_export_add(&st->files, name.ptr, pem.ptr, pem.size);
	ov_buf_dispose(&pem);
	ov_buf_dispose(&name);
	return err;
}

static int add_bundle(export_state *st)
{
	ov_buf bundle = OV_BUF_INIT;
	char **refs = calloc(st->nversions + 1, sizeof(*refs));
	int err = OV_OK;

	if (!refs)
		return ov_error_set(OV_ENOMEM, "out of memory");
	refs[0] = strdup("refs/heads/main");
	for (size_t i = 0; i < st->nversions; i++) {
		ov_buf r = OV_BUF_INIT;

		ov_buf_printf(&r, "refs/tags/%s-v%d", st->id, st->versions[i]);
		refs[i + 1] = ov_buf_detach(&r);
	}
	for (size_t i = 0; i <= st->nversions; i++)
		if (!refs[i])
			err = ov_error_set(OV_ENOMEM, "out of memory");
	if (err >= 0 &&
	    (err = ov_ws_bundle(&bundle, st->ws, (const char *const *)refs, st->nversions + 1)) >= 0)
		err = ov_export_add(&st->files, "historik.bundle", bundle.ptr, bundle.size);
	for (size_t i = 0; i <= st->nversions; i++)
		free(refs[i]);
	free(refs);
	ov_buf_dispose(&bundle);
	return err;
}

static int add_schema(export_state *st)
{
	char *path = ov_workspace_data_path(st->ws, "templates/evidence.rng");
	ov_buf rng = OV_BUF_INIT;
	int err;

	if (!path)
		return ov_error_set(OV_ENOMEM, "out of memory");
	if ((err = ov_buf_read_file(&rng, path)) >= 0)
		err = ov_export_add(&st->files, "evidence.rng", rng.ptr, rng.size);
	free(path);
	ov_buf_dispose(&rng);
	return err;
}

/* LÄSMIG.txt, the list of files. */
static void readme_files(export_state *st)
{
	ov_buf *b = &st->readme;
	const char *id = st->id;

	ov_buf_printf(b,
		"Granskningsunderlag för avtal %s\n"
		"========================================\n\n"
		"Allt här kan kontrolleras med vanliga verktyg (sha256sum, certutil och pdfsig\n"
		"från NSS och Poppler, git, xmllint, openssl), utan Överens.  Kör kommandona\n"
		"i den mapp där filerna packats upp.\n\n"
		"Innehåll\n--------\n", id);
	for (size_t i = 0; i < st->nversions; i++) {
		int v = st->versions[i];

		ov_buf_printf(b,
			"%s-v%d.pdf\n    den undertecknade PDF:en för version %d\n"
			"%s-v%d.xml\n    avtalets XML så som den undertecknades (taggen %s-v%d)\n"
			"%s-v%d-bevis.xml\n    bevisloggen för version %d\n",
			id, v, v, id, v, id, v, id, v, v);
	}
	ov_buf_puts(b,
		"evidence.rng\n    RelaxNG-schemat för bevisloggarna\n"
		"historik.bundle\n    avtalets git-historik (main och versionstaggarna)\n"
		"ca/*.pem\n    de betrodda CA-certifikaten\n"
		"SHA256SUMS\n    kontrollsummor för alla filer ovan\n\n");
}

/* LÄSMIG.txt: how to check the export with stock tools (Swedish, like every document). */
static int add_readme(export_state *st)
{
	ov_buf *b = &st->readme;
	const char *id = st->id;
	size_t n = strlen(id), i;

	readme_files(st);
	ov_buf_puts(b,
		"1. Filerna är oförändrade\n"
		"   sha256sum -c SHA256SUMS\n"
		"   Varje fil ska få OK.\n\n"
		"2. Underskrifterna\n"
		"   Gör en NSS-databas som litar på de medföljande CA-certifikaten:\n"
		"     mkdir nss\n"
		"     certutil -N --empty-password -d sql:nss\n"
		"     for f in ca/*.pem; do certutil -A -n \"$f\" -t CT,C,C -i \"$f\" -d sql:nss; done\n"
		"   Pröva sedan varje PDF:\n");
	for (i = 0; i < st->nversions; i++)
		ov_buf_printf(b, "     pdfsig -nssdir sql:nss %s-v%d.pdf\n", id, st->versions[i]);
	ov_buf_puts(b,
		"   Varje underskrift ska ge \"Signature is Valid\" och \"Certificate is Trusted\".\n\n"
		"3. Historiken\n"
		"   git clone historik.bundle historik\n"
		"   git -C historik bundle verify ../historik.bundle\n"
		"   git -C historik log --format=fuller main\n"
		"   git -C historik tag\n"
		"   Taggen <id>-v<N> pekar på den incheckning vars avtalstext undertecknades,\n"
		"   och den ska vara lika med filen <id>-v<N>.xml:\n");
	for (i = 0; i < st->nversions; i++)
		ov_buf_printf(b, "     git -C historik show %s-v%d:agreements/%s/%s/agreement.xml"
			      " | cmp - %s-v%d.xml\n", id, st->versions[i], id + (n > 2 ? n - 2 : 0),
			      id, id, st->versions[i]);
	ov_buf_puts(b, "\n4. Bevisloggarna\n");
	for (i = 0; i < st->nversions; i++)
		ov_buf_printf(b, "   xmllint --noout --relaxng evidence.rng %s-v%d-bevis.xml\n", id,
			      st->versions[i]);
	return ov_buf_printf(b,
		"   En bevislogg räknar upp varje händelse i avtalets historik från första kontakten\n"
		"   till versionens sista underskrift: vem (namn och e-post), dag och klockslag,\n"
		"   incheckningens id (jämför med git log ovan) och vad som ändrades.  För varje\n"
		"   digital underskrift anges certifikatets subjekt, utfärdare, serienummer och\n"
		"   SHA-256-fingeravtryck, underskriftstiden, en eventuell tidsstämpel och SHA-256\n"
		"   av PDF:en fram till slutet av underskriftens revision (attributet bytes).\n"
		"   Fingeravtrycket i en PDF:s underskrift nummer K (räknat från 0):\n"
		"     pdfsig -dump %s-v<N>.pdf\n"
		"     openssl pkcs7 -inform DER -in %s-v<N>.pdf.sig<K> -print_certs |\n"
		"       openssl x509 -noout -subject -fingerprint -sha256\n"
		"   (det första certifikatet är undertecknarens; openssl skriver med versaler\n"
		"   och kolon).  Revisionens kontrollsumma:\n"
		"     head -c <bytes> %s-v<N>.pdf | sha256sum\n"
		"   Varje PDF undertecknad sedan bevisloggen infördes bär den logg som gjordes när\n"
		"   versionen frös, före första underskriften: dess sista sidor (Bevislogg) och den\n"
		"   bifogade filen bevislogg.xml, med händelserna fram till frysningen och tidigare\n"
		"   versioners underskrifter.  Versionens egna underskrifter står i nästa versions\n"
		"   logg och i loggarna ovan.\n"
		"     pdfdetach -save 2 -o bevislogg.xml %s-v<N>.pdf\n"
		"     xmllint --noout --relaxng evidence.rng bevislogg.xml\n", id, id, id, id);
}

static int add_sums(export_state *st)
{
	ov_buf sums = OV_BUF_INIT;
	char sum[65];
	int err;

	for (size_t i = 0; i < st->files.n; i++) {
		ov_evidence_sha256(sum, st->files.v[i].data.ptr, st->files.v[i].data.size);
		ov_buf_printf(&sums, "%s  %s\n", sum, st->files.v[i].name);
	}
	err = ov_export_add(&st->files, "SHA256SUMS", sums.ptr, sums.size);
	ov_buf_dispose(&sums);
	return err;
}

/* A folder export into an existing folder goes to <folder>/<id>. */
static int folder_target(ov_buf *out, const char *path, const char *id)
{
	struct stat st;
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	if (ov_buf_put(out, path, n) < 0)
		return OV_ENOMEM;
	if (stat(out->ptr, &st) == 0 && S_ISDIR(st.st_mode))
		return ov_buf_printf(out, "/%s", id);
	return OV_OK;
}

int ov_agreement_export(ov_workspace *ws, const char *id, const char *path,
			const ov_export_opts *opts)
{
	export_state st;
	ov_buf target = OV_BUF_INIT;
	int err;

	memset(&st, 0, sizeof(st));
	st.ws = ws;
	st.id = id;
	if ((err = add_versions(&st, opts ? opts->as_of : NULL)) < 0 ||
	    (err = add_bundle(&st)) < 0 ||
	    (err = ov_ws_list(ws, NULL, "trust", add_ca, &st)) < 0 ||
	    (err = add_schema(&st)) < 0 ||
	    (err = add_readme(&st)) < 0 ||
	    (err = ov_export_add(&st.files, "LÄSMIG.txt", st.readme.ptr, st.readme.size)) < 0 ||
	    (err = add_sums(&st)) < 0)
		goto done;
	if (opts && opts->folder) {
		if ((err = folder_target(&target, path, id)) >= 0)
			err = ov_export_write_folder(&st.files, target.ptr);
	} else {
		err = ov_export_write_zip(&st.files, path, opts && opts->force);
	}
done:
	ov_export_files_free(&st.files);
	ov_buf_dispose(&st.readme);
	ov_buf_dispose(&target);
	return err;
}
