/** The inspector's stylesheet (/_inspector/app.css), also the GiroIdent end-user page's: one column from 320 px up. */
export const INSPECTOR_STYLE = String.raw`:root { color-scheme: light dark; --fg: #1b1f24; --bg: #fff; --muted: #59636e; --line: #d1d9e0; --card: #f6f8fa;
  --good: #1a7f37; --warn: #9a6700; --bad: #cf222e; --accent: #0969da; font: 15px/1.45 system-ui, sans-serif; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --card: #151b23;
  --good: #3fb950; --warn: #d29922; --bad: #f85149; --accent: #4493f8; } }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: var(--bg); }
header.top, nav, main > section, main.bank, header.bank { padding: 0.5rem 0.75rem; }
header.top { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 1rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.25rem; margin: 0.25rem 0; }
h2 { font-size: 1.1rem; margin: 0.5rem 0; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
h4 { font-size: 0.9rem; margin: 0.75rem 0 0.25rem; }
nav { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; position: sticky; top: 0; background: var(--bg); border-bottom: 1px solid var(--line); z-index: 1; }
a { color: var(--accent); }
main { max-width: 72rem; }
.rows { list-style: none; margin: 0; padding: 0; }
.rows > li { border-bottom: 1px solid var(--line); padding: 0.25rem 0; overflow-wrap: anywhere; }
.rows > li.empty { color: var(--muted); }
.card { background: var(--card); padding: 0.25rem 0.5rem !important; margin: 0.25rem 0; border: 1px solid var(--line) !important; border-radius: 6px; }
.card p { margin: 0.25rem 0; }
button, input, select, summary { font: inherit; }
button { cursor: pointer; border: 1px solid var(--line); background: var(--card); color: var(--fg); border-radius: 6px; padding: 0.2rem 0.6rem; }
button.row { display: block; width: 100%; text-align: left; background: none; border: 0; border-radius: 0; padding: 0.2rem 0.25rem; overflow-wrap: anywhere; }
button.row.selected { background: var(--card); outline: 2px solid var(--accent); }
input, select { max-width: 100%; border: 1px solid var(--line); background: var(--bg); color: var(--fg); border-radius: 4px; padding: 0.15rem 0.3rem; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 1px; }
.inline, .filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; }
label { display: inline-flex; flex-wrap: wrap; gap: 0.25rem; align-items: center; max-width: 100%; }
label > select, label > input { min-width: 0; flex: 1 1 auto; }
.pill { display: inline-block; padding: 0 0.4rem; border-radius: 1rem; border: 1px solid var(--line); font-size: 0.85em; }
.pill.good, .good { color: var(--good); }
.pill.warn { color: var(--warn); }
.pill.bad, .bad { color: var(--bad); }
.time, .ms, .small { color: var(--muted); font-size: 0.85em; }
.method { font-weight: 600; }
.path, code, pre { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; background: var(--card); padding: 0.4rem; border-radius: 4px; margin: 0; max-height: 24rem; overflow: auto; }
.detail { border: 2px solid var(--accent); border-radius: 6px; padding: 0.25rem 0.75rem 0.75rem; margin: 0.5rem 0; }
.violation { border-left: 4px solid var(--warn); padding-left: 0.5rem; }
dl.headers { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: 0 0.75rem; margin: 0; font-family: ui-monospace, monospace; font-size: 0.85em; }
dl.headers dd { margin: 0; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; min-width: 100%; }
th, td { text-align: left; padding: 0.2rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th { overflow-wrap: normal; }
.attempts { margin: 0.25rem 0; padding-left: 1.25rem; font-size: 0.9em; }
header.bank { background: #0b3d6e; color: #fff; }
header.bank .tag { font-size: 0.8em; border: 1px solid #fff; border-radius: 1rem; padding: 0 0.4rem; }
main.bank { max-width: 36rem; }
main.bank dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 0.75rem; overflow-wrap: anywhere; }
main.bank dd { margin: 0; }
main.bank input { width: 100%; }
main.bank .actions button[value="approve"] { background: var(--good); color: #fff; border-color: var(--good); }
.note { color: var(--muted); font-size: 0.9em; }
@media (min-width: 70rem) { main { display: grid; grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr); gap: 0 1rem; max-width: none; align-items: start; }
  #requests { grid-row: span 4; } }
`;
