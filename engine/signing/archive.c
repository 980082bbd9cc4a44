/*
 * archive.c - PAdES B-LTA: document time-stamps on signed agreement PDFs.
 *
 *   sign (sign.c), the version's last signature, with sign.ltv:
 *     signatures -> DSS (ltv.c) -> document time-stamp (ov__archive_stamp)
 *   overens timestamp ID|--all, years later, before the last time-stamp's
 *   TSA certificate expires:
 *     ... -> DSS with the validation data of everything the file carries,
 *     the last time-stamp's TSA chain included -> a new document
 *     time-stamp; one commit (Event: timestamp) per agreement.
 *
 * Each time-stamp covers the whole file before it, the earlier
 * time-stamps and their validation data included, so the chain of proof
 * goes on after an authority's certificate or algorithm has aged.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/date.h"
#include "overens/error.h"
#include "overens/query.h"
#include "overens/sign.h"
#include "engine/lifecycle/engine.h"
#include "engine/signing/ltv.h"
#include "engine/signing/pdfsign.h"
#include "engine/signing/sign_int.h"
#include "engine/signing/tsa.h"
#include "store/workspace.h"

/* The wait for each answer of a TSA, CRL server or OCSP responder. */
#define NET_TIMEOUT_MS 30000

typedef struct stamp_ctx {
	const char *url;
	X509_STORE *trust;
} stamp_ctx;

/* A token from the TSA over `data`, refused unless it verifies as
 * `verify` will check it. */
static int fetch_stamp(ov_buf *token, const unsigned char *data, size_t len, void *ctx)
{
	stamp_ctx *c = ctx;
	ov_tsa_info info;
	int err = ov_tsa_request(token, c->url, data, len, NET_TIMEOUT_MS);

	memset(&info, 0, sizeof(info));
	if (err == OV_OK && (err = ov_tsa_verify(&info, token->ptr, token->size, data, len,
						 c->trust)) < 0)
		ov_error_prefix("the time-stamping authority's token does not verify against "
				"the workspace's trust store");
	ov_tsa_info_dispose(&info);
	if (err < 0)
		ov_error_prefix("no document time-stamp (setting sign.tsa)");
	return err;
}

int ov__archive_stamp(ov_buf *pdf, const char *url, X509_STORE *trust)
{
	stamp_ctx c = { url, trust };
	ov_buf out = OV_BUF_INIT;
	ov_pdf_report *r = NULL;
	const ov_sig_info *last;
	int err;

	if ((err = ov_pdf_doc_timestamp(&out, pdf->ptr, pdf->size, fetch_stamp, &c)) < 0 ||
	    (err = ov_pdf_verify(&r, out.ptr, out.size, trust)) < 0)
		goto done;
	last = r->nsigs ? &r->sigs[r->nsigs - 1] : NULL;
	if (!last || !last->doc_timestamp || !last->timestamp_ok || !last->timestamp_live ||
	    !last->covers_to_here ||
	    r->appended_after_last || (r->nsigs > 1 && r->sigs[r->nsigs - 2].change_error)) {
		err = ov_error_set(OV_EVERIFY, "the document time-stamp does not verify: %s",
				   !last ? "?" : last->timestamp_error ? last->timestamp_error :
				   last->lapse_error ? last->lapse_error :
				   last->digest_error ? last->digest_error :
				   r->nsigs > 1 && r->sigs[r->nsigs - 2].change_error ?
				   r->sigs[r->nsigs - 2].change_error :
				   !last->covers_to_here ? "den täcker inte hela filen" : "?");
		goto done;
	}
	ov_buf_clear(pdf);
	err = ov_buf_put(pdf, out.ptr, out.size);
done:
	ov_pdf_report_free(r);
	ov_buf_dispose(&out);
	return err;
}

/* ------------------------------------------------------------------ */
/* overens timestamp                                                   */

