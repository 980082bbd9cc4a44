/*
 * curl_lazy.h - libcurl loaded on first use (see curl_lazy.c).
 */
#ifndef OV_NOTIFY_CURL_LAZY_H
#define OV_NOTIFY_CURL_LAZY_H

/*
 * Loads libcurl if that has not happened yet.  Call it before the first
 * libcurl call of an operation: it is the one place that says why the
 * library is missing (OV_ERROR with dlopen's reason).
 */
int ov_curl_load(void);

#endif
