/*
 * democert.c - the demo's throwaway CA and signing certificates (see
 * overens/demo.h).  EC P-256 keys; every name says "DEMO".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/lazy_crypto.h"

#include "overens/buf.h"
#include "overens/error.h"
#include "overens/demo.h"

static EVP_PKEY *new_key(void)
{
	return EVP_EC_gen("P-256");
}

static int add_ext(X509 *cert, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509_EXTENSION *ext;

	X509V3_set_ctx_nodb(&ctx);
	X509V3_set_ctx(&ctx, issuer, cert, NULL, NULL, 0);
	ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	if (!ext)
		return 0;
	X509_add_ext(cert, ext, -1);
	X509_EXTENSION_free(ext);
	return 1;
}

static X509 *make_cert(EVP_PKEY *key, const char *cn, const char *email, X509 *issuer,
		       EVP_PKEY *issuer_key, long serial, long long now)
{
	X509 *x = X509_new();
	X509_NAME *name = X509_NAME_new();
	time_t t = (time_t)now;
	int ok = x && name;

	ok = ok && X509_set_version(x, 2);
	ok = ok && ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
	ok = ok && X509_time_adj_ex(X509_getm_notBefore(x), -1, 0, &t);
	ok = ok && X509_time_adj_ex(X509_getm_notAfter(x), 730, 0, &t);
	ok = ok && X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
					      (const unsigned char *)"Överens DEMO – inte för riktiga avtal",
					      -1, -1, 0);
	ok = ok && X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
					      (const unsigned char *)cn, -1, -1, 0);
	if (email)
		ok = ok && X509_NAME_add_entry_by_txt(name, "emailAddress", MBSTRING_UTF8,
						      (const unsigned char *)email, -1, -1, 0);
	ok = ok && X509_set_subject_name(x, name);
	ok = ok && X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name);
	ok = ok && X509_set_pubkey(x, key);
	if (ok && !issuer) {
		ok = add_ext(x, x, NID_basic_constraints, "critical,CA:TRUE") &&
		     add_ext(x, x, NID_key_usage, "critical,keyCertSign,cRLSign") &&
		     add_ext(x, x, NID_subject_key_identifier, "hash");
	} else if (ok) {
		ok = add_ext(x, issuer, NID_basic_constraints, "CA:FALSE") &&
		     add_ext(x, issuer, NID_key_usage, "critical,digitalSignature,nonRepudiation") &&
		     add_ext(x, issuer, NID_subject_key_identifier, "hash") &&
		     add_ext(x, issuer, NID_authority_key_identifier, "keyid");
	}
	ok = ok && X509_sign(x, issuer_key ? issuer_key : key, EVP_sha256());
	X509_NAME_free(name);
	if (!ok) {
		X509_free(x);
		return NULL;
	}
	return x;
}

static int write_pem_cert(const char *path, X509 *x)
{
	FILE *f = fopen(path, "w");
	int ok = f && PEM_write_X509(f, x);

	if (f)
		fclose(f);
	return ok ? OV_OK : ov_error_set(OV_ERROR, "%s: cannot write", path);
}

int ov_demo_pki(const char *dir, const ov_demo_signer *signers, size_t n,
		const char *password, long long now)
{
	EVP_PKEY *ca_key = new_key();
	X509 *ca = ca_key ? make_cert(ca_key, "Överens DEMO-CA", NULL, NULL, NULL, 1, now) : NULL;
	ov_buf path = OV_BUF_INIT;
	int err = OV_OK;
	size_t i;

	if (!ca) {
		err = ov_error_set(OV_ERROR, "cannot make the demo CA");
		goto done;
	}
	ov_buf_printf(&path, "%s/demo-ca.pem", dir);
	if ((err = write_pem_cert(path.ptr, ca)) < 0)
		goto done;
	for (i = 0; i < n && err >= 0; i++) {
		EVP_PKEY *key = new_key();
		X509 *cert = key ? make_cert(key, signers[i].name, signers[i].email, ca, ca_key,
					     (long)i + 2, now) : NULL;
		STACK_OF(X509) *chain = sk_X509_new_null();
		PKCS12 *p12 = NULL;
		FILE *f = NULL;
		if (cert && chain && sk_X509_push(chain, ca))
			p12 = PKCS12_create(password, signers[i].name, key, cert, chain, 0, 0, 0, 0, 0);
		ov_buf_clear(&path);
		ov_buf_printf(&path, "%s/%s.p12", dir, signers[i].email);
		if (!p12 || !(f = fopen(path.ptr, "wb")) || !i2d_PKCS12_fp(f, p12))
			err = ov_error_set(OV_ERROR, "%s: cannot make the demo certificate", path.ptr);
		if (f)
			fclose(f);
		PKCS12_free(p12);
		sk_X509_free(chain); /* the CA is owned above */
		X509_free(cert);
		EVP_PKEY_free(key);
	}
done:
	X509_free(ca);
	EVP_PKEY_free(ca_key);
	ov_buf_dispose(&path);
	return err;
}
