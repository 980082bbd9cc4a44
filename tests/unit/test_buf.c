/*
 * test_buf.c - the growing buffer's binary fields (buf.h): big-endian
 * integers of a given width, as PDF cross-reference streams store them;
 * decimal integers and hexadecimal bytes, as the PDF writers put them.
 */
#include <limits.h>
#include <stdio.h>

#include "ovtest.h"
#include "overens/buf.h"

/* The bytes ov_buf_put_be writes for v in w bytes, as hex. */
static const char *be_hex(unsigned long long v, int w)
{
	static char hex[64];
	ov_buf b = OV_BUF_INIT;

	hex[0] = '\0';
	if (ov_buf_put_be(&b, v, w) < 0) {
		ov_buf_dispose(&b);
		return "(error)";
	}
	for (size_t i = 0; i < b.size && i < 31; i++)
		snprintf(hex + 2 * i, 3, "%02x", (unsigned char)b.ptr[i]);
	ov_buf_dispose(&b);
	return hex;
}

TEST(big_endian_of_a_width)
{
	CHECK_STR(be_hex(0, 1), "00");
	CHECK_STR(be_hex(0x1234, 2), "1234");
	CHECK_STR(be_hex(0x1234, 3), "001234");
	CHECK_STR(be_hex(65535, 2), "ffff");
	/* Only the low bytes: a field too narrow keeps what fits. */
	CHECK_STR(be_hex(0x123456, 2), "3456");
	CHECK_STR(be_hex(0, 0), "");
	CHECK_STR(be_hex(0x0102030405060708ULL, 8), "0102030405060708");
	/* Wider than the value's type: zeros first. */
	CHECK_STR(be_hex(1, 10), "00000000000000000001");
	CHECK_STR(be_hex(1, -1), "(error)");
}

TEST(width_is_the_bytes_a_value_needs)
{
	CHECK_INT(ov_buf_be_width(0), 1);
	CHECK_INT(ov_buf_be_width(255), 1);
	CHECK_INT(ov_buf_be_width(256), 2);
	CHECK_INT(ov_buf_be_width(65535), 2);
	CHECK_INT(ov_buf_be_width(65536), 3);
	CHECK_INT(ov_buf_be_width(~0ULL), 8);
}

/* ov_buf_put_ll gives what "%lld" gives, appended after what is there. */
TEST(decimal_as_printf_gives_it)
{
	const long long v[] = { 0, 1, -1, 9, 10, -10, 999, 1000, 123456789, -987654321,
				LLONG_MAX, LLONG_MIN, LLONG_MIN + 1 };
	char want[64];
	ov_buf b = OV_BUF_INIT;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		ov_buf_clear(&b);
		CHECK_OK(ov_buf_puts(&b, "x"));
		CHECK_OK(ov_buf_put_ll(&b, v[i]));
		snprintf(want, sizeof(want), "x%lld", v[i]);
		CHECK_STR(b.ptr, want);
		CHECK_INT((int)b.size, (int)strlen(want));
	}
	ov_buf_dispose(&b);
}

TEST(hex_of_bytes)
{
	ov_buf b = OV_BUF_INIT;

	CHECK_OK(ov_buf_put_hex(&b, "", 0));
	CHECK_STR(b.ptr ? b.ptr : "", "");
	CHECK_OK(ov_buf_puts(&b, "<"));
	CHECK_OK(ov_buf_put_hex(&b, "\x00\x0f\xa5\xff" "A", 5));
	CHECK_OK(ov_buf_puts(&b, ">"));
	CHECK_STR(b.ptr, "<000FA5FF41>");
	CHECK_INT((int)b.size, 12);
	ov_buf_dispose(&b);
}

OVT_MAIN(
	TEST_ENTRY(decimal_as_printf_gives_it),
	TEST_ENTRY(hex_of_bytes),
	TEST_ENTRY(big_endian_of_a_width),
	TEST_ENTRY(width_is_the_bytes_a_value_needs)
)
