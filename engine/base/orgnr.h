/*
 * orgnr.h - Swedish organisation numbers (organisationsnummer).
 *
 * An organisation number is ten digits written NNNNNN-NNNN.  The tenth
 * digit is a Luhn check digit over the first nine, and the third digit is
 * 2 or more for a legal person; a lower third digit is a personal identity
 * number (personnummer), which a sole trader uses as the number of the
 * business.  Nothing here allocates.
 */
#ifndef OV_ORGNR_H
#define OV_ORGNR_H

/*
 * Checks an organisation number written "NNNNNN-NNNN" or as ten digits
 * without the dash, and writes the dashed form and a NUL into out.  The
 * number must belong to a legal person (third digit >= 2).  Fails with
 * OV_EINVALID and a message such as "organisation number '802002-8712' has
 * a wrong check digit (expected 1)"; out is then left unchanged.
 */
int ov_orgnr_normalize(char out[12], const char *in);

/*
 * As ov_orgnr_normalize, but when allow_person is non-zero a personal
 * identity number in the same ten-digit form (a sole trader's) is
 * accepted too.
 */
int ov_orgnr_check(char out[12], const char *in, int allow_person);

#endif
