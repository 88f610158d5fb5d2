// The tutorial theme's script: theme toggle, copy buttons and search. The pages work without
// it; it only adds these conveniences. Everything is local: no request leaves the page.
(function () {
  "use strict";

  // Theme: follows the system until the reader picks one; the choice is remembered.
  function storedTheme() {
    try { return localStorage.getItem("tutorial-theme"); } catch (error) { return null; }
  }
  function applyTheme(theme) {
    if (theme) { document.documentElement.setAttribute("data-theme", theme); }
    else { document.documentElement.removeAttribute("data-theme"); }
  }
  function currentTheme() {
    var chosen = document.documentElement.getAttribute("data-theme");
    if (chosen) { return chosen; }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function setUpThemeToggle() {
    var button = document.getElementById("theme-toggle");
    if (!button) { return; }
    button.hidden = false;
    function label() {
      var next = currentTheme() === "dark" ? "light" : "dark";
      button.textContent = next === "dark" ? "Dark theme" : "Light theme";
      button.setAttribute("aria-label", "Switch to the " + next + " theme");
    }
    label();
    button.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      applyTheme(next);
      try { localStorage.setItem("tutorial-theme", next); } catch (error) { /* private mode */ }
      label();
    });
  }

  // Copy buttons: on code cells only, never on output blocks.
  function copyText(text, done) {
    window.tutorialLastCopy = text;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
    } else {
      done(fallbackCopy(text));
    }
  }
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(area);
    return copied;
  }
  function setUpCopyButtons() {
    var blocks = document.querySelectorAll("pre.code");
    Array.prototype.forEach.call(blocks, function (pre) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy this code");
      button.addEventListener("click", function () {
        var code = pre.querySelector("code");
        copyText((code || pre).textContent, function (copied) {
          button.textContent = copied ? "Copied" : "Press Ctrl+C";
          button.setAttribute("data-copied", "true");
          setTimeout(function () { button.textContent = "Copy"; }, 1500);
        });
      });
      var wrapper = document.createElement("div");
      wrapper.className = "code-cell";
      pre.parentNode.insertBefore(wrapper, pre);
      wrapper.appendChild(pre);
      wrapper.appendChild(button);
    });
  }

  // The sidebar's list of chapters, from the one shared toc.js (window.tutorialToc): a page
  // carries only its own chapter. Titles go in as text, never as HTML.
  function setUpToc() {
    var list = document.getElementById("toc");
    var toc = window.tutorialToc;
    if (!list || !toc) { return; }
    var here = document.body.getAttribute("data-chapter");
    var items = document.createDocumentFragment();
    for (var i = 0; i < toc.length; i++) {
      var chapter = toc[i];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = chapter.h;
      var number = document.createElement("span");
      number.className = "number";
      number.textContent = String(chapter.n);
      link.appendChild(number);
      link.appendChild(document.createTextNode(" " + chapter.t));
      if (chapter.s === here) {
        item.className = "current";
        link.setAttribute("aria-current", "page");
      }
      item.appendChild(link);
      items.appendChild(item);
    }
    list.textContent = "";
    list.appendChild(items);
  }

  // Search over the index the build wrote (search-index.js), by words, all of which must match.
  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(function (word) { return word.length > 0; });
  }
  function score(entry, terms) {
    var title = entry.t.toLowerCase(), heading = entry.h.toLowerCase(), text = entry.x.toLowerCase();
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i], found = 0;
      if (title.indexOf(term) >= 0) { found += 8; }
      if (heading.indexOf(term) >= 0) { found += 5; }
      var at = text.indexOf(term), count = 0;
      while (at >= 0 && count < 10) { count++; at = text.indexOf(term, at + term.length); }
      found += count;
      if (found === 0) { return 0; }
      total += found;
    }
    return total;
  }
  function snippet(text, term) {
    var at = text.toLowerCase().indexOf(term);
    var from = Math.max(0, at - 40);
    var piece = text.substr(from, 140).replace(/\s+/g, " ");
    return (from > 0 ? "…" : "") + piece + (from + 140 < text.length ? "…" : "");
  }
  // The index is a script of its own, loaded the first time search is used: most visits never
  // search, and it is most of a page's bytes.
  function loadIndex(done) {
    if (window.tutorialSearchIndex) { done(); return; }
    var waiting = loadIndex.waiting || (loadIndex.waiting = []);
    waiting.push(done);
    if (waiting.length > 1) { return; }
    var script = document.createElement("script");
    script.src = "search-index.js";
    script.onload = function () { waiting.splice(0).forEach(function (callback) { callback(); }); };
    document.head.appendChild(script);
  }
  function setUpSearch() {
    var box = document.getElementById("search");
    var input = document.getElementById("search-input");
    var results = document.getElementById("search-results");
    if (!box || !input || !results) { return; }
    box.hidden = false;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-controls", "search-results");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-autocomplete", "list");
    results.setAttribute("role", "listbox");
    results.setAttribute("aria-label", "Search results");
    var selected = -1;
    function links() { return results.querySelectorAll("a"); }
    function select(position) {
      var all = links();
      if (all.length === 0) { return; }
      selected = (position + all.length) % all.length;
      Array.prototype.forEach.call(all, function (link, at) {
        link.setAttribute("aria-selected", at === selected ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", all[selected].id);
      all[selected].scrollIntoView({ block: "nearest" });
    }
    function show() {
      var index = window.tutorialSearchIndex;
      if (!index) { loadIndex(show); return; }
      var terms = words(input.value);
      results.innerHTML = "";
      selected = -1;
      input.removeAttribute("aria-activedescendant");
      if (terms.length === 0) { results.hidden = true; input.setAttribute("aria-expanded", "false"); return; }
      var found = [];
      for (var i = 0; i < index.length; i++) {
        var value = score(index[i], terms);
        if (value > 0) { found.push({ entry: index[i], score: value }); }
      }
      found.sort(function (a, b) { return b.score - a.score; });
      if (found.length === 0) {
        var none = document.createElement("li");
        none.className = "none";
        none.textContent = "No match";
        results.appendChild(none);
      }
      found.slice(0, 12).forEach(function (match, at) {
        var entry = match.entry;
        var item = document.createElement("li");
        item.setAttribute("role", "none");
        var link = document.createElement("a");
        link.id = "search-result-" + at;
        link.setAttribute("role", "option");
        link.setAttribute("aria-selected", "false");
        link.href = entry.p + "?highlight=" + encodeURIComponent(terms.join(" ")) + (entry.a ? "#" + entry.a : "");
        var title = document.createElement("strong");
        title.textContent = entry.h && entry.h !== entry.t ? entry.t + " › " + entry.h : entry.t;
        var text = document.createElement("span");
        text.textContent = snippet(entry.x, terms[0]);
        link.appendChild(title);
        link.appendChild(text);
        item.appendChild(link);
        results.appendChild(item);
      });
      results.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    input.addEventListener("focus", function () { loadIndex(function () {}); });
    input.addEventListener("input", show);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; show(); }
      else if (event.key === "ArrowDown") { event.preventDefault(); select(selected + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); select(selected - 1); }
      else if (event.key === "Enter") {
        var all = links();
        var chosen = all[selected >= 0 ? selected : 0];
        if (chosen) { event.preventDefault(); window.location.href = chosen.href; }
      }
    });
    // "/" or "s" focuses the search box, unless the reader is typing somewhere.
    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) { return; }
      if (event.key !== "/" && event.key !== "s") { return; }
      var target = event.target;
      var name = target && target.tagName ? target.tagName.toLowerCase() : "";
      if (name === "input" || name === "textarea" || name === "select" || (target && target.isContentEditable)) { return; }
      event.preventDefault();
      if (window.tutorialShowSidebar) { window.tutorialShowSidebar(); }
      input.focus();
      input.select();
    });
  }

  // The words a search result was found for (`?highlight=`), marked in the page's text.
  function highlightMatches() {
    var query = /[?&]highlight=([^&#]*)/.exec(window.location.search);
    var article = document.querySelector("article");
    if (!query || !article) { return; }
    var terms = words(decodeURIComponent(query[1].replace(/\+/g, " ")));
    if (terms.length === 0) { return; }
    var pattern = new RegExp("(" + terms.map(function (term) {
      return term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|") + ")", "giu");
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      pattern.lastIndex = 0;
      if (!pattern.test(text) || node.parentNode.closest("svg, script, style, .anchor")) { return; }
      var pieces = document.createDocumentFragment();
      var last = 0;
      text.replace(pattern, function (match, group, at) {
        pieces.appendChild(document.createTextNode(text.slice(last, at)));
        var mark = document.createElement("mark");
        mark.className = "search-match";
        mark.textContent = match;
        pieces.appendChild(mark);
        last = at + match.length;
        return match;
      });
      pieces.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(pieces, node);
    });
  }

  applyTheme(storedTheme());
  document.addEventListener("DOMContentLoaded", function () {
    setUpToc();
    setUpThemeToggle();
    setUpCopyButtons();
    setUpSearch();
    highlightMatches();
  });
})();
