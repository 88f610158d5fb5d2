// The theme's page navigation: the phone's menu button, the on-page contents of a long chapter,
// ←/→ for the previous and next chapter, and a keyboard stop on every box that scrolls. The pages
// work without it (each heading's "#" link is in the HTML itself).
(function () {
  "use strict";
  // Known before the body is drawn, so that the phone layout hides the chapters at once.
  document.documentElement.classList.add("js");

  function setUpMenu() {
    var button = document.getElementById("menu-toggle");
    var sidebar = document.getElementById("sidebar");
    if (!button || !sidebar) { return; }
    button.hidden = false;
    function set(open) {
      sidebar.classList.toggle("open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = open ? "Close menu" : "Menu";
    }
    set(false);
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      set(open);
      if (open) {
        var first = sidebar.querySelector("input:not([hidden]), a");
        if (first) { first.focus(); }
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true" && button.offsetParent !== null) {
        set(false);
        button.focus();
      }
    });
    // Opens the menu when it hides the sidebar (on a phone), for search's shortcut.
    window.tutorialShowSidebar = function () {
      if (button.offsetParent !== null) { set(true); }
    };
  }

  // A chapter with this many sections or more lists them under its title.
  var onPageSections = 4;
  function setUpOnPageContents() {
    var article = document.querySelector("article");
    var sections = article ? article.querySelectorAll("h2[id]") : [];
    var title = article ? article.querySelector("h1") : null;
    // Chapter pages only: not the index, nor print.html, where the sections are the whole book's.
    if (!title || sections.length < onPageSections || !document.body.hasAttribute("data-chapter")) { return; }
    var box = document.createElement("details");
    box.className = "on-page";
    box.open = window.innerWidth > 760;
    var summary = document.createElement("summary");
    summary.textContent = "On this page";
    var nav = document.createElement("nav");
    nav.setAttribute("aria-label", "On this page");
    var list = document.createElement("ol");
    Array.prototype.forEach.call(sections, function (heading) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + heading.id;
      // The heading's words, without its "#" link.
      var words = heading.cloneNode(true);
      Array.prototype.forEach.call(words.querySelectorAll(".anchor"), function (anchor) { anchor.remove(); });
      link.textContent = words.textContent;
      item.appendChild(link);
      list.appendChild(item);
    });
    nav.appendChild(list);
    box.appendChild(summary);
    box.appendChild(nav);
    title.parentNode.insertBefore(box, title.nextSibling);
  }

  function typing(target) {
    if (!target || !target.tagName) { return false; }
    var name = target.tagName.toLowerCase();
    return name === "input" || name === "textarea" || name === "select" || target.isContentEditable;
  }

  // ← and → go to the previous and next chapter, unless the reader is typing.
  function setUpChapterKeys() {
    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
      if (typing(event.target)) { return; }
      var rel = event.key === "ArrowLeft" ? "prev" : (event.key === "ArrowRight" ? "next" : null);
      var link = rel && document.querySelector(".pager a[rel=\"" + rel + "\"]");
      if (link) {
        event.preventDefault();
        window.location.href = link.href;
      }
    });
  }

  // A box that scrolls sideways takes the keyboard's focus, so that arrows can scroll it.
  function markScrollingBoxes() {
    var boxes = document.querySelectorAll("main pre, footer pre");
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        if (!box.hasAttribute("tabindex")) { box.setAttribute("tabindex", "0"); box.setAttribute("data-scrolls", ""); }
      } else if (box.hasAttribute("data-scrolls")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scrolls");
      }
    });
  }

  window.tutorialTyping = typing;
  document.addEventListener("DOMContentLoaded", function () {
    setUpMenu();
    setUpOnPageContents();
    setUpChapterKeys();
    markScrollingBoxes();
    window.addEventListener("resize", markScrollingBoxes);
    window.addEventListener("load", markScrollingBoxes);
  });
})();
