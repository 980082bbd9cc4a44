/*
 * pkcs11.c - the signer's key on a smart card or HSM (see pkcs11.h).
 *
 * p11-kit parses the RFC 7512 URI; libp11 loads the module, lists slots,
 * logs in and wraps the token's private key in an EVP_PKEY whose signing
 * calls C_Sign.  The URI must match exactly one token and, on it, exactly
 * one private key: a URI that fits several is refused with their names,
 * never resolved by taking the first.
 */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "overens/lazy_crypto.h"

#include "engine/base/lazy_p11.h"

#include "overens/buf.h"
#include "overens/error.h"
#include "overens/sign.h"
#include "engine/signing/pkcs11.h"
#include "engine/signing/x509util.h"

#ifndef OV_P11_PROXY
#define OV_P11_PROXY "/usr/lib/x86_64-linux-gnu/p11-kit-proxy.so"
#endif

struct ov_p11 {
	PKCS11_CTX *ctx;
	int loaded;
	PKCS11_SLOT *slots;
	unsigned int nslots;
	PKCS11_SLOT *slot;      /* the token's, logged in */
	const char *module;     /* the path loaded, for messages during ov_p11_open */
};

/* --- the URI ------------------------------------------------------------------ */

/* Parses `text`; a PIN in it, or an attribute not understood, is refused. */
static int uri_parse(P11KitUri **out, const char *text)
{
	P11KitUri *uri = p11_kit_uri_new();
	CK_ATTRIBUTE *cls;
	int rc;

	*out = NULL;
	if (!uri)
		return ov_error_set(OV_ENOMEM, "out of memory");
	/* Refused before anything else, and never repeated in a message. */
	if (strstr(text, "pin-value") || strstr(text, "pin-source")) {
		p11_kit_uri_free(uri);
		return ov_error_set(OV_EINVALID, "a PIN is never given in the PKCS#11 URI "
				    "(pin-value, pin-source): use the prompt, --password-file or "
				    "OVERENS_PASSWORD");
	}
	if (strncmp(text, "pkcs11:", 7)) {
		p11_kit_uri_free(uri);
		return ov_error_set(OV_EINVALID, "%s: not a PKCS#11 URI (pkcs11:token=…;object=…)",
				    text);
	}
	if ((rc = p11_kit_uri_parse(text, P11_KIT_URI_FOR_ANY, uri)) != P11_KIT_URI_OK) {
		p11_kit_uri_free(uri);
		return ov_error_set(OV_EINVALID, "%s: not a valid PKCS#11 URI: %s", text,
				    p11_kit_uri_message(rc));
	}
	rc = OV_OK;
	if (p11_kit_uri_get_pin_value(uri) || p11_kit_uri_get_pin_source(uri))
		rc = ov_error_set(OV_EINVALID, "a PIN is never given in the PKCS#11 URI "
				  "(pin-value, pin-source): use the prompt, --password-file or "
				  "OVERENS_PASSWORD");
	else if (p11_kit_uri_get_module_name(uri))
		rc = ov_error_set(OV_EINVALID, "%s: module-name is not used here: name the module "
				  "with module-path or --pkcs11-module", text);
	else if (p11_kit_uri_any_unrecognized(uri))
		rc = ov_error_set(OV_EINVALID, "%s: the URI has an attribute this program does not "
				  "know (known: token, manufacturer, model, serial, object, id, "
				  "type, slot-id, module-path)", text);
	else if ((cls = p11_kit_uri_get_attribute(uri, CKA_CLASS)) &&
		 cls->ulValueLen == sizeof(CK_OBJECT_CLASS) &&
		 *(CK_OBJECT_CLASS *)cls->pValue != CKO_PRIVATE_KEY &&
		 *(CK_OBJECT_CLASS *)cls->pValue != CKO_CERTIFICATE)
		rc = ov_error_set(OV_EINVALID, "%s: the URI names neither a private key "
				  "(type=private) nor a certificate (type=cert)", text);
	if (rc < 0) {
		p11_kit_uri_free(uri);
		return rc;
	}
	*out = uri;
	return OV_OK;
}

