# Copydesk build. `make run` and `make test` install whatever system
# packages are missing first, so a fresh Debian/Ubuntu machine needs only Go.

SHELL := /bin/bash
export LANG := C.UTF-8
export LC_ALL := C.UTF-8
# Fyne logs an error for the C locale unless LANGUAGE names a language.
export LANGUAGE := en
export CGO_ENABLED := 1
# Every build, test and package leaves out Fyne's bundled emoji font
# (EmojiOneColor, 4.2 MB, parsed again for each text style): emoji come
# from the system's emoji font instead (fonts-noto-color-emoji below),
# which covers newer emoji the bundled one lacks and saves 17–25 MB of
# memory (BENCHMARKS.md). One tag set for all targets, so the cgo build of
# Fyne is compiled once and shared by `go test`, the tests' own `go build`
# of the binary and the fuzz runs.
export GOFLAGS := $(strip $(GOFLAGS) -tags=no_emoji)

BIN      := bin/copydesk
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.Version=$(VERSION)
FUZZTIME ?= 20000x
# Tests that drive the real binary's window with xdotool and time what the
# user sees. They run on their own after the rest, because two other test
# packages saturating both cores delay X input and autosaves enough to
# break a promise measured in wall-clock time ("at most ~1 s of typing").
REAL_WINDOW_TESTS := ^(TestWindowSmoke|TestWindowCrashLosesAtMostOneSecond)$$
STRESS_FUZZTIME ?= 300000x

# Debian packages: building Fyne (cgo, X11, OpenGL), running it headless
# (Xvfb, screenshots, typing), and the real-browser, Hugo, cmark, xmllint
# (sitemap schemas) and git (site repository) tests.
RUN_PKGS  := gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev fonts-noto-color-emoji
TEST_PKGS := $(RUN_PKGS) xvfb x11-utils xdotool imagemagick chromium cmark hugo fonts-dejavu-core git openssh-server openssh-client hunspell hunspell-en-us libxml2-utils

.PHONY: all build run test test-go fuzz bench stress deps-run deps-test package screenshot clean

all: build

build: deps-run
	go build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/copydesk

run: build
	./$(BIN)

deps-run:
	@scripts/ensure-packages.sh $(RUN_PKGS)

deps-test:
	@scripts/ensure-packages.sh $(TEST_PKGS)

# Every test, under a virtual X server so the real-window smoke tests run,
# then each fuzz target for a short time.
test: deps-test
	@scripts/check-go.sh
	xvfb-run -a -s '-screen 0 1280x900x24' go test -count=1 -timeout 30m -skip '$(REAL_WINDOW_TESTS)' ./...
	xvfb-run -a -s '-screen 0 1280x900x24' go test -count=1 -timeout 10m -run '$(REAL_WINDOW_TESTS)' -v ./cmd/copydesk
	$(MAKE) --no-print-directory fuzz

fuzz:
	scripts/fuzz.sh $(FUZZTIME)

bench: deps-test
	xvfb-run -a go test -run '^$$' -bench . -benchmem -timeout 60m ./...

# Long crash and fuzz runs, too slow for every CI run.
stress: deps-test
	COPYDESK_STRESS=1 xvfb-run -a go test -count=1 -timeout 60m -run 'Crash|Concurrent|Stress' ./...
	scripts/fuzz.sh $(STRESS_FUZZTIME)

# fyne reads FyneApp.toml from the main package's folder (and bumps its
# Build there), so it gets a copy of the root one with the icon path
# rebased; the copy is removed again whatever happens.
package: deps-run
	sed 's#"assets/#"../../assets/#' FyneApp.toml > cmd/copydesk/FyneApp.toml
	cd cmd/copydesk && go run fyne.io/tools/cmd/fyne@v1.7.4 package -os linux -release -tags no_emoji -icon ../../assets/icon.png; \
	  status=$$?; rm -f FyneApp.toml fyne_metadata_init.go; exit $$status
	mkdir -p bin && mv cmd/copydesk/Copydesk.tar.xz bin/
	@echo "bin/Copydesk.tar.xz: unpack and run 'make user-install' inside, or 'sudo make install'"

screenshot: build deps-test
	scripts/screenshot.sh $(BIN) docs/screenshot.png

clean:
	rm -rf bin
