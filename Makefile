# statusgen: `make` builds the generator and regenerates out/; `make check`
# runs every test. Respects CC, CFLAGS, CPPFLAGS, LDFLAGS and LDLIBS.

PKG_CONFIG	?= pkg-config
CFLAGS		?= -O2 -g
BUILD		?= build
MUSTACHE_SPEC_DIR ?= ../shared/mustache-spec

# The sanitizer build that `make check` runs the whole suite with a second time.
SAN_FLAGS	?= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
SAN_CFLAGS	?= -O1 -g

YAML_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null)
YAML_LIBS	:= $(shell $(PKG_CONFIG) --libs yaml-0.1 2>/dev/null || echo -lyaml)

# -Werror only in our own checks (make check and .ci/run pass
# WERROR=-Werror): a packager's newer compiler may warn where ours did not.
WERROR		?=
WARNINGS	= -std=c11 -Wall -Wextra -Wpedantic $(WERROR)
ALL_CFLAGS	= $(WARNINGS) $(YAML_CFLAGS) $(CFLAGS)

LIB_SRCS	:= $(filter-out gen/main.c,$(wildcard gen/*.c))
LIB_OBJS	:= $(LIB_SRCS:gen/%.c=$(BUILD)/obj/%.o)
LIB		:= $(BUILD)/libstatusgen.a
UNIT_BINS	:= $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
TOOL_BINS	:= $(BUILD)/tests/spec_runner $(BUILD)/tests/diff_runner
STATUSGEN	:= $(BUILD)/statusgen

.PHONY: all check golden clean test test-programs
.DELETE_ON_ERROR:

# `make` also regenerates out/ from the data and the templates; outputs
# whose content is unchanged keep their timestamps.
all: $(STATUSGEN)
	$(STATUSGEN) generate -t templates -o out data/http_status.yaml

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

$(BUILD)/obj/%.o: gen/%.c | $(BUILD)/obj $(BUILD)/yaml-probe
	$(CC) $(ALL_CFLAGS) $(CPPFLAGS) -MMD -MP -c -o $@ $<

# Before anything is compiled: without libyaml, one line naming the
# package to install instead of a compiler error inside yload.c.
YAML_MISSING	= libyaml is missing (yaml.h or -lyaml not found): install \
		  libyaml-dev (Debian, Ubuntu), libyaml-devel (Fedora) or \
		  libyaml (Homebrew)
$(BUILD)/yaml-probe: | $(BUILD)/obj
	@printf '#include <yaml.h>\nint main(void) { return yaml_get_version_string() == 0; }\n' \
	    >$@.c
	@$(CC) $(YAML_CFLAGS) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ $@.c \
	    $(YAML_LIBS) $(LDLIBS) >$@.log 2>&1 || \
	    { echo "statusgen: $(YAML_MISSING)" >&2; exit 1; }

$(LIB): $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

$(STATUSGEN): $(BUILD)/obj/main.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(BUILD)/obj/main.o $(LIB) $(YAML_LIBS) $(LDLIBS)

# Programs that include gen/'s headers get gen/ on the quote path only
# (-iquote), so that gen/limits.h does not hide the standard <limits.h>.
$(BUILD)/tests/%: tests/unit/%.c $(LIB) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -iquote gen -Itests/unit $(CPPFLAGS) -MMD -MP \
		$(LDFLAGS) -o $@ $< $(LIB) $(YAML_LIBS) $(LDLIBS)

$(BUILD)/tests/spec_runner: tests/spec/spec_runner.c $(LIB) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -iquote gen $(CPPFLAGS) -MMD -MP $(LDFLAGS) \
		-o $@ $< $(LIB) $(YAML_LIBS) $(LDLIBS)

$(BUILD)/tests/diff_runner: tests/diff/diff_runner.c $(LIB) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -iquote gen $(CPPFLAGS) -MMD -MP $(LDFLAGS) \
		-o $@ $< $(LIB) $(YAML_LIBS) $(LDLIBS)

test-programs: $(STATUSGEN) $(UNIT_BINS) $(TOOL_BINS)

# ------------------------------------------------------------------
# Test of the generated C. tests/generated/test_http_status.c is built
# with out/http_status.c and checks it against the status table, which it
# reads itself with libyaml. Both are compiled with the strict warnings a
# user of the generated code may turn on, at C99. GENERATED_DIR points the
# test at another rendering (e.g. make GENERATED_DIR=/tmp/x test-programs).
# ------------------------------------------------------------------
GENERATED_DIR	?= out
GENERATED_DATA	?= data/http_status.yaml
GENERATED_WARNINGS = -std=c99 -Wall -Wextra -Wpedantic $(WERROR) \
		  -Wconversion -Wshadow -Wstrict-prototypes \
		  -Wmissing-prototypes -Wcast-qual -Wundef
GENERATED_TEST	:= $(BUILD)/tests/test_generated

GENERATED_SRCS	= $(GENERATED_DIR)/http_status.c $(GENERATED_DIR)/http_status_extra.c

$(GENERATED_TEST): tests/generated/test_http_status.c tests/unit/tap.h \
		$(GENERATED_SRCS) $(GENERATED_DIR)/http_status.h \
		| $(BUILD)/tests $(BUILD)/yaml-probe
	$(CC) $(GENERATED_WARNINGS) $(YAML_CFLAGS) $(CFLAGS) \
		-I$(GENERATED_DIR) -Itests/unit \
		-DSTATUS_DATA='"$(GENERATED_DATA)"' $(CPPFLAGS) $(LDFLAGS) \
		-o $@ tests/generated/test_http_status.c \
		$(GENERATED_SRCS) $(YAML_LIBS) $(LDLIBS)

# The same test with HTTP_STATUS_STATIC: the header includes the sources,
# its functions static in the test; no object of its own is linked.
GENERATED_STATIC_TEST := $(BUILD)/tests/test_generated_static

$(GENERATED_STATIC_TEST): tests/generated/test_http_status.c tests/unit/tap.h \
		$(GENERATED_DIR)/http_status.h $(GENERATED_SRCS) | $(BUILD)/tests
	$(CC) $(GENERATED_WARNINGS) $(YAML_CFLAGS) $(CFLAGS) \
		-I$(GENERATED_DIR) -Itests/unit -DHTTP_STATUS_STATIC \
		-DSTATUS_DATA='"$(GENERATED_DATA)"' $(CPPFLAGS) $(LDFLAGS) \
		-o $@ tests/generated/test_http_status.c $(YAML_LIBS) $(LDLIBS)

test-programs: $(GENERATED_TEST) $(GENERATED_STATIC_TEST)

# The same test on what this build's statusgen generates now, not on the
# committed out/: a generator regression fails make test even after out/
# and the goldens were re-recorded with it. Generated into $(FRESH_DIR).
FRESH_DIR	:= $(BUILD)/fresh
FRESH_TEST	:= $(BUILD)/tests/test_generated_fresh
FRESH_SRCS	= $(FRESH_DIR)/http_status.c $(FRESH_DIR)/http_status_extra.c

$(FRESH_DIR)/stamp: $(STATUSGEN) $(wildcard templates/*.mustache) \
		$(GENERATED_DATA)
	$(STATUSGEN) generate -t templates \
		-o $(FRESH_DIR) $(GENERATED_DATA)
	touch $@

$(FRESH_TEST): tests/generated/test_http_status.c tests/unit/tap.h \
		$(FRESH_DIR)/stamp | $(BUILD)/tests
	$(CC) $(GENERATED_WARNINGS) $(YAML_CFLAGS) $(CFLAGS) \
		-I$(FRESH_DIR) -Itests/unit \
		-DSTATUS_DATA='"$(GENERATED_DATA)"' $(CPPFLAGS) $(LDFLAGS) \
		-o $@ tests/generated/test_http_status.c \
		$(FRESH_SRCS) $(YAML_LIBS) $(LDLIBS)

test-programs: $(FRESH_TEST)
# ------------------------------------------------------------------ end

# ------------------------------------------------------------------
# make bench: not part of make check. Times the generated lookups of
# $(BENCH_GENERATED)/http_status.c (out/ by default: run make first) against
# libmicrohttpd, a gperf --ignore-case table, a bare array and a linear
# strcasecmp scan, and prints the size of the objects, then what a
# vendoring program pays (tests/vendor --bench: linked bytes of the status
# line alone, with and without --gc-sections, and the header's lines). Everything it
# makes goes to $(BENCH_DIR); the baselines' tables are rendered from
# $(GENERATED_DATA) by statusgen itself. It installs nothing: it needs
# gperf and libmicrohttpd-dev (see doc/performance.md).
# ------------------------------------------------------------------
BENCH_DIR	?= $(BUILD)/bench
BENCH_GENERATED	?= out
BENCH_CFLAGS	?= -O2
BENCH_CC	= $(CC) -std=c11 -Wall -Wextra $(BENCH_CFLAGS) $(CPPFLAGS)
# The loops of inline.c each start a 64-byte line, so that where the
# linker puts them does not decide which of them crosses one.
BENCH_ALIGN	?= -falign-loops=64
BENCH_OBJS	:= $(addprefix $(BENCH_DIR)/,lookup.o baseline.o data.o \
		   gperf.o http_status.o http_status_extra.o inline.o)

.PHONY: bench bench-prerequisites
bench: $(BENCH_DIR)/lookup
	$(BENCH_DIR)/lookup $$(size -A $(BENCH_DIR)/http_status.o \
	    $(BENCH_DIR)/http_status_extra.o | awk \
	    '$$1 == ".text" { t += $$2 } $$1 ~ /^\.rodata/ { r += $$2 } \
	    END { print "--text", t + 0, "--rodata", r + 0 }')
	tests/vendor --bench $(BUILD)

bench-prerequisites:
	@command -v gperf >/dev/null 2>&1 || { echo "make bench: gperf" \
	    "is missing (Debian: apt-get install gperf; see" \
	    "doc/performance.md)" >&2; exit 1; }
	@$(PKG_CONFIG) --exists libmicrohttpd 2>/dev/null || { echo \
	    "make bench: libmicrohttpd is missing (Debian: apt-get install" \
	    "libmicrohttpd-dev; see doc/performance.md)" >&2; exit 1; }

$(BENCH_DIR)/data.c: tests/bench/data.c.mustache $(GENERATED_DATA) \
		$(STATUSGEN) | bench-prerequisites
	@mkdir -p $(BENCH_DIR)
	$(STATUSGEN) render --escape c -o $@ $< $(GENERATED_DATA)

$(BENCH_DIR)/gperf.c: tests/bench/phrases.gperf.mustache \
		$(GENERATED_DATA) $(STATUSGEN) | bench-prerequisites
	@mkdir -p $(BENCH_DIR)
	$(STATUSGEN) render --escape none -o $(BENCH_DIR)/phrases.gperf $< \
		$(GENERATED_DATA)
	gperf --ignore-case -L ANSI-C -t -C --output-file=$@ \
		$(BENCH_DIR)/phrases.gperf

$(BENCH_DIR)/http_status.o $(BENCH_DIR)/http_status_extra.o: \
		$(BENCH_DIR)/%.o: $(BENCH_GENERATED)/%.c \
		$(BENCH_GENERATED)/http_status.h | bench-prerequisites
	@mkdir -p $(BENCH_DIR)
	$(BENCH_CC) -I$(BENCH_GENERATED) -c -o $@ $<

$(BENCH_DIR)/lookup.o: tests/bench/lookup.c tests/bench/baseline.h \
		tests/bench/inline.h \
		$(BENCH_GENERATED)/http_status.h | bench-prerequisites
	@mkdir -p $(BENCH_DIR)
	$(BENCH_CC) -I$(BENCH_GENERATED) -Itests/bench \
		$$($(PKG_CONFIG) --cflags libmicrohttpd) -c -o $@ $<

$(BENCH_DIR)/inline.o: tests/bench/inline.c tests/bench/inline.h \
		tests/bench/baseline.h $(BENCH_GENERATED)/http_status.h \
		$(BENCH_GENERATED)/http_status.c $(BENCH_GENERATED)/http_status_extra.c \
		| bench-prerequisites
	@mkdir -p $(BENCH_DIR)
	$(BENCH_CC) $(BENCH_ALIGN) -I$(BENCH_GENERATED) -Itests/bench -c -o $@ $<

$(BENCH_DIR)/%.o: $(BENCH_DIR)/%.c tests/bench/baseline.h
	$(BENCH_CC) -Itests/bench -c -o $@ $<

$(BENCH_DIR)/baseline.o: tests/bench/baseline.c tests/bench/baseline.h \
		| bench-prerequisites
	@mkdir -p $(BENCH_DIR)
	$(BENCH_CC) -Itests/bench -c -o $@ $<

# libmicrohttpd's archive, when there is one, so that its lookup is a plain
# call like the others rather than a call through the PLT.
$(BENCH_DIR)/lookup: $(BENCH_OBJS)
	$(CC) $(BENCH_CFLAGS) $(LDFLAGS) -o $@ $(BENCH_OBJS) \
		$$($(PKG_CONFIG) --libs-only-L libmicrohttpd) \
		$$(if $(CC) -print-file-name=libmicrohttpd.a | grep -q /; \
		then echo -Wl,-Bstatic -lmicrohttpd -Wl,-Bdynamic; \
		else $(PKG_CONFIG) --libs libmicrohttpd; fi) $(LDLIBS)
# ------------------------------------------------------------------ end

# ------------------------------------------------------------------
# Install and uninstall: the binary, the shipped templates (with splice's
# in templates/splice, which generate does not render) and status
# table, the man page and the CMake package (find_package(statusgen),
# cmake/statusgenConfig.cmake.in, with the installed paths filled in). DATADIR is compiled into statusgen, which falls
# back on DATADIR/statusgen/templates when there is no ./templates (see
# statusgen(1)), and which the installed man page names; DESTDIR only
# stages the files, for packaging.
#   make install [PREFIX=/usr/local] [DESTDIR=] [BINDIR=] [DATADIR=] [MANDIR=]
#                [LIBDIR=]
#   make uninstall (with the same variables)
# ------------------------------------------------------------------
PREFIX		?= /usr/local
BINDIR		?= $(PREFIX)/bin
DATADIR		?= $(PREFIX)/share
MANDIR		?= $(DATADIR)/man
LIBDIR		?= $(PREFIX)/lib
INSTALL		?= install
SHAREDIR	 = $(DATADIR)/statusgen
CMAKEDIR	 = $(LIBDIR)/cmake/statusgen
# The version, from its one place, for the CMake package.
VERSION		 = $(shell sed -n 's/^\#define STATUSGEN_VERSION[^"]*"\(.*\)"/\1/p' \
		   gen/version.h)
CMAKE_SUBST	 = sed -e 's|@STATUSGEN_EXECUTABLE@|$(BINDIR)/statusgen|g' \
		   -e 's|@STATUSGEN_TEMPLATES_DIR@|$(SHAREDIR)/templates|g' \
		   -e 's|@STATUSGEN_VERSION@|$(VERSION)|g'

.PHONY: install uninstall FORCE

$(BUILD)/obj/main.o: ALL_CFLAGS += -DSTATUSGEN_DATADIR='"$(DATADIR)"'
# main.o is rebuilt when DATADIR changes: this file holds the last one.
$(BUILD)/obj/main.o: $(BUILD)/datadir.txt
$(BUILD)/datadir.txt: FORCE | $(BUILD)/obj
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@

install: $(STATUSGEN)
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)/man1' \
		'$(DESTDIR)$(SHAREDIR)/templates' '$(DESTDIR)$(SHAREDIR)/data' \
		'$(DESTDIR)$(SHAREDIR)/templates/splice'
	$(INSTALL) -m 755 $(STATUSGEN) '$(DESTDIR)$(BINDIR)/statusgen'
	$(INSTALL) -m 644 templates/*.mustache '$(DESTDIR)$(SHAREDIR)/templates'
	$(INSTALL) -m 644 templates/splice/*.mustache \
		'$(DESTDIR)$(SHAREDIR)/templates/splice'
	$(INSTALL) -m 644 data/http_status.yaml '$(DESTDIR)$(SHAREDIR)/data'
	sed 's|/usr/local/share/statusgen|$(SHAREDIR)|g' doc/statusgen.1 \
		>'$(DESTDIR)$(MANDIR)/man1/statusgen.1'
	chmod 644 '$(DESTDIR)$(MANDIR)/man1/statusgen.1'
	$(INSTALL) -d '$(DESTDIR)$(CMAKEDIR)'
	for f in statusgenConfig statusgenConfigVersion; do \
		$(CMAKE_SUBST) cmake/$$f.cmake.in \
		    >'$(DESTDIR)$(CMAKEDIR)'/$$f.cmake && \
		chmod 644 '$(DESTDIR)$(CMAKEDIR)'/$$f.cmake || exit 1; \
	done

uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/statusgen' \
		'$(DESTDIR)$(MANDIR)/man1/statusgen.1' \
		'$(DESTDIR)$(SHAREDIR)/data/http_status.yaml' \
		'$(DESTDIR)$(SHAREDIR)/templates/'*.mustache \
		'$(DESTDIR)$(SHAREDIR)/templates/splice/'*.mustache \
		'$(DESTDIR)$(CMAKEDIR)/statusgenConfig.cmake' \
		'$(DESTDIR)$(CMAKEDIR)/statusgenConfigVersion.cmake'
	rmdir '$(DESTDIR)$(SHAREDIR)/templates/splice' \
		'$(DESTDIR)$(SHAREDIR)/templates' '$(DESTDIR)$(SHAREDIR)/data' \
		'$(DESTDIR)$(SHAREDIR)' '$(DESTDIR)$(CMAKEDIR)' 2>/dev/null || :
# ------------------------------------------------------------------ end install

# The suite runs twice: with the normal build and with ASan+UBSan.
# Our own check builds with -Werror (see WERROR).
check:
	$(MAKE) WERROR=-Werror test-programs
	$(MAKE) WERROR=-Werror BUILD=$(BUILD)/asan \
		CFLAGS="$(SAN_CFLAGS) $(SAN_FLAGS)" \
		LDFLAGS="$(LDFLAGS) $(SAN_FLAGS)" test-programs
	$(MAKE) WERROR=-Werror check-fuzz-programs
	MUSTACHE_SPEC_DIR="$(MUSTACHE_SPEC_DIR)" tests/run $(BUILD) $(BUILD)/asan

# The quick subset for the edit-compile loop: the unit tests, the Mustache
# spec suite, the golden tests and out/, with the normal build only.
test: test-programs
	MUSTACHE_SPEC_DIR="$(MUSTACHE_SPEC_DIR)" tests/run --quick $(BUILD)

# Mutation testing, not part of make check (slow): each mutation of
# tests/mutate/mutations applied alone to a copy of the tree, make test run
# on it; prints the survivors and fails when there is one. make check runs
# tests/mutate/run --check, which holds the list to the code.
.PHONY: mutate
mutate:
	MUSTACHE_SPEC_DIR="$(abspath $(MUSTACHE_SPEC_DIR))" tests/mutate/run

# Rewrites the expected files of every golden test; review with git diff.
golden: $(STATUSGEN)
	tests/run --rewrite-golden $(BUILD)

clean:
	rm -rf $(BUILD)

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/tests/*.d)

# ---- Fuzzing: libFuzzer harnesses in tests/fuzz/ (clang only) -------------
# `make fuzz FUZZ_SECONDS=N` runs each harness for N seconds on a corpus
# seeded from the repository's YAML files and templates (in build/fuzz/).
FUZZ_CC		?= clang
FUZZ_SECONDS	?= 60
FUZZ_SAN	= -fsanitize=address,undefined -fno-sanitize-recover=all \
		  -fno-omit-frame-pointer
FUZZ_BUILD	= $(BUILD)/fuzz
FUZZ_HARNESSES	= yaml mustache

.PHONY: fuzz fuzz-programs
fuzz-programs:
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) \
		CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
		$(FUZZ_BUILD)/libstatusgen.a
	for h in $(FUZZ_HARNESSES); do \
		$(FUZZ_CC) $(WARNINGS) $(YAML_CFLAGS) -iquote gen -O1 -g \
			-fsanitize=fuzzer $(FUZZ_SAN) -o $(FUZZ_BUILD)/fuzz_$$h \
			tests/fuzz/fuzz_$$h.c $(FUZZ_BUILD)/libstatusgen.a \
			$(YAML_LIBS) || exit 1; \
	done

# It also runs the differential test against mustache.js and wontache
# (tests/diff) on DIFF_FUZZ_CASES cases of a new seed each time.
DIFF_FUZZ_CASES	?= 100000

fuzz: fuzz-programs $(BUILD)/tests/diff_runner
	tests/fuzz/run $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_HARNESSES)
	tests/diff/run $(BUILD) $(DIFF_FUZZ_CASES) $$(date +%s)

# For make check, whose tests/run fuzzes each harness for FUZZ_SECONDS (60
# by default; e.g. make check FUZZ_SECONDS=10): the harnesses when
# $(FUZZ_CC) can link -fsanitize=fuzzer, otherwise $(FUZZ_BUILD)/unavailable,
# which makes tests/run show them as skipped.
.PHONY: check-fuzz-programs
check-fuzz-programs:
	@mkdir -p $(FUZZ_BUILD)
	@if printf 'int LLVMFuzzerTestOneInput(const char *p, unsigned long n);\nint LLVMFuzzerTestOneInput(const char *p, unsigned long n) { (void)p; (void)n; return 0; }\n' \
	    >$(FUZZ_BUILD)/probe.c && $(FUZZ_CC) -fsanitize=fuzzer \
	    -o $(FUZZ_BUILD)/probe $(FUZZ_BUILD)/probe.c >/dev/null 2>&1; then \
		rm -f $(FUZZ_BUILD)/unavailable; \
	else \
		echo "$(FUZZ_CC) cannot link -fsanitize=fuzzer (no libFuzzer)" \
		    >$(FUZZ_BUILD)/unavailable; \
		echo "note: $$(cat $(FUZZ_BUILD)/unavailable): not fuzzing"; \
	fi
	@[ -f $(FUZZ_BUILD)/unavailable ] || $(MAKE) fuzz-programs

# ------------------------------------------------------------------
# make bench-generator (also run by make bench, never by make check): how
# fast statusgen is, end to end against tests/bench/peer.py (PyYAML and
# Jinja2, installed from Debian packages when missing and run as root), on
# synthetic tables of GENBENCH_ROWS rows against a libyaml parse-only
# floor, and per template; medians of GENBENCH_RUNS runs. The tables are
# made once in GENBENCH_DIR (about 110 MB at 1M rows). It fails only when
# a run fails; see tests/bench/run-generator and doc/performance.md.
# ------------------------------------------------------------------
GENBENCH_DIR	?= $(BUILD)/bench-generator
GENBENCH_ROWS	?= 10000 100000 1000000
GENBENCH_RUNS	?= 5

.PHONY: bench-generator
bench: bench-generator

bench-generator: $(STATUSGEN) $(GENBENCH_DIR)/parse_only
	tests/bench/run-generator --statusgen $(STATUSGEN) \
		--parse-only $(GENBENCH_DIR)/parse_only --dir $(GENBENCH_DIR) \
		--runs $(GENBENCH_RUNS) --rows "$(GENBENCH_ROWS)"

$(GENBENCH_DIR)/parse_only: tests/bench/parse_only.c
	@mkdir -p $(GENBENCH_DIR)
	$(CC) -std=c11 -Wall -Wextra $(YAML_CFLAGS) $(CFLAGS) $(CPPFLAGS) \
		$(LDFLAGS) -o $@ tests/bench/parse_only.c $(YAML_LIBS) $(LDLIBS)
# ------------------------------------------------------------------ end