int ov_pkcs11_uri_check(const char *text)
{
	P11KitUri *uri = NULL;
	int err = uri_parse(&uri, text);

	p11_kit_uri_free(uri);
	return err;
}

/* `s` into a fixed PKCS#11 text field: blank-padded, not terminated. */
static void pad(CK_UTF8CHAR *field, size_t size, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	memset(field, ' ', size);
	memcpy(field, s, n < size ? n : size);
}

static int token_matches(P11KitUri *uri, PKCS11_CTX *ctx, PKCS11_SLOT *slot)
{
	CK_INFO module;
	CK_SLOT_INFO si;
	CK_TOKEN_INFO ti;
	CK_SLOT_ID want = p11_kit_uri_get_slot_id(uri);

	memset(&module, 0, sizeof(module));
	pad(module.manufacturerID, sizeof(module.manufacturerID), ctx->manufacturer);
	pad(module.libraryDescription, sizeof(module.libraryDescription), ctx->description);
	memset(&si, 0, sizeof(si));
	pad(si.slotDescription, sizeof(si.slotDescription), slot->description);
	pad(si.manufacturerID, sizeof(si.manufacturerID), slot->manufacturer);
	memset(&ti, 0, sizeof(ti));
	pad(ti.label, sizeof(ti.label), slot->token->label);
	pad(ti.manufacturerID, sizeof(ti.manufacturerID), slot->token->manufacturer);
	pad(ti.model, sizeof(ti.model), slot->token->model);
	pad(ti.serialNumber, sizeof(ti.serialNumber), slot->token->serialnr);
	if (want != (CK_SLOT_ID)-1 && want != PKCS11_get_slotid_from_slot(slot))
		return 0;
	return p11_kit_uri_match_module_info(uri, &module) &&
	       p11_kit_uri_match_slot_info(uri, &si) && p11_kit_uri_match_token_info(uri, &ti);
}

/* 1 if the object's label and id are those the URI names (when it names them). */
static int object_matches(P11KitUri *uri, const char *label, const unsigned char *id,
			  size_t id_len)
{
	CK_ATTRIBUTE *l = p11_kit_uri_get_attribute(uri, CKA_LABEL);
	CK_ATTRIBUTE *i = p11_kit_uri_get_attribute(uri, CKA_ID);

	if (l && (!label || strlen(label) != l->ulValueLen ||
		  memcmp(label, l->pValue, l->ulValueLen)))
		return 0;
	if (i && (id_len != i->ulValueLen || (id_len && memcmp(id, i->pValue, id_len))))
		return 0;
	return 1;
}

/* --- the module and the token ------------------------------------------------- */

static int load_module(ov_p11 *p, const char *path)
{
	char why[256];
	void *h = NULL;
	int err = OV_OK;

	p->module = path;
	if (!*path)
		return ov_error_set(OV_EINVALID, "the PKCS#11 module's path is empty");
	if (access(path, R_OK) != 0)
		return ov_error_set(OV_ENOTFOUND, "cannot load the PKCS#11 module %s: no such "
				    "file (give --pkcs11-module PATH or set sign.pkcs11-module)",
				    path);
	/* Opened here first, so that what is wrong is said once and in words. */
	if (!(h = dlopen(path, RTLD_NOW | RTLD_LOCAL)))
		return ov_error_set(OV_ENOTFOUND, "cannot load the PKCS#11 module %s: %s", path,
				    dlerror());
	if (!dlsym(h, "C_GetFunctionList")) {
		err = ov_error_set(OV_ENOTFOUND, "cannot load the PKCS#11 module %s: it is not a "
				   "PKCS#11 module (no C_GetFunctionList)", path);
		goto done;
	}
	if (PKCS11_CTX_load(p->ctx, path) < 0) {
		ov_ssl_reason(why, sizeof(why));
		err = ov_error_set(OV_ENOTFOUND, "cannot load the PKCS#11 module %s: it does not "
				   "start (%s)", path, why);
		goto done;
	}
	p->loaded = 1;
	if (PKCS11_enumerate_slots(p->ctx, &p->slots, &p->nslots) < 0) {
		p->slots = NULL;
		p->nslots = 0;
		ov_ssl_reason(why, sizeof(why));
		err = ov_error_set(OV_ERROR, "the PKCS#11 module %s cannot list its slots (%s)",
				   path, why);
	}
done:
	dlclose(h);
	return err;
}

