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

WARNINGS	= -std=c11 -Wall -Wextra -Wpedantic -Werror
ALL_CFLAGS	= $(WARNINGS) $(YAML_CFLAGS) $(CFLAGS)

LIB_SRCS	:= $(filter-out gen/main.c,$(wildcard gen/*.c))
LIB_OBJS	:= $(LIB_SRCS:gen/%.c=$(BUILD)/obj/%.o)
LIB		:= $(BUILD)/libstatusgen.a
UNIT_BINS	:= $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
TOOL_BINS	:= $(BUILD)/tests/spec_runner
STATUSGEN	:= $(BUILD)/statusgen

.PHONY: all check golden clean test-programs
.DELETE_ON_ERROR:

# `make` also regenerates out/ from the data and the templates; outputs
# whose content is unchanged keep their timestamps.
all: $(STATUSGEN)
	$(STATUSGEN) generate -t templates -o out data/http_status.yaml

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

$(BUILD)/obj/%.o: gen/%.c | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) $(CPPFLAGS) -MMD -MP -c -o $@ $<

$(LIB): $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

$(STATUSGEN): $(BUILD)/obj/main.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(BUILD)/obj/main.o $(LIB) $(YAML_LIBS) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Igen -Itests/unit $(CPPFLAGS) -MMD -MP $(LDFLAGS) \
		-o $@ $< $(LIB) $(YAML_LIBS) $(LDLIBS)

$(BUILD)/tests/spec_runner: tests/spec/spec_runner.c $(LIB) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Igen $(CPPFLAGS) -MMD -MP $(LDFLAGS) \
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
GENERATED_WARNINGS = -std=c99 -Wall -Wextra -Wpedantic -Werror \
		  -Wconversion -Wshadow -Wstrict-prototypes \
		  -Wmissing-prototypes -Wcast-qual -Wundef
GENERATED_TEST	:= $(BUILD)/tests/test_generated

$(GENERATED_TEST): tests/generated/test_http_status.c tests/unit/tap.h \
		$(GENERATED_DIR)/http_status.c $(GENERATED_DIR)/http_status.h \
		| $(BUILD)/tests
	$(CC) $(GENERATED_WARNINGS) $(YAML_CFLAGS) $(CFLAGS) \
		-I$(GENERATED_DIR) -Itests/unit \
		-DSTATUS_DATA='"$(GENERATED_DATA)"' $(CPPFLAGS) $(LDFLAGS) \
		-o $@ tests/generated/test_http_status.c \
		$(GENERATED_DIR)/http_status.c $(YAML_LIBS) $(LDLIBS)

test-programs: $(GENERATED_TEST)
# ------------------------------------------------------------------ end

# The suite runs twice: with the normal build and with ASan+UBSan.
check:
	$(MAKE) test-programs
	$(MAKE) BUILD=$(BUILD)/asan CFLAGS="$(SAN_CFLAGS) $(SAN_FLAGS)" \
		LDFLAGS="$(LDFLAGS) $(SAN_FLAGS)" test-programs
	MUSTACHE_SPEC_DIR="$(MUSTACHE_SPEC_DIR)" tests/run $(BUILD) $(BUILD)/asan

# Rewrites the expected files of every golden test; review with git diff.
golden: $(STATUSGEN)
	tests/run --rewrite-golden $(BUILD)

clean:
	rm -rf $(BUILD)

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/tests/*.d)
