// Our small page scripts, one deferred file shared (and cached) by every page rather than inline
// in each page's HTML (issue 13: every page pays its inline scripts' bytes). Loaded with `defer`
// before Material's deferred bundle (overrides/main.html), so it runs once the page is parsed
// and before the bundle starts.

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