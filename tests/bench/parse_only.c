/* The floor of the generator bench: parse YAML with libyaml, keep nothing. */
#include <stdio.h>
#include <stdlib.h>

#include <yaml.h>

/*
 * Reads FILE whole, as statusgen does, then parses it into events and
 * deletes each at once: what any libyaml-based tool must at least spend.
 * Prints the number of events; exits 1 on a read or syntax error.
 */
int
main(int argc, char **argv)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	unsigned long events = 0;
	unsigned char *src;
	size_t len = 0, cap = 1 << 16, n;
	FILE *fp;
	int done = 0;

	if (argc != 2) {
		fputs("usage: parse_only FILE\n", stderr);
		return 2;
	}
	if ((fp = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	if ((src = malloc(cap)) == NULL)
		abort();
	while ((n = fread(src + len, 1, cap - len, fp)) > 0)
		if ((len += n) == cap &&
		    (src = realloc(src, cap *= 2)) == NULL)
			abort();
	fclose(fp);
	if (!yaml_parser_initialize(&parser))
		abort();
	yaml_parser_set_input_string(&parser, src, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			fprintf(stderr, "%s:%lu:%lu: %s\n", argv[1],
			    (unsigned long)parser.problem_mark.line + 1,
			    (unsigned long)parser.problem_mark.column + 1,
			    parser.problem ? parser.problem : "syntax error");
			return 1;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		events++;
	}
	yaml_parser_delete(&parser);
	free(src);
	printf("%lu events\n", events);
	return 0;
}
