/*
 * engine/base/datadir.h - where the program's data is: the folder holding
 * workflows/ and templates/ (installed as share/overens).
 */
#ifndef OV_BASE_DATADIR_H
#define OV_BASE_DATADIR_H

/* The environment variable that overrides the lookup. */
#define OV_DATADIR_ENV "OVERENS_DATA"

/*
 * Finds the data folder, the first of:
 *
 *   1. $OVERENS_DATA, when set and not empty (an override: used alone);
 *   2. the folder installed with the running program, found from
 *      /proc/self/exe (<prefix>/bin/overens -> <prefix>/share/overens), so
 *      that a moved installation still finds its data;
 *   3. the source tree the program was built from, through the link
 *      "overens-data" that the build puts next to the programs it makes
 *      (for running from the build folder).
 *
 * A folder counts when it has a workflows/ folder.  *out receives the
 * folder's path (free()).  When none has one, returns OV_ENOTFOUND with a
 * message naming every place looked in.
 */
int ov_datadir_find(char **out);

#endif
