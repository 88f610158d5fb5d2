// The notebook of `tutorial serve`: every Swift cell of a served page can be edited and run,
// its real output arriving in the page line by line. Edits stay in this browser (localStorage)
// until reset; they never touch the Markdown files. Only served pages load this script.
  var state = { runs: {}, arrivals: [], code: {}, codeHTML: {}, places: {}, status: {}, count: 0, errorLines: {} };
  window.tutorialNotebook = state;

  // The serve's token, which lets this page run code. The address `serve` prints carries it in
  // its fragment (`/#token=…`, never sent to any server); it is kept in this origin's
  // localStorage (the origin holds the port, so no other local server can read it, and other
  // tabs of this server can use it) and sent in a header of every run and stop request. It is
  // never a cookie, which browsers would send to every port of 127.0.0.1.
  var TOKEN = "tutorial-notebook-token";

  function takeToken() {
    var match = /^#token=([0-9a-f]{64})$/.exec(location.hash);
    if (!match) { return; }
    // Kept only under the name `serve` prints: localhost may also be another server (on ::1).
    if (location.hostname === "127.0.0.1") { localStorage.setItem(TOKEN, match[1]); }
    history.replaceState(null, "", location.pathname + location.search);
  }

  function requestHeaders() {
    return { "Content-Type": "application/json", "X-Tutorial-Token": localStorage.getItem(TOKEN) || "" };
  }

  function key(example, cell) {
    return "tutorial-notebook:" + location.pathname + ":" + example + ":" + cell;
  }

  function cellsOf(example) {
    return Array.prototype.slice.call(document.querySelectorAll("pre.code[data-example]"))
      .filter(function (pre) { return pre.dataset.example === example; });
  }

  function placesOf(example) {
    return Array.prototype.slice.call(document.querySelectorAll(".output-place")).filter(function (place) {
      return place.dataset.cells.split(" ").some(function (id) { return id.split(":")[0] === example; });
    });
  }

  function placeFor(example, cell) {
    var id = example + ":" + cell;
    return document.querySelector(".output-place[data-cells~=\"" + CSS.escape(id) + "\"]");
  }

  // The cell's name on the page, `example:index`, which its controls, editor and errors carry.
  function cellId(pre) {
    return pre.dataset.example + ":" + pre.dataset.cell;
  }

  function part(pre, selector) {
    return document.querySelector(selector + "[data-for=\"" + CSS.escape(cellId(pre)) + "\"]");
  }

  function codeOf(pre) {
    var editor = part(pre, "textarea.cell-editor");
    return editor ? editor.value : pre.querySelector("code").textContent;
  }

  function markEdited(pre) {
    var edited = localStorage.getItem(key(pre.dataset.example, pre.dataset.cell)) !== null;
    pre.classList.toggle("edited", edited);
    part(pre, ".cell-controls").classList.toggle("edited", edited);
    showDiff(pre);
  }

  // `name` says which cell the button acts on, for screen readers ("Run live, cell 2").
  function button(label, title, name, action) {
    var element = document.createElement("button");
    element.type = "button";
    element.textContent = label;
    element.title = title;
    element.setAttribute("aria-label", label + " " + name);
    element.className = "cell-button cell-" + label.toLowerCase();
    element.addEventListener("click", action);
    return element;
  }

  // Tab indents, Enter keeps the line's indentation, Ctrl or Cmd + Enter runs.
  function editorKeys(pre, editor) {
    editor.addEventListener("keydown", function (event) {
      var start = editor.selectionStart, end = editor.selectionEnd, text = editor.value;
      if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
        event.preventDefault();
        run(pre.dataset.example);
      } else if (event.key === "Tab" && !event.shiftKey) {
        event.preventDefault();
        editor.setRangeText("    ", start, end, "end");
      } else if (event.key === "Enter") {
        var lineStart = text.lastIndexOf("\n", start - 1) + 1;
        var indent = /^[ \t]*/.exec(text.slice(lineStart, start))[0];
        event.preventDefault();
        editor.setRangeText("\n" + indent, start, end, "end");
      }
      save(pre, editor.value);
    });
    editor.addEventListener("input", function () { save(pre, editor.value); fit(editor); });
  }

  function fit(editor) {
    editor.style.height = "auto";
    editor.style.height = editor.scrollHeight + 4 + "px";
  }

  function save(pre, code) {
    var original = state.code[cellId(pre)];
    if (code === original) {
      localStorage.removeItem(key(pre.dataset.example, pre.dataset.cell));
    } else {
      localStorage.setItem(key(pre.dataset.example, pre.dataset.cell), code);
    }
    // The hidden code follows the editor, so that Copy copies what the learner sees.
    pre.querySelector("code").textContent = code;
    markEdited(pre);
  }

  function edit(pre) {
    if (pre.hidden || part(pre, "textarea.cell-editor")) { return; }
    var editor = document.createElement("textarea");
    editor.className = "cell-editor";
    editor.spellcheck = false;
    editor.dataset.for = cellId(pre);
    editor.value = codeOf(pre);
    editor.setAttribute("aria-label", "Code of this cell");
    pre.hidden = true;
    // Line numbers beside the editor, the lines with a compile error marked.
    var wrap = document.createElement("div");
    wrap.className = "cell-editor-wrap";
    wrap.dataset.for = cellId(pre);
    var gutter = document.createElement("pre");
    gutter.className = "cell-gutter";
    gutter.dataset.for = cellId(pre);
    gutter.setAttribute("aria-hidden", "true");
    wrap.appendChild(gutter);
    wrap.appendChild(editor);
    pre.parentNode.insertBefore(wrap, pre.nextSibling);
    editorKeys(pre, editor);
    editor.addEventListener("input", function () { number(pre); });
    number(pre);
    fit(editor);
    editor.focus();
  }

  function number(pre) {
    var editor = part(pre, "textarea.cell-editor"), gutter = part(pre, "pre.cell-gutter");
    if (!editor || !gutter) { return; }
    var marked = state.errorLines[cellId(pre)] || [];
    gutter.innerHTML = "";
    editor.value.split("\n").forEach(function (line, index) {
      var number = document.createElement("span");
      number.textContent = String(index + 1) + "\n";
      if (marked.indexOf(index + 1) >= 0) { number.className = "error-line"; }
      gutter.appendChild(number);
    });
  }

  function removeEditor(pre) {
    var wrap = part(pre, "div.cell-editor-wrap");
    if (wrap) { wrap.remove(); }
    pre.hidden = false;
  }

  function closeEditor(pre, html) {
    var editor = part(pre, "textarea.cell-editor");
    var code = codeOf(pre);
    if (html !== undefined) { pre.querySelector("code").innerHTML = html; } else { pre.querySelector("code").textContent = code; }
    if (editor && html !== undefined) { removeEditor(pre); }
  }

  function showErrors(example, errors) {
    cellsOf(example).forEach(function (pre) {
      var old = part(pre, ".cell-errors");
      if (old) { old.remove(); }
      var own = errors.filter(function (e) { return String(e.cell) === pre.dataset.cell && e.severity === "error"; });
      state.errorLines[cellId(pre)] = own.map(function (e) { return e.line; });
      number(pre);
      if (!own.length) { return; }
      var box = document.createElement("pre");
      box.className = "cell-errors";
      box.dataset.for = cellId(pre);
      box.textContent = own.map(function (e) {
        return "line " + e.line + ", column " + e.column + ": " + e.severity + ": " + e.message + "\n" + e.text;
      }).join("\n");
      var controls = part(pre, ".cell-controls");
      controls.parentNode.insertBefore(box, controls.nextSibling);
    });
  }

  // The live block of a place while its example runs: the lines so far, and the run's state.
  function livePre(place) {
    var pre = place.querySelector("pre.output.live");
    if (!pre) {
      place.innerHTML = "<figure class=\"output-block live\"><pre class=\"output live\"></pre>" +
        "<figcaption class=\"run-state\"></figcaption></figure>";
      pre = place.querySelector("pre.output.live");
    }
    return pre;
  }

  function handle(example, event) {
    if (event.event === "line") {
      state.arrivals.push({ text: event.text, at: performance.now() });
      var place = placeFor(example, event.cell);
      if (!place) { return; }
      var span = document.createElement("span");
      if (event.stream === "stderr") { span.className = "stderr"; }
      // The server escaped the text and turned its terminal colours into spans.
      span.innerHTML = event.html + "\n";
      livePre(place).appendChild(span);
    } else if (event.event === "compiling") {
      setState(example, "compiling");
    } else if (event.event === "compiled") {
      showErrors(example, event.errors || []);
      var failed = (event.errors || []).some(function (e) { return e.severity === "error"; });
      if (!failed) { setState(example, "running"); }
    } else if (event.event === "queued") {
      setState(example, "queued", event.ahead);
    } else if (event.event === "done") {
      event.places.forEach(function (update) {
        var place = document.querySelector(".output-place[data-cells=\"" + CSS.escape(update.cells) + "\"]");
        if (!place) { return; }
        // Code that did not compile printed nothing: the block keeps the book's output (the
        // errors are under the cells), rather than going blank.
        var keep = event.ending === "did not compile" && update.cells in state.places;
        place.innerHTML = keep ? state.places[update.cells] : update.html;
        if (keep) { return; }
        // One click shows what the book's own run printed here, beside the learner's.
        if (update.cells in state.places) {
          var book = document.createElement("details");
          book.className = "book-output";
          book.innerHTML = "<summary>The book's output</summary>" + state.places[update.cells];
          place.appendChild(book);
        }
      });
      if (event.exercise) { recordExercise(example, event.exercise); }
      var end = ending(event);
      setState(example, end[0], event.ending === "did not compile" ? "did not compile; the book's output is shown" : end[1]);
      // After a compile error the editors stay open, holding the learner's text.
      if (event.ending === "did not compile") { return; }
      event.code.forEach(function (cell) {
        cellsOf(example).forEach(function (pre) { if (pre.dataset.cell === String(cell.cell)) { closeEditor(pre, cell.html); } });
      });
    } else if (event.event === "error") {
      placesOf(example).forEach(function (place) { place.textContent = event.message; });
      setState(example, "failed", event.message);
    }
  }

  function setRunning(example, running) {
    cellsOf(example).forEach(function (pre) {
      var controls = part(pre, ".cell-controls");
      controls.querySelector(".cell-stop").hidden = !running;
      controls.querySelector(".cell-run").disabled = running;
      controls.classList.toggle("running", running);
    });
  }

  function run(example) {
    stop(example);
    var cells = {};
    cellsOf(example).forEach(function (pre) {
      var edited = localStorage.getItem(key(example, pre.dataset.cell));
      if (edited !== null) { cells[pre.dataset.cell] = edited; }
    });
    var id = example + "-" + Date.now() + "-" + Math.random().toString(16).slice(2);
    var controller = new AbortController();
    state.runs[example] = { id: id, controller: controller };
    state.count += 1;
    (state.status[example] = state.status[example] || {}).number = state.count;
    placesOf(example).forEach(function (place) {
      if (!(place.dataset.cells in state.places)) {
        // The book's output as the build wrote it, without a caption of this page's.
        var book = place.cloneNode(true);
        Array.prototype.forEach.call(book.querySelectorAll(":scope > p.run-state"), function (caption) { caption.remove(); });
        state.places[place.dataset.cells] = book.innerHTML;
      }
      // The place keeps its height while it waits, so the page does not jump.
      place.style.minHeight = place.offsetHeight + "px";
      place.innerHTML = "";
      livePre(place);
    });
    setState(example, "compiling");
    fetch("/__tutorial/run", {
      method: "POST", headers: requestHeaders(), credentials: "omit",
      body: JSON.stringify({ example: example, cells: cells, run: id }), signal: controller.signal
    }).then(function (response) {
      if (!response.ok) {
        return response.text().then(function (text) { handle(example, { event: "error", message: text }); });
      }
      var reader = response.body.getReader(), decoder = new TextDecoder(), buffer = "";
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { return; }
          buffer += decoder.decode(chunk.value, { stream: true });
          var lines = buffer.split("\n");
          buffer = lines.pop();
          lines.forEach(function (line) { if (line) { handle(example, JSON.parse(line)); } });
          return pump();
        });
      }
      return pump();
    }).catch(function () {}).then(function () {
      if (state.runs[example] && state.runs[example].id === id) {
        delete state.runs[example];
        // The stream ended without its last event (the server went away).
        if (ACTIVE[state.status[example].name]) { setState(example, "failed", "the server stopped answering"); }
      }
    });
  }

  function stop(example) {
    var current = state.runs[example];
    if (!current) { return; }
    delete state.runs[example];
    fetch("/__tutorial/stop", {
      method: "POST", headers: requestHeaders(), credentials: "omit",
      body: JSON.stringify({ run: current.id })
    }).catch(function () {});
    current.controller.abort();
    setState(example, "stopped");
  }

  function reset(pre) {
    var example = pre.dataset.example;
    localStorage.removeItem(key(example, pre.dataset.cell));
    var editor = part(pre, "textarea.cell-editor");
    if (editor) { removeEditor(pre); }
    pre.querySelector("code").innerHTML = state.codeHTML[cellId(pre)];
    pre.hidden = false;
    markEdited(pre);
    showErrors(example, []);
    var stillEdited = cellsOf(example).some(function (other) { return localStorage.getItem(key(example, other.dataset.cell)) !== null; });
    if (!stillEdited) {
      stop(example);
      placesOf(example).forEach(function (place) {
        if (place.dataset.cells in state.places) {
          place.innerHTML = state.places[place.dataset.cells];
        } else if (place.querySelector(":scope > p.run-state")) {
          place.querySelector(":scope > p.run-state").remove();
        }
        delete place.dataset.runState;
      });
    }
  }

  function setUp() {
    takeToken();
    var announcer = document.createElement("div");
    announcer.id = "notebook-announcer";
    announcer.className = "visually-hidden";
    announcer.setAttribute("role", "status");
    announcer.setAttribute("aria-live", "polite");
    document.body.appendChild(announcer);
    Array.prototype.slice.call(document.querySelectorAll("pre.code[data-example]")).forEach(function (pre) {
      var example = pre.dataset.example, cell = pre.dataset.cell;
      state.code[cellId(pre)] = pre.querySelector("code").textContent;
      state.codeHTML[cellId(pre)] = pre.querySelector("code").innerHTML;
      var controls = document.createElement("div");
      controls.className = "cell-controls";
      controls.dataset.for = cellId(pre);
      var name = example + ", cell " + (Number(cell) + 1);
      controls.appendChild(button("Edit", "Edit this cell", name, function () { edit(pre); }));
      controls.appendChild(button("Run", "Run this example with your edits (Ctrl+Enter)", name, function () { run(example); }));
      var stopButton = button("Stop", "Stop this example and every process it started", name, function () { stop(example); });
      stopButton.hidden = true;
      controls.appendChild(stopButton);
      controls.appendChild(button("Reset", "Bring back the chapter's code and output", name, function () { reset(pre); }));
      var badge = document.createElement("span");
      badge.className = "cell-badge";
      badge.textContent = "edited";
      controls.appendChild(badge);
      pre.parentNode.insertBefore(controls, pre.nextSibling);
      var saved = localStorage.getItem(key(example, cell));
      if (saved !== null) { pre.querySelector("code").textContent = saved; }
      markEdited(pre);
    });
    // An example edited before this page was loaded still shows the book's output: say so.
    var examples = {};
    Array.prototype.slice.call(document.querySelectorAll("pre.code.edited[data-example]")).forEach(function (pre) {
      examples[pre.dataset.example] = true;
    });
    Object.keys(examples).forEach(markStale);
    addResetAll();
    showProgress();
    // The sidebar's list of chapters may be filled in after this script ran.
    window.addEventListener("load", showProgress);
    window.addEventListener("pagehide", function () { Object.keys(state.runs).forEach(stop); });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setUp); } else { setUp(); }
