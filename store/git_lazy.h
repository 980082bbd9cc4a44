/*
 * git_lazy.h - libgit2, opened on first use.
 *
 * Linked as usual, Debian's libgit2 and the 15 libraries it needs (mbedTLS,
 * libssh2, Kerberos, PCRE2, ...) are mapped and relocated by every process,
 * though reads at head are answered from the index and never call it
 * (store/repo.c sets libgit2 up on the first call that needs it).
 *
 * Include this instead of the library's headers (it includes them).  The
 * process is not linked with the library: the first call opens it (see
 * overens/lazylib.h), so commands that never call it never load it.  A
 * function the code starts to call goes into the list below; until it is
 * there, the link fails with an undefined reference to it.
 */
#ifndef OV_STORE_GIT_LAZY_H
#define OV_STORE_GIT_LAZY_H

#include <git2.h>
#include <git2/sys/odb_backend.h>

#include "overens/lazylib.h"

/* libgit2 (OV_SONAME_GIT2): every function the code calls. */
#define OV_GIT_FUNCS(F) \
	F(git_blob_create_from_buffer) \
	F(git_blob_free) \
	F(git_blob_lookup) \
	F(git_blob_rawcontent) \
	F(git_blob_rawsize) \
	F(git_buf_dispose) \
	F(git_commit_author) \
	F(git_commit_create) \
	F(git_commit_free) \
	F(git_commit_id) \
	F(git_commit_lookup) \
	F(git_commit_message) \
	F(git_commit_parent_id) \
	F(git_commit_parentcount) \
	F(git_commit_time) \
	F(git_commit_tree) \
	F(git_commit_tree_id) \
	F(git_config_foreach) \
	F(git_config_free) \
	F(git_config_get_string_buf) \
	F(git_config_open_level) \
	F(git_config_open_ondisk) \
	F(git_config_set_string) \
	F(git_diff_buffers) \
	F(git_diff_options_init) \
	F(git_error_last) \
	F(git_error_set_str) \
	F(git_graph_descendant_of) \
	F(git_libgit2_init) \
	F(git_libgit2_opts) \
	F(git_libgit2_shutdown) \
	F(git_message_trailer_array_free) \
	F(git_message_trailers) \
	F(git_object_free) \
	F(git_object_id) \
	F(git_object_lookup) \
	F(git_object_lookup_prefix) \
	F(git_object_peel) \
	F(git_object_type) \
	F(git_odb_backend_one_pack) \
	F(git_odb_exists) \
	F(git_odb_free) \
	F(git_odb_refresh) \
	F(git_odb_write) \
	F(git_oid_cmp) \
	F(git_oid_fromstr) \
	F(git_oid_fromstrn) \
	F(git_oid_tostr) \
	F(git_packbuilder_free) \
	F(git_packbuilder_insert) \
	F(git_packbuilder_insert_walk) \
	F(git_packbuilder_name) \
	F(git_packbuilder_new) \
	F(git_packbuilder_object_count) \
	F(git_packbuilder_set_threads) \
	F(git_packbuilder_write) \
	F(git_packbuilder_write_buf) \
	F(git_refdb_compress) \
	F(git_refdb_free) \
	F(git_reference_create_matching) \
	F(git_reference_free) \
	F(git_reference_iterator_free) \
	F(git_reference_iterator_new) \
	F(git_reference_lookup) \
	F(git_reference_name) \
	F(git_reference_name_is_valid) \
	F(git_reference_name_to_id) \
	F(git_reference_next) \
	F(git_reference_peel) \
	F(git_reference_target) \
	F(git_reflog_entry_byindex) \
	F(git_reflog_entry_id_new) \
	F(git_reflog_entrycount) \
	F(git_reflog_free) \
	F(git_reflog_read) \
	F(git_repository_config) \
	F(git_repository_free) \
	F(git_repository_init_ext) \
	F(git_repository_init_options_init) \
	F(git_repository_is_bare) \
	F(git_repository_odb) \
	F(git_repository_open_ext) \
	F(git_repository_refdb) \
	F(git_repository_set_ident) \
	F(git_revwalk_free) \
	F(git_revwalk_hide) \
	F(git_revwalk_new) \
	F(git_revwalk_next) \
	F(git_revwalk_push) \
	F(git_revwalk_push_ref) \
	F(git_revwalk_sorting) \
	F(git_signature_free) \
	F(git_signature_new) \
	F(git_tag_delete) \
	F(git_tree_create_updated) \
	F(git_tree_entry_byindex) \
	F(git_tree_entry_bypath) \
	F(git_tree_entry_cmp) \
	F(git_tree_entry_filemode) \
	F(git_tree_entry_free) \
	F(git_tree_entry_id) \
	F(git_tree_entry_name) \
	F(git_tree_entry_type) \
	F(git_tree_entrycount) \
	F(git_tree_free) \
	F(git_tree_id) \
	F(git_tree_lookup) \
	F(git_tree_walk)

extern ov_lazy_lib ov_git_lib;
extern struct ov_git_fns {
	OV_GIT_FUNCS(OV_LAZY_SLOT)
} ov_git_fns;

/*
 * The functions that free an object do nothing while the library is not
 * loaded (no object of it can exist then): cleanup paths that free what a
 * failed call never made do not load it, nor end the process when it is
 * missing.
 */
