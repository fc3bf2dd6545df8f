/// A table of `report.html`: a plain HTML table in the report's own row order, which the
/// page's small script (`HTMLSortScript`) makes sortable by clicking a column header.
///
/// Without script (an e-mail viewer, print) it is an ordinary table in the deterministic
/// order of the CSV reports. Numeric cells carry their raw value in `data-sort`, so
/// `12,000` sorts after `9,000`; text cells sort by their text. Every text is escaped here;
/// only `Cell.markup` takes HTML the caller has built (and escaped) itself.
struct HTMLTable {
    /// A column: its header and whether it holds numbers (sorted numerically, right-aligned).
    struct Column {
        var title: String
        var numeric = false
        /// A class for the column's cells (`evidence`, `chart`), or empty.
        var style = ""
        /// Whether the header sorts the table (charts do not).
        var sortable = true

        static func text(_ title: String, style: String = "") -> Column {
            Column(title: title, numeric: false, style: style)
        }

        static func number(_ title: String) -> Column {
            Column(title: title, numeric: true, style: "num")
        }
    }

    /// One cell: its HTML and the value it sorts by (nil: its text).
    struct Cell {
        var html: String
        var sortKey: String?

        /// Escaped text.
        static func text(_ text: String) -> Cell {
            Cell(html: HTMLEscaping.escaped(text))
        }

        /// A whole number with thousands separators; empty for nil.
        static func number(_ value: Int64?) -> Cell {
            guard let value else { return Cell(html: "", sortKey: "") }
            return Cell(html: HTMLNumber.grouped(value), sortKey: HTMLNumber.sortKey(value))
        }

        /// A decimal with `places` decimals; empty for nil.
        static func decimal(_ value: Double?, places: Int) -> Cell {
            guard let value, value.isFinite else { return Cell(html: "", sortKey: "") }
            return Cell(html: HTMLNumber.decimal(value, places: places), sortKey: HTMLNumber.sortKey(value))
        }

        /// HTML built by the caller, every piece of outside text already escaped.
        static func markup(_ html: String, sortKey: String? = nil) -> Cell {
            Cell(html: html, sortKey: sortKey.map(HTMLEscaping.escaped))
        }
    }

    /// The `id` of the table element (letters and dashes).
    var id: String
    /// What the table lists, for screen readers and print (plain text).
    var caption: String
    var columns: [Column]
    var rows: [[Cell]] = []
    /// Per row, a class for the `<tr>` (`damaged`), or empty.
    var rowStyles: [String] = []

    init(id: String, caption: String, columns: [Column]) {
        self.id = id
        self.caption = caption
        self.columns = columns
    }

    /// Adds a row; `style` is a class for it.
    mutating func append(_ cells: [Cell], style: String = "") {
        rows.append(cells)
        rowStyles.append(style)
    }

    /// The table, wrapped in a scrolling box.
    func rendered() -> String {
        var html = #"<div class="table-wrap"><table class="report-table" id="\#(HTMLEscaping.escaped(id))">"#
        html += #"<caption>\#(HTMLEscaping.escaped(caption))</caption><thead><tr>"#
        for column in columns {
            var classes = column.style
            if column.sortable { classes += classes.isEmpty ? "sortable" : " sortable" }
            let type = column.numeric ? #" data-type="number""# : ""
            let style = classes.isEmpty ? "" : #" class="\#(classes)""#
            html += #"<th scope="col"\#(style)\#(type)>\#(HTMLEscaping.escaped(column.title))</th>"#
        }
        html += "</tr></thead><tbody>"
        for (index, row) in rows.enumerated() {
            let rowStyle = index < rowStyles.count && !rowStyles[index].isEmpty ? #" class="\#(rowStyles[index])""# : ""
            html += "<tr\(rowStyle)>"
            for (column, cell) in zip(columns, row) {
                let style = column.style.isEmpty ? "" : #" class="\#(column.style)""#
                let key = cell.sortKey.map { #" data-sort="\#($0)""# } ?? ""
                html += "<td\(style)\(key)>\(cell.html)</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table></div>"
    }
}
