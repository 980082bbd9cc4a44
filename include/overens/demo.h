/*
 * overens/demo.h - throwaway certificates for the demo: a CA and one signing
 * certificate per signatory, made with OpenSSL and clearly named as demo
 * material.  Never for real agreements.
 */
#ifndef OVERENS_DEMO_H
#define OVERENS_DEMO_H

#include <stddef.h>

typedef struct ov_demo_signer {
	const char *name, *email;
} ov_demo_signer;

/*
 * Writes DIR/demo-ca.pem and DIR/<email>.p12 (password `password`) for each
 * signer; DIR must exist.  Certificates are valid from `now` - 1 day for
 * two years, with keyUsage digitalSignature + nonRepudiation.
 */
int ov_demo_pki(const char *dir, const ov_demo_signer *signers, size_t n,
		const char *password, long long now);

#endif