#ifndef OV_LAZY_TABLES /* the file that defines the tables sees the real names */
#define git_blob_create_from_buffer OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_blob_create_from_buffer)
#define git_blob_free(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_blob_free, obj)
#define git_blob_lookup OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_blob_lookup)
#define git_blob_rawcontent OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_blob_rawcontent)
#define git_blob_rawsize OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_blob_rawsize)
#define git_buf_dispose(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_buf_dispose, obj)
#define git_commit_author OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_commit_author)
#define git_commit_create OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_commit_create)
#define git_commit_free(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_commit_free, obj)
#define git_commit_id OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_commit_id)
#define git_commit_lookup OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_commit_lookup)
#define git_commit_message OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_commit_message)
#define git_commit_parent_id OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_commit_parent_id)
#define git_commit_parentcount OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_commit_parentcount)
#define git_commit_time OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_commit_time)
#define git_commit_tree OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_commit_tree)
#define git_commit_tree_id OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_commit_tree_id)
#define git_config_foreach OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_config_foreach)
#define git_config_free(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_config_free, obj)
#define git_config_get_string_buf OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_config_get_string_buf)
#define git_config_open_level OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_config_open_level)
#define git_config_open_ondisk OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_config_open_ondisk)
#define git_config_set_string OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_config_set_string)
#define git_diff_buffers OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_diff_buffers)
#define git_diff_options_init OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_diff_options_init)
#define git_error_last OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_error_last)
#define git_error_set_str OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_error_set_str)
#define git_graph_descendant_of OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_graph_descendant_of)
#define git_libgit2_init OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_libgit2_init)
#define git_libgit2_opts OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_libgit2_opts)
#define git_libgit2_shutdown OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_libgit2_shutdown)
#define git_message_trailer_array_free(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_message_trailer_array_free, obj)
#define git_message_trailers OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_message_trailers)
#define git_object_free(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_object_free, obj)
#define git_object_id OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_object_id)
#define git_object_lookup OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_object_lookup)
#define git_object_lookup_prefix OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_object_lookup_prefix)
#define git_object_peel OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_object_peel)
#define git_object_type OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_object_type)
#define git_odb_backend_one_pack OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_odb_backend_one_pack)
#define git_odb_exists OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_odb_exists)
#define git_odb_free(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_odb_free, obj)
#define git_odb_refresh OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_odb_refresh)
#define git_odb_write OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_odb_write)
#define git_oid_cmp OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_oid_cmp)
#define git_oid_fromstr OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_oid_fromstr)
#define git_oid_fromstrn OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_oid_fromstrn)
#define git_oid_tostr OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_oid_tostr)
#define git_packbuilder_free(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_packbuilder_free, obj)
#define git_packbuilder_insert OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_packbuilder_insert)
#define git_packbuilder_insert_walk OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_packbuilder_insert_walk)
#define git_packbuilder_name OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_packbuilder_name)
#define git_packbuilder_new OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_packbuilder_new)
#define git_packbuilder_object_count OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_packbuilder_object_count)
#define git_packbuilder_set_threads OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_packbuilder_set_threads)
#define git_packbuilder_write OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_packbuilder_write)
#define git_packbuilder_write_buf OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_packbuilder_write_buf)
#define git_refdb_compress OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_refdb_compress)
#define git_refdb_free(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_refdb_free, obj)
#define git_reference_create_matching OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_reference_create_matching)
#define git_reference_free(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_reference_free, obj)
#define git_reference_iterator_free(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_reference_iterator_free, obj)
#define git_reference_iterator_new OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_reference_iterator_new)
#define git_reference_lookup OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_reference_lookup)
#define git_reference_name OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_reference_name)
#define git_reference_name_is_valid OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_reference_name_is_valid)
#define git_reference_name_to_id OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_reference_name_to_id)
#define git_reference_next OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_reference_next)
#define git_reference_peel OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_reference_peel)
#define git_reference_target OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_reference_target)
#define git_reflog_entry_byindex OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_reflog_entry_byindex)
#define git_reflog_entry_id_new OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_reflog_entry_id_new)
#define git_reflog_entrycount OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_reflog_entrycount)
#define git_reflog_free(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_reflog_free, obj)
#define git_reflog_read OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_reflog_read)
#define git_repository_config OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_repository_config)
#define git_repository_free(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_repository_free, obj)
#define git_repository_init_ext OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_repository_init_ext)
#define git_repository_init_options_init OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_repository_init_options_init)
#define git_repository_is_bare OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_repository_is_bare)
#define git_repository_odb OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_repository_odb)
#define git_repository_open_ext OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_repository_open_ext)
#define git_repository_refdb OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_repository_refdb)
#define git_repository_set_ident OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_repository_set_ident)
#define git_revwalk_free(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_revwalk_free, obj)
#define git_revwalk_hide OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_revwalk_hide)
#define git_revwalk_new OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_revwalk_new)
#define git_revwalk_next OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_revwalk_next)
#define git_revwalk_push OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_revwalk_push)
#define git_revwalk_push_ref OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_revwalk_push_ref)
#define git_revwalk_sorting OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_revwalk_sorting)
#define git_signature_free(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_signature_free, obj)
#define git_signature_new OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_signature_new)
#define git_tag_delete OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_tag_delete)
#define git_tree_create_updated OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_tree_create_updated)
#define git_tree_entry_byindex OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_tree_entry_byindex)
#define git_tree_entry_bypath OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_tree_entry_bypath)
#define git_tree_entry_cmp OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_tree_entry_cmp)
#define git_tree_entry_filemode OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_tree_entry_filemode)
#define git_tree_entry_free(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_tree_entry_free, obj)
#define git_tree_entry_id OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_tree_entry_id)
#define git_tree_entry_name OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_tree_entry_name)
#define git_tree_entry_type OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_tree_entry_type)
#define git_tree_entrycount OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_tree_entrycount)
#define git_tree_free(obj) OV_LAZY_FREE(ov_git_lib, ov_git_fns, git_tree_free, obj)
#define git_tree_id OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_tree_id)
#define git_tree_lookup OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_tree_lookup)
#define git_tree_walk OV_LAZY_CALL(ov_git_lib, ov_git_fns, git_tree_walk)
#endif

#endif
