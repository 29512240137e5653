// Our small page scripts, one deferred file shared (and cached) by every page rather than inline
// in each page's HTML (issue 13: every page pays its inline scripts' bytes). Loaded with `defer`
// (overrides/main.html), so it runs once the page is parsed and before Material's bundle starts.

// Search index on demand.
// Material's bundle requests the whole search index (search/search_index.json, by
// XMLHttpRequest) as soon as a page loads, for a search most visits never open. This holds that
// one request back until the search is opened: the search field gets focus (a click, a tap, Tab,
// or Material's "/" and "s" keys) or the search toggle (#__search, the phone's search button) is
// checked. Material then receives the index as before and search works unchanged.
(function () {
  "use strict";
  var proto = XMLHttpRequest.prototype, open = proto.open, send = proto.send;
  var opened = false, held = [];
  var isIndex = /\/search\/search_index\.json(?:[?#].*)?$/;
  proto.open = function (method, url) {
    this.cchcSearchIndex = isIndex.test(String(url));
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (opened || !this.cchcSearchIndex) return send.apply(this, arguments);
    var request = this, args = arguments;
    held.push(function () { send.apply(request, args); });
  };
  function start() {
    if (opened) return;
    opened = true;
    held.splice(0).forEach(function (go) { go(); });
  }
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target && target.getAttribute && target.getAttribute("data-md-component") === "search-query") start();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) start();
  }, true);
})();

// Menu button for the keyboard.
// Material opens its navigation drawer (below 1220 px) with a <label for="__drawer">, which the
// Tab key never reaches (squidfunk/mkdocs-material#4101), and a label may not take the role of a
// button (axe aria-allowed-role). This puts a real <button> with the label's icon in its place,
// working the same checkbox; with JavaScript off the label stays and still works for touch.
(function () {
  var drawer = document.getElementById("__drawer");
  var label = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
  if (!drawer || !label) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " cchc-menu-button";
  button.setAttribute("aria-label", "Mở trình đơn của chuyên mục");
  button.innerHTML = label.innerHTML;
  label.parentNode.insertBefore(button, label);
  label.hidden = true;
  var sync = function () { button.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); };
  sync();
  drawer.addEventListener("change", sync);
  button.addEventListener("click", function (event) {
    var byKeyboard = event.detail === 0;
    drawer.click();
    if (drawer.checked && byKeyboard) {
      var first = document.querySelector(".md-sidebar--primary .md-nav a[href]");
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer.checked) {
      drawer.click();
      button.focus();
    }
  });
})();
// Material's bundle at the first interaction.
// Reading a page needs no JavaScript (the drawer, the folds and the search pane open with CSS), and
// on a phone the bundle's start-up (components, observers, layout reads) takes the CPU just as the
// page first shows (issue 13: Lighthouse's Total Blocking Time). So the page carries the bundle
// as a data block (<script type="text/x-cchc-later" data-src=...>) and this loads it at the
// visitor's first touch, click, key, focus or scroll, or at once when a search result was opened
// (Material highlights the words searched). Material starts on DOMContentLoaded, long past by
// then: the event is sent again once the bundle has run. Text typed into the search field before
// that is passed on to the search.
(function () {
  var later = document.querySelectorAll('script[type="text/x-cchc-later"]');
  if (!later.length) return;
  var events = ["pointerdown", "touchstart", "keydown", "focusin", "scroll", "wheel"];
  var started = false;
  function start() {
    if (started) return;
    started = true;
    events.forEach(function (name) { window.removeEventListener(name, start, true); });
    var last;
    Array.prototype.forEach.call(later, function (data) {
      last = document.createElement("script");
      last.src = data.getAttribute("data-src");
      last.async = false;
      document.body.appendChild(last);
    });
    last.addEventListener("load", function () {
      document.dispatchEvent(new Event("DOMContentLoaded"));
      var query = document.querySelector('[data-md-component="search-query"]');
      if (query && query.value) query.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
  }
  events.forEach(function (name) { window.addEventListener(name, start, { capture: true, passive: true }); });
  if (/[?&]h=/.test(location.search)) start();
})();
