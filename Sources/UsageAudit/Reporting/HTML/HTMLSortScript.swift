/// The only script of `report.html`: clicking (or pressing Enter on) a column header sorts
/// the table by that column; numbers by their raw `data-sort` value, largest first on the
/// first click, text alphabetically. It marks the page with the `js` class so the headers
/// look clickable only when they are.
///
/// The page's `HTMLContentPolicy` allows this script by its SHA-256 and no other, so even a
/// bug in escaping could not run script taken from a log line.
enum HTMLSortScript {
    static let source = """
        (function () {
          "use strict";
          var root = document.documentElement;
          root.className = (root.className ? root.className + " " : "") + "js";
          function key(cell, numeric) {
            var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
            if (!numeric) { return raw.trim().toLowerCase(); }
            var value = parseFloat(raw);
            return isNaN(value) ? -Infinity : value;
          }
          function sort(table, header) {
            var numeric = header.getAttribute("data-type") === "number";
            var current = header.getAttribute("aria-sort");
            var ascending = current ? current !== "ascending" : !numeric;
            var headers = table.tHead.rows[0].cells;
            for (var i = 0; i < headers.length; i++) { headers[i].removeAttribute("aria-sort"); }
            header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
            var index = header.cellIndex;
            var body = table.tBodies[0];
            var rows = Array.prototype.slice.call(body.rows);
            rows.sort(function (a, b) {
              var x = key(a.cells[index], numeric);
              var y = key(b.cells[index], numeric);
              var order = x < y ? -1 : (x > y ? 1 : 0);
              return ascending ? order : -order;
            });
            for (var r = 0; r < rows.length; r++) { body.appendChild(rows[r]); }
          }
          var headers = document.querySelectorAll("table.report-table th.sortable");
          Array.prototype.forEach.call(headers, function (header) {
            var table = header.closest("table");
            header.tabIndex = 0;
            header.addEventListener("click", function () { sort(table, header); });
            header.addEventListener("keydown", function (event) {
              if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(table, header); }
            });
          });
        })();
        """
}
