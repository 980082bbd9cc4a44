/*
 * overens/param.h - the key/value pair that the engine's functions take
 * for options (organisation details, event data, parties of a new
 * agreement).  Both strings belong to the caller.
 */
#ifndef OVERENS_PARAM_H
#define OVERENS_PARAM_H

typedef struct ov_param {
	const char *key, *value;
} ov_param;

#endif
