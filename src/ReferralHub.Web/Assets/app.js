"use strict";
// The only script: buttons marked data-print open the browser's print dialog.
document.addEventListener("click", function (event) {
  var target = event.target instanceof Element ? event.target.closest("[data-print]") : null;
  if (target) {
    window.print();
  }
});
