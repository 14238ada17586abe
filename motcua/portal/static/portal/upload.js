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
  function init() {
    var form = document.getElementById("draft-form") || document.getElementById("supplement-form");
    if (!form || !window.FormData || !window.XMLHttpRequest || !window.DOMParser) { return; }
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
