/* Search-box suggestions: asks /<lang>/search/suggest/?q= as the visitor types and lists matching
   pages under the box (arrow keys move, Enter follows, Escape closes). Without scripts the box is a
   plain search form. Accent-insensitive on the server: "dang ky" suggests "Đăng ký…". */
(function () {
  "use strict";

  var DELAY = 200;
  var counter = 0;

  function ready(fn) {
    if (document.readyState !== "loading") {
      fn();
    } else {
      document.addEventListener("DOMContentLoaded", fn);
    }
  }

  function ensureStylesheet(href) {
    if (!href || document.querySelector('link[data-search-suggest-css]')) {
      return;
    }
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.setAttribute("data-search-suggest-css", "");
    document.head.appendChild(link);
  }

  function attach(input) {
    var url = input.getAttribute("data-suggest-url");
    var list = document.createElement("ul");
    var timer = null;
    var active = -1;
    var lastQuery = "";
    counter += 1;
    list.id = "search-suggestions-" + counter;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.parentNode.style.position = "relative";
    input.parentNode.appendChild(list);
    ensureStylesheet(input.getAttribute("data-suggest-css"));

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function mark(index) {
      var items = list.querySelectorAll("li");
      Array.prototype.forEach.call(items, function (item, i) {
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
      }
    }

    function render(suggestions) {
      list.textContent = "";
      suggestions.forEach(function (item, i) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        var type = document.createElement("span");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        a.href = item.url;
        a.textContent = item.title;
        type.className = "type";
        type.textContent = item.type;
        a.appendChild(type);
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = suggestions.length === 0;
      input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
      active = -1;
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < 2) {
        close();
        return;
      }
      if (query === lastQuery) {
        return;
      }
      lastQuery = query;
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (input.value.trim() === query) {
            render(data.suggestions || []);
          }
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var items = list.querySelectorAll("li");
      if (list.hidden || !items.length) {
        return;
      }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        mark((active + 1) % items.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        mark((active - 1 + items.length) % items.length);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = items[active].querySelector("a").href;
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });
  }

  ready(function () {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest-url]"), attach);
  });
})();
