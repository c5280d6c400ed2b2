// Counts this page view once it has loaded and shows the site's visit counter in the footer.
// Runs after the page is served, so counting never slows a page and works behind a front-end cache.
(function () {
  "use strict";
  function show(data) {
    var box = document.querySelector("[data-visits]");
    if (!box) return;
    var format = new Intl.NumberFormat(document.documentElement.lang || "vi");
    ["total", "today", "month", "online"].forEach(function (key) {
      var cell = box.querySelector("[data-visits-" + key + "]");
      if (cell && typeof data[key] === "number") cell.textContent = format.format(data[key]);
    });
    box.hidden = false;
  }
  function count() {
    var body = document.body;
    var url = body.getAttribute("data-visits-url");
    if (!url || !window.fetch) return;
    var form = new FormData();
    if (body.getAttribute("data-page-id")) form.append("page", body.getAttribute("data-page-id"));
    fetch(url, { method: "POST", body: form, credentials: "omit", keepalive: true })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) show(data); })
      .catch(function () { /* the counter is decoration: never disturb the page */ });
  }
  if (document.readyState === "complete") count();
  else window.addEventListener("load", count);
})();
