/* lookup.c: times the generated lookups against libmicrohttpd, gperf and naive baselines (make bench). */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>

#include "baseline.h"
#include "http_status.h"
#include "inline.h"

/*
 * Every contender is a call into another translation unit, compiled at the
 * same -O2 and linked without LTO, so nothing is inlined into the timing
 * loops and no call can be optimised away: each loop adds up what the
 * calls return. The exceptions are the loops of inline.c, built with
 * HTTP_STATUS_STATIC, where the lookups are inlined into their loop, and
 * timed against a bare array indexed in a loop of the same file. The calls are independent of each other, so the figures
 * are throughput (ns per call in a loop of calls), not latency.
 *
 * Each workload is a fixed array made here from a fixed seed. One run
 * calls a contender over the whole array REPS times; the contenders take
 * turns, run after run, and each one's figure is the median of RUNS runs.
 * Runs are timed by the thread's CPU clock, so that time the thread spends
 * waiting for a core that other jobs hold is not counted.
 */
#define NCODES		65536
#define NPHRASES	16384
#define RUNS		15
#define CALLS_PER_RUN	2000000

/* ------------------------------------------------------------------ */
/* Random numbers: splitmix64, fixed seed                             */
/* ------------------------------------------------------------------ */

static uint64_t rng_state = 0x5eed2024u;

static uint64_t
rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Uniform in 0..n-1 (n is small: the bias is negligible). */
static unsigned
rng_below(unsigned n)
{
	return (unsigned)(rng_next() % n);
}

/* ------------------------------------------------------------------ */
/* Timing                                                             */
/* ------------------------------------------------------------------ */

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int
by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Keeps every sum alive: the calls must happen. */
static volatile uintptr_t sink;

struct code_work {
	const char	*name;
	const char	*how;
	int		 codes[NCODES];
};

struct phrase_item {
	const char	*s;		/* NUL-terminated */
	size_t		 len;
	int		 want;		/* the code, or 0 when misspelled */
};

struct phrase_work {
	const char		*name;
	const char		*how;
	int			 same_shape;	/* names: the phrases' length */
	struct phrase_item	 items[NPHRASES];
};

/* One timing loop per contender, so that each call is direct. */
#define CODE_LOOP(fn, call)						\
static uintptr_t							\
fn(const int *codes, size_t reps)					\
{									\
	uintptr_t acc = 0;						\
	size_t r, i;							\
									\
	for (r = 0; r < reps; r++)					\
		for (i = 0; i < NCODES; i++)				\
			acc += (uintptr_t)(call);			\
	return acc;							\
}

CODE_LOOP(loop_noop, noop_reason(codes[i]))
CODE_LOOP(loop_reason, http_status_reason(codes[i]))
CODE_LOOP(loop_line_len, http_status_line_len(codes[i]))
CODE_LOOP(loop_mhd, MHD_get_reason_phrase_for((unsigned)codes[i]))
CODE_LOOP(loop_floor, floor_reason(codes[i]))
CODE_LOOP(loop_description, http_status_description(codes[i]))
CODE_LOOP(loop_name, http_status_name(codes[i]))
CODE_LOOP(loop_known, http_status_is_known(codes[i]))
CODE_LOOP(loop_cacheable, http_status_is_cacheable(codes[i]))
CODE_LOOP(loop_class_name, http_status_class_name(http_status_class_of(codes[i])))

#define PHRASE_LOOP(fn, call)						\
static uintptr_t							\
fn(const struct phrase_item *items, size_t reps)			\
{									\
	uintptr_t acc = 0;						\
	size_t r, i;							\
									\
	for (r = 0; r < reps; r++)					\
		for (i = 0; i < NPHRASES; i++)				\
			acc += (uintptr_t)(call);			\
	return acc;							\
}

PHRASE_LOOP(loop_from_reason_n, http_status_from_reason_n(items[i].s,
    items[i].len))
PHRASE_LOOP(loop_from_reason, http_status_from_reason(items[i].s))
PHRASE_LOOP(loop_from_name_n, http_status_from_name_n(items[i].s,
    items[i].len))

/* The loops of inline.c, as contenders. */
static uintptr_t
loop_inline_reason(const int *codes, size_t reps)
{
	return inline_reason_loop(codes, NCODES, reps);
}

