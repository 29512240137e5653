// Search input typed on some phones arrives decomposed (NFD: "o" + combining marks), while the
// index holds composed text (NFC). Compose it before Material reads the value on keyup.
(function () {
  "use strict";
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input || input.getAttribute("data-md-component") !== "search-query" || event.isComposing) return;
    var composed = input.value.normalize("NFC");
    if (composed !== input.value) {
      var end = input.value.length - input.selectionEnd;
      input.value = composed;
      var caret = Math.max(0, composed.length - end);
      input.setSelectionRange(caret, caret);
    }
  }, true);
})();
