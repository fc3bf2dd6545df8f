/// The style sheet of `report.html`, inlined in its `<head>`: dark text on white, system
/// fonts (nothing is downloaded), tables that scroll sideways on narrow screens, and a
/// print style that keeps colours and avoids splitting rows across pages.
///
/// Colours of data (scopes, kinds) are not here: charts and swatches carry them as SVG
/// `fill` attributes from `HTMLPalette`, which the page's Content-Security-Policy allows
/// where `style` attributes would not be.
enum HTMLStyle {
    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1440px; padding: 20px 24px 40px; background: #FFFFFF; color: #1A1A1A;
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", sans-serif; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #1A1A1A; }
        h2 .count { font-weight: normal; color: #4D4D4D; font-size: 14px; margin-left: 6px; }
        h3 { font-size: 14px; margin: 16px 0 6px; }
        p { margin: 4px 0 8px; }
        .meta { color: #4D4D4D; margin: 0; }
        .meta strong { color: #1A1A1A; }
        nav { margin: 10px 0 0; font-size: 13px; }
        nav a { color: #0062A0; margin-right: 14px; text-decoration: none; }
        nav a:hover, nav a:focus { text-decoration: underline; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(142px, 1fr)); gap: 8px; margin: 12px 0; }
        .card { border: 1px solid #D0D0D0; border-radius: 6px; padding: 8px 12px; background: #FAFAFA; }
        .card .value { display: block; font-size: 21px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .card .label { display: block; color: #4D4D4D; font-size: 12px; }
        .card.alert { border-color: #D55E00; border-left-width: 5px; background: #FDF1EA; }
        .kinds { display: grid; grid-template-columns: max-content 1fr; gap: 6px 12px; align-items: baseline; margin: 8px 0; }
        .kinds > span.group { font-weight: 600; font-size: 13px; }
        .badges { display: flex; flex-wrap: wrap; gap: 6px; }
        .badge { display: inline-flex; align-items: center; gap: 5px; border: 1px solid #BDBDBD; border-radius: 999px;
          padding: 1px 9px 1px 7px; font-size: 12px; white-space: nowrap; background: #FFFFFF; }
        .badge b { font-variant-numeric: tabular-nums; }
        .badge.zero { color: #767676; border-style: dashed; }
        .swatch { flex: none; vertical-align: -1px; }
        .damage { border-left: 5px solid #D55E00; background: #FDF1EA; padding: 6px 10px; margin: 8px 0; }
        .damage code { word-break: break-all; }
        .empty { color: #4D4D4D; font-style: italic; border: 1px dashed #BDBDBD; border-radius: 6px; padding: 10px 14px; }
        .note { color: #4D4D4D; font-size: 12px; }
        .legend { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 4px 0 0 64px; font-size: 12px; }
        .legend span { display: inline-flex; align-items: center; gap: 5px; }
        details { margin: 8px 0; }
        details summary { cursor: pointer; color: #0062A0; font-size: 13px; }
        .usage-chart { display: block; width: 100%; height: auto; max-height: 300px; }
        .table-wrap { overflow-x: auto; margin: 6px 0; }
        table.report-table { border-collapse: collapse; width: 100%; font-size: 13px; }
        table.report-table caption { text-align: left; color: #4D4D4D; font-size: 12px; padding: 0 0 4px; caption-side: top; }
        table.report-table th { background: #F0F1F3; text-align: left; font-weight: 600; padding: 6px 8px;
          border-bottom: 2px solid #BDBDBD; white-space: nowrap; position: sticky; top: 0; }
        table.report-table td { padding: 6px 8px; border-bottom: 1px solid #E2E2E2; vertical-align: top; }
        table.report-table tbody tr:nth-child(even) td { background: #FAFAFB; }
        table.report-table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.report-table td.user { font-weight: 600; overflow-wrap: anywhere; min-width: 110px; }
        table.report-table td.evidence { min-width: 200px; }
        .evidence-box { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: flex-start; }
        .evidence-box .sentence { flex: 1 1 220px; max-width: 460px; }
        .evidence-box .spark-box { flex: none; }
        table.report-table td.when { min-width: 92px; }
        table.report-table td.when span { white-space: nowrap; }
        table.report-table td.when .moment { white-space: nowrap; }
        table.report-table td.when .period { display: block; color: #4D4D4D; font-size: 12px; }
        table.report-table td.path, table.report-table td.quote { overflow-wrap: anywhere; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
        table.report-table td.path { min-width: 240px; }
        table.report-table td.quote { min-width: 320px; }
        table.report-table tr.damaged td { background: #FDF1EA; }
        .js table.report-table th.sortable { cursor: pointer; }
        .js table.report-table th.sortable:hover { background: #E3E6EA; }
        .js table.report-table th.sortable::after { content: " \\2195"; color: #9A9A9A; font-weight: normal; }
        .js table.report-table th[aria-sort="ascending"]::after { content: " \\25B2"; color: #1A1A1A; }
        .js table.report-table th[aria-sort="descending"]::after { content: " \\25BC"; color: #1A1A1A; }
        svg.spark { display: block; }
        .spark-note { display: block; color: #4D4D4D; font-size: 11px; white-space: nowrap; }
        footer { margin-top: 36px; color: #767676; font-size: 12px; border-top: 1px solid #E2E2E2; padding-top: 8px; }
        svg, .badge, .card, .damage { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        @page { size: A4 landscape; margin: 12mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11px; }
          nav { display: none; }
          h2 { break-after: avoid; }
          .table-wrap { overflow: visible; }
          table.report-table { font-size: 10px; }
          table.report-table th { position: static; }
          table.report-table tr, .card, svg { break-inside: avoid; }
        }
        """
}