static uintptr_t
loop_inline_line_len(const int *codes, size_t reps)
{
	return inline_line_len_loop(codes, NCODES, reps);
}

static uintptr_t
loop_inline_floor(const int *codes, size_t reps)
{
	return inline_floor_loop(codes, NCODES, reps);
}
PHRASE_LOOP(loop_gperf, gperf_from_reason(items[i].s, items[i].len))
PHRASE_LOOP(loop_linear, linear_from_reason(items[i].s))

enum contender_kind { CODES, PHRASES };

struct contender {
	const char	*name;
	enum contender_kind kind;
	uintptr_t	(*code_loop)(const int *, size_t);
	uintptr_t	(*phrase_loop)(const struct phrase_item *, size_t);
	double		 median;	/* ns per call, per workload */
	const void	*work;		/* its own workload, or NULL */
};

static struct contender code_contenders[] = {
	{ "http_status_reason", CODES, loop_reason, NULL, 0, NULL },
	{ "MHD_get_reason_phrase_for", CODES, loop_mhd, NULL, 0, NULL },
	{ "bare const char *[600] (floor)", CODES, loop_floor, NULL, 0, NULL },
	{ "empty call (overhead)", CODES, loop_noop, NULL, 0, NULL },
	{ "http_status_description", CODES, loop_description, NULL, 0, NULL },
	{ "http_status_name", CODES, loop_name, NULL, 0, NULL },
	{ "http_status_is_known", CODES, loop_known, NULL, 0, NULL },
	{ "http_status_is_cacheable", CODES, loop_cacheable, NULL, 0, NULL },
	{ "http_status_class_name(class)", CODES, loop_class_name, NULL, 0, NULL },
	{ "http_status_line_len", CODES, loop_line_len, NULL, 0, NULL },
	{ "static: http_status_reason, inlined", CODES, loop_inline_reason,
	    NULL, 0, NULL },
	{ "static: http_status_line_len, inlined", CODES,
	    loop_inline_line_len, NULL, 0, NULL },
	{ "static: bare const char *[600] in the loop", CODES,
	    loop_inline_floor, NULL, 0, NULL },
};
enum { C_REASON, C_MHD, C_FLOOR, C_LINE_LEN = 9, C_INLINE_REASON,
    C_INLINE_LINE_LEN, C_INLINE_FLOOR };
#define NCODE_CONTENDERS (sizeof(code_contenders) / sizeof(code_contenders[0]))

static struct contender phrase_contenders[] = {
	{ "http_status_from_reason_n", PHRASES, NULL, loop_from_reason_n, 0, NULL },
	{ "gperf --ignore-case", PHRASES, NULL, loop_gperf, 0, NULL },
	{ "linear strcasecmp scan", PHRASES, NULL, loop_linear, 0, NULL },
	{ "http_status_from_reason (strlen)", PHRASES, NULL, loop_from_reason,
	    0, NULL },
};
enum { P_STATUSGEN, P_GPERF, P_LINEAR };
#define NPHRASE_CONTENDERS (sizeof(phrase_contenders) / \
    sizeof(phrase_contenders[0]))

/* Times each contender over one workload; sets their medians. */
static void
time_all(struct contender *c, size_t nc, const void *work, size_t nwork)
{
	double *samples = malloc(nc * RUNS * sizeof(*samples));
	size_t reps = CALLS_PER_RUN / nwork, run, k;
	double t0;

	if (samples == NULL) {
		perror("lookup");
		exit(2);
	}
	if (reps == 0)
		reps = 1;
	/* A first pass warms the caches, the predictors and the clock. */
	for (k = 0; k < nc; k++)
		sink += c[k].kind == CODES ? c[k].code_loop(work, reps) :
		    c[k].phrase_loop(c[k].work ? c[k].work : work, reps);
	for (run = 0; run < RUNS; run++)
		for (k = 0; k < nc; k++) {
			t0 = now_ns();
			sink += c[k].kind == CODES ?
			    c[k].code_loop(work, reps) :
			    c[k].phrase_loop(c[k].work ? c[k].work : work,
			    reps);
			samples[k * RUNS + run] = (now_ns() - t0) /
			    (double)(reps * nwork);
		}
	for (k = 0; k < nc; k++) {
		qsort(samples + k * RUNS, RUNS, sizeof(*samples), by_double);
		c[k].median = samples[k * RUNS + RUNS / 2];
	}
	free(samples);
}

