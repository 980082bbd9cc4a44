/*
 * lazy_crypto.h - OpenSSL's libcrypto, opened on first use: signing,
 * verifying, accounts and sessions need it; `status`, `list`, `log`,
 * `show` and `due` do not, and linking it cost every process some 2.5 M
 * instructions of relocation and set-up.
 *
 * Include this instead of OpenSSL's headers (it includes them).  The
 * process is not linked with the library: the first call opens it (see
 * overens/lazylib.h).  A function the code starts to call goes into the
 * list below; until it is there, the link fails with an undefined
 * reference to it.  Macros of OpenSSL's headers (sk_X509_num,
 * OPENSSL_free) expand to functions of the list where they are used.
 */
#ifndef OV_LAZY_CRYPTO_H
#define OV_LAZY_CRYPTO_H

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "overens/lazylib.h"

/* libcrypto (OV_SONAME_CRYPTO): every function the code calls. */
#define OV_CRYPTO_FUNCS(F) \
	F(ASN1_BIT_STRING_get_bit) \
	F(ASN1_INTEGER_cmp) \
	F(ASN1_INTEGER_free) \
	F(ASN1_INTEGER_get) \
	F(ASN1_INTEGER_set) \
	F(ASN1_INTEGER_to_BN) \
	F(ASN1_OBJECT_free) \
	F(ASN1_STRING_get0_data) \
	F(ASN1_STRING_length) \
	F(ASN1_STRING_set) \
	F(ASN1_STRING_to_UTF8) \
	F(ASN1_TIME_cmp_time_t) \
	F(ASN1_TIME_to_tm) \
	F(ASN1_get_object) \
	F(BIO_ctrl) \
	F(BIO_free) \
	F(BIO_get_data) \
	F(BIO_meth_free) \
	F(BIO_meth_new) \
	F(BIO_meth_set_ctrl) \
	F(BIO_meth_set_read_ex) \
	F(BIO_new) \
	F(BIO_new_mem_buf) \
	F(BIO_s_mem) \
	F(BIO_set_data) \
	F(BIO_set_init) \
	F(BN_bin2bn) \
	F(BN_bn2hex) \
	F(BN_free) \
	F(BN_to_ASN1_INTEGER) \
	F(CMS_ContentInfo_free) \
	F(CMS_SignerInfo_cert_cmp) \
	F(CMS_SignerInfo_get0_algs) \
	F(CMS_SignerInfo_get0_signature) \
	F(CMS_add1_cert) \
	F(CMS_add1_signer) \
	F(CMS_final) \
	F(CMS_get0_SignerInfos) \
	F(CMS_get0_type) \
	F(CMS_get1_certs) \
	F(CMS_sign) \
	F(CMS_signed_delete_attr) \
	F(CMS_signed_get0_data_by_OBJ) \
	F(CMS_signed_get_attr) \
	F(CMS_signed_get_attr_by_NID) \
	F(CMS_signed_get_attr_count) \
	F(CMS_unsigned_add1_attr_by_OBJ) \
	F(CMS_unsigned_get_attr) \
	F(CMS_unsigned_get_attr_by_OBJ) \
	F(CMS_verify) \
	F(CRL_DIST_POINTS_free) \
	F(CRYPTO_free) \
	F(CRYPTO_memcmp) \
	F(CRYPTO_strndup) \
	F(ERR_clear_error) \
	F(ERR_error_string_n) \
	F(ERR_get_error) \
	F(EVP_DecodeBlock) \
	F(EVP_Digest) \
	F(EVP_DigestFinal_ex) \
	F(EVP_DigestInit_ex) \
	F(EVP_DigestSign) \
	F(EVP_DigestSignInit) \
	F(EVP_DigestUpdate) \
	F(EVP_EncodeBlock) \
	F(EVP_MD_CTX_free) \
	F(EVP_MD_CTX_new) \
	F(EVP_PBE_scrypt) \
	F(EVP_PKEY_Q_keygen) \
	F(EVP_PKEY_free) \
	F(EVP_PKEY_get_size) \
	F(EVP_get_digestbyname) \
	F(EVP_sha256) \
	F(EVP_sha384) \
	F(EVP_sha512) \
	F(EXTENDED_KEY_USAGE_free) \
	F(GENERAL_NAMES_free) \
	F(OBJ_nid2obj) \
	F(OBJ_nid2sn) \
	F(OBJ_obj2nid) \
	F(OBJ_obj2txt) \
	F(OBJ_txt2obj) \
	F(OCSP_BASICRESP_free) \
	F(OCSP_CERTID_free) \
	F(OCSP_REQUEST_free) \
	F(OCSP_REQUEST_new) \
	F(OCSP_RESPONSE_free) \
	F(OCSP_basic_verify) \
	F(OCSP_cert_to_id) \
	F(OCSP_check_nonce) \
	F(OCSP_request_add0_id) \
	F(OCSP_request_add1_nonce) \
	F(OCSP_resp_find_status) \
	F(OCSP_resp_get0_produced_at) \
	F(OCSP_response_get1_basic) \
	F(OCSP_response_status) \
	F(OCSP_response_status_str) \
	F(OPENSSL_cleanse) \
	F(OPENSSL_sk_free) \
	F(OPENSSL_sk_new_null) \
	F(OPENSSL_sk_num) \
	F(OPENSSL_sk_pop_free) \
	F(OPENSSL_sk_push) \
	F(OPENSSL_sk_value) \
	F(PEM_read_bio_PrivateKey) \
	F(PEM_read_bio_X509) \
	F(PEM_read_bio_X509_CRL) \
	F(PEM_write_X509) \
	F(PEM_write_bio_X509) \
	F(PKCS12_create) \
	F(PKCS12_free) \
	F(PKCS12_mac_present) \
	F(PKCS12_parse) \
	F(PKCS12_verify_mac) \
	F(PKCS7_free) \
	F(PKCS7_get0_signers) \
	F(PKCS7_get_signer_info) \
	F(PKCS7_to_TS_TST_INFO) \
	F(RAND_bytes) \
	F(TS_MSG_IMPRINT_free) \
	F(TS_MSG_IMPRINT_get_algo) \
	F(TS_MSG_IMPRINT_get_msg) \
	F(TS_MSG_IMPRINT_new) \
	F(TS_MSG_IMPRINT_set_algo) \
	F(TS_MSG_IMPRINT_set_msg) \
	F(TS_REQ_free) \
	F(TS_REQ_new) \
	F(TS_REQ_set_cert_req) \
	F(TS_REQ_set_msg_imprint) \
	F(TS_REQ_set_nonce) \
	F(TS_REQ_set_version) \
	F(TS_RESP_free) \
	F(TS_RESP_get_status_info) \
	F(TS_RESP_get_tst_info) \
	F(TS_RESP_verify_signature) \
	F(TS_STATUS_INFO_get0_failure_info) \
	F(TS_STATUS_INFO_get0_status) \
	F(TS_STATUS_INFO_get0_text) \
	F(TS_TST_INFO_free) \
	F(TS_TST_INFO_get_msg_imprint) \
	F(TS_TST_INFO_get_nonce) \
	F(TS_TST_INFO_get_policy_id) \
	F(TS_TST_INFO_get_serial) \
	F(TS_TST_INFO_get_time) \
	F(TS_TST_INFO_get_version) \
	F(X509V3_EXT_conf_nid) \
	F(X509V3_set_ctx) \
	F(X509_ALGOR_free) \
	F(X509_ALGOR_get0) \
	F(X509_ALGOR_new) \
	F(X509_ALGOR_set0) \
	F(X509_ATTRIBUTE_count) \
	F(X509_ATTRIBUTE_free) \
	F(X509_ATTRIBUTE_get0_type) \
	F(X509_CRL_free) \
	F(X509_CRL_get0_by_cert) \
	F(X509_CRL_get0_lastUpdate) \
	F(X509_CRL_get_issuer) \
	F(X509_CRL_verify) \
	F(X509_EXTENSION_free) \
	F(X509_NAME_ENTRY_get_data) \
	F(X509_NAME_add_entry_by_txt) \
	F(X509_NAME_cmp) \
	F(X509_NAME_free) \
	F(X509_NAME_get_entry) \
	F(X509_NAME_get_index_by_NID) \
	F(X509_NAME_new) \
	F(X509_NAME_print_ex) \
	F(X509_OBJECT_get0_X509) \
	F(X509_OBJECT_get0_X509_CRL) \
	F(X509_OBJECT_get_type) \
	F(X509_REVOKED_get0_revocationDate) \
	F(X509_STORE_CTX_free) \
	F(X509_STORE_CTX_get0_param) \
	F(X509_STORE_CTX_get1_chain) \
	F(X509_STORE_CTX_get_current_cert) \
	F(X509_STORE_CTX_get_error) \
	F(X509_STORE_CTX_get_error_depth) \
	F(X509_STORE_CTX_init) \
	F(X509_STORE_CTX_new) \
	F(X509_STORE_add_cert) \
	F(X509_STORE_add_crl) \
	F(X509_STORE_free) \
	F(X509_STORE_get0_objects) \
	F(X509_STORE_get0_param) \
	F(X509_STORE_lock) \
	F(X509_STORE_new) \
	F(X509_STORE_set_flags) \
	F(X509_STORE_unlock) \
	F(X509_VERIFY_PARAM_clear_flags) \
	F(X509_VERIFY_PARAM_set1) \
	F(X509_VERIFY_PARAM_set_time) \
	F(X509_add_ext) \
	F(X509_check_ca) \
	F(X509_check_private_key) \
	F(X509_cmp) \
	F(X509_digest) \
	F(X509_email_free) \
	F(X509_free) \
	F(X509_get0_notAfter) \
	F(X509_get0_notBefore) \
	F(X509_get0_pubkey) \
	F(X509_get0_serialNumber) \
	F(X509_get1_ocsp) \
	F(X509_get_ext_d2i) \
	F(X509_get_extension_flags) \
	F(X509_get_issuer_name) \
	F(X509_get_key_usage) \
	F(X509_get_serialNumber) \
	F(X509_get_subject_name) \
	F(X509_getm_notAfter) \
	F(X509_getm_notBefore) \
	F(X509_new) \
	F(X509_set_issuer_name) \
	F(X509_set_pubkey) \
	F(X509_set_subject_name) \
	F(X509_set_version) \
	F(X509_sign) \
	F(X509_time_adj_ex) \
	F(X509_up_ref) \
	F(X509_verify_cert) \
	F(X509_verify_cert_error_string) \
	F(d2i_CMS_ContentInfo) \
	F(d2i_OCSP_RESPONSE) \
	F(d2i_PKCS12) \
	F(d2i_PKCS7) \
	F(d2i_TS_RESP) \
	F(d2i_X509) \
	F(d2i_X509_CRL) \
	F(i2d_CMS_ContentInfo) \
	F(i2d_OCSP_REQUEST) \
	F(i2d_PKCS12_fp) \
	F(i2d_TS_REQ) \
	F(i2d_X509) \
	F(i2d_X509_ATTRIBUTE) \
	F(i2d_X509_CRL)

