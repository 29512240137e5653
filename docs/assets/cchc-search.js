// The search box, for Vietnamese typed on phones. (The search pane's accessible name is in the
// HTML: overrides/partials/search.html.)
// - Input typed on some phones arrives decomposed (NFD: "o" + combining marks), while the index
//   holds composed text (NFC): compose it before Material reads the value.
// - Material reads the query on "keyup", but a phone keyboard (Telex, VNI, autocorrect, a pasted
//   word) changes the text without a key event for the last letter: "phí" would be searched as
//   "ph". Every change of the text is passed on as a keyup.
(function () {
  "use strict";
  function isQuery(input) {
    return input && input.getAttribute && input.getAttribute("data-md-component") === "search-query";
  }
  function changed(input) {
    var composed = input.value.normalize("NFC");
    if (composed !== input.value) {
      var end = input.value.length - input.selectionEnd;
      input.value = composed;
      var caret = Math.max(0, composed.length - end);
      input.setSelectionRange(caret, caret);
    }
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }
  document.addEventListener("input", function (event) {
    if (isQuery(event.target) && !event.isComposing) changed(event.target);
  }, true);
  document.addEventListener("compositionend", function (event) {
    if (isQuery(event.target)) changed(event.target);
  }, true);
})();