/* ------------------------------------------------------------------ */
/* Workloads                                                          */
/* ------------------------------------------------------------------ */

/* A server's mix of status codes, in percent (tenths). */
static const struct {
	int		code;
	unsigned	permille;
} server_mix[] = {
	{ 200, 700 }, { 304, 80 }, { 404, 60 }, { 301, 30 }, { 302, 30 },
	{ 204, 20 }, { 206, 10 }, { 400, 15 }, { 401, 10 }, { 403, 10 },
	{ 500, 10 }, { 503, 10 }, { 502, 5 }, { 307, 5 }, { 429, 5 },
};
#define NMIX (sizeof(server_mix) / sizeof(server_mix[0]))

static int
server_code(void)
{
	unsigned r = rng_below(1000), i;

	for (i = 0; i + 1 < NMIX && r >= server_mix[i].permille; i++)
		r -= server_mix[i].permille;
	return server_mix[i].code;
}

static void
make_code_workloads(struct code_work *w)
{
	int known[1000];
	size_t nknown = 0, i;
	int c;

	for (c = 0; c < 1000; c++)
		if (http_status_is_known(c))
			known[nknown++] = c;
	w[0].name = "uniform 0..999";
	w[0].how = "codes uniform over 0..999, known or not";
	for (i = 0; i < NCODES; i++)
		w[0].codes[i] = (int)rng_below(1000);
	w[1].name = "uniform known";
	w[1].how = "codes uniform over the known codes";
	for (i = 0; i < NCODES; i++)
		w[1].codes[i] = known[rng_below((unsigned)nknown)];
	w[2].name = "server mix";
	w[2].how = "200 70%, 304 8%, 404 6%, 301 3%, 302 3%, 204 2%, "
	    "400 1.5%,\n\t401 1%, 403 1%, 206 1%, 500 1%, 503 1%, 502 0.5%, "
	    "307 0.5%, 429 0.5%";
	for (i = 0; i < NCODES; i++)
		w[2].codes[i] = server_code();
}