typedef struct restamp {
	const char *id;
	int version;
	ov_buf pdf;             /* the verified signed PDF */
	ov_buf out;             /* it with a DSS and a new time-stamp */
	const char *url;
	const char *actor;
	X509_STORE *trust;
	long long now;
	char *lapsed;           /* see ov_timestamp_result */
} restamp;

/* The day `t` (seconds) falls on, UTC, as days since the epoch. */
static long day_of(long long t)
{
	return (long)(t / 86400);
}

/* The expiry of the TSA certificate of the newest verified time-stamp in
 * the PDF (0 when it has none). */
static int last_expiry(long long *out, const ov_buf *pdf, X509_STORE *trust)
{
	ov_pdf_report *r = NULL;
	long long newest = 0;
	int err;

	*out = 0;
	if ((err = ov_pdf_verify(&r, pdf->ptr, pdf->size, trust)) < 0)
		return err;
	for (size_t i = 0; i < r->nsigs; i++)
		if (r->sigs[i].timestamp_ok && r->sigs[i].timestamp_time >= newest) {
			newest = r->sigs[i].timestamp_time;
			*out = r->sigs[i].tsa_not_after;
		}
	ov_pdf_report_free(r);
	return OV_OK;
}

/*
 * The new file: fresh validation data for every chain in it, then a
 * document time-stamp; refused unless it verifies as a whole (a DSS that
 * now shows a signer revoked before signing does not become archived).
 */
static int restamp_make(restamp *op, ov_workspace *ws)
{
	ov_verify_report *vr = NULL;
	int err;

	if ((err = ov_ltv_extend(&op->out, op->pdf.ptr, op->pdf.size, op->trust, op->now,
				 NET_TIMEOUT_MS)) < 0)
		return ov_error_prefix("agreement %s: no validation data for the time-stamps",
				       op->id);
	if ((err = ov__archive_stamp(&op->out, op->url, op->trust)) < 0)
		return ov_error_prefix("agreement %s", op->id);
	if ((err = ov_verify(&vr, ws, op->id, op->out.ptr, op->out.size, op->id, NULL)) < 0)
		return err;
	if (!vr->ok)
		err = ov_error_set(OV_EVERIFY, "agreement %s version %d: with fresh validation "
				   "data the signed PDF does not verify, so it is not time-stamped: "
				   "%s", op->id, op->version, vr->nproblems ? vr->problems[0] : "?");
	/* a stamp that lapsed before this one stays lapsed: say so */
	for (size_t i = 0; err >= 0 && i < vr->nstamps && !op->lapsed; i++)
		if (vr->stamps[i].ok && !vr->stamps[i].live)
			err = ov_text_first(&op->lapsed, "dokumenttidsstämpeln %s hade redan "
					    "förfallit: %s", vr->stamps[i].field,
					    vr->stamps[i].lapsed ? vr->stamps[i].lapsed : "?");
	for (size_t i = 0; err >= 0 && i < vr->nsigs && !op->lapsed; i++)
		if (vr->sigs[i].timestamp_read && !vr->sigs[i].time_proven)
			err = ov_text_first(&op->lapsed, "tidsstämpeln i underskriften %s hade "
					    "redan förfallit; signeringstiden är den påstådda",
					    vr->sigs[i].field);
	ov_verify_report_free(vr);
	return err;
}

