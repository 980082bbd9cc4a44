/*
 * x509util.c - loading signer credentials and trust stores, and checking
 * signing certificates (see x509util.h).
 *
 * Files are read into memory with ov_buf_read_file and parsed from memory
 * BIOs, so that a missing file and a bad file give different codes.  PEM
 * password callbacks never prompt: without a password an encrypted key
 * simply fails.  OpenSSL's error queue is drained into our messages.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overens/lazy_crypto.h"

#include "overens/buf.h"
#include "overens/error.h"
#include "engine/signing/x509util.h"

/* The oldest queued OpenSSL error as text (or "unknown error"); clears the
 * queue. */
const char *ov_ssl_reason(char *buf, size_t size)
{
	unsigned long e = ERR_get_error();

	if (!e)
		snprintf(buf, size, "unknown error");
	else
		ERR_error_string_n(e, buf, size);
	ERR_clear_error();
	return buf;
}

static char *dup_utf8(const ASN1_STRING *s)
{
	unsigned char *utf8 = NULL;
	char *copy = NULL;
	int n = ASN1_STRING_to_UTF8(&utf8, s);

	if (n < 0)
		return NULL;
	/* an embedded NUL would let "Anna\0X" compare equal to "Anna" */
	if (memchr(utf8, 0, (size_t)n)) {
		OPENSSL_free(utf8);
		return NULL;
	}
	copy = malloc((size_t)n + 1);
	if (copy) {
		memcpy(copy, utf8, (size_t)n);
		copy[n] = '\0';
	}
	OPENSSL_free(utf8);
	return copy;
}

char *ov_x509_common_name(X509 *cert)
{
	const X509_NAME *name = cert ? X509_get_subject_name(cert) : NULL;
	int i = name ? X509_NAME_get_index_by_NID(name, NID_commonName, -1) : -1;

	if (i < 0)
		return NULL;
	return dup_utf8(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i)));
}

char *ov_x509_email(X509 *cert)
{
	const X509_NAME *name;
	GENERAL_NAMES *alt = NULL;
	char *email = NULL;
	int i;

	if (!cert)
		return NULL;
	name = X509_get_subject_name(cert);
	i = X509_NAME_get_index_by_NID(name, NID_pkcs9_emailAddress, -1);
	if (i >= 0)
		return dup_utf8(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i)));
	alt = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
	for (i = 0; alt && i < sk_GENERAL_NAME_num(alt) && !email; i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(alt, i);

		if (g->type == GEN_EMAIL)
			email = dup_utf8(g->d.rfc822Name);
	}
	GENERAL_NAMES_free(alt);
	return email;
}

