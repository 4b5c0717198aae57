/// The report's style sheet: inline, system fonts only, readable on screen and on paper.
enum ReportStyle {
    static let css = """
    :root { --ink: #1b1b1b; --muted: #6b6660; --line: #e4e0da; --panel: #faf8f5; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--ink); background: #fff;
           font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif; }
    header, main, footer { max-width: 1400px; margin: 0 auto; padding: 0 24px; }
    header { padding-top: 22px; }
    h1 { font-size: 26px; margin: 0 0 2px; letter-spacing: -0.01em; }
    h2 { font-size: 19px; margin: 30px 0 6px; padding-top: 10px; border-top: 2px solid var(--ink); }
    h3 { font-size: 15px; margin: 18px 0 6px; }
    p { margin: 4px 0 8px; max-width: 110ch; }
    .subtitle { color: var(--muted); margin: 0; }
    .note { color: var(--muted); font-size: 13px; }
    .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 10px; margin-top: 14px; }
    .figure { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
    .figure .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
    .figure .value { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; margin: 2px 0; }
    .figure .value.small { font-size: 16px; line-height: 1.6; }
    .figure .delta { font-size: 12.5px; color: var(--ink); }
    .figure .detail { font-size: 12.5px; color: var(--muted); }
    .legend { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; font-size: 12.5px; margin: 8px 0; }
    .legend .scale { display: inline-flex; border: 1px solid #8a847c; border-radius: 3px; overflow: hidden; }
    .legend .scale span { display: inline-block; min-width: 48px; padding: 2px 4px; text-align: center; font-variant-numeric: tabular-nums; }
    .legend .item { display: inline-flex; align-items: center; gap: 5px; }
    .legend .empty-swatch { display: inline-block; width: 30px; height: 16px; border: 1px dashed #a39d95; border-radius: 3px; background: #fff; }
    .legend .few-swatch { display: inline-block; width: 30px; height: 16px; border: 1px solid #8a847c; border-radius: 3px;
                          background: \(Palette.color(-0.45)); opacity: .4; }
    .legend .bar-swatch { display: inline-block; width: 30px; height: 5px; background: #1b1b1b; opacity: .7; }
    .map-scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; padding: 6px 4px; }
    svg { font-family: inherit; }
    svg.journey-map, svg.timeline { display: block; max-width: 100%; height: auto; }
    .journey-map .phase-name { font-weight: 700; font-size: 14px; fill: var(--ink); }
    .journey-map .phase-total, .journey-map .touchpoint-total { font-size: 11.5px; fill: var(--muted); }
    .journey-map .touchpoint-name { font-weight: 650; font-size: 12.5px; fill: var(--ink); }
    .journey-map .score { font-weight: 700; font-size: 14px; font-variant-numeric: tabular-nums; }
    .journey-map .volume { font-size: 12px; font-variant-numeric: tabular-nums; }
    .journey-map .pain { font-size: 11.5px; }
    .journey-map .corner { font-size: 11.5px; fill: var(--muted); }
    .journey-map .empty-label { font-size: 13px; fill: #a39d95; }
    .journey-map .cell:hover rect:first-of-type { stroke: var(--ink); stroke-width: 2; }
    .timeline .axis { font-size: 11px; fill: var(--muted); font-variant-numeric: tabular-nums; }
    .timeline .axis-title { font-size: 12px; fill: var(--ink); font-weight: 600; }
    .timeline .point-label { font-size: 10.5px; fill: var(--ink); font-variant-numeric: tabular-nums; }
    .timeline .partial { font-size: 10px; fill: var(--muted); }
    table { border-collapse: collapse; width: 100%; font-size: 13px; }
    th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { font-size: 12px; color: var(--muted); font-weight: 600; border-bottom: 1.5px solid #b9b3aa; white-space: nowrap; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td.where { color: var(--muted); font-size: 12px; }
    .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; border: 1px solid rgba(0, 0, 0, .3);
              vertical-align: -1px; margin-right: 5px; }
    .quote { margin: 3px 0 0; color: #3d3a36; font-style: italic; font-size: 12.5px; }
    .quote .who { font-style: normal; color: var(--muted); font-size: 11.5px; }
    .badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 11.5px; font-weight: 600; border: 1px solid; }
    .badge.yes { background: #1b1b1b; color: #fff; border-color: #1b1b1b; }
    .badge.no { color: var(--muted); border-color: #c9c4bc; }
    .share-bar { display: inline-block; height: 9px; background: #6b6660; border-radius: 1px; vertical-align: 0; margin-right: 6px; }
    .two { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 12px 28px; }
    details { margin: 4px 0; }
    details > summary { cursor: pointer; color: var(--ink); font-weight: 600; }
    details ul { margin: 4px 0 8px 0; padding-left: 18px; }
    details li { margin: 4px 0; }
    footer { margin-top: 34px; padding-bottom: 30px; }
    footer dl { display: grid; grid-template-columns: max-content 1fr; gap: 3px 16px; font-size: 12.5px; margin: 0; }
    footer dt { color: var(--muted); }
    footer dd { margin: 0; }
    code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
    @media print {
      @page { size: A4 portrait; margin: 10mm; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      body { font-size: 11px; }
      header, main, footer { max-width: none; padding: 0; }
      .map-scroll { overflow: visible; border: none; padding: 0; }
      #journey, #pain-points { break-before: page; }
      svg.journey-map, svg.timeline { width: 100%; height: auto; }
      h2, h3 { break-after: avoid; }
      table, .figure, .legend, svg { break-inside: avoid; }
      tr { break-inside: avoid; }
      details > summary { list-style: none; }
    }
    @media print {
      details::details-content { content-visibility: visible; display: block; }
    }
    """
}