static int restamp_txn(ov_txn *txn, void *payload)
{
	restamp *op = payload;
	ov_buf path = OV_BUF_INIT, file = OV_BUF_INIT, now = OV_BUF_INIT;
	char ver[16];
	int err;

	snprintf(ver, sizeof(ver), "%d", op->version);
	if ((err = ov_buf_printf(&file, "signed/v%d.pdf", op->version)) < 0 ||
	    (err = ov_agreement_path(&path, op->id, file.ptr)) < 0 ||
	    (err = ov_txn_read(&now, txn, path.ptr)) < 0)
		goto done;
	if (now.size != op->pdf.size || memcmp(now.ptr, op->pdf.ptr, now.size)) {
		err = ov_error_set(OV_ECONFLICT, "agreement %s: the signed PDF changed while it was "
				   "being time-stamped; try again", op->id);
		goto done;
	}
	if ((err = ov_txn_write(txn, path.ptr, op->out.ptr, op->out.size)) < 0)
		goto done;
	ov_buf_printf(&txn->message, "timestamp: ny dokumenttidsstämpel på %s version %d\n\n"
		      "Valideringsdata och en ny tidsstämpel över hela den undertecknade filen, "
		      "så att underskrifterna\nkan prövas även när den förra tidsstämpelns "
		      "certifikat har gått ut.\n\n", op->id, op->version);
	ov_msg_trailer(&txn->message, "Agreement", op->id);
	ov_msg_trailer(&txn->message, "Event", "timestamp");
	ov_msg_trailer(&txn->message, "Version", ver);
	ov_msg_trailer(&txn->message, "Actor", op->actor);
done:
	ov_buf_dispose(&path);
	ov_buf_dispose(&file);
	ov_buf_dispose(&now);
	return err;
}

/* The version's PDF, verified: every party's signature valid. */
static int load_signed(restamp *op, ov_workspace *ws)
{
	ov_verify_report *vr = NULL;
	ov_buf xml = OV_BUF_INIT;
	int err = ov_agreement_show(&xml, ws, op->id, NULL);

	ov_buf_dispose(&xml);
	if (err < 0)
		return err;   /* no such agreement */
	if ((err = ov_verify(&vr, ws, op->id, NULL, 0, op->id, NULL)) < 0) {
		if (err == OV_ENOTFOUND)
			return ov_error_set(OV_ENOTFOUND, "agreement %s has no signed version to "
					    "time-stamp", op->id);
		return ov_error_prefix("agreement %s", op->id);
	}
	op->version = vr->version;
	if (!vr->all_parties || !vr->ok)
		err = ov_error_set(OV_EVERIFY, "agreement %s version %d: the signed PDF does not "
				   "verify (%s); 'overens verify %s' shows why, and a time-stamp "
				   "would not mend it", op->id, vr->version, vr->nproblems ?
				   vr->problems[0] : "?", op->id);
	ov_verify_report_free(vr);
	if (err == OV_OK)
		err = ov_agreement_signed_pdf(&op->pdf, ws, op->id);
	return err;
}

/* 1 when the last time-stamp's certificate expires within `o->within`. */
static int is_due(ov_timestamp_result *res, long long expiry, const ov_timestamp_opts *o,
		  long long now)
{
	ov_period p;
	char day[11];
	ov_date limit;

	if (expiry) {
		ov_date_format(day, ov_date_from_days(day_of(expiry)));
		res->expires = strdup(day);
	}
	if (ov_period_parse(&p, o->within ? o->within : "P1Y") < 0 || p.negative)
		return 0;   /* checked by the caller */
	limit = ov_date_add(ov_date_from_days(day_of(now)), &p);
	return o->force || !expiry || day_of(expiry) <= ov_date_to_days(limit);
}

static int check_within(const ov_timestamp_opts *o)
{
	ov_period p;

	if (ov_period_parse(&p, o->within ? o->within : "P1Y") < 0)
		return ov_error_prefix("--within");
	if (p.negative)
		return ov_error_set(OV_EINVALID, "--within %s: the period must not be negative",
				    o->within);
	return OV_OK;
}

