"use strict";
// The only script: buttons marked data-print open the browser's print dialog, and forms marked data-auto-submit
// (the sign-out's end-session request to the Identity service) are sent at once.
document.addEventListener("click", function (event) {
  var target = event.target instanceof Element ? event.target.closest("[data-print]") : null;
  if (target) {
    window.print();
  }
});

document.querySelectorAll("form[data-auto-submit]").forEach(function (form) {
  form.submit();
});
