/* Progressive enhancement: show upload progress when a form sends files. Without JavaScript the
   form posts normally and the browser shows its own progress. */
(function () {
  "use strict";
  function replacePage(html, url) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    document.replaceChild(document.adoptNode(doc.documentElement), document.documentElement);
    if (url) { window.history.replaceState(null, "", url); }
    var summary = document.getElementById("error-summary");
    (summary || document.getElementById("main")).focus();
    init();
  }
  var TYPES = /\.(pdf|jpe?g|png|tiff?)$/i;
  function checkFile(form, input) {
    /* Tell at once when a chosen file is too large or of a wrong type (the server checks again). */
    var old = document.getElementById(input.id + "_client_error");
    if (old) { old.parentNode.removeChild(old); }
    var file = input.files && input.files[0];
    if (!file) { return; }
    var max = parseInt(form.getAttribute("data-max-bytes") || "0", 10);
    var message = "";
    if (!TYPES.test(file.name)) { message = form.getAttribute("data-wrong-type"); }
    else if (max && file.size > max) { message = form.getAttribute("data-too-large"); }
    if (!message) { return; }
    var p = document.createElement("p");
    p.className = "field-error"; p.id = input.id + "_client_error"; p.textContent = message;
    input.parentNode.insertBefore(p, input);
    input.setAttribute("aria-describedby", p.id);
    input.setAttribute("aria-invalid", "true");
    input.value = "";
  }
  function init() {
    var form = document.getElementById("draft-form") || document.getElementById("supplement-form");
    if (!form || !window.FormData || !window.XMLHttpRequest || !window.DOMParser) { return; }
    Array.prototype.forEach.call(form.querySelectorAll("input[type=file]"), function (input) {
      input.addEventListener("change", function () { checkFile(form, input); });
    });
    form.addEventListener("submit", function (event) {
      var hasFile = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (input) {
        return input.files && input.files.length > 0;
      });
      if (!hasFile) { return; }
      event.preventDefault();
      var data = new FormData(form, event.submitter || undefined);
      var bar = document.createElement("progress");
      bar.max = 100; bar.value = 0;
      var label = document.createElement("p");
      label.setAttribute("role", "status");
      label.textContent = form.getAttribute("data-uploading") || "…";
      form.appendChild(label); form.appendChild(bar);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { bar.value = Math.round(e.loaded * 100 / e.total); }
      });
      xhr.addEventListener("load", function () { replacePage(xhr.responseText, xhr.responseURL); });
      xhr.addEventListener("error", function () { form.submit(); });
      xhr.send(data);
    });
  }
  init();
})();
