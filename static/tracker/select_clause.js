/* The correction form (targets/correction_form.py): choosing a document reloads the form with its
   text; selecting a clause in that text fills the clause and its offsets. Offsets are counted in
   characters (code points), as Python counts them, not in UTF-16 units. */
(function () {
  "use strict";
  function chars(s) { return Array.from(s).length; }
  function field(id) { return document.getElementById(id); }

  function pick(source) {
    var sel = window.getSelection();
    if (!sel.rangeCount) return;
    var range = sel.getRangeAt(0);
    if (range.collapsed || !source.contains(range.startContainer) || !source.contains(range.endContainer)) return;
    var before = document.createRange();
    before.setStart(source, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var text = range.toString(), start = chars(before.toString()), end = start + chars(text);
    field("id_clause").value = text;
    field("id_start").value = start;
    field("id_end").value = end;
    var kind = field("id_kind");
    if (kind && !kind.value) kind.value = "add_commitment";
    var shown = document.querySelector(".clause-picked");
    if (shown) shown.textContent = "已选择第 " + start + "–" + end + " 字：" + text.slice(0, 60);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var doc = field("id_document");
    if (doc && doc.tagName === "SELECT") {
      doc.addEventListener("change", function () {
        var query = new URLSearchParams(window.location.search);
        query.set("document", doc.value);
        var kind = field("id_kind");
        if (kind && kind.value) query.set("kind", kind.value);
        window.location.search = query.toString();
      });
    }
    document.querySelectorAll("pre.clause-source").forEach(function (source) {
      source.addEventListener("mouseup", function () { pick(source); });
      source.addEventListener("keyup", function () { pick(source); });
    });
  });
})();
