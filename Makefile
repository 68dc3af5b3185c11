# SPDX-License-Identifier: Apache-2.0
# checkin-gateway: one non-recursive Makefile. Objects and binaries go under
# build/ (or $(BUILD)); header dependencies are generated with -MMD.
#
# The source is a house by layer (README "Layout"); a folder includes only
# itself and the folders after the colon, checked by `make lint` (and by
# make test, as test_layers):
#   gateway/base/    : -             log, phone (+ the C++ phone_shim), csv,
#                                    crypt, paths, gsm7, textconv
#   gateway/model/   : base          THE PURE MODEL: reply (+ the learned
#                                    reply_model), schedule, severity,
#                                    template, command, consent, route, ...
#   gateway/config/  : model base    etc/checkin.conf -> struct gw_config
#   gateway/store/   : model base    THE STORE'S TABLES: the only SQL, store.h
#   gateway/core/    : store config model base   the rules (inbound,
#                                    escalate, specialist, delivery, ...)
#   gateway/net/     : base          http_server, http_client, urlform
#   gateway/daemon/  : all but ctl   main, gw (the loop, THE PROVIDER HOST),
#                                    outbox, scheduler, escalator, metrics,
#                                    notify, watchdog, privs
#   gateway/ctl/     : core and below   checkinctl
#   providers/       : net base      provider.h (the interface), registry,
#                                    fake, provconf; one folder per kind:
#                                    spool/ modem/ kannel/ twilio/ android/
#                                    (each: provider.h, itself, net, base)
# Exceptions would be listed in scripts/layer-allow.txt (empty today).
#
#   make          build/checkin-gateway and build/checkinctl
#   make test     unit tests (cmocka) and integration tests (the real daemon)
#   make asan     the same suite under AddressSanitizer + UBSan, in build-asan/
#   make demo     the whole mission on the embedded default, as a story
#   make bench    every benchmark in tests/bench/, printed as one table
#   make fuzz     the libFuzzer targets of tests/fuzz/ (clang), in build-fuzz/;
#                 scripts/fuzz.sh TARGET SECONDS runs one
#   make lint     the layer check (scripts/layer-check.py) and clang-format on
#                 the files already formatted (FORMAT_CLEAN)
#   make install  binaries, man pages, example config, systemd unit; PREFIX
#                 (default /usr/local), DESTDIR for staging (see README)
#   make uninstall  removes what make install put there, but the config and
#                 the data (the same PREFIX and DESTDIR)
#   make deb      the Debian package, from etc/debian/, in $(BUILD)/deb/
#   make clean
PKG_CONFIG ?= pkg-config
CC         ?= cc
# C++ only for gateway/base/phone_shim.cc (libphonenumber is a C++ library);
# everything else is C11.
CXX        ?= c++
BUILD      ?= build
CFLAGS     ?= -O2 -g
# Installation (make install). The state directory is the unit's
# StateDirectory, so it is /var/lib/checkin-gateway whatever the PREFIX.
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
SBINDIR    ?= $(PREFIX)/sbin
# PREFIX=/usr puts the config in /etc, as Debian does; elsewhere PREFIX/etc.
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)
MANDIR     ?= $(PREFIX)/share/man
DOCDIR     ?= $(PREFIX)/share/doc/checkin-gateway
UNITDIR    ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
STATEDIR   ?= /var/lib/checkin-gateway
# The pid file's directory: the unit's RuntimeDirectory.
RUNDIR     ?= /run/checkin-gateway
# The spool shared with smsd (README, "Running a real smsd"): outside the
# state directory, which systemd keeps 0700; each directory 2770, group
# dialout, the group Debian's smstools runs smsd in (GROUP= in
# /etc/default/smstools), setgid so every file in it gets that group too.
SPOOLDIR   ?= /var/spool/checkin-gateway
SPOOLGROUP ?= dialout
SPOOLSUBDIRS = outgoing incoming checked sent failed rejected reports
# Backups and reports the operators' group reads without root: 2750,
# setgid, group checkin-operators (checkinctl writes 0640 there).
BACKUPDIR  ?= /var/backups/checkin-gateway
OPGROUP    ?= checkin-operators
INSTALL    ?= install
PKGS        = libuv libcurl sqlite3 libconfig libmicrohttpd jansson libutf8proc libcrypto libsodium
TEST_PKGS   = cmocka

