/*
 * lazy_p11.h - libp11 and p11-kit's URI parser, opened on first use: only
 * signing with a smart card or HSM (--pkcs11) needs them.
 *
 * Include this instead of the library's headers (it includes them).  The
 * process is not linked with the library: the first call opens it (see
 * overens/lazylib.h), so commands that never call it never load it.  A
 * function the code starts to call goes into the list below; until it is
 * there, the link fails with an undefined reference to it.
 */
#ifndef OV_BASE_LAZY_P11_H
#define OV_BASE_LAZY_P11_H

#include <libp11.h>
#include <p11-kit/uri.h>

#include "overens/lazylib.h"

/* libp11 (OV_SONAME_P11): every function the code calls. */
#define OV_P11_FUNCS(F) \
	F(ERR_get_CKR_code) \
	F(PKCS11_CTX_free) \
	F(PKCS11_CTX_load) \
	F(PKCS11_CTX_new) \
	F(PKCS11_CTX_unload) \
	F(PKCS11_enumerate_certs) \
	F(PKCS11_enumerate_keys) \
	F(PKCS11_enumerate_slots) \
	F(PKCS11_find_certificate) \
	F(PKCS11_get_private_key) \
	F(PKCS11_get_slotid_from_slot) \
	F(PKCS11_login) \
	F(PKCS11_logout) \
	F(PKCS11_release_all_slots)

extern ov_lazy_lib ov_p11_lib;
extern struct ov_p11_fns {
	OV_P11_FUNCS(OV_LAZY_SLOT)
} ov_p11_fns;

/* p11-kit (OV_SONAME_P11KIT): every function the code calls. */
#define OV_P11KIT_FUNCS(F) \
	F(p11_kit_uri_any_unrecognized) \
	F(p11_kit_uri_free) \
	F(p11_kit_uri_get_attribute) \
	F(p11_kit_uri_get_module_name) \
	F(p11_kit_uri_get_module_path) \
	F(p11_kit_uri_get_pin_source) \
	F(p11_kit_uri_get_pin_value) \
	F(p11_kit_uri_get_slot_id) \
	F(p11_kit_uri_match_module_info) \
	F(p11_kit_uri_match_slot_info) \
	F(p11_kit_uri_match_token_info) \
	F(p11_kit_uri_message) \
	F(p11_kit_uri_new) \
	F(p11_kit_uri_parse)

extern ov_lazy_lib ov_p11kit_lib;
extern struct ov_p11kit_fns {
	OV_P11KIT_FUNCS(OV_LAZY_SLOT)
} ov_p11kit_fns;

#ifndef OV_LAZY_TABLES /* the file that defines the tables sees the real names */
#define ERR_get_CKR_code OV_LAZY_CALL(ov_p11_lib, ov_p11_fns, ERR_get_CKR_code)
#define PKCS11_CTX_free OV_LAZY_CALL(ov_p11_lib, ov_p11_fns, PKCS11_CTX_free)
#define PKCS11_CTX_load OV_LAZY_CALL(ov_p11_lib, ov_p11_fns, PKCS11_CTX_load)
#define PKCS11_CTX_new OV_LAZY_CALL(ov_p11_lib, ov_p11_fns, PKCS11_CTX_new)
#define PKCS11_CTX_unload OV_LAZY_CALL(ov_p11_lib, ov_p11_fns, PKCS11_CTX_unload)
#define PKCS11_enumerate_certs OV_LAZY_CALL(ov_p11_lib, ov_p11_fns, PKCS11_enumerate_certs)
#define PKCS11_enumerate_keys OV_LAZY_CALL(ov_p11_lib, ov_p11_fns, PKCS11_enumerate_keys)
#define PKCS11_enumerate_slots OV_LAZY_CALL(ov_p11_lib, ov_p11_fns, PKCS11_enumerate_slots)
#define PKCS11_find_certificate OV_LAZY_CALL(ov_p11_lib, ov_p11_fns, PKCS11_find_certificate)
#define PKCS11_get_private_key OV_LAZY_CALL(ov_p11_lib, ov_p11_fns, PKCS11_get_private_key)
#define PKCS11_get_slotid_from_slot OV_LAZY_CALL(ov_p11_lib, ov_p11_fns, PKCS11_get_slotid_from_slot)
#define PKCS11_login OV_LAZY_CALL(ov_p11_lib, ov_p11_fns, PKCS11_login)
#define PKCS11_logout OV_LAZY_CALL(ov_p11_lib, ov_p11_fns, PKCS11_logout)
#define PKCS11_release_all_slots OV_LAZY_CALL(ov_p11_lib, ov_p11_fns, PKCS11_release_all_slots)
#define p11_kit_uri_any_unrecognized OV_LAZY_CALL(ov_p11kit_lib, ov_p11kit_fns, p11_kit_uri_any_unrecognized)
#define p11_kit_uri_free OV_LAZY_CALL(ov_p11kit_lib, ov_p11kit_fns, p11_kit_uri_free)
#define p11_kit_uri_get_attribute OV_LAZY_CALL(ov_p11kit_lib, ov_p11kit_fns, p11_kit_uri_get_attribute)
#define p11_kit_uri_get_module_name OV_LAZY_CALL(ov_p11kit_lib, ov_p11kit_fns, p11_kit_uri_get_module_name)
#define p11_kit_uri_get_module_path OV_LAZY_CALL(ov_p11kit_lib, ov_p11kit_fns, p11_kit_uri_get_module_path)
#define p11_kit_uri_get_pin_source OV_LAZY_CALL(ov_p11kit_lib, ov_p11kit_fns, p11_kit_uri_get_pin_source)
#define p11_kit_uri_get_pin_value OV_LAZY_CALL(ov_p11kit_lib, ov_p11kit_fns, p11_kit_uri_get_pin_value)
#define p11_kit_uri_get_slot_id OV_LAZY_CALL(ov_p11kit_lib, ov_p11kit_fns, p11_kit_uri_get_slot_id)
#define p11_kit_uri_match_module_info OV_LAZY_CALL(ov_p11kit_lib, ov_p11kit_fns, p11_kit_uri_match_module_info)
#define p11_kit_uri_match_slot_info OV_LAZY_CALL(ov_p11kit_lib, ov_p11kit_fns, p11_kit_uri_match_slot_info)
#define p11_kit_uri_match_token_info OV_LAZY_CALL(ov_p11kit_lib, ov_p11kit_fns, p11_kit_uri_match_token_info)
#define p11_kit_uri_message OV_LAZY_CALL(ov_p11kit_lib, ov_p11kit_fns, p11_kit_uri_message)
#define p11_kit_uri_new OV_LAZY_CALL(ov_p11kit_lib, ov_p11kit_fns, p11_kit_uri_new)
#define p11_kit_uri_parse OV_LAZY_CALL(ov_p11kit_lib, ov_p11kit_fns, p11_kit_uri_parse)
#endif

#endif
