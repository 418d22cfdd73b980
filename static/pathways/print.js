// The options page: the print button prints the summary (its sources open for print).
(function () {
  "use strict";
  var button = document.getElementById("print-summary");
  if (!button) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
    window.print();
  });
})();