int ov_agreement_timestamp(ov_timestamp_result *res, ov_workspace *ws, const char *actor,
			   const char *id, const ov_timestamp_opts *o)
{
	restamp op;
	ov_ws_who who;
	char *url = NULL;
	long long expiry = 0;
	int err;

	memset(res, 0, sizeof(*res));
	memset(&op, 0, sizeof(op));
	op.id = id;
	op.actor = actor;
	op.now = o->now ? o->now : (long long)time(NULL);
	if (!(res->id = strdup(id)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	if (!actor || !*actor)
		return ov_error_set(OV_EINVALID, "no acting person: give --as EMAIL or set "
				    "user.email");
	if ((err = check_within(o)) < 0)
		return err;
	if (ov_config_get(&url, ws, "sign.tsa") < 0 || !url || !*url) {
		ov_error_clear();
		free(url);
		return ov_error_set(OV_EINVALID, "agreement %s: the setting sign.tsa is not set; a "
				    "document time-stamp needs a time-stamping authority", id);
	}
	op.url = url;
	if ((err = load_signed(&op, ws)) < 0 || (err = ov__trust_store(&op.trust, ws)) < 0 ||
	    (err = last_expiry(&expiry, &op.pdf, op.trust)) < 0)
		goto done;
	res->version = op.version;
	if (!is_due(res, expiry, o, op.now) || (err = restamp_make(&op, ws)) < 0)
		goto done;
	who.name = actor;
	who.email = actor;
	who.when = op.now;
	who.offset_minutes = ov_sweden_offset(op.now);
	if ((err = ov_workspace_transact(ws, &who, restamp_txn, &op, res->commit)) == OV_OK) {
		res->stamped = 1;
		res->lapsed = op.lapsed;
		op.lapsed = NULL;
	}
done:
	free(op.lapsed);
	free(url);
	X509_STORE_free(op.trust);
	ov_buf_dispose(&op.pdf);
	ov_buf_dispose(&op.out);
	return err;
}

void ov_timestamp_result_dispose(ov_timestamp_result *r)
{
	if (!r)
		return;
	free(r->id);
	free(r->expires);
	free(r->error);
	free(r->lapsed);
	memset(r, 0, sizeof(*r));
}

void ov_timestamp_results_free(ov_timestamp_result *r, size_t n)
{
	for (size_t i = 0; r && i < n; i++)
		ov_timestamp_result_dispose(&r[i]);
	free(r);
}

static size_t count_failed(const ov_timestamp_result *r, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += r[i].error != NULL;
	return k;
}

int ov_timestamp_all(ov_timestamp_result **out, size_t *n, ov_workspace *ws, const char *actor,
		     const ov_timestamp_opts *o)
{
	ov_list_row *rows = NULL;
	ov_buf probe = OV_BUF_INIT;
	size_t nrows = 0;
	int err;

	*out = NULL;
	*n = 0;
	if ((err = check_within(o)) < 0 || (err = ov_agreement_list(&rows, &nrows, ws, NULL)) < 0)
		return err;
	if (!(*out = calloc(nrows + 1, sizeof(**out)))) {
		ov_list_free(rows, nrows);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < nrows; i++) {
		ov_timestamp_result *res = &(*out)[*n];
		int e;

		ov_buf_clear(&probe);
		if ((e = ov_agreement_signed_pdf(&probe, ws, rows[i].id)) < 0) {
			ov_error_clear();   /* never signed: nothing to archive */
			if (e == OV_ENOMEM)
				err = ov_error_set(OV_ENOMEM, "out of memory");
			if (e == OV_ENOMEM)
				break;
			continue;
		}
		(*n)++;
		if ((e = ov_agreement_timestamp(res, ws, actor, rows[i].id, o)) == OV_OK)
			continue;
		/* one agreement that fails does not stop the others */
		if (e == OV_ENOMEM || !(res->error = strdup(ov_error_last()->message))) {
			err = ov_error_set(OV_ENOMEM, "out of memory");
			break;
		}
		if (err == OV_OK)
			err = e;
		ov_error_clear();
	}
	ov_buf_dispose(&probe);
	ov_list_free(rows, nrows);
	if (err < 0 && err != OV_ENOMEM)
		err = ov_error_set(err, "%zu agreements could not be time-stamped", count_failed(*out, *n));
	return err;
}
