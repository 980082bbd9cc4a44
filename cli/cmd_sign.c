/*
 * cmd_sign.c - `overens sign ID --party ROLE`: signs the frozen text
 * digitally as the party's authorised signatory (a PKCS#12 file, a PEM
 * key and certificate chain, or a key on a smart card or HSM through
 * PKCS#11), or without any of them records a signature made by hand on
 * paper (the event `sign`).  The password or PIN never comes from the
 * command line: a prompt, --password-file or OVERENS_PASSWORD.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "overens/query.h"
#include "overens/sign.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "party", 0, CLI_VALUE, N_("ROLE"), N_("the party signing") },
	{ "p12", 0, CLI_VALUE, N_("FILE"),
	  N_("the signatory's PKCS#12 file (key and certificates)") },
	{ "key", 0, CLI_VALUE, N_("FILE"), N_("the signatory's private key (PEM), with --cert") },
	{ "pkcs11", 0, CLI_VALUE, N_("URI"),
	  N_("the key on a smart card or HSM (pkcs11:token=…;object=…)") },
	{ "pkcs11-module", 0, CLI_VALUE, N_("PATH"),
	  N_("the card's PKCS#11 module (default: see above)") },
	{ "cert", 0, CLI_VALUE, N_("FILE"),
	  N_("the signatory's certificate and chain (PEM), also for a token") },
	{ "password-file", 0, CLI_VALUE, N_("FILE"),
	  N_("read the key's password or the card's PIN from FILE") },
	{ "signatory", 0, CLI_VALUE, N_("NAME"),
	  N_("without a key: who signed on paper (default: the registered one)") },
	{ "place", 0, CLI_VALUE, N_("PLACE"), N_("where the agreement was signed") },
	CLI_OPT_DATE(N_("the day of the signature (default: today in Sweden)")),
	{ "password", 0, CLI_VALUE | CLI_HIDDEN, N_("PASSWORD"),
	  N_("refused: never on the command line") },
	CLI_OPTIONS_END,
};

/* Reads a password (or a card's PIN) without echo from the terminal; NULL
 * when there is none. */
static char *prompt_password(const char *what, int pin)
{
	ov_buf prompt = OV_BUF_INIT;
	char *password;

	ov_buf_printf(&prompt, pin ? "PIN för %s: " : "Lösenord för %s: ", what);
	password = prompt.ptr ? cli_prompt_secret(prompt.ptr) : NULL;
	ov_buf_dispose(&prompt);
	return password;
}

static int read_password(char **out, const cli_args *a, const char *what)
{
	ov_buf b = OV_BUF_INIT;
	int err;

	if ((err = cli_password_given(out, a)) != 0)
		return err < 0 ? err : OV_OK;
	if (cli_opt(a, "key") && !cli_opt(a, "p12")) {
		/* An unencrypted PEM key needs no password: do not ask for one. */
		int encrypted;
		if ((err = ov_buf_read_file(&b, cli_opt(a, "key"))) < 0)
			return err;
		encrypted = strstr(b.ptr, "ENCRYPTED") != NULL;
		ov_buf_dispose(&b);
		if (!encrypted)
			return OV_OK;
	}
	*out = prompt_password(what, cli_opt(a, "pkcs11") != NULL);
	return OV_OK;
}

static void print_signed(ov_workspace *ws, const char *id, const ov_sign_opts *o, const char *pdf)
{
	ov_status *st = NULL;

	printf("%s: undertecknat digitalt för %s (%s)\n", id, o->party, pdf);
	if (ov_agreement_status(&st, ws, id, o->date) == 0) {
		printf("%s: nu i fasen %s (%s)\n", id, st->phase_label, st->phase);
		ov_status_free(st);
	}
	ov_error_clear();
}

/*
 * Which key options go together: one of --p12, --key, --pkcs11 (or none,
 * for a handwritten signature: then 1); a PKCS#11 URI is checked before a
 * PIN is asked for.  0 when a key signs, -1 for a handwritten signature,
 * else the exit code of the error printed.
 */
