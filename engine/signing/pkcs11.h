/*
 * pkcs11.h - a signer's key on a smart card or in an HSM, named by an
 * RFC 7512 URI ("pkcs11:token=Kommun;object=signer") and reached through a
 * PKCS#11 module with libp11.  The key never leaves the token: the
 * EVP_PKEY handed out signs by calling the module, so the CMS signing in
 * pdfsign.c works with it as with a key from a PKCS#12 file.
 *
 * Ownership: ov_p11_open's *key, *cert and *chain belong to the caller
 * (EVP_PKEY_free, X509_free, sk_X509_pop_free(chain, X509_free)), but *key
 * works only while the ov_p11 is open: free the key first, then
 * ov_p11_close().
 */
#ifndef OV_PKCS11_H
#define OV_PKCS11_H

#include "overens/lazy_crypto.h"

typedef struct ov_p11 ov_p11;

typedef struct ov_p11_request {
	const char *uri;        /* pkcs11:...; a PIN in it is refused */
	const char *module;     /* the module's path (--pkcs11-module), or
				 * NULL: the URI's module-path, else: */
	const char *setting;    /* the setting sign.pkcs11-module, else
				 * p11-kit's proxy */
	const char *pin;        /* the user PIN, or NULL (a PIN pad reader) */
	const char *cert_path;  /* PEM certificate and chain to use instead of
				 * the token's, or NULL */
} ov_p11_request;

/*
 * Loads the module, finds the one token the URI matches, logs in with the
 * PIN and finds the one private key the URI names, its certificate (from
 * the token, or req->cert_path) and the CA certificates on the token
 * (*chain, never NULL on success).  Errors name the problem: OV_EINVALID
 * for a bad URI, a PIN in the URI or a wrong PIN (with what the token says
 * of the tries left), OV_ENOTFOUND when the module cannot be loaded, no
 * token or no key matches, OV_EDENIED when the PIN is locked.
 */
int ov_p11_open(ov_p11 **out, EVP_PKEY **key, X509 **cert, STACK_OF(X509) **chain,
		const ov_p11_request *req);

/* Logs out and unloads the module (NULL-safe). */
void ov_p11_close(ov_p11 *p);

#endif
