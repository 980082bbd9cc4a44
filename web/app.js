/*
 * app.js - the little the pages do with JavaScript; everything works
 * without it.  A form with answers typed but not saved asks before the
 * page is left.
 */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var dirty = null;
  document.querySelectorAll("form[action$='/falt']").forEach(function (form) {
    form.addEventListener("input", function () { dirty = form; });
    form.addEventListener("submit", function () { dirty = null; });
  });
  window.addEventListener("beforeunload", function (e) {
    if (dirty) { e.preventDefault(); e.returnValue = ""; }
  });
});