/* The one slot whose token `uri` matches. */
static int find_token(ov_p11 *p, P11KitUri *uri, const char *text)
{
	ov_buf names = OV_BUF_INIT, all = OV_BUF_INIT;
	unsigned int i, n = 0;
	int err = OV_OK;

	for (i = 0; i < p->nslots; i++) {
		PKCS11_SLOT *s = &p->slots[i];
		if (!s->token || !s->token->initialized)
			continue;
		ov_buf_printf(&all, "%s\"%s\"", all.size ? ", " : "", s->token->label);
		if (!token_matches(uri, p->ctx, s))
			continue;
		ov_buf_printf(&names, "%s\"%s\"", n ? ", " : "", s->token->label);
		if (!n++)
			p->slot = s;
	}
	if (n == 0 && !all.size)
		err = ov_error_set(OV_ENOTFOUND, "no token in any slot of the PKCS#11 module %s "
				   "(is the card in the reader?)", p->module);
	else if (n == 0)
		err = ov_error_set(OV_ENOTFOUND, "no token matches %s (tokens present: %s)", text,
				   all.ptr);
	else if (n > 1)
		err = ov_error_set(OV_EINVALID, "%u tokens match %s (%s): name one with "
				   "token=LABEL", n, text, names.ptr);
	ov_buf_dispose(&names);
	ov_buf_dispose(&all);
	return err;
}

/* The token's information as it is now, from the module itself (after a
 * failed login, the PIN counters libp11 read earlier are old). */
static int token_flags(const ov_p11 *p, CK_FLAGS *flags)
{
	CK_FUNCTION_LIST_PTR fl = NULL;
	CK_C_GetFunctionList get;
	CK_TOKEN_INFO info;
	void *h = dlopen(p->module, RTLD_NOW | RTLD_NOLOAD);
	int ok = 0;

	if (!h)
		return 0;
	*(void **)&get = dlsym(h, "C_GetFunctionList");
	if (get && get(&fl) == CKR_OK && fl &&
	    fl->C_GetTokenInfo(PKCS11_get_slotid_from_slot(p->slot), &info) == CKR_OK) {
		*flags = info.flags;
		ok = 1;
	}
	dlclose(h);
	return ok;
}

/* The PKCS#11 return code behind libp11's last failure, or 0. */
static unsigned long last_ckr(void)
{
	unsigned long e, ckr = 0;

	while ((e = ERR_get_error()) != 0)
		if (ERR_GET_LIB(e) == ERR_get_CKR_code())
			ckr = ERR_GET_REASON(e);
	return ckr;
}

