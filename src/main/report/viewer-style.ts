// The HTML report's stylesheet: light and dark (system preference, or the toggle's choice),
// visible keyboard focus, and a print layout that hides the controls and shows open details.
export const VIEWER_CSS = String.raw`
:root{color-scheme:light;--bg:#fff;--fg:#1c1e21;--muted:#5f6368;--line:#dfe1e5;--panel:#f6f7f9;--pass:#1e7e34;--fail:#c5221f;--skip:#8a6d00;--norun:#5f6368;--flaky:#a35200;--focus:#1a73e8;--code:#f1f3f4}
:root[data-theme=dark]{color-scheme:dark;--bg:#17181a;--fg:#e8eaed;--muted:#a0a4a8;--line:#3c4043;--panel:#202124;--pass:#81c995;--fail:#f28b82;--skip:#fdd663;--norun:#bdc1c6;--flaky:#fcad70;--focus:#8ab4f8;--code:#2a2b2e}
@media (prefers-color-scheme:dark){:root:not([data-theme=light]){color-scheme:dark;--bg:#17181a;--fg:#e8eaed;--muted:#a0a4a8;--line:#3c4043;--panel:#202124;--pass:#81c995;--fail:#f28b82;--skip:#fdd663;--norun:#bdc1c6;--flaky:#fcad70;--focus:#8ab4f8;--code:#2a2b2e}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header.top,#summary,#filters,#tests{max-width:1200px;margin:0 auto;padding:0 16px}
header.top{display:flex;align-items:center;gap:12px;padding-top:16px}
h1{font-size:22px;margin:0;flex:1;overflow-wrap:anywhere}
h2{font-size:15px;margin:16px 0 6px}
button,input,select{font:inherit;color:inherit}
button{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:4px 10px;cursor:pointer}
button[aria-pressed=true]{background:var(--focus);border-color:var(--focus);color:var(--bg)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;border:1px solid currentColor;white-space:nowrap}
.passed{color:var(--pass)}.failed{color:var(--fail)}.skipped{color:var(--skip)}.no_run,.pending,.queued,.running{color:var(--norun)}.flaky{color:var(--flaky)}
.run-status{font-size:13px;vertical-align:middle}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin:14px 0 8px;padding:0}
.counts div{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:6px 14px;min-width:92px}
.counts dt{font-size:12px;color:var(--muted)}.counts dd{margin:0;font-size:20px;font-weight:600}
.bar{display:block;width:100%;height:8px;border-radius:4px;overflow:hidden}
.bar .p{fill:var(--pass)}.bar .f{fill:var(--fail)}.bar .s{fill:var(--skip)}.bar .n{fill:var(--norun)}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:10px 0}
.meta dt{color:var(--muted)}.meta dd{margin:0;overflow-wrap:anywhere}
.tag{display:inline-block;background:var(--code);border-radius:4px;padding:0 6px;margin:0 4px 2px 0;font-size:12px}
#filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;padding-top:8px;padding-bottom:8px;position:sticky;top:0;background:var(--bg);border-bottom:1px solid var(--line);z-index:1}
#filters [role=group]{display:flex;flex-wrap:wrap;gap:4px}
#filters input{flex:1;min-width:180px;padding:4px 8px;border:1px solid var(--line);border-radius:6px;background:var(--bg)}
#filters select{padding:4px;border:1px solid var(--line);border-radius:6px;background:var(--bg)}
#shown{color:var(--muted);font-size:12px}
.test{border-bottom:1px solid var(--line)}
.row{display:grid;grid-template-columns:110px 1fr auto;gap:10px;align-items:baseline;width:100%;text-align:left;background:none;border:0;border-radius:0;padding:7px 4px}
.row:hover{background:var(--panel)}
.name{font-weight:600;overflow-wrap:anywhere}.err-line{display:block;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:80ch}
.row[aria-expanded=true] .err-line{display:none}
a{color:var(--focus)}code{font:12px ui-monospace,Menlo,Consolas,monospace;background:var(--code);padding:1px 4px;border-radius:3px;overflow-wrap:anywhere}.suite,.dim{color:var(--muted);font-size:12px}
.right{white-space:nowrap;color:var(--muted);font-size:12px}
.details{padding:4px 4px 14px 18px}
.error{border-left:4px solid var(--fail);background:var(--panel);padding:8px 12px;margin:8px 0}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--code);padding:6px 8px;border-radius:4px;margin:4px 0;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
table{border-collapse:collapse;width:100%;margin:4px 0 8px}
th,td{border-bottom:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{font-size:12px;color:var(--muted);font-weight:600}
tr.failed-step td{background:var(--panel)}
details.exec{border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:0 10px}
details.exec>summary{cursor:pointer;padding:6px 0;font-weight:600}
.shot{padding:2px;background:none;display:inline-block;margin:4px 4px 0 0}
.shot img{display:block;max-width:240px;max-height:160px}
dialog{border:1px solid var(--line);background:var(--bg);color:var(--fg);padding:8px;max-width:96vw;max-height:96vh}
dialog::backdrop{background:rgba(0,0,0,.6)}
dialog img{display:block;max-width:92vw;max-height:86vh;margin-top:6px}
.note{color:var(--muted);padding:12px 0}
@media (max-width:700px){.row{grid-template-columns:1fr}.right{white-space:normal}}
@media print{
  #filters,#theme,.no-print,dialog{display:none!important}
  #filters{position:static}
  .details[hidden]{display:block}
  details.exec{break-inside:avoid}
  .row{break-inside:avoid}
  body{font-size:11px}
  .shot img{max-width:320px;max-height:200px}
}
`
