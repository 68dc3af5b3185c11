# checkin-gateway: one non-recursive Makefile. Objects and binaries go under
# build/ (or $(BUILD)); header dependencies are generated with -MMD.
#   make          build/checkin-gateway and build/checkinctl
#   make test     unit tests (cmocka) and integration tests (the real daemon)
#   make asan     the same suite under AddressSanitizer + UBSan, in build-asan/
#   make demo     the whole mission on the embedded default, as a story
#   make bench    every benchmark in tests/bench/, printed as one table
#   make fuzz     the libFuzzer targets of tests/fuzz/ (clang), in build-fuzz/;
#                 scripts/fuzz.sh TARGET SECONDS runs one
#   make clean
PKG_CONFIG ?= pkg-config
CC         ?= cc
BUILD      ?= build
CFLAGS     ?= -O2 -g
PKGS        = libuv libcurl sqlite3 libconfig libmicrohttpd jansson libutf8proc
TEST_PKGS   = cmocka

WARN      = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wno-format-nonliteral -Wvla -Wpointer-arith -Wundef
# _DEFAULT_SOURCE: POSIX plus the BSD bits (timegm, strcasecmp) glibc hides under C11.
BASE_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 $(WARN) \
              -Igateway -Iproviders -MMD -MP
# pkg-config is asked once per make run, not once per object.
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
DEP_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lm
TEST_LIBS  := $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)
ALL_CFLAGS  = $(BASE_CFLAGS) $(DEP_CFLAGS) $(CFLAGS)

# The core: everything both binaries and the tests link. Pure modules
# (reply, schedule, template, phone, spoolfile) have no I/O.
CORE = gateway/log gateway/phone gateway/config gateway/store gateway/schedule \
       gateway/reply gateway/template gateway/severity gateway/command gateway/escalate \
       gateway/specialist gateway/escalator gateway/inbound \
       gateway/route gateway/outbox gateway/delivery gateway/scheduler gateway/http_server gateway/gw \
       gateway/sparkline gateway/csv gateway/report \
       providers/registry providers/spool providers/spoolfile providers/fake \
       providers/http_client \
       providers/gsm7 providers/pdu providers/smsjoin providers/at providers/modem \
       providers/textconv providers/kannelproto providers/kannel
CORE_OBJS = $(addprefix $(BUILD)/obj/,$(addsuffix .o,$(CORE)))

DAEMON = $(BUILD)/checkin-gateway
CTL    = $(BUILD)/checkinctl

# Unit tests: tests/unit/test_<name>.c, each its own binary linking the core.
UNIT_TESTS = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps test unit integration asan demo bench fuzz fuzz-bins clean lint
all: $(DAEMON) $(CTL)

deps:
	@sh scripts/deps.sh

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libgw.a: $(CORE_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(DAEMON): $(BUILD)/obj/gateway/main.o $(BUILD)/libgw.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEP_LIBS)

$(CTL): $(BUILD)/obj/gateway/ctl.o $(BUILD)/libgw.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEP_LIBS)

$(BUILD)/obj/tests/unit/%.o: ALL_CFLAGS += $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(BUILD)/libgw.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEP_LIBS) $(TEST_LIBS)

# Tests: deps first (a no-op when installed), then build, then the runner,
# which prints one closing line "N passed, N failed".
test: deps
	@$(MAKE) --no-print-directory all $(UNIT_TESTS)
	@BUILD=$(BUILD) sh scripts/run-tests.sh

unit: all $(UNIT_TESTS)
	@BUILD=$(BUILD) ONLY=unit sh scripts/run-tests.sh

integration: all
	@BUILD=$(BUILD) ONLY=integration sh scripts/run-tests.sh

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" test

# Benchmarks: tests/bench/bench_<name>.c (each its own binary linking the
# core) and tests/bench/bench_<name>.sh. scripts/bench.sh runs them all and
# prints one table; each bench prints rows "figure<TAB>value<TAB>unit<TAB>command".
BENCH_BINS = $(patsubst tests/bench/%.c,$(BUILD)/bench/%,$(wildcard tests/bench/bench_*.c))
$(BUILD)/bench/%: $(BUILD)/obj/tests/bench/%.o $(BUILD)/libgw.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEP_LIBS)

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_BINS)
	@BUILD=$(BUILD) sh scripts/bench.sh

# Fuzz targets: tests/fuzz/fuzz_<name>.c, each defining LLVMFuzzerTestOneInput,
# built with clang's libFuzzer plus ASan and UBSan against a core compiled
# with coverage instrumentation. Seeds: tests/fuzz/corpus/<name>/.
FUZZ_TARGETS = $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SAN     = -fsanitize=address,undefined -fno-sanitize-recover=all
fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
	    CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $(FUZZ_SAN)" fuzz-bins
fuzz-bins: $(addprefix $(BUILD)/fuzz/,$(FUZZ_TARGETS))
$(BUILD)/fuzz/%: $(BUILD)/obj/tests/fuzz/%.o $(BUILD)/libgw.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^ $(DEP_LIBS)

demo: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) sh scripts/demo.sh

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
