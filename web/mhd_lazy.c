/*
 * mhd_lazy.c - libmicrohttpd, loaded when `overens serve` starts.
 *
 * The web server is linked into the tool, but only `serve` uses
 * libmicrohttpd; linked as usual, it and GnuTLS with its libraries were
 * loaded and initialised by every command (8 of the 26 million
 * instructions of `overens --version`).  As with libcurl
 * (engine/notify/curl_lazy.c), this file defines the libmicrohttpd
 * functions the server calls, each forwarding to the real one of
 * libmicrohttpd.so.12, opened with dlopen by web_mhd_load.  The variable
 * arguments of MHD_start_daemon go on through MHD_start_daemon_va; the two
 * info queries the server makes take none.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "overens/error.h"
#include "overens/lazylib.h"
#include "web/http.h"

static struct {
	struct MHD_Daemon *(*start_daemon_va)(unsigned int, uint16_t, MHD_AcceptPolicyCallback,
					      void *, MHD_AccessHandlerCallback, void *, va_list);
	void (*stop_daemon)(struct MHD_Daemon *);
	int (*get_connection_values)(struct MHD_Connection *, enum MHD_ValueKind,
				     MHD_KeyValueIterator, void *);
	const char *(*lookup_connection_value)(struct MHD_Connection *, enum MHD_ValueKind,
					       const char *);
	enum MHD_Result (*queue_response)(struct MHD_Connection *, unsigned int,
					  struct MHD_Response *);
	struct MHD_Response *(*create_response_from_buffer)(size_t, void *,
							    enum MHD_ResponseMemoryMode);
	void (*destroy_response)(struct MHD_Response *);
	enum MHD_Result (*add_response_header)(struct MHD_Response *, const char *,
					       const char *);
	struct MHD_PostProcessor *(*create_post_processor)(struct MHD_Connection *, size_t,
							   MHD_PostDataIterator, void *);
	enum MHD_Result (*post_process)(struct MHD_PostProcessor *, const char *, size_t);
	enum MHD_Result (*destroy_post_processor)(struct MHD_PostProcessor *);
	const union MHD_ConnectionInfo *(*get_connection_info)(struct MHD_Connection *,
							       enum MHD_ConnectionInfoType, ...);
	const union MHD_DaemonInfo *(*get_daemon_info)(struct MHD_Daemon *,
						       enum MHD_DaemonInfoType, ...);
} fn;

static const ov_lazy_sym syms[] = {
	{ "MHD_start_daemon_va", &fn.start_daemon_va },
	{ "MHD_stop_daemon", &fn.stop_daemon },
	{ "MHD_get_connection_values", &fn.get_connection_values },
	{ "MHD_lookup_connection_value", &fn.lookup_connection_value },
	{ "MHD_queue_response", &fn.queue_response },
	{ "MHD_create_response_from_buffer", &fn.create_response_from_buffer },
	{ "MHD_destroy_response", &fn.destroy_response },
	{ "MHD_add_response_header", &fn.add_response_header },
	{ "MHD_create_post_processor", &fn.create_post_processor },
	{ "MHD_post_process", &fn.post_process },
	{ "MHD_destroy_post_processor", &fn.destroy_post_processor },
	{ "MHD_get_connection_info", &fn.get_connection_info },
	{ "MHD_get_daemon_info", &fn.get_daemon_info },
};

static ov_lazy_lib lib = OV_LAZY_LIB("libmicrohttpd.so.12", "libmicrohttpd12", syms);

int web_mhd_load(void)
{
	return ov_lazy_load(&lib);
}

/* Every function below runs after web_mhd_load succeeded: start_daemon checks it. */

struct MHD_Daemon *(MHD_start_daemon)(unsigned int flags, uint16_t port,
				      MHD_AcceptPolicyCallback apc, void *apc_cls,
				      MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
	struct MHD_Daemon *d;
	va_list ap;

	if (web_mhd_load() < 0)
		return NULL;
	va_start(ap, dh_cls);
	d = fn.start_daemon_va(flags, port, apc, apc_cls, dh, dh_cls, ap);
	va_end(ap);
	return d;
}

void (MHD_stop_daemon)(struct MHD_Daemon *daemon)
{
	if (ov_lazy_ready(&lib))
		fn.stop_daemon(daemon);
}

int (MHD_get_connection_values)(struct MHD_Connection *c, enum MHD_ValueKind kind,
				MHD_KeyValueIterator it, void *it_cls)
{
	return fn.get_connection_values(c, kind, it, it_cls);
}

const char *(MHD_lookup_connection_value)(struct MHD_Connection *c, enum MHD_ValueKind kind,
					  const char *key)
{
	return fn.lookup_connection_value(c, kind, key);
}

enum MHD_Result (MHD_queue_response)(struct MHD_Connection *c, unsigned int status,
				     struct MHD_Response *r)
{
	return fn.queue_response(c, status, r);
}

struct MHD_Response *(MHD_create_response_from_buffer)(size_t size, void *buffer,
						       enum MHD_ResponseMemoryMode mode)
{
	return fn.create_response_from_buffer(size, buffer, mode);
}

void (MHD_destroy_response)(struct MHD_Response *r)
{
	fn.destroy_response(r);
}

enum MHD_Result (MHD_add_response_header)(struct MHD_Response *r, const char *header,
					  const char *content)
{
	return fn.add_response_header(r, header, content);
}

struct MHD_PostProcessor *(MHD_create_post_processor)(struct MHD_Connection *c, size_t size,
						      MHD_PostDataIterator it, void *it_cls)
{
	return fn.create_post_processor(c, size, it, it_cls);
}

enum MHD_Result (MHD_post_process)(struct MHD_PostProcessor *pp, const char *data, size_t len)
{
	return fn.post_process(pp, data, len);
}

enum MHD_Result (MHD_destroy_post_processor)(struct MHD_PostProcessor *pp)
{
	return fn.destroy_post_processor(pp);
}

/* The server asks only CLIENT_ADDRESS, which takes no argument. */
const union MHD_ConnectionInfo *(MHD_get_connection_info)(struct MHD_Connection *c,
							  enum MHD_ConnectionInfoType type, ...)
{
	return fn.get_connection_info(c, type);
}

/* The server asks only BIND_PORT, which takes no argument. */
const union MHD_DaemonInfo *(MHD_get_daemon_info)(struct MHD_Daemon *d,
						  enum MHD_DaemonInfoType type, ...)
{
	return fn.get_daemon_info(d, type);
}