static int check_key_options(cli_args *a, const cli_command *c)
{
	int keys = !!cli_opt(a, "p12") + !!cli_opt(a, "key") + !!cli_opt(a, "pkcs11");

	if (cli_opt(a, "password"))
		return cli_usage(a, c, "%s", _("a password is never given on the command line: use a "
			"prompt, --password-file FILE or OVERENS_PASSWORD"));
	if (keys > 1)
		return cli_usage(a, c, "%s", _("give one of --p12, --key and --pkcs11"));
	if (cli_opt(a, "pkcs11-module") && !cli_opt(a, "pkcs11"))
		return cli_usage(a, c, "%s", _("--pkcs11-module goes with --pkcs11"));
	if (!keys) {
		if (cli_opt(a, "cert") || cli_opt(a, "password-file"))
			return cli_usage(a, c, "%s", _("--cert and --password-file go with --p12, "
				"--key or --pkcs11"));
		return -1; /* a handwritten signature, recorded */
	}
	if (cli_opt(a, "signatory"))
		return cli_usage(a, c, "%s", _("--signatory records a handwritten signature: "
			"give it without --p12, --key and --pkcs11"));
	if (cli_opt(a, "pkcs11") && ov_pkcs11_uri_check(cli_opt(a, "pkcs11")) < 0)
		return cli_fail(a, OV_EINVALID);
	return 0;
}

static int cmd_sign(cli_args *a, const cli_command *c)
{
	ov_sign_opts o;
	cli_session s;
	char *password = NULL, *pdf = NULL;
	int err;

	if ((err = check_key_options(a, c)) != 0)
		return err < 0 ? cli_event(a, c) : err;
	memset(&o, 0, sizeof(o));
	o.party = cli_opt(a, "party");
	o.p12_path = cli_opt(a, "p12");
	o.key_path = cli_opt(a, "key");
	o.cert_path = cli_opt(a, "cert");
	o.pkcs11_uri = cli_opt(a, "pkcs11");
	o.pkcs11_module = cli_opt(a, "pkcs11-module");
	o.place = cli_opt(a, "place");
	o.date = cli_opt(a, "date");
	if ((err = cli_session_open(&s, a)) >= 0 &&
	    (err = read_password(&password, a, o.pkcs11_uri ? o.pkcs11_uri :
				 o.p12_path ? o.p12_path : o.key_path)) >= 0) {
		o.password = password;
		if ((err = ov_agreement_sign(&pdf, s.ws, s.actor, a->pos[0], &o)) >= 0)
			print_signed(s.ws, a->pos[0], &o, pdf);
	}
	cli_secret_free(password);
	free(pdf);
	return cli_session_close(&s, a, err);
}

const cli_command cli_cmd_sign = {
	"sign", cmd_sign,
	N_("ID --party ROLE (--p12 FILE | --key FILE --cert FILE) [--password-file FILE]\n"
	   " [--place PLACE] [--date DATE]\n"
	   "ID --party ROLE --pkcs11 URI [--pkcs11-module PATH] [--cert FILE]\n"
	   " [--password-file FILE] [--place PLACE] [--date DATE]\n"
	   "ID --party ROLE [--signatory NAME] [--place PLACE] [--date DATE]"),
	N_("sign digitally, or record a handwritten signature"),
	N_("Signs the frozen text of agreement ID for party ROLE with the signatory's key\n"
	   "(PAdES, an incremental update of the signed PDF kept in git).  The certificate\n"
	   "must name the party's authorised signatory.  With --pkcs11 the key stays on a\n"
	   "smart card or HSM, named by an RFC 7512 URI (p11tool --list-all or pkcs11-tool\n"
	   "-O shows it); the certificate and its CA certificates come from the token, or\n"
	   "from --cert.  The module is --pkcs11-module, else the URI's module-path, else\n"
	   "the setting sign.pkcs11-module, else p11-kit's proxy (every module registered\n"
	   "with p11-kit).  The password or PIN comes from a prompt, --password-file or\n"
	   "OVERENS_PASSWORD, never from the command line or the URI.  Without a key,\n"
	   "records a signature made by hand on paper."),
	options, 1, 1, N_("ID"),
};