static char *
xstrdup_len(const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (p == NULL) {
		perror("lookup");
		exit(2);
	}
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* A random letter, in random case. */
static char
random_letter(void)
{
	char c = (char)('a' + rng_below(26));

	return rng_below(2) ? (char)(c - 'a' + 'A') : c;
}

/*
 * One edit of buf[0..len), NUL-terminated with room for one more byte: a
 * letter replaced, a byte dropped, a letter added or (with 4 kinds) two
 * neighbours swapped, the kind one of the first kinds. Returns the new
 * length.
 */
static size_t
misspell_once(char *buf, size_t len, unsigned kinds)
{
	size_t at = rng_below((unsigned)len);

	switch (rng_below(kinds)) {
	case 0:
		buf[at] = random_letter();
		return len;
	case 1:
		memmove(buf + at, buf + at + 1, len - at);
		return len - 1;
	case 2:
		memmove(buf + at + 1, buf + at, len - at + 1);
		buf[at] = random_letter();
		return len + 1;
	default:
		if (at + 1 < len) {
			char t = buf[at];

			buf[at] = buf[at + 1];
			buf[at + 1] = t;
		}
		return len;
	}
}

/*
 * One phrase as a client might send it: every letter in random case and,
 * one time in five, one edit (a letter replaced, dropped, added or two
 * swapped) that leaves it matching no phrase.
 */
static void
make_phrase(struct phrase_item *it, const char *phrase, int code)
{
	char buf[256];
	size_t len = strlen(phrase), i;
	int misspell = rng_below(5) == 0;

	for (;;) {
		memcpy(buf, phrase, len + 1);
		for (i = 0; i < len; i++)
			if ((buf[i] >= 'a' && buf[i] <= 'z') ||
			    (buf[i] >= 'A' && buf[i] <= 'Z'))
				buf[i] = (char)(rng_below(2) ? buf[i] | 0x20 :
				    buf[i] & ~0x20);
		it->len = len;
		if (!misspell)
			break;
		it->len = misspell_once(buf, len, 4);
		if (it->len > 0 && linear_from_reason(buf) == 0)
			break;
	}
	it->s = xstrdup_len(buf, it->len);
	it->want = misspell ? 0 : code;
}

static void
make_phrase_workloads(struct phrase_work *w)
{
	size_t i;

	w[0].name = "all phrases";
	w[0].how = "every reason and alias, uniformly, in mixed case, 20% "
	    "misspelled";
	for (i = 0; i < NPHRASES; i++) {
		const struct bench_phrase *p =
		    &bench_phrases[rng_below((unsigned)bench_nphrases)];

		make_phrase(&w[0].items[i], p->phrase, p->code);
	}
	w[1].name = "server mix";
	w[1].how = "the reasons of the server mix, in mixed case, 20% "
	    "misspelled";
	for (i = 0; i < NPHRASES; i++) {
		int code = server_code();

		make_phrase(&w[1].items[i], http_status_reason(code), code);
	}
}

/* The enumerators' names without the prefix, and their codes. */
struct bench_name {
	const char	*ident;
	int		 code;
};

#define NAME_ROW(code, ident, text) { #ident, code },
static const struct bench_name bench_names[] = {
	HTTP_STATUS_LIST(NAME_ROW)
	HTTP_STATUS_LIST_ALIASES(NAME_ROW)
};
#undef NAME_ROW
#define NNAMES	(sizeof(bench_names) / sizeof(bench_names[0]))

/* The code of s, read as from_name reads it, found by a scan. */
static int
linear_from_name(const char *s, size_t len)
{
	static const char prefix[] = "HTTP_STATUS_";
	char norm[256];
	size_t i, k, from;

	if (len >= sizeof(norm))
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];

		norm[i] = c == '-' || c == ' ' ? '_' : c >= 'a' && c <= 'z' ?
		    (char)(c - 'a' + 'A') : c;
	}
	for (from = len > 12 && memcmp(norm, prefix, 12) == 0 ? 12 : 0;;
	    from = 0) {
		for (k = 0; k < NNAMES; k++)
			if (strlen(bench_names[k].ident) == len - from &&
			    memcmp(bench_names[k].ident, norm + from,
			    len - from) == 0)
				return bench_names[k].code;
		if (from == 0)
			return 0;
	}
}

/*
 * One name as a user might write it, the shape of make_phrase()'s: with
 * the prefix when prefixed says so, every letter in random case, each '_'
 * one of '_', '-' and ' ', and one time in five one edit of the kinds
 * make_phrase() makes that leaves it no name.
 */
static void
make_name(struct phrase_item *it, const struct bench_name *n, int prefixed)
{
	char buf[256];
	size_t len, i;
	int misspell = rng_below(5) == 0;

	for (;;) {
		buf[0] = '\0';
		if (prefixed)
			strcpy(buf, "HTTP_STATUS_");
		strcat(buf, n->ident);
		len = strlen(buf);
		for (i = 0; i < len; i++) {
			if (buf[i] == '_')
				buf[i] = "_- "[rng_below(3)];
			else if (buf[i] >= 'A' && buf[i] <= 'Z' && rng_below(2))
				buf[i] = (char)(buf[i] | 0x20);
		}
		it->len = len;
		if (!misspell)
			break;
		it->len = misspell_once(buf, len, 4);
		if (it->len > 0 && linear_from_name(buf, it->len) == 0)
			break;
	}
	it->s = xstrdup_len(buf, it->len);
	it->want = misspell ? 0 : n->code;
}

/* w[0]: half the names prefixed; w[1]: none, the phrases' length. */
static void
make_name_workloads(struct phrase_work *w)
{
	size_t i;

	w[0].name = "half prefixed";
	w[0].how = "every enumerator's name, uniformly, half with the prefix, "
	    "in mixed case and\n\tseparators, 20% misspelled";
	w[1].name = "unprefixed";
	w[1].same_shape = 1;
	w[1].how = "every enumerator's name, uniformly, without the prefix, "
	    "in mixed case and\n\tseparators, 20% misspelled";
	for (i = 0; i < NPHRASES; i++) {
		make_name(&w[0].items[i], &bench_names[rng_below(
		    (unsigned)NNAMES)], rng_below(2));
		make_name(&w[1].items[i], &bench_names[rng_below(
		    (unsigned)NNAMES)], 0);
	}
}

