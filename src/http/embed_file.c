/* Build tool: turn a file into a C array (the API description served at /api/v1/openapi.yaml). */
#include <stdio.h>
#include <stdlib.h>

/*
 * embed_file INPUT OUTPUT NAME writes OUTPUT, a C file defining
 *   const unsigned char NAME[] = { ..., 0 };
 *   const unsigned long NAME_len = <bytes without the final 0>;
 * Run by Meson at build time (not part of duban).
 */
int main(int argc, char **argv)
{
	FILE *in, *out;
	unsigned long n = 0;
	int c;

	if (argc != 4) {
		fprintf(stderr, "usage: embed_file INPUT OUTPUT NAME\n");
		return 2;
	}
	in = fopen(argv[1], "rb");
	if (!in) {
		perror(argv[1]);
		return 1;
	}
	out = fopen(argv[2], "w");
	if (!out) {
		perror(argv[2]);
		fclose(in);
		return 1;
	}
	fprintf(out, "/* Generated from %s by embed_file: do not edit. */\n", argv[1]);
	fprintf(out, "extern const unsigned char %s[];\nextern const unsigned long %s_len;\n",
		argv[3], argv[3]);
	fprintf(out, "const unsigned char %s[] = {", argv[3]);
	while ((c = getc(in)) != EOF) {
		fprintf(out, "%s0x%02x,", n % 16 ? " " : "\n\t", (unsigned)c);
		n++;
	}
	fprintf(out, "\n\t0x00\n};\nconst unsigned long %s_len = %luUL;\n", argv[3], n);
	fclose(in);
	if (fclose(out)) {
		perror(argv[2]);
		return 1;
	}
	return 0;
}
