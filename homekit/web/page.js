// homekit: the terminal takes the keyboard once the app has drawn, so keys reach the app
// without a click and the app knows it has the focus (its footer shows its keys). Earlier,
// the page's focus message would be sent before its connection is open, and be lost.
(function () {
  function focusTerminal() {
    var input = document.querySelector(".xterm-helper-textarea");
    if (input) {
      input.blur();
      input.focus();
    }
  }
  var drawn = new MutationObserver(function () {
    if (document.body.classList.contains("-first-byte")) {
      drawn.disconnect();
      setTimeout(focusTerminal, 100);
    }
  });
  window.addEventListener("DOMContentLoaded", function () {
    drawn.observe(document.body, { attributes: true, attributeFilter: ["class"] });
  });
})();