/* The mean length of a workload's strings, to show that two match. */
static double
mean_length(const struct phrase_work *w)
{
	size_t i, n = 0;

	for (i = 0; i < NPHRASES; i++)
		n += w->items[i].len;
	return (double)n / NPHRASES;
}

static int
check_names(const struct phrase_work *w)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < NPHRASES; i++) {
		const struct phrase_item *it = &w->items[i];
		int a = http_status_from_name_n(it->s, it->len);

		if (a != it->want && bad++ < 5)
			fprintf(stderr, "lookup: \"%s\": want %d, statusgen "
			    "%d\n", it->s, it->want, a);
	}
	return bad;
}

/* Every contender must give the same answers before any is timed. */
static int
check_phrases(const struct phrase_work *w)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < NPHRASES; i++) {
		const struct phrase_item *it = &w->items[i];
		int a = http_status_from_reason_n(it->s, it->len);
		int b = gperf_from_reason(it->s, it->len);
		int c = linear_from_reason(it->s);

		if (a != it->want || b != it->want || c != it->want) {
			if (bad++ < 5)
				fprintf(stderr, "lookup: \"%s\": want %d, "
				    "statusgen %d, gperf %d, linear %d\n",
				    it->s, it->want, a, b, c);
		}
	}
	return bad;
}

static int
check_codes(const struct code_work *w)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < NCODES; i++) {
		const char *a = http_status_reason(w->codes[i]);
		const char *b = floor_reason(w->codes[i]);

		if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
			if (bad++ < 5)
				fprintf(stderr, "lookup: %d: statusgen %s, "
				    "floor %s\n", w->codes[i], a ? a : "NULL",
				    b ? b : "NULL");
	}
	return bad;
}

/* ------------------------------------------------------------------ */
/* Report                                                             */
/* ------------------------------------------------------------------ */

static int missed;

static void
target(const char *what, double ratio, double limit)
{
	int ok = ratio <= limit;

	printf("    %-48s %5.2fx  (target <= %.2fx) %s\n", what, ratio, limit,
	    ok ? "met" : "MISSED");
	if (!ok)
		missed++;
}

static void
print_rows(const struct contender *c, size_t nc)
{
	size_t k;

	for (k = 0; k < nc; k++)
		printf("    %-48s %7.2f ns\n", c[k].name, c[k].median);
}

/* The bytes of the strings the lookups return, NULs included. */
static size_t
string_bytes(void)
{
	size_t n = 0;
	int code;

	for (code = 0; code < 1000; code++) {
		int i;

		if (http_status_line(code) != NULL)
			n += http_status_line_len(code) + 1;
		if (code < 10 && http_status_class_name(code) != NULL)
			n += strlen(http_status_class_name(code)) + 1 +
			    strlen(http_status_class_summary(code)) + 1;
		if (!http_status_is_known(code))
			continue;
		n += strlen(http_status_reason(code)) + 1;
		n += strlen(http_status_description(code)) + 1;
		n += strlen(http_status_reference(code)) + 1;
		n += strlen(http_status_name(code)) + 1;
		if (http_status_origin(code) != NULL)
			n += strlen(http_status_origin(code)) + 1;
		for (i = 0; http_status_alias(code, i) != NULL; i++)
			n += strlen(http_status_alias(code, i)) + 1;
	}
	return n;
}

