/*
 * x509util.h - signer keys and certificates for PDF signing: loading a
 * PKCS#12 file or a PEM key plus certificate chain, a trust store from a
 * folder of PEM files, and the checks a signing certificate must pass.
 *
 * Ownership: everything returned through an out-parameter belongs to the
 * caller (EVP_PKEY_free, X509_free, sk_X509_pop_free(chain, X509_free),
 * X509_STORE_free; strings with free()).
 * Nothing here writes files.
 */
#ifndef OV_X509UTIL_H
#define OV_X509UTIL_H

#include "overens/lazy_crypto.h"

/*
 * Loads the key, its certificate and the other certificates (*chain, may be
 * empty but is never NULL on success) from a PKCS#12 file.  `password` may
 * be NULL for none.  Errors: OV_ENOTFOUND (cannot read the file),
 * OV_EINVALID ("wrong password for FILE", not PKCS#12, no key or
 * certificate inside).
 */
/* As ov_x509_load_p12, from a PKCS#12 file held in memory; `name` is used in messages. */
int ov_x509_load_p12_mem(EVP_PKEY **key, X509 **cert, STACK_OF(X509) **chain,
			 const void *data, size_t len, const char *name, const char *password);
int ov_x509_load_p12(EVP_PKEY **key, X509 **cert, STACK_OF(X509) **chain,
		     const char *path, const char *password);

/*
 * Loads a PEM private key (encrypted with `password`, or plain when
 * `password` is NULL) and a PEM file whose first certificate is the
 * signer's and whose further certificates become *chain.  Errors as for
 * ov_x509_load_p12; an encrypted key with a wrong or missing password is
 * "wrong password for FILE".
 */
int ov_x509_load_pem(EVP_PKEY **key, X509 **cert, STACK_OF(X509) **chain,
		     const char *key_path, const char *cert_path,
		     const char *password);

/*
 * Loads a PEM file whose first certificate becomes *cert and whose further
 * certificates become *chain (never NULL on success).  OV_ENOTFOUND when
 * the file cannot be read, OV_EINVALID when it holds no certificate.
 */
int ov_x509_load_certs(X509 **cert, STACK_OF(X509) **chain, const char *path);

/*
 * A new trust store holding every certificate of every "*.pem" file in
 * `dir`.  OV_ENOTFOUND if the folder cannot be read or holds no
 * certificate; OV_EINVALID if a .pem file cannot be parsed.
 */
int ov_x509_store_from_dir(X509_STORE **out, const char *dir);

/*
 * 1 if the certificate's keyUsage extension is present and allows
 * digitalSignature or nonRepudiation, else 0.
 */
int ov_x509_has_signing_usage(X509 *cert);

/*
 * 1 if the certificate has no extendedKeyUsage extension, or one that
 * allows signing documents: emailProtection, documentSigning (RFC 9336 or
 * the Microsoft and Adobe document-signing purposes) or
 * anyExtendedKeyUsage.  0 otherwise (serverAuth only, for instance).
 */
int ov_x509_eku_allows_signing(X509 *cert);

/*
 * Checks that `cert` may sign at `at` (seconds since the epoch): `key` is
 * its private key (skipped when NULL), notBefore <= at <= notAfter,
 * ov_x509_has_signing_usage and ov_x509_eku_allows_signing.  OV_EINVALID with a message naming the
 * certificate's CN otherwise.
 */
int ov_x509_check_signing_cert(X509 *cert, EVP_PKEY *key, long long at);

/*
 * Builds and checks the chain from `cert` (helped by `untrusted`, may be
 * NULL) to a certificate in `trust`, with every certificate's validity
 * checked at `at` (X509_V_FLAG_USE_CHECK_TIME).  OV_EVERIFY when it does
 * not verify; then *why (if `why` is not NULL) gets a malloc()ed reason
 * naming the failing certificate.  *why is NULL on success.
 */
int ov_x509_verify_chain(char **why, X509 *cert, STACK_OF(X509) *untrusted,
			 X509_STORE *trust, long long at);

/*
 * A new store with the certificates, CRLs and verification parameters of
 * `trust` (borrowed), checking validity at `at`; NULL when out of memory.
 */
X509_STORE *ov_x509_store_at(X509_STORE *trust, long long at);

/* The subject's commonName in UTF-8, or NULL; free() it. */
char *ov_x509_common_name(X509 *cert);

/* The subject's emailAddress, else the first rfc822Name of the
 * subjectAltName, or NULL; free() it. */
char *ov_x509_email(X509 *cert);

/* A name on one line ("C = SE, O = Röda Korset, CN = Anna"), UTF-8, or
 * NULL; free() it. */
char *ov_x509_name_line(const X509_NAME *name);
/* The certificate's serial number in hex (upper case, as openssl prints it); free(). */
char *ov_x509_serial_hex(X509 *cert);
/* Its SHA-256 fingerprint, 64 lower-case hex digits; free(). */
char *ov_x509_sha256_hex(X509 *cert);

/* OpenSSL's oldest queued error as text in `buf` (the queue is cleared). */
const char *ov_ssl_reason(char *buf, size_t size);

#endif