extern ov_lazy_lib ov_crypto_lib;
extern struct ov_crypto_fns {
	OV_CRYPTO_FUNCS(OV_LAZY_SLOT)
} ov_crypto_fns;

#ifndef OV_LAZY_TABLES /* the file that defines the tables sees the real names */
#define ASN1_BIT_STRING_get_bit OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ASN1_BIT_STRING_get_bit)
#define ASN1_INTEGER_cmp OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ASN1_INTEGER_cmp)
#define ASN1_INTEGER_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ASN1_INTEGER_free)
#define ASN1_INTEGER_get OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ASN1_INTEGER_get)
#define ASN1_INTEGER_set OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ASN1_INTEGER_set)
#define ASN1_INTEGER_to_BN OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ASN1_INTEGER_to_BN)
#define ASN1_OBJECT_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ASN1_OBJECT_free)
#define ASN1_STRING_get0_data OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ASN1_STRING_get0_data)
#define ASN1_STRING_length OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ASN1_STRING_length)
#define ASN1_STRING_set OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ASN1_STRING_set)
#define ASN1_STRING_to_UTF8 OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ASN1_STRING_to_UTF8)
#define ASN1_TIME_cmp_time_t OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ASN1_TIME_cmp_time_t)
#define ASN1_TIME_to_tm OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ASN1_TIME_to_tm)
#define ASN1_get_object OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ASN1_get_object)
#define BIO_ctrl OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, BIO_ctrl)
#define BIO_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, BIO_free)
#define BIO_get_data OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, BIO_get_data)
#define BIO_meth_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, BIO_meth_free)
#define BIO_meth_new OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, BIO_meth_new)
#define BIO_meth_set_ctrl OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, BIO_meth_set_ctrl)
#define BIO_meth_set_read_ex OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, BIO_meth_set_read_ex)
#define BIO_new OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, BIO_new)
#define BIO_new_mem_buf OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, BIO_new_mem_buf)
#define BIO_s_mem OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, BIO_s_mem)
#define BIO_set_data OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, BIO_set_data)
#define BIO_set_init OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, BIO_set_init)
#define BN_bin2bn OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, BN_bin2bn)
#define BN_bn2hex OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, BN_bn2hex)
#define BN_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, BN_free)
#define BN_to_ASN1_INTEGER OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, BN_to_ASN1_INTEGER)
#define CMS_ContentInfo_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_ContentInfo_free)
#define CMS_SignerInfo_cert_cmp OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_SignerInfo_cert_cmp)
#define CMS_SignerInfo_get0_algs OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_SignerInfo_get0_algs)
#define CMS_SignerInfo_get0_signature OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_SignerInfo_get0_signature)
#define CMS_add1_cert OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_add1_cert)
#define CMS_add1_signer OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_add1_signer)
#define CMS_final OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_final)
#define CMS_get0_SignerInfos OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_get0_SignerInfos)
#define CMS_get0_type OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_get0_type)
#define CMS_get1_certs OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_get1_certs)
#define CMS_sign OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_sign)
#define CMS_signed_delete_attr OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_signed_delete_attr)
#define CMS_signed_get0_data_by_OBJ OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_signed_get0_data_by_OBJ)
#define CMS_signed_get_attr OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_signed_get_attr)
#define CMS_signed_get_attr_by_NID OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_signed_get_attr_by_NID)
#define CMS_signed_get_attr_count OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_signed_get_attr_count)
#define CMS_unsigned_add1_attr_by_OBJ OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_unsigned_add1_attr_by_OBJ)
#define CMS_unsigned_get_attr OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_unsigned_get_attr)
#define CMS_unsigned_get_attr_by_OBJ OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_unsigned_get_attr_by_OBJ)
#define CMS_verify OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CMS_verify)
#define CRL_DIST_POINTS_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CRL_DIST_POINTS_free)
#define CRYPTO_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CRYPTO_free)
#define CRYPTO_memcmp OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CRYPTO_memcmp)
#define CRYPTO_strndup OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, CRYPTO_strndup)
#define ERR_clear_error OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ERR_clear_error)
#define ERR_error_string_n OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ERR_error_string_n)
#define ERR_get_error OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, ERR_get_error)
#define EVP_DecodeBlock OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_DecodeBlock)
#define EVP_Digest OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_Digest)
#define EVP_DigestFinal_ex OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_DigestFinal_ex)
#define EVP_DigestInit_ex OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_DigestInit_ex)
#define EVP_DigestSign OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_DigestSign)
#define EVP_DigestSignInit OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_DigestSignInit)
#define EVP_DigestUpdate OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_DigestUpdate)
#define EVP_EncodeBlock OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_EncodeBlock)
#define EVP_MD_CTX_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_MD_CTX_free)
#define EVP_MD_CTX_new OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_MD_CTX_new)
#define EVP_PBE_scrypt OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_PBE_scrypt)
#define EVP_PKEY_Q_keygen OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_PKEY_Q_keygen)
#define EVP_PKEY_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_PKEY_free)
#define EVP_PKEY_get_size OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_PKEY_get_size)
#define EVP_get_digestbyname OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_get_digestbyname)
#define EVP_sha256 OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_sha256)
#define EVP_sha384 OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_sha384)
#define EVP_sha512 OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EVP_sha512)
#define EXTENDED_KEY_USAGE_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, EXTENDED_KEY_USAGE_free)
#define GENERAL_NAMES_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, GENERAL_NAMES_free)
#define OBJ_nid2obj OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OBJ_nid2obj)
#define OBJ_nid2sn OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OBJ_nid2sn)
#define OBJ_obj2nid OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OBJ_obj2nid)
#define OBJ_obj2txt OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OBJ_obj2txt)
#define OBJ_txt2obj OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OBJ_txt2obj)
#define OCSP_BASICRESP_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OCSP_BASICRESP_free)
#define OCSP_CERTID_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OCSP_CERTID_free)
#define OCSP_REQUEST_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OCSP_REQUEST_free)
#define OCSP_REQUEST_new OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OCSP_REQUEST_new)
#define OCSP_RESPONSE_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OCSP_RESPONSE_free)
#define OCSP_basic_verify OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OCSP_basic_verify)
#define OCSP_cert_to_id OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OCSP_cert_to_id)
#define OCSP_check_nonce OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OCSP_check_nonce)
#define OCSP_request_add0_id OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OCSP_request_add0_id)
#define OCSP_request_add1_nonce OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OCSP_request_add1_nonce)
#define OCSP_resp_find_status OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OCSP_resp_find_status)
#define OCSP_resp_get0_produced_at OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OCSP_resp_get0_produced_at)
#define OCSP_response_get1_basic OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OCSP_response_get1_basic)
#define OCSP_response_status OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OCSP_response_status)
#define OCSP_response_status_str OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OCSP_response_status_str)
#define OPENSSL_cleanse OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OPENSSL_cleanse)
#define OPENSSL_sk_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OPENSSL_sk_free)
#define OPENSSL_sk_new_null OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OPENSSL_sk_new_null)
#define OPENSSL_sk_num OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OPENSSL_sk_num)
#define OPENSSL_sk_pop_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OPENSSL_sk_pop_free)
#define OPENSSL_sk_push OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OPENSSL_sk_push)
#define OPENSSL_sk_value OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, OPENSSL_sk_value)
#define PEM_read_bio_PrivateKey OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, PEM_read_bio_PrivateKey)
#define PEM_read_bio_X509 OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, PEM_read_bio_X509)
#define PEM_read_bio_X509_CRL OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, PEM_read_bio_X509_CRL)
#define PEM_write_X509 OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, PEM_write_X509)
#define PEM_write_bio_X509 OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, PEM_write_bio_X509)
#define PKCS12_create OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, PKCS12_create)
#define PKCS12_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, PKCS12_free)
#define PKCS12_mac_present OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, PKCS12_mac_present)
#define PKCS12_parse OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, PKCS12_parse)
#define PKCS12_verify_mac OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, PKCS12_verify_mac)
#define PKCS7_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, PKCS7_free)
#define PKCS7_get0_signers OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, PKCS7_get0_signers)
#define PKCS7_get_signer_info OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, PKCS7_get_signer_info)
#define PKCS7_to_TS_TST_INFO OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, PKCS7_to_TS_TST_INFO)
#define RAND_bytes OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, RAND_bytes)
#define TS_MSG_IMPRINT_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_MSG_IMPRINT_free)
#define TS_MSG_IMPRINT_get_algo OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_MSG_IMPRINT_get_algo)
#define TS_MSG_IMPRINT_get_msg OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_MSG_IMPRINT_get_msg)
#define TS_MSG_IMPRINT_new OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_MSG_IMPRINT_new)
#define TS_MSG_IMPRINT_set_algo OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_MSG_IMPRINT_set_algo)
#define TS_MSG_IMPRINT_set_msg OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_MSG_IMPRINT_set_msg)
#define TS_REQ_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_REQ_free)
#define TS_REQ_new OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_REQ_new)
#define TS_REQ_set_cert_req OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_REQ_set_cert_req)
#define TS_REQ_set_msg_imprint OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_REQ_set_msg_imprint)
#define TS_REQ_set_nonce OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_REQ_set_nonce)
#define TS_REQ_set_version OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_REQ_set_version)
#define TS_RESP_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_RESP_free)
#define TS_RESP_get_status_info OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_RESP_get_status_info)
#define TS_RESP_get_tst_info OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_RESP_get_tst_info)
#define TS_RESP_verify_signature OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_RESP_verify_signature)
#define TS_STATUS_INFO_get0_failure_info OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_STATUS_INFO_get0_failure_info)
#define TS_STATUS_INFO_get0_status OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_STATUS_INFO_get0_status)
#define TS_STATUS_INFO_get0_text OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_STATUS_INFO_get0_text)
#define TS_TST_INFO_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_TST_INFO_free)
#define TS_TST_INFO_get_msg_imprint OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_TST_INFO_get_msg_imprint)
#define TS_TST_INFO_get_nonce OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_TST_INFO_get_nonce)
#define TS_TST_INFO_get_policy_id OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_TST_INFO_get_policy_id)
#define TS_TST_INFO_get_serial OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_TST_INFO_get_serial)
#define TS_TST_INFO_get_time OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_TST_INFO_get_time)
#define TS_TST_INFO_get_version OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, TS_TST_INFO_get_version)
#define X509V3_EXT_conf_nid OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509V3_EXT_conf_nid)
#define X509V3_set_ctx OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509V3_set_ctx)
#define X509_ALGOR_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_ALGOR_free)
#define X509_ALGOR_get0 OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_ALGOR_get0)
#define X509_ALGOR_new OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_ALGOR_new)
#define X509_ALGOR_set0 OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_ALGOR_set0)
#define X509_ATTRIBUTE_count OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_ATTRIBUTE_count)
#define X509_ATTRIBUTE_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_ATTRIBUTE_free)
#define X509_ATTRIBUTE_get0_type OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_ATTRIBUTE_get0_type)
#define X509_CRL_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_CRL_free)
#define X509_CRL_get0_by_cert OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_CRL_get0_by_cert)
#define X509_CRL_get0_lastUpdate OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_CRL_get0_lastUpdate)
#define X509_CRL_get_issuer OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_CRL_get_issuer)
#define X509_CRL_verify OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_CRL_verify)
#define X509_EXTENSION_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_EXTENSION_free)
#define X509_NAME_ENTRY_get_data OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_NAME_ENTRY_get_data)
#define X509_NAME_add_entry_by_txt OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_NAME_add_entry_by_txt)
#define X509_NAME_cmp OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_NAME_cmp)
#define X509_NAME_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_NAME_free)
#define X509_NAME_get_entry OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_NAME_get_entry)
#define X509_NAME_get_index_by_NID OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_NAME_get_index_by_NID)
#define X509_NAME_new OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_NAME_new)
#define X509_NAME_print_ex OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_NAME_print_ex)
#define X509_OBJECT_get0_X509 OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_OBJECT_get0_X509)
#define X509_OBJECT_get0_X509_CRL OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_OBJECT_get0_X509_CRL)
#define X509_OBJECT_get_type OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_OBJECT_get_type)
#define X509_REVOKED_get0_revocationDate OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_REVOKED_get0_revocationDate)
#define X509_STORE_CTX_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_CTX_free)
#define X509_STORE_CTX_get0_param OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_CTX_get0_param)
#define X509_STORE_CTX_get1_chain OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_CTX_get1_chain)
#define X509_STORE_CTX_get_current_cert OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_CTX_get_current_cert)
#define X509_STORE_CTX_get_error OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_CTX_get_error)
#define X509_STORE_CTX_get_error_depth OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_CTX_get_error_depth)
#define X509_STORE_CTX_init OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_CTX_init)
#define X509_STORE_CTX_new OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_CTX_new)
#define X509_STORE_add_cert OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_add_cert)
#define X509_STORE_add_crl OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_add_crl)
#define X509_STORE_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_free)
#define X509_STORE_get0_objects OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_get0_objects)
#define X509_STORE_get0_param OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_get0_param)
#define X509_STORE_lock OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_lock)
#define X509_STORE_new OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_new)
#define X509_STORE_set_flags OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_set_flags)
#define X509_STORE_unlock OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_STORE_unlock)
#define X509_VERIFY_PARAM_clear_flags OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_VERIFY_PARAM_clear_flags)
#define X509_VERIFY_PARAM_set1 OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_VERIFY_PARAM_set1)
#define X509_VERIFY_PARAM_set_time OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_VERIFY_PARAM_set_time)
#define X509_add_ext OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_add_ext)
#define X509_check_ca OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_check_ca)
#define X509_check_private_key OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_check_private_key)
#define X509_cmp OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_cmp)
#define X509_digest OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_digest)
#define X509_email_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_email_free)
#define X509_free OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_free)
#define X509_get0_notAfter OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_get0_notAfter)
#define X509_get0_notBefore OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_get0_notBefore)
#define X509_get0_pubkey OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_get0_pubkey)
#define X509_get0_serialNumber OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_get0_serialNumber)
#define X509_get1_ocsp OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_get1_ocsp)
#define X509_get_ext_d2i OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_get_ext_d2i)
#define X509_get_extension_flags OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_get_extension_flags)
#define X509_get_issuer_name OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_get_issuer_name)
#define X509_get_key_usage OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_get_key_usage)
#define X509_get_serialNumber OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_get_serialNumber)
#define X509_get_subject_name OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_get_subject_name)
#define X509_getm_notAfter OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_getm_notAfter)
#define X509_getm_notBefore OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_getm_notBefore)
#define X509_new OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_new)
#define X509_set_issuer_name OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_set_issuer_name)
#define X509_set_pubkey OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_set_pubkey)
#define X509_set_subject_name OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_set_subject_name)
#define X509_set_version OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_set_version)
#define X509_sign OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_sign)
#define X509_time_adj_ex OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_time_adj_ex)
#define X509_up_ref OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_up_ref)
#define X509_verify_cert OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_verify_cert)
#define X509_verify_cert_error_string OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, X509_verify_cert_error_string)
#define d2i_CMS_ContentInfo OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, d2i_CMS_ContentInfo)
#define d2i_OCSP_RESPONSE OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, d2i_OCSP_RESPONSE)
#define d2i_PKCS12 OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, d2i_PKCS12)
#define d2i_PKCS7 OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, d2i_PKCS7)
#define d2i_TS_RESP OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, d2i_TS_RESP)
#define d2i_X509 OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, d2i_X509)
#define d2i_X509_CRL OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, d2i_X509_CRL)
#define i2d_CMS_ContentInfo OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, i2d_CMS_ContentInfo)
#define i2d_OCSP_REQUEST OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, i2d_OCSP_REQUEST)
#define i2d_PKCS12_fp OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, i2d_PKCS12_fp)
#define i2d_TS_REQ OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, i2d_TS_REQ)
#define i2d_X509 OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, i2d_X509)
#define i2d_X509_ATTRIBUTE OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, i2d_X509_ATTRIBUTE)
#define i2d_X509_CRL OV_LAZY_CALL(ov_crypto_lib, ov_crypto_fns, i2d_X509_CRL)
#endif

#endif
