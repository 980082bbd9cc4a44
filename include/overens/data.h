/*
 * overens/data.h - the program's data folder (installed as share/overens):
 * workflows/, templates/ and the web interface's web/.
 */
#ifndef OVERENS_DATA_H
#define OVERENS_DATA_H

/*
 * The path of `sub` inside the data folder ("web/stil.css"); *out is
 * freed by the caller.  OV_ENOTFOUND, naming every place looked in, when
 * there is no data folder ($OVERENS_DATA, beside the program, the build
 * folder's link to the sources).
 */
int ov_data_path(char **out, const char *sub);

#endif