static int login_failed(const ov_p11 *p)
{
	const char *label = p->slot->token->label;
	unsigned long ckr = last_ckr();
	CK_FLAGS flags = 0;

	if (ckr == CKR_PIN_LOCKED)
		return ov_error_set(OV_EDENIED, "the PIN of token \"%s\" is locked (unblock it "
				    "with the PUK)", label);
	if (ckr != CKR_PIN_INCORRECT && ckr != CKR_PIN_INVALID && ckr != CKR_PIN_LEN_RANGE)
		return ov_error_set(OV_ERROR, "cannot log in to token \"%s\" (PKCS#11 error "
				    "0x%lx)", label, ckr);
	token_flags(p, &flags);
	if (flags & CKF_USER_PIN_LOCKED)
		return ov_error_set(OV_EDENIED, "wrong PIN for token \"%s\": the PIN is now "
				    "locked (unblock it with the PUK)", label);
	if (flags & CKF_USER_PIN_FINAL_TRY)
		return ov_error_set(OV_EINVALID, "wrong PIN for token \"%s\": one try is left "
				    "before the PIN locks", label);
	if (flags & CKF_USER_PIN_COUNT_LOW)
		return ov_error_set(OV_EINVALID, "wrong PIN for token \"%s\": few tries are left "
				    "before the PIN locks", label);
	return ov_error_set(OV_EINVALID, "wrong PIN for token \"%s\"", label);
}

static int login(ov_p11 *p, const char *pin)
{
	PKCS11_TOKEN *t = p->slot->token;

	if (!t->loginRequired)
		return OV_OK;
	if (t->userPinLocked)
		return ov_error_set(OV_EDENIED, "the PIN of token \"%s\" is locked (unblock it "
				    "with the PUK)", t->label);
	if ((!pin || !*pin) && !t->secureLogin)
		return ov_error_set(OV_EINVALID, "token \"%s\" needs its PIN: give it at the "
				    "prompt, with --password-file or in OVERENS_PASSWORD", t->label);
	/* With a PIN pad reader and no PIN given, the reader asks for it. */
	if (PKCS11_login(p->slot, 0, pin && *pin ? pin : NULL) < 0)
		return login_failed(p);
	return OV_OK;
}

/* --- the key and its certificates -------------------------------------------- */

static int find_key(PKCS11_KEY **out, ov_p11 *p, P11KitUri *uri, const char *text)
{
	PKCS11_KEY *keys = NULL;
	unsigned int nkeys = 0, i, n = 0;
	ov_buf names = OV_BUF_INIT;
	int err = OV_OK;

	*out = NULL;
	if (PKCS11_enumerate_keys(p->slot->token, &keys, &nkeys) < 0) {
		ERR_clear_error();
		return ov_error_set(OV_ERROR, "cannot list the keys on token \"%s\"",
				    p->slot->token->label);
	}
	for (i = 0; i < nkeys; i++) {
		ov_buf_printf(&names, "%s\"%s\"", i ? ", " : "",
			      keys[i].label ? keys[i].label : "");
		if (keys[i].isPrivate && object_matches(uri, keys[i].label, keys[i].id,
							keys[i].id_len) && !n++)
			*out = &keys[i];
	}
	if (nkeys == 0)
		err = ov_error_set(OV_ENOTFOUND, "token \"%s\" shows no private key",
				   p->slot->token->label);
	else if (n == 0)
		err = ov_error_set(OV_ENOTFOUND, "no private key on token \"%s\" matches %s "
				   "(keys: %s)", p->slot->token->label, text, names.ptr);
	else if (n > 1)
		err = ov_error_set(OV_EINVALID, "%u private keys on token \"%s\" match %s: name "
				   "one with object=LABEL or id=…", n, p->slot->token->label, text);
	ov_buf_dispose(&names);
	return err;
}

/* The CA certificates on the token (a card often carries its issuers). */
static int token_cas(STACK_OF(X509) *chain, ov_p11 *p, X509 *signer)
{
	PKCS11_CERT *certs = NULL;
	unsigned int n = 0, i;

	if (PKCS11_enumerate_certs(p->slot->token, &certs, &n) < 0) {
		ERR_clear_error();
		return OV_OK; /* the chain may still come from --cert or the trust store */
	}
	for (i = 0; i < n; i++) {
		X509 *x = certs[i].x509;
		if (!x || X509_cmp(x, signer) == 0 || X509_check_ca(x) < 1)
			continue;
		if (!X509_up_ref(x))
			return ov_error_set(OV_ENOMEM, "out of memory");
		if (!sk_X509_push(chain, x)) {
			X509_free(x);
			return ov_error_set(OV_ENOMEM, "out of memory");
		}
	}
	return OV_OK;
}