static void
usage(void)
{
	fprintf(stderr, "usage: lookup [--text BYTES --rodata BYTES]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	static struct code_work cw[3];
	static struct phrase_work pw[2], nw[2];
	long text = -1, rodata = -1;
	size_t strings, i;
	int a;

	for (a = 1; a + 1 < argc; a += 2) {
		if (strcmp(argv[a], "--text") == 0)
			text = atol(argv[a + 1]);
		else if (strcmp(argv[a], "--rodata") == 0)
			rodata = atol(argv[a + 1]);
		else
			usage();
	}
	if (a != argc)
		usage();

	make_code_workloads(cw);
	make_phrase_workloads(pw);
	for (i = 0; i < 3; i++)
		if (check_codes(&cw[i]) != 0)
			return 1;
	for (i = 0; i < 2; i++)
		if (check_phrases(&pw[i]) != 0)
			return 1;
	make_name_workloads(nw);
	for (i = 0; i < 2; i++)
		if (check_names(&nw[i]) != 0)
			return 1;

	printf("statusgen lookup bench: ns per call, median of %d runs of "
	    "%d calls\n", RUNS, CALLS_PER_RUN);
	for (i = 0; i < 3; i++) {
		printf("\n%s: %s\n", cw[i].name, cw[i].how);
		time_all(code_contenders, NCODE_CONTENDERS, cw[i].codes,
		    NCODES);
		print_rows(code_contenders, NCODE_CONTENDERS);
		target("http_status_reason / MHD_get_reason_phrase_for",
		    code_contenders[C_REASON].median /
		    code_contenders[C_MHD].median, 1.0);
		target("http_status_reason / bare array",
		    code_contenders[C_REASON].median /
		    code_contenders[C_FLOOR].median, 1.5);
		printf("    %-48s %5.2fx\n", "http_status_line_len / bare array",
		    code_contenders[C_LINE_LEN].median /
		    code_contenders[C_FLOOR].median);
		target("static: reason inlined / bare array in the loop",
		    code_contenders[C_INLINE_REASON].median /
		    code_contenders[C_INLINE_FLOOR].median, 1.3);
		target("static: line_len inlined / bare array in the loop",
		    code_contenders[C_INLINE_LINE_LEN].median /
		    code_contenders[C_INLINE_FLOOR].median, 1.3);
	}
	for (i = 0; i < 2; i++) {
		printf("\nreverse, %s: %s (%lu phrases)\n", pw[i].name,
		    pw[i].how, (unsigned long)bench_nphrases);
		time_all(phrase_contenders, NPHRASE_CONTENDERS, pw[i].items,
		    NPHRASES);
		print_rows(phrase_contenders, NPHRASE_CONTENDERS);
		target("http_status_from_reason_n / gperf",
		    phrase_contenders[P_STATUSGEN].median /
		    phrase_contenders[P_GPERF].median, 1.0);
		printf("    %-48s %5.2fx\n", "http_status_from_reason_n / linear",
		    phrase_contenders[P_STATUSGEN].median /
		    phrase_contenders[P_LINEAR].median);
	}

	for (i = 0; i < 2; i++) {
		struct contender nc[2] = {
			{ "http_status_from_name_n", PHRASES, NULL,
			    loop_from_name_n, 0, NULL },
			{ "http_status_from_reason_n (all phrases)", PHRASES,
			    NULL, loop_from_reason_n, 0, NULL },
		};

		nc[1].work = pw[0].items;
		printf("\nby name, %s: %s (%lu names; mean length %.1f, the "
		    "phrases' %.1f)\n", nw[i].name, nw[i].how,
		    (unsigned long)NNAMES, mean_length(&nw[i]),
		    mean_length(&pw[0]));
		time_all(nc, 2, nw[i].items, NPHRASES);
		print_rows(nc, 2);
		/* The target holds on the phrases' shape: the unprefixed
		 * names have their mean length; the prefixed ones are 12
		 * bytes longer, which the ratio shows without a target. */
		if (nw[i].same_shape)
			target("http_status_from_name_n / _from_reason_n",
			    nc[0].median / nc[1].median, 1.2);
		else
			printf("    %-48s %5.2fx  (longer names: no target)\n",
			    "http_status_from_name_n / _from_reason_n",
			    nc[0].median / nc[1].median);
	}

	strings = string_bytes();
	printf("\nsize of http_status.o at -O2\n");
	if (text >= 0 && rodata >= 0) {
		printf("    .text %ld + .rodata %ld = %ld bytes; every string "
		    "the API returns (with\n    NULs: texts, names, lines, "
		    "aliases, origins, classes) %lu bytes\n", text, rodata,
		    text + rodata,
		    (unsigned long)strings);
		target("(.text + .rodata) / strings",
		    (double)(text + rodata) / (double)strings, 2.0);
	} else
		printf("    strings %lu bytes (no object sizes given)\n",
		    (unsigned long)strings);
	printf("\n%s\n", missed ? "some targets MISSED" : "all targets met");
	return 0;
}
