// Copydesk site script: turns absolute dates into "3 days ago".
// Loaded from the site's own origin (the page's Content-Security-Policy
// allows no inline script); without it the absolute date stays, which is
// why the page is written with that text in the first place.
(function () {
  "use strict";
  var units = [
    ["year", 365 * 24 * 3600],
    ["month", 30 * 24 * 3600],
    ["week", 7 * 24 * 3600],
    ["day", 24 * 3600],
    ["hour", 3600],
    ["minute", 60]
  ];
  function relative(then, now) {
    var secs = Math.round((now - then) / 1000);
    if (secs < 0) { return null; } // clock skew or embargo: keep the date
    if (secs < 60) { return "just now"; }
    for (var i = 0; i < units.length; i++) {
      var n = Math.floor(secs / units[i][1]);
      if (n >= 1) {
        return n + " " + units[i][0] + (n === 1 ? "" : "s") + " ago";
      }
    }
    return null;
  }
  function update() {
    var els = document.querySelectorAll("time[data-relative]");
    var now = Date.now();
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var then = Date.parse(el.getAttribute("datetime"));
      if (isNaN(then)) { continue; }
      if (!el.title) { el.title = el.textContent; }
      var text = relative(then, now);
      // Older than a month reads better as the date itself.
      if (text !== null && now - then < 31 * 24 * 3600 * 1000) {
        el.textContent = text;
      }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
}());