WARN      = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wno-format-nonliteral -Wvla -Wpointer-arith -Wundef
# _DEFAULT_SOURCE: POSIX plus the BSD bits (timegm, strcasecmp) glibc hides under C11.
# -iquote, not -I: the project's headers are included with "..." only, and
# libcsv's <csv.h> must not find gateway/base/csv.h. Every include names
# its folder under one of the two roots: "store/store.h", "spool/spoolfile.h".
BASE_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 $(WARN) \
              -iquote gateway -iquote providers -iquote $(BUILD)/gen -MMD -MP
# pkg-config is asked once per make run, not once per object.
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
# libstemmer (Snowball stems for the reply parser) and libcsv (Debian's
# libcsv-dev, CSV records for checkinctl import; its header is
# /usr/include/csv.h) ship no .pc file, so they are linked by name.
# libphonenumber (Debian's libphonenumber-dev: headers in
# /usr/include/phonenumbers/, no .pc file either) is C++, reached only
# through gateway/base/phone_shim.cc, hence libstdc++.
DEP_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lstemmer -lcsv \
              -lphonenumber -lstdc++ -lm
TEST_LIBS  := $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)
# CPPFLAGS: dpkg-buildflags' -D_FORTIFY_SOURCE=2 when built as a package.
ALL_CFLAGS  = $(BASE_CFLAGS) $(DEP_CFLAGS) $(CPPFLAGS) $(CFLAGS)
# The shim: the same warnings but the two that only C has; CFLAGS (-O, -g,
# the sanitizers) apply to it too.
CXX_WARN    = $(filter-out -Wstrict-prototypes -Wmissing-prototypes,$(WARN))
ALL_CXXFLAGS = -std=c++17 $(CXX_WARN) -iquote gateway -MMD -MP $(CFLAGS)

# The core: everything both binaries and the tests link, one line per
# folder (README "Layout"; scripts/layer-check.py checks who includes whom).
# base/ and model/ are pure (no I/O); daemon/main.c and ctl/ are the two
# binaries' own objects, outside the core.
CORE_BASE   = log phone phone_shim csv sparkline paths crypt gsm7 textconv settings hash sms errbuf \
              tz fsutil utf8
CORE_MODEL  = command consent daycap report reply reply_words reply_tokens reply_match reply_score reply_keywords \
              reply_concepts reply_concepts_context reply_concepts_crisis \
              reply_concepts_farewell reply_concepts_relapse reply_concepts_effect reply_concepts_cue reply_concepts_withdrawal reply_concepts_high reply_model reply_model_data \
              route schedule screen senderlimit severity template flow instrument caring states
CORE_CONFIG = config config_flows config_lists config_schedules config_specialists config_texts vocab
CORE_STORE  = store schema clients checkins messages escalations conversations followups \
              flows screenings audit privacy stats
CORE_CORE   = delivery digest_consent escalate inbound notice plan reask retention screening \
              specialist conversation flowrun followup
CORE_NET    = http_server http_server_request http_server_route http_server_guard http_client \
              urlform
CORE_DAEMON = gw escalator scheduler outbox metrics metrics_route inbound_batch inbound_sync \
              inbound_last notify watchdog privs provhost delivery_report
CORE_PROVIDERS = registry fake provconf spool/spool spool/spool_outgoing spool/spool_incoming \
                 spool/spool_index spool/spool_scan spool/spoolfile modem/modem modem/modem_device \
                 modem/modem_session modem/modem_send modem/modem_incoming modem/at \
                 modem/pdu modem/smsjoin kannel/kannel kannel/kannelproto twilio/twilio \
                 twilio/twilio_api twilio/twilio_sig android/android android/android_api
CORE = $(addprefix gateway/base/,$(CORE_BASE)) $(addprefix gateway/model/,$(CORE_MODEL)) \
       $(addprefix gateway/config/,$(CORE_CONFIG)) $(addprefix gateway/store/,$(CORE_STORE)) \
       $(addprefix gateway/core/,$(CORE_CORE)) $(addprefix gateway/net/,$(CORE_NET)) \
       $(addprefix gateway/daemon/,$(CORE_DAEMON)) $(addprefix providers/,$(CORE_PROVIDERS))
