/* Progressive enhancement: show upload progress when a form sends files. Without JavaScript the
   form posts normally and the browser shows its own progress. */
(function () {
  "use strict";
  var form = document.getElementById("draft-form") || document.getElementById("supplement-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) { return; }
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
    xhr.addEventListener("load", function () {
      if (xhr.responseURL && xhr.responseURL !== window.location.href) {
        window.location.assign(xhr.responseURL);
        return;
      }
      document.open(); document.write(xhr.responseText); document.close();
    });
    xhr.addEventListener("error", function () { form.submit(); });
    xhr.send(data);
  });
})();