static int find_cert(X509 **cert, STACK_OF(X509) **chain, ov_p11 *p, PKCS11_KEY *k,
		     const char *cert_path)
{
	PKCS11_CERT *c;

	if (cert_path)
		return ov_x509_load_certs(cert, chain, cert_path);
	c = PKCS11_find_certificate(k);
	ERR_clear_error();
	if (!c || !c->x509)
		return ov_error_set(OV_ENOTFOUND, "token \"%s\" has no certificate for the key "
				    "\"%s\": give it with --cert FILE", p->slot->token->label,
				    k->label ? k->label : "");
	if (!(*chain = sk_X509_new_null()) || !X509_up_ref(c->x509))
		return ov_error_set(OV_ENOMEM, "out of memory");
	*cert = c->x509;
	return OV_OK;
}

/* --- the whole ------------------------------------------------------------------ */

static const char *module_path(const ov_p11_request *req, P11KitUri *uri)
{
	const char *m = p11_kit_uri_get_module_path(uri);

	if (req->module)
		return req->module;
	if (m && *m)
		return m;
	if (req->setting && *req->setting)
		return req->setting;
	return OV_P11_PROXY;
}

static int open_key(ov_p11 *p, EVP_PKEY **key, X509 **cert, STACK_OF(X509) **chain,
		    const ov_p11_request *req, P11KitUri *uri)
{
	PKCS11_KEY *k = NULL;
	int err;

	if ((err = load_module(p, module_path(req, uri))) < 0 ||
	    (err = find_token(p, uri, req->uri)) < 0 || (err = login(p, req->pin)) < 0 ||
	    (err = find_key(&k, p, uri, req->uri)) < 0 ||
	    (err = find_cert(cert, chain, p, k, req->cert_path)) < 0 ||
	    (err = token_cas(*chain, p, *cert)) < 0)
		return err;
	if (!(*key = PKCS11_get_private_key(k))) {
		ERR_clear_error();
		return ov_error_set(OV_ERROR, "cannot use the private key \"%s\" on token \"%s\"",
				    k->label ? k->label : "", p->slot->token->label);
	}
	return OV_OK;
}

int ov_p11_open(ov_p11 **out, EVP_PKEY **key, X509 **cert, STACK_OF(X509) **chain,
		const ov_p11_request *req)
{
	P11KitUri *uri = NULL;
	ov_p11 *p = NULL;
	int err;

	*out = NULL;
	*key = NULL;
	*cert = NULL;
	*chain = NULL;
	if (ov_lazy_load(&ov_p11kit_lib) < 0 || ov_lazy_load(&ov_p11_lib) < 0)
		return OV_ERROR;
	if ((err = uri_parse(&uri, req->uri)) < 0)
		return err;
	if (!(p = calloc(1, sizeof(*p))) || !(p->ctx = PKCS11_CTX_new())) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	err = open_key(p, key, cert, chain, req, uri);
done:
	p11_kit_uri_free(uri);
	ERR_clear_error();
	if (err < 0) {
		EVP_PKEY_free(*key);
		X509_free(*cert);
		sk_X509_pop_free(*chain, X509_free);
		*key = NULL;
		*cert = NULL;
		*chain = NULL;
		ov_p11_close(p);
		return err;
	}
	*out = p;
	return OV_OK;
}

void ov_p11_close(ov_p11 *p)
{
	if (!p)
		return;
	if (p->slot && p->slot->token && p->slot->token->loginRequired)
		PKCS11_logout(p->slot);
	if (p->slots)
		PKCS11_release_all_slots(p->ctx, p->slots, p->nslots);
	if (p->loaded)
		PKCS11_CTX_unload(p->ctx);
	if (p->ctx)
		PKCS11_CTX_free(p->ctx);
	ERR_clear_error();
	free(p);
}