CORE_OBJS = $(addprefix $(BUILD)/obj/,$(addsuffix .o,$(CORE)))
# What checkinctl links: the layers ctl/ may include (core, store, config,
# model, base), no daemon/ or net/ object, so a CLI -> daemon call fails at
# link time (core files that still reach the daemon through struct gw are
# simply never pulled in by checkinctl).
CTL_LIB_SRC = $(addprefix gateway/base/,$(CORE_BASE)) \
              $(addprefix gateway/model/,$(CORE_MODEL)) \
              $(addprefix gateway/config/,$(CORE_CONFIG)) \
              $(addprefix gateway/store/,$(CORE_STORE)) \
              $(addprefix gateway/core/,$(CORE_CORE))
CTL_LIB_OBJS = $(addprefix $(BUILD)/obj/,$(addsuffix .o,$(CTL_LIB_SRC)))

DAEMON = $(BUILD)/checkin-gateway
CTL    = $(BUILD)/checkinctl

# Unit tests: tests/unit/test_<name>.c, each its own binary linking the core.
UNIT_TESTS = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps test unit integration asan demo bench fuzz fuzz-bins clean lint install uninstall deb model FORCE
all: $(DAEMON) $(CTL)

deps:
	@sh scripts/deps.sh

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: %.cc
	@mkdir -p $(dir $@)
	$(CXX) $(ALL_CXXFLAGS) -c -o $@ $<

# The installed config path baked into gateway/base/paths.c: rewritten only when
# it changes, so a plain `make` does not rebuild, and `make install
# PREFIX=/usr` after `make` does rebuild paths.o.
$(BUILD)/gen/build_paths.h: FORCE
	@mkdir -p $(dir $@)
	@printf '#define GW_SYSCONFDIR "%s"\n' '$(SYSCONFDIR)' >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(BUILD)/obj/gateway/base/paths.o: $(BUILD)/gen/build_paths.h

