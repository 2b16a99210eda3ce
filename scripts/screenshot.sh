#!/usr/bin/env bash
# Regenerates the README screenshot: runs the built app under a private
# Xvfb on a temporary library holding one sample article, waits for the
# window, and captures the screen with ImageMagick (Fyne's own Capture()
# is blank on Xvfb). Usage: scripts/screenshot.sh BIN OUT.png
# SIZE=800x600 sets the screen and window size (default 1440x900);
# FYNE_THEME=light or dark picks the theme variant.
set -euo pipefail
bin=$(realpath "${1:-bin/copydesk}")
out=${2:-docs/screenshot.png}
export LANG=C.UTF-8 LC_ALL=C.UTF-8
tmp=$(mktemp -d)
trap 'kill "${app:-}" "${xvfb:-}" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp" || true' EXIT
export HOME=$tmp XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config
db=$tmp/library.db

cat >"$tmp/article.md" <<'MD'
---
headline: Ukraine's allies agree to provide multilayered security guarantees
byline: [Lisa Johnson, Tom Baker]
section: World
summary: Ukraine's allies, including 27 European countries, Canada and the U.S., agreed in Paris to provide security guarantees as part of a potential peace deal with Russia.
dateline: Paris
tags: [ukraine, diplomacy]
status: editing
---

In a significant development amid ongoing efforts to end the war in Ukraine, allies of the Eastern European nation have reached an agreement on providing **multilayered security guarantees** as part of a potential peace proposal with Russia.

The gathering, which took place over the weekend, brought together key figures from NATO member states and other Western partners to outline strategies for supporting Ukraine *post-conflict*.

## What the guarantees include

- immediate military support
- long-term defense pacts similar to NATO's Article 5
- economic incentives to rebuild infrastructure

> "We are committed to Ukraine's sovereignty and territorial integrity," a European diplomat said.

| Country | Aid since 2022 |
|---------|---------------:|
| Canada  | $10 billion    |
| Germany | €17.1 billion  |
MD

"$bin" --db "$db" import "$tmp/article.md" >/dev/null

display=:$(( (RANDOM % 400) + 100 ))
size=${SIZE:-1440x900}
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

COPYDESK_READY_FILE=$tmp/ready "$bin" --db "$db" >"$tmp/app.log" 2>&1 &
app=$!
wid=$(timeout 60 xdotool search --sync --onlyvisible --name '^Copydesk' | head -1)
# The library opens behind the window, then its latest article (which
# sets the remembered size): wait for the window to say it is ready, size
# it, then wait until two captures in a row match.
for _ in $(seq 600); do [ -e "$tmp/ready" ] && break; sleep 0.1; done
xdotool windowsize "$wid" "${size%x*}" "${size#*x}" windowmove "$wid" 0 0
mkdir -p "$(dirname "$out")"
import -window root "$tmp/a.png"
for _ in $(seq 100); do
  sleep 0.3
  import -window root "$tmp/b.png"
  cmp -s "$tmp/a.png" "$tmp/b.png" && break
  mv "$tmp/b.png" "$tmp/a.png"
done
cp "$tmp/a.png" "$out"
echo "wrote $out ($(xdotool getwindowname "$wid"))"
