// The notebook's view of a learner's run (served before notebook.js, in the same function):
// the state each example says, the learner's changes against the book's code, the book's
// output beside the learner's, edits that have not run yet, and "Reset all".

  // The learner's changes to a cell against the book's code, line by line (a longest common
  // subsequence: cells are short).
  function lineDiff(before, after) {
    var a = before.replace(/\n$/, "").split("\n"), b = after.replace(/\n$/, "").split("\n");
    var table = [];
    for (var i = a.length; i >= 0; i--) {
      table[i] = [];
      for (var j = b.length; j >= 0; j--) {
        table[i][j] = i === a.length || j === b.length ? 0
          : a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    var lines = [], added = 0, removed = 0;
    for (i = 0, j = 0; i < a.length || j < b.length;) {
      if (i < a.length && j < b.length && a[i] === b[j]) { lines.push("  " + a[i]); i++; j++; }
      else if (j < b.length && (i === a.length || table[i][j + 1] >= table[i + 1][j])) { lines.push("+ " + b[j]); j++; added++; }
      else { lines.push("- " + a[i]); i++; removed++; }
    }
    return { text: lines.join("\n"), added: added, removed: removed };
  }

  function showDiff(pre) {
    var old = part(pre, "details.cell-diff");
    var edited = localStorage.getItem(key(pre.dataset.example, pre.dataset.cell));
    if (edited === null) { if (old) { old.remove(); } return; }
    var diff = lineDiff(state.code[cellId(pre)], edited);
    var box = old || document.createElement("details");
    if (!old) {
      box.className = "cell-diff";
      box.dataset.for = cellId(pre);
      box.appendChild(document.createElement("summary"));
      box.appendChild(document.createElement("pre"));
      var controls = part(pre, ".cell-controls");
      controls.parentNode.insertBefore(box, controls.nextSibling);
    }
    box.querySelector("summary").textContent = "Your changes to the book's code (+" + diff.added + " −" + diff.removed + ")";
    box.querySelector("pre").textContent = diff.text;
  }

  // One state per example, always true: queued → compiling → running → finished, failed,
  // stopped or timed out. Each place says it, and the page's live region announces it.
  var ACTIVE = { queued: true, compiling: true, running: true };

  function stateText(current) {
    if (current.name === "queued") {
      return current.ahead > 0 ? "queued: " + current.ahead + " ahead" : "queued";
    }
    if (current.name === "compiling") { return "compiling…"; }
    if (current.name === "running") {
      return "running… " + ((performance.now() - current.since) / 1000).toFixed(1) + " s";
    }
    var mark = "your run " + current.number + " · " + current.at + " · ";
    return mark + (current.detail ? current.name + " (" + current.detail + ")" : current.name);
  }

  function showState(example) {
    var current = state.status[example];
    var text = stateText(current);
    placesOf(example).forEach(function (place) {
      place.dataset.runState = current.name;
      var caption = place.querySelector(".run-state");
      if (!caption) {
        caption = document.createElement("p");
        caption.className = "run-state";
        place.insertBefore(caption, place.firstChild);
      }
      caption.textContent = text;
    });
  }

  function setState(example, name, detail) {
    var current = state.status[example] || (state.status[example] = {});
    if (current.timer) { clearInterval(current.timer); current.timer = null; }
    current.name = name;
    current.detail = detail || "";
    if (name === "queued") { current.ahead = detail || 0; current.detail = ""; }
    if (name === "running") {
      current.since = performance.now();
      current.timer = setInterval(function () { showState(example); }, 100);
    }
    if (!ACTIVE[name]) {
      current.at = new Date().toLocaleTimeString();
      // The places may grow or shrink again: their held heights go.
      placesOf(example).forEach(function (place) { place.style.minHeight = ""; });
    }
    showState(example);
    setRunning(example, !!ACTIVE[name]);
    var announcer = document.getElementById("notebook-announcer");
    if (announcer && name !== "running") { announcer.textContent = example + ": " + stateText(current); }
    if (announcer && name === "running") { announcer.textContent = example + ": running"; }
  }

  function ending(event) {
    if (event.ending === "stopped") { return ["stopped", ""]; }
    if (event.exercise) { return event.exercise.passed ? ["passed", "every check holds"] : ["not passed yet", event.exercise.failure]; }
    if (/timed out/.test(event.ending)) { return ["timed out", event.ending]; }
    if (event.succeeded) { return ["finished", ""]; }
    return ["failed", event.ending];
  }

  function markStale(example) {
    placesOf(example).forEach(function (place) {
      place.dataset.runState = "stale";
      var caption = document.createElement("p");
      caption.className = "run-state";
      caption.textContent = "the book's output: your edits have not run yet";
      place.insertBefore(caption, place.firstChild);
    });
  }

  // "Reset all": every edited cell of the page back to the book's code and output.
  function addResetAll() {
    var first = document.querySelector("pre.code[data-example]");
    var heading = document.querySelector("main h1, h1");
    if (!first || !heading) { return; }
    var bar = document.createElement("div");
    bar.className = "notebook-bar";
    var all = button("Reset all", "Bring back the chapter's code and output in every cell of this page", "cells of this page", function () {
      Array.prototype.slice.call(document.querySelectorAll("pre.code[data-example]")).forEach(function (pre) {
        if (localStorage.getItem(key(pre.dataset.example, pre.dataset.cell)) !== null || part(pre, "textarea.cell-editor")) { reset(pre); }
      });
    });
    all.classList.add("cell-reset-all");
    bar.appendChild(all);
    heading.parentNode.insertBefore(bar, heading.nextSibling);
  }


  // Exercises: a pass is remembered in this browser, per page, and counted in the sidebar.
  var EXERCISE = /^tutorial-exercise:(.*):([A-Za-z0-9_-]+)$/;

  function recordExercise(example, result) {
    if (result.passed) { localStorage.setItem("tutorial-exercise:" + location.pathname + ":" + example, "passed"); }
    showProgress();
  }

  function showProgress() {
    var passed = {};
    for (var index = 0; index < localStorage.length; index++) {
      var match = EXERCISE.exec(localStorage.key(index) || "");
      if (match) { (passed[match[1]] = passed[match[1]] || []).push(match[2]); }
    }
    Array.prototype.slice.call(document.querySelectorAll(".exercise-checks[data-exercise]")).forEach(function (box) {
      var done = (passed[location.pathname] || []).indexOf(box.dataset.exercise) >= 0;
      box.classList.toggle("passed", done);
    });
    Array.prototype.slice.call(document.querySelectorAll("nav a[href], aside a[href]")).forEach(function (link) {
      var old = link.querySelector(".exercise-progress");
      if (old) { old.remove(); }
      var count = (passed[new URL(link.getAttribute("href"), location.href).pathname] || []).length;
      if (!count) { return; }
      var badge = document.createElement("span");
      badge.className = "exercise-progress";
      badge.textContent = " ✓" + count;
      badge.setAttribute("aria-label", count + (count === 1 ? " exercise" : " exercises") + " passed");
      link.appendChild(badge);
    });
  }