$(BUILD)/libgw.a: $(CORE_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

# Profile-guided optimisation of the reply parser, the daemon's hot path
# (every inbound text; make bench's reply figure): its files are compiled
# once with -fprofile-generate into $(BUILD)/pgo/, tests/tools/profile_reply.c
# parses the training corpus with them (tests/corpus/train/, not the
# replies.txt mix make bench times), and they are compiled again with that
# profile. The same code, laid out for the branches replies take: about
# 11% more replies a second on one core (make bench, A/B on one machine).
# Only with GCC (clang reads another profile format) and not in the
# sanitizer builds, which therefore test the parser compiled without it;
# PGO=0 turns it off. Nothing is downloaded; the profile is made again
# whenever a parser file, header or training file changes. A function the
# profile does not match is a build error (-Wmissing-profile under
# -Werror), never a silently unoptimised build.
PGO_CC_IS_GCC := $(shell $(CC) -dM -E -x c /dev/null 2>/dev/null | grep -c __clang__)
PGO ?= $(if $(and $(filter 0,$(PGO_CC_IS_GCC)),$(if $(findstring -fsanitize,$(CFLAGS)),,1)),1,0)
PGO_SRC  = $(addprefix gateway/model/,reply reply_words reply_tokens reply_match reply_score \
             reply_keywords reply_concepts reply_concepts_context reply_concepts_crisis \
             reply_concepts_farewell reply_concepts_relapse reply_concepts_effect reply_concepts_cue reply_concepts_withdrawal reply_concepts_high reply_model)
PGO_OBJS = $(addprefix $(BUILD)/obj/,$(addsuffix .o,$(PGO_SRC)))
PGO_GEN  = $(addprefix $(BUILD)/pgo/obj/,$(addsuffix .o,$(PGO_SRC)))
PGO_RUN  = $(BUILD)/pgo/profile.done
ifeq ($(PGO),1)
# GCC names a static function's profile, and the .gcda the run writes,
# after the object's path: an instrumented object is compiled at its final
# path, then moved to $(BUILD)/pgo/, so that the run's counts land where
# the optimised compile of that path reads them.
$(BUILD)/pgo/obj/%.o: %.c
	@mkdir -p $(dir $@) $(dir $(BUILD)/obj/$*.o)
	@rm -f $(BUILD)/obj/$*.gcda
	$(CC) $(ALL_CFLAGS) -fprofile-generate -MT $@ -MF $(@:.o=.d) -c -o $(BUILD)/obj/$*.o $<
	@mv $(BUILD)/obj/$*.o $@
# the rest of the core, as the driver needs it (an archive: only what the
# parser calls is linked). Order-only: the profile counts the parser's own
# files, so a change elsewhere in the core (make install PREFIX=/usr
# rebuilding paths.o) does not profile and compile the parser again.
$(BUILD)/pgo/librest.a: $(filter-out $(PGO_OBJS),$(CORE_OBJS))
	@mkdir -p $(dir $@)
	@rm -f $@
	$(AR) rcs $@ $^
$(BUILD)/pgo/profile_reply: $(BUILD)/obj/tests/tools/profile_reply.o $(PGO_GEN) \
                            | $(BUILD)/pgo/librest.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -fprofile-generate -o $@ $^ $(BUILD)/pgo/librest.a $(DEP_LIBS)
$(PGO_RUN): $(BUILD)/pgo/profile_reply etc/vocabulary.txt $(wildcard tests/corpus/train/*.txt)
	@rm -f $(PGO_OBJS:.o=.gcda)
	$(BUILD)/pgo/profile_reply etc/vocabulary.txt $(sort $(wildcard tests/corpus/train/*.txt))
	@touch $@
# (a static pattern rule, not a target-specific flag: that one would reach
# the instrumented objects too, as prerequisites of these)
$(PGO_OBJS): $(BUILD)/obj/%.o: %.c $(PGO_RUN)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fprofile-use -fprofile-partial-training -c -o $@ $<
endif

$(DAEMON): $(BUILD)/obj/gateway/daemon/main.o $(BUILD)/libgw.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEP_LIBS)

# checkinctl: gateway/ctl/: ctl.c (main, the command table) and its command
# groups, ctl_*.c, linked with libgwctl.a (CTL_LIB_OBJS: no daemon code).
CTL_OBJS = $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard gateway/ctl/*.c))
$(BUILD)/libgwctl.a: $(CTL_LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(CTL): $(CTL_OBJS) $(BUILD)/libgwctl.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEP_LIBS)

$(BUILD)/obj/tests/unit/%.o: ALL_CFLAGS += $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(BUILD)/libgw.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEP_LIBS) $(TEST_LIBS)

# The learned second opinion of the reply parser (gateway/model/reply_model.h):
# its trainer alone links liblinear (Debian's liblinear-dev ships no .pc
# file); the daemon only reads the committed weights. `make model` trains
# it again from tests/corpus/ and rewrites gateway/model/reply_model_data.c;
# tests/integration/test_reply_model_training.sh checks the committed file is what
# a fresh run writes.
# The trainer links the parser for its features and for the rules' reading
# of each line (the model's false alarms are bounded where the gateway asks
# it), not the weights it writes.
TRAINER = $(BUILD)/tools/train_reply_model
$(TRAINER): $(BUILD)/obj/tests/tools/train_reply_model.o $(BUILD)/libgw.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEP_LIBS) -llinear

model: $(TRAINER)
	$(TRAINER) --out gateway/model/reply_model_data.c

# Tests: deps first (a no-op when installed), then build, then the runner,
# which prints one closing line "N passed, N failed, N skipped".
# The build uses the runner's lanes (JOBS, default 2) unless make was given
# its own -j: on two cores a serial build of the tests took 72 s, 42 s with
# three jobs, and make test is what a new user and CI wait for.
JOBS ?= 2
TEST_BUILD_JOBS = $(if $(filter -j%,$(MAKEFLAGS)),,-j$(JOBS))
test: deps
	@$(MAKE) --no-print-directory $(TEST_BUILD_JOBS) all $(UNIT_TESTS) $(TRAINER) $(BENCH_SMOKE)
	@BUILD=$(BUILD) sh scripts/run-tests.sh

unit: all $(UNIT_TESTS)
	@BUILD=$(BUILD) ONLY=unit sh scripts/run-tests.sh

integration: all $(TRAINER)
	@BUILD=$(BUILD) ONLY=integration sh scripts/run-tests.sh

# make asan leaves out the brief fuzz runs (already built with ASan and UBSan,
# in build-fuzz/), the three tests that SIGKILL the daemon again and again
# (they test the database, not the process's memory) and the model's
# training check (a build tool's output, not the gateway's memory; the
# model's code runs under ASan in test_reply_model and the parser tests);
# make test runs all five. That keeps .ci/run inside its budget.
ASAN_EXCLUDE = test_fuzz_brief test_crash_soak test_fault_soak test_crash_recovery \
               test_reply_model_training test_bench_binaries
asan: deps
	@EXCLUDE="$(ASAN_EXCLUDE) $${EXCLUDE:-}" $(MAKE) --no-print-directory BUILD=build-asan \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" test

# Benchmarks: tests/bench/bench_<name>.c (each its own binary linking the
# core) and tests/bench/bench_<name>.sh. scripts/bench.sh runs them all and
# prints one table; each bench prints rows "figure<TAB>value<TAB>unit<TAB>command".
BENCH_BINS = $(patsubst tests/bench/%.c,$(BUILD)/bench/%,$(wildcard tests/bench/bench_*.c))
# the two quick ones make test runs to their end (test_bench_binaries)
BENCH_SMOKE = $(BUILD)/bench/bench_digest $(BUILD)/bench/bench_outbox
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
# vptr (C++ only) is left out: its runtime comes with clang++'s link, and
# the targets are linked by clang as C; the one C++ file is the phone shim.
FUZZ_SAN     = -fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=all
fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang CXX=clang++ \
	    CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $(FUZZ_SAN)" fuzz-bins
fuzz-bins: $(addprefix $(BUILD)/fuzz/,$(FUZZ_TARGETS))
$(BUILD)/fuzz/%: $(BUILD)/obj/tests/fuzz/%.o $(BUILD)/libgw.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^ $(DEP_LIBS)

# Lint: the layer check (scripts/layer-check.py: every #include against
# the layer table, allowed exceptions listed in scripts/layer-allow.txt;
# make test runs it too, as tests/integration/test_layers.sh), then
# clang-format --dry-run --Werror (.clang-format) on FORMAT_CLEAN only: the
# files already formatted. The rest of the tree is not reformatted yet
# (that would touch nearly every line under the branches in flight); a file
# joins the list once it is clean, and the list grows to the whole tree in
# one formatting commit.
FORMAT_CLEAN = gateway/base/crypt.h gateway/base/csv.h gateway/base/gsm7.h gateway/base/hash.c \
               gateway/base/hash.h gateway/base/log.h gateway/base/paths.h gateway/base/phone.h \
               gateway/base/settings.h gateway/base/sms.h gateway/base/sparkline.h \
               gateway/base/textconv.h gateway/base/version.h gateway/config/vocab.h \
               gateway/core/core.h gateway/core/notice.h gateway/core/plan.h gateway/core/retention.h \
               gateway/daemon/escalator.h gateway/daemon/notify.h gateway/daemon/outbox.h \
               gateway/daemon/privs.c gateway/daemon/provhost.c gateway/daemon/scheduler.h \
               gateway/model/consent.h gateway/model/reply_concepts.h gateway/model/screen.h \
               gateway/model/senderlimit.h gateway/net/urlform.h providers/twilio/twilio_sig.h \
               tests/unit/fake_core.h tests/unit/fake_host.h tests/unit/test_core.c \
               tests/unit/test_route.c tests/unit/test_senderlimit.c
lint:
	@python3 scripts/layer-check.py
	@if command -v clang-format >/dev/null 2>&1; then \
	    clang-format --dry-run --Werror $(FORMAT_CLEAN) && \
	    echo "lint: $(words $(FORMAT_CLEAN)) files formatted as .clang-format says"; \
	else echo "lint: clang-format is not installed; the format check was skipped"; fi

demo: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) sh scripts/demo.sh

# make install: never overwrites an operator's config (a new one goes
# beside it as checkin.conf.new); the example's relative var/ paths become
# STATEDIR so checkinctl finds the same database from any directory, the
# pid file goes under RUNDIR, and daemon.user names the service user.
MANPAGES = etc/man/checkin-gateway.8 etc/man/checkinctl.8 etc/man/checkin.conf.5
# The installed paths, filled into the units and the man pages.
SUBST = sed -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@BINDIR@|$(BINDIR)|g' \
        -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' -e 's|@STATEDIR@|$(STATEDIR)|g' \
        -e 's|@SPOOLDIR@|$(SPOOLDIR)|g' -e 's|@BACKUPDIR@|$(BACKUPDIR)|g' \
        -e 's|@DOCDIR@|$(DOCDIR)|g' -e 's|@UNITDIR@|$(UNITDIR)|g'
install: all
	$(INSTALL) -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(SYSCONFDIR)/checkin-gateway $(DESTDIR)$(DOCDIR) \
	    $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR)
	$(INSTALL) -m 0755 $(DAEMON) $(DESTDIR)$(SBINDIR)/checkin-gateway
	$(INSTALL) -m 0755 $(CTL) $(DESTDIR)$(BINDIR)/checkinctl
	for m in $(MANPAGES); do \
	    d=$(DESTDIR)$(MANDIR)/man$${m##*.}/$$(basename $$m); \
	    $(SUBST) $$m >$$d && chmod 0644 $$d || exit 1; done
	sed -e 's|"var/checkin-gateway.pid"|"$(RUNDIR)/checkin-gateway.pid"|' \
	    -e 's|"var/spool"|"$(SPOOLDIR)"|' \
	    -e 's|"var/|"$(STATEDIR)/|' \
	    -e 's|^  # user = "checkin-gateway";|  user = "checkin-gateway";|' \
	    etc/checkin.conf >$(BUILD)/checkin.conf.installed
	$(INSTALL) -m 0644 $(BUILD)/checkin.conf.installed $(DESTDIR)$(DOCDIR)/checkin.conf.example
	$(INSTALL) -m 0644 etc/prometheus/checkin-gateway.rules.yml $(DESTDIR)$(DOCDIR)/
	@conf=$(DESTDIR)$(SYSCONFDIR)/checkin-gateway/checkin.conf; \
	if [ -e "$$conf" ]; then \
	    $(INSTALL) -m 0640 $(BUILD)/checkin.conf.installed "$$conf.new"; \
	    echo "install: kept your $$conf; the new example is $$conf.new"; \
	else \
	    $(INSTALL) -m 0640 $(BUILD)/checkin.conf.installed "$$conf"; \
	fi
	for u in checkin-gateway.service checkin-gateway-backup.service checkin-gateway-backup.timer; do \
	    $(SUBST) etc/$$u >$(DESTDIR)$(UNITDIR)/$$u && chmod 0644 $(DESTDIR)$(UNITDIR)/$$u || exit 1; done
	sed -e 's|@STATEDIR@|$(STATEDIR)|g' etc/checkin-gateway.sysusers \
	    >$(DESTDIR)$(SYSUSERSDIR)/checkin-gateway.conf
	chmod 0644 $(DESTDIR)$(SYSUSERSDIR)/checkin-gateway.conf
	@# Installing for real (no DESTDIR): create the user now and let it read
	@# the config (it may hold provider tokens, so not world-readable).
	@if [ -z "$(DESTDIR)" ] && command -v systemd-sysusers >/dev/null 2>&1; then \
	    systemd-sysusers $(SYSUSERSDIR)/checkin-gateway.conf || true; fi
	@if [ -z "$(DESTDIR)" ] && getent group checkin-gateway >/dev/null 2>&1; then \
	    chgrp checkin-gateway $(SYSCONFDIR)/checkin-gateway/checkin.conf*; fi
	@# The spool, 2770 (setgid): made in DESTDIR too; its group and owner
	@# where they exist (the package's postinst sets them in any case).
	$(INSTALL) -d -m 2770 $(DESTDIR)$(SPOOLDIR) $(addprefix $(DESTDIR)$(SPOOLDIR)/,$(SPOOLSUBDIRS))
	@if getent group $(SPOOLGROUP) >/dev/null 2>&1; then \
	    chgrp $(SPOOLGROUP) $(DESTDIR)$(SPOOLDIR) $(addprefix $(DESTDIR)$(SPOOLDIR)/,$(SPOOLSUBDIRS)) \
	    2>/dev/null || echo "install: could not give $(SPOOLDIR) to group $(SPOOLGROUP)"; fi
	@if [ -z "$(DESTDIR)" ] && getent passwd checkin-gateway >/dev/null 2>&1; then \
	    chown checkin-gateway $(SPOOLDIR) $(addprefix $(SPOOLDIR)/,$(SPOOLSUBDIRS)); fi
	@# The operators' directory: 2750, setgid, group checkin-operators.
	$(INSTALL) -d -m 2750 $(DESTDIR)$(BACKUPDIR)
	@if [ -z "$(DESTDIR)" ] && getent passwd checkin-gateway >/dev/null 2>&1 && \
	    getent group $(OPGROUP) >/dev/null 2>&1; then \
	    chown checkin-gateway:$(OPGROUP) $(BACKUPDIR) && chmod 2750 $(BACKUPDIR); fi

# make uninstall: the files make install wrote, with the same PREFIX and
# DESTDIR. The config (the operator's, maybe edited), the state directory
# (every client's data) and the system user stay: remove them by hand.
uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/checkin-gateway $(DESTDIR)$(BINDIR)/checkinctl \
	    $(DESTDIR)$(MANDIR)/man8/checkin-gateway.8 $(DESTDIR)$(MANDIR)/man8/checkinctl.8 \
	    $(DESTDIR)$(MANDIR)/man5/checkin.conf.5 $(DESTDIR)$(DOCDIR)/checkin.conf.example \
	    $(DESTDIR)$(DOCDIR)/checkin-gateway.rules.yml \
	    $(DESTDIR)$(UNITDIR)/checkin-gateway.service \
	    $(DESTDIR)$(UNITDIR)/checkin-gateway-backup.service \
	    $(DESTDIR)$(UNITDIR)/checkin-gateway-backup.timer \
	    $(DESTDIR)$(SYSUSERSDIR)/checkin-gateway.conf
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null
	@echo "uninstall: kept $(DESTDIR)$(SYSCONFDIR)/checkin-gateway/, $(STATEDIR), $(SPOOLDIR) and $(BACKUPDIR) (the config and the data)"

# make deb: a copy of the sources with etc/debian as debian/, built by
# dpkg-buildpackage (binary only, unsigned) into $(BUILD)/deb/*.deb. The
# build tools (debhelper, dpkg-dev) are installed here, not by make test.
# MAKEFLAGS is dropped so this make's variables (BUILD, CFLAGS) do not leak
# into the package's build.
DEB_DIR  = $(BUILD)/deb
DEB_TREE = $(DEB_DIR)/checkin-gateway
DEB_JOBS ?= 2
deb:
	@sh scripts/deps.sh deb
	rm -rf $(DEB_DIR)
	mkdir -p $(DEB_TREE)
	cp -R Makefile LICENSE README.md gateway providers scripts etc $(DEB_TREE)/
	# what the profile-guided build of the reply parser runs (PGO above)
	mkdir -p $(DEB_TREE)/tests/tools $(DEB_TREE)/tests/corpus
	cp tests/tools/profile_reply.c $(DEB_TREE)/tests/tools/
	cp -R tests/corpus/labelled.h tests/corpus/train $(DEB_TREE)/tests/corpus/
	cp -R etc/debian $(DEB_TREE)/debian
	cd $(DEB_TREE) && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	    dpkg-buildpackage -us -uc -b -j$(DEB_JOBS)
	rm -rf $(DEB_TREE)
	@ls $(DEB_DIR)/*.deb

clean:
	rm -rf build build-asan build-fuzz

# (Not those of a package build in $(BUILD)/deb: their paths are relative
# to its own tree.)
-include $(shell find $(BUILD) -path $(BUILD)/deb -prune -o -name '*.d' -print 2>/dev/null)