char *ov_x509_name_line(const X509_NAME *name)
{
	BIO *mem = NULL;
	char *line = NULL, *p;
	long n;

	if (!name || !(mem = BIO_new(BIO_s_mem())))
		return NULL;
	if (X509_NAME_print_ex(mem, name, 0,
			       XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
		n = BIO_get_mem_data(mem, &p);
		if (n >= 0 && (line = malloc((size_t)n + 1))) {
			memcpy(line, p, (size_t)n);
			line[n] = '\0';
		}
	}
	BIO_free(mem);
	return line;
}

/* "CN" for messages: the common name or a placeholder (never NULL). */
static char *cert_label(X509 *cert)
{
	char *cn = ov_x509_common_name(cert);

	return cn ? cn : strdup("(no common name)");
}

static int read_whole(ov_buf *out, const char *path)
{
	if (ov_buf_read_file(out, path) < 0)
		return ov_error_set(OV_ENOTFOUND, "cannot read %s", path);
	return OV_OK;
}

int ov_x509_load_p12_mem(EVP_PKEY **key, X509 **cert, STACK_OF(X509) **chain,
			 const void *data, size_t len, const char *name, const char *password)
{
	const unsigned char *p = data;
	PKCS12 *p12 = NULL;
	const char *pass = password ? password : "";
	char why[256];
	int err = OV_OK;

	*key = NULL;
	*cert = NULL;
	*chain = NULL;
	if (len > 0x7fffffff || !(p12 = d2i_PKCS12(NULL, &p, (long)len))) {
		ERR_clear_error();
		return ov_error_set(OV_EINVALID, "%s is not a PKCS#12 file", name);
	}
	if (PKCS12_mac_present(p12) && !PKCS12_verify_mac(p12, pass, -1) &&
	    (*pass || !PKCS12_verify_mac(p12, NULL, 0))) {
		ERR_clear_error();
		err = ov_error_set(OV_EINVALID, "wrong password for %s", name);
		goto done;
	}
	if (!PKCS12_parse(p12, pass, key, cert, chain)) {
		err = ov_error_set(OV_EINVALID, "cannot open %s: %s", name,
				   ov_ssl_reason(why, sizeof(why)));
		goto done;
	}
	if (!*key || !*cert) {
		err = ov_error_set(OV_EINVALID, "%s holds no private key and "
				   "certificate", name);
		goto done;
	}
	if (!*chain && !(*chain = sk_X509_new_null()))
		err = ov_error_set(OV_ENOMEM, "out of memory");
done:
	PKCS12_free(p12);
	if (err < 0) {
		EVP_PKEY_free(*key);
		X509_free(*cert);
		sk_X509_pop_free(*chain, X509_free);
		*key = NULL;
		*cert = NULL;
		*chain = NULL;
	}
	return err;
}

int ov_x509_load_p12(EVP_PKEY **key, X509 **cert, STACK_OF(X509) **chain,
		     const char *path, const char *password)
{
	ov_buf file = OV_BUF_INIT;
	int err;

	*key = NULL;
	*cert = NULL;
	*chain = NULL;
	if ((err = read_whole(&file, path)) >= 0)
		err = ov_x509_load_p12_mem(key, cert, chain, file.ptr, file.size, path, password);
	if (file.ptr)
		OPENSSL_cleanse(file.ptr, file.size);
	ov_buf_dispose(&file);
	return err;
}

/* PEM password callback: the password given, or failure (never a prompt). */
static int pem_pass(char *buf, int size, int rwflag, void *u)
{
	size_t n;

	(void)rwflag;
	if (!u)
		return -1;
	n = strlen(u);
	if (n > (size_t)size)
		return -1;
	memcpy(buf, u, n);
	return (int)n;
}

/* The certificates of a PEM text: the first into *cert, the rest into *chain. */
static int pem_certs(X509 **cert, STACK_OF(X509) **chain, const ov_buf *pem,
		     const char *path)
{
	BIO *bio = NULL;
	X509 *c = NULL;
	int err = OV_OK;

	if (pem->size > 0x7fffffff || !(bio = BIO_new_mem_buf(pem->ptr, (int)pem->size)) ||
	    !(*chain = sk_X509_new_null())) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	while ((c = PEM_read_bio_X509(bio, NULL, NULL, NULL))) {
		if (!*cert) {
			*cert = c;
		} else if (!sk_X509_push(*chain, c)) {
			X509_free(c);
			err = ov_error_set(OV_ENOMEM, "out of memory");
			goto done;
		}
	}
	ERR_clear_error();   /* the loop ends with "no start line" */
	if (!*cert)
		err = ov_error_set(OV_EINVALID, "%s holds no PEM certificate", path);
done:
	BIO_free(bio);
	return err;
}

int ov_x509_load_certs(X509 **cert, STACK_OF(X509) **chain, const char *path)
{
	ov_buf file = OV_BUF_INIT;
	int err;

	*cert = NULL;
	*chain = NULL;
	if ((err = read_whole(&file, path)) >= 0)
		err = pem_certs(cert, chain, &file, path);
	ov_buf_dispose(&file);
	if (err < 0) {
		X509_free(*cert);
		sk_X509_pop_free(*chain, X509_free);
		*cert = NULL;
		*chain = NULL;
	}
	return err;
}

int ov_x509_load_pem(EVP_PKEY **key, X509 **cert, STACK_OF(X509) **chain,
		     const char *key_path, const char *cert_path,
		     const char *password)
{
	ov_buf kfile = OV_BUF_INIT, cfile = OV_BUF_INIT;
	BIO *bio = NULL;
	char why[256];
	int err = OV_OK;

	*key = NULL;
	*cert = NULL;
	*chain = NULL;
	if ((err = read_whole(&kfile, key_path)) < 0 ||
	    (err = read_whole(&cfile, cert_path)) < 0)
		goto done;
	if (kfile.size > 0x7fffffff ||
	    !(bio = BIO_new_mem_buf(kfile.ptr, (int)kfile.size))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	*key = PEM_read_bio_PrivateKey(bio, NULL, pem_pass, (void *)password);
	BIO_free(bio);
	if (!*key) {
		if (strstr(kfile.ptr, "ENCRYPTED")) {
			ERR_clear_error();
			err = ov_error_set(OV_EINVALID, "wrong password for %s",
					   key_path);
		} else {
			err = ov_error_set(OV_EINVALID, "%s holds no PEM private "
					   "key: %s", key_path,
					   ov_ssl_reason(why, sizeof(why)));
		}
		goto done;
	}
	err = pem_certs(cert, chain, &cfile, cert_path);
done:
	if (kfile.ptr)
		OPENSSL_cleanse(kfile.ptr, kfile.size);
	ov_buf_dispose(&kfile);
	ov_buf_dispose(&cfile);
	if (err < 0) {
		EVP_PKEY_free(*key);
		X509_free(*cert);
		sk_X509_pop_free(*chain, X509_free);
		*key = NULL;
		*cert = NULL;
		*chain = NULL;
	}
	return err;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && !strcmp(s + n - m, suffix);
}

int ov_x509_store_from_dir(X509_STORE **out, const char *dir)
{
	X509_STORE *store = NULL;
	DIR *d = NULL;
	struct dirent *ent;
	ov_buf path = OV_BUF_INIT, file = OV_BUF_INIT;
	BIO *bio = NULL;
	X509 *c = NULL;
	size_t ncerts = 0;
	int err = OV_OK;

	*out = NULL;
	if (!(d = opendir(dir)))
		return ov_error_set(OV_ENOTFOUND, "cannot open trust folder %s",
				    dir);
	if (!(store = X509_STORE_new())) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	while ((ent = readdir(d))) {
		size_t before = ncerts;

		if (!ends_with(ent->d_name, ".pem"))
			continue;
		ov_buf_clear(&path);
		ov_buf_clear(&file);
		if ((err = ov_buf_printf(&path, "%s/%s", dir, ent->d_name)) < 0 ||
		    (err = read_whole(&file, path.ptr)) < 0)
			goto done;
		if (file.size > 0x7fffffff ||
		    !(bio = BIO_new_mem_buf(file.ptr, (int)file.size))) {
			err = ov_error_set(OV_ENOMEM, "out of memory");
			goto done;
		}
		while ((c = PEM_read_bio_X509(bio, NULL, NULL, NULL))) {
			if (!X509_STORE_add_cert(store, c)) {
				X509_free(c);
				ERR_clear_error();
				err = ov_error_set(OV_EINVALID, "cannot add a "
						   "certificate of %s to the "
						   "trust store", path.ptr);
				goto done;
			}
			X509_free(c);
			ncerts++;
		}
		ERR_clear_error();
		BIO_free(bio);
		bio = NULL;
		if (ncerts == before) {
			err = ov_error_set(OV_EINVALID, "%s holds no PEM "
					   "certificate", path.ptr);
			goto done;
		}
	}
	if (!ncerts)
		err = ov_error_set(OV_ENOTFOUND, "no certificates in %s/*.pem",
				   dir);
done:
	if (d)
		closedir(d);
	BIO_free(bio);
	ov_buf_dispose(&path);
	ov_buf_dispose(&file);
	if (err < 0) {
		X509_STORE_free(store);
		return err;
	}
	*out = store;
	return OV_OK;
}

int ov_x509_has_signing_usage(X509 *cert)
{
	uint32_t flags = X509_get_extension_flags(cert);

	if (!(flags & EXFLAG_KUSAGE))
		return 0;
	return (X509_get_key_usage(cert) &
		(KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) != 0;
}

int ov_x509_eku_allows_signing(X509 *cert)
{
	/* id-kp-documentSigning (RFC 9336), Microsoft document signing, Adobe
	 * Authentic Documents Trust */
	static const char *const doc_signing[] = {
		"1.3.6.1.5.5.7.3.36", "1.3.6.1.4.1.311.10.3.12", "1.2.840.113583.1.1.5"
	};
	EXTENDED_KEY_USAGE *eku;
	int i, crit = 0, ok = 0;

	eku = X509_get_ext_d2i(cert, NID_ext_key_usage, &crit, NULL);
	if (!eku) {
		/* absent (-1) allows every use; present but unreadable allows none */
		ERR_clear_error();
		return crit == -1;
	}
	for (i = 0; i < sk_ASN1_OBJECT_num(eku) && !ok; i++) {
		const ASN1_OBJECT *o = sk_ASN1_OBJECT_value(eku, i);
		int nid = OBJ_obj2nid(o);
		char txt[80];

		if (nid == NID_email_protect || nid == NID_anyExtendedKeyUsage) {
			ok = 1;
			break;
		}
		if (OBJ_obj2txt(txt, sizeof(txt), o, 1) > 0)
			for (size_t k = 0; k < sizeof(doc_signing) / sizeof(*doc_signing); k++)
				ok |= !strcmp(txt, doc_signing[k]);
	}
	sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
	return ok;
}

int ov_x509_check_signing_cert(X509 *cert, EVP_PKEY *key, long long at)
{
	char *cn = NULL;
	time_t t = (time_t)at;
	int err = OV_OK;

	if (!cert)
		return ov_error_set(OV_EINVALID, "no signing certificate given");
	if (!(cn = cert_label(cert)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	if (key && X509_check_private_key(cert, key) != 1) {
		ERR_clear_error();
		err = ov_error_set(OV_EINVALID, "the private key does not belong "
				   "to the certificate of %s", cn);
	} else if (ASN1_TIME_cmp_time_t(X509_get0_notBefore(cert), t) > 0) {
		err = ov_error_set(OV_EINVALID, "the certificate of %s is not "
				   "valid yet at the signing time", cn);
	} else if (ASN1_TIME_cmp_time_t(X509_get0_notAfter(cert), t) < 0) {
		err = ov_error_set(OV_EINVALID, "the certificate of %s has "
				   "expired at the signing time", cn);
	} else if (!ov_x509_has_signing_usage(cert)) {
		err = ov_error_set(OV_EINVALID, "the certificate of %s does not "
				   "allow signing (keyUsage lacks "
				   "digitalSignature and nonRepudiation)", cn);
	} else if (!ov_x509_eku_allows_signing(cert)) {
		err = ov_error_set(OV_EINVALID, "the certificate of %s does not "
				   "allow signing documents (its extendedKeyUsage "
				   "names neither emailProtection, documentSigning "
				   "nor anyExtendedKeyUsage)", cn);
	}
	free(cn);
	return err;
}

int ov_x509_verify_chain(char **why, X509 *cert, STACK_OF(X509) *untrusted,
			 X509_STORE *trust, long long at)
{
	X509_STORE_CTX *ctx = NULL;
	X509 *bad;
	char *cn = NULL;
	ov_buf msg = OV_BUF_INIT;
	int err = OV_OK, code, depth;

	if (why)
		*why = NULL;
	if (!cert || !trust)
		return ov_error_set(OV_EINVALID, "no certificate or trust store");
	if (!(ctx = X509_STORE_CTX_new()) ||
	    !X509_STORE_CTX_init(ctx, trust, cert, untrusted)) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), (time_t)at);
	if (X509_verify_cert(ctx) == 1)
		goto done;
	code = X509_STORE_CTX_get_error(ctx);
	depth = X509_STORE_CTX_get_error_depth(ctx);
	bad = X509_STORE_CTX_get_current_cert(ctx);
	cn = cert_label(bad ? bad : cert);
	if (ov_buf_printf(&msg, "%s (certificate %s, chain depth %d)",
			  X509_verify_cert_error_string(code),
			  cn ? cn : "?", depth) < 0) {
		err = OV_ENOMEM;
		goto done;
	}
	err = ov_error_set(OV_EVERIFY, "%s", msg.ptr);
	if (why && !(*why = ov_buf_detach(&msg)))
		err = ov_error_set(OV_ENOMEM, "out of memory");
done:
	ERR_clear_error();
	free(cn);
	ov_buf_dispose(&msg);
	X509_STORE_CTX_free(ctx);
	return err;
}

char *ov_x509_serial_hex(X509 *cert)
{
	BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), NULL);
	char *hex = bn ? BN_bn2hex(bn) : NULL, *out = hex ? strdup(hex) : NULL;

	OPENSSL_free(hex);
	BN_free(bn);
	return out;
}

char *ov_x509_sha256_hex(X509 *cert)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	char *out;

	if (!X509_digest(cert, EVP_sha256(), md, &n) || !(out = malloc(2 * n + 1)))
		return NULL;
	for (unsigned int i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	return out;
}

/* A new store with the certificates, CRLs and parameters of `trust`,
 * checking at time `at`. */
X509_STORE *ov_x509_store_at(X509_STORE *trust, long long at)
{
	X509_STORE *s = X509_STORE_new();
	STACK_OF(X509_OBJECT) *objs;
	int i, ok = s != NULL;

	if (!ok || !X509_STORE_lock(trust)) {
		X509_STORE_free(s);
		return NULL;
	}
	objs = X509_STORE_get0_objects(trust);
	for (i = 0; ok && i < sk_X509_OBJECT_num(objs); i++) {
		X509_OBJECT *o = sk_X509_OBJECT_value(objs, i);

		if (X509_OBJECT_get_type(o) == X509_LU_X509)
			ok = X509_STORE_add_cert(s, X509_OBJECT_get0_X509(o));
		else if (X509_OBJECT_get_type(o) == X509_LU_CRL)
			ok = X509_STORE_add_crl(s, X509_OBJECT_get0_X509_CRL(o));
	}
	X509_STORE_unlock(trust);
	if (ok)
		ok = X509_VERIFY_PARAM_set1(X509_STORE_get0_param(s),
					    X509_STORE_get0_param(trust));
	if (!ok) {
		X509_STORE_free(s);
		return NULL;
	}
	X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(s), (time_t)at);
	return s;
}
