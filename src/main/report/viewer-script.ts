// The HTML report's script: unpacks the embedded run data (gzip, base64) with the browser's own
// DecompressionStream, renders one row per test at once and a test's details only when opened.
// Every value from the run is put in the page with textContent or DOM properties, never parsed
// as markup. Plain ES2017 in a string (no backticks, no template placeholders) so it can be
// inlined and hashed for the report's Content-Security-Policy.
export const VIEWER_JS = String.raw`(function () {
'use strict';
var doc = document, root = doc.documentElement;
var list = doc.getElementById('tests');
var STEP = { number: 0, action: 1, text: 2, status: 3, ms: 4, selector: 5, error: 6, shot: 7, title: 8, healed: 9, input: 10, phase: 11 };
var PHASE = { setup: 'Set-up ', teardown: 'Tear-down ' };
var LOG_LIMIT = 500;

function el(tag, cls, text) {
  var e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function add(parent, child) { parent.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child); return child; }
function show(v) { return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v); }
function ms(v) {
  if (v === null || v === undefined) return '';
  if (v < 1000) return v + ' ms';
  var s = v / 1000;
  if (s < 60) return s.toFixed(1) + ' s';
  var whole = Math.round(s);
  return Math.floor(whole / 60) + ' min ' + (whole % 60) + ' s';
}
function words(status) { return { passed: 'Passed', failed: 'Failed', skipped: 'Skipped', no_run: 'No run' }[status] || status; }
function button(cls, text) { var b = el('button', cls, text); b.type = 'button'; return b; }
function table(headers, rows) {
  var t = el('table'), head = add(add(t, el('thead')), el('tr')), body = add(t, el('tbody'));
  headers.forEach(function (h) { add(head, el('th', null, h)).scope = 'col'; });
  rows.forEach(function (cells) {
    var tr = add(body, el('tr'));
    cells.forEach(function (c) { var td = add(tr, el('td')); if (c instanceof Node) add(td, c); else td.textContent = show(c); });
  });
  return t;
}

// ── Theme: the system's choice until the toggle picks one ─────────────────────────────────
var themeButton = doc.getElementById('theme');
function isDark() {
  var chosen = root.getAttribute('data-theme');
  return chosen ? chosen === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
}
function labelTheme() {
  themeButton.textContent = isDark() ? 'Light theme' : 'Dark theme';
  themeButton.setAttribute('aria-label', isDark() ? 'Switch to the light theme' : 'Switch to the dark theme');
}
try { var saved = localStorage.getItem('testdesk-report-theme'); if (saved === 'dark' || saved === 'light') root.setAttribute('data-theme', saved); } catch (e) { /* storage may be off for file:// */ }
labelTheme();
themeButton.addEventListener('click', function () {
  var next = isDark() ? 'light' : 'dark';
  root.setAttribute('data-theme', next);
  try { localStorage.setItem('testdesk-report-theme', next); } catch (e) { /* ignore */ }
  labelTheme();
});

// ── Screenshots: each stored once, shown as thumbnails that enlarge in a dialog ───────────
var images = [], imageSrc = {};
var lightbox = doc.getElementById('lightbox');
var lightImg = lightbox.querySelector('img'), lightCaption = lightbox.querySelector('.caption');
var lastTrigger = null;
lightbox.querySelector('button').addEventListener('click', function () { lightbox.close(); });
lightbox.addEventListener('click', function (e) { if (e.target === lightbox) lightbox.close(); });
lightbox.addEventListener('close', function () { lightImg.removeAttribute('src'); if (lastTrigger) lastTrigger.focus(); });
function srcOf(index) {
  if (imageSrc[index]) return imageSrc[index];
  var info = images[index];
  if (!info) return null;
  var src = info.src;
  if (!src) {
    var block = doc.getElementById('img-' + index);
    if (!block) return null;
    src = 'data:' + info.mime + ';base64,' + block.textContent.trim();
  }
  imageSrc[index] = src;
  return src;
}
function shot(index, label) {
  if (index === null || index === undefined) return null;
  var src = srcOf(index);
  if (!src) return null;
  var b = button('shot');
  b.setAttribute('aria-label', 'Enlarge ' + label);
  var img = add(b, el('img'));
  img.alt = label;
  img.loading = 'lazy';
  img.src = src;
  b.addEventListener('click', function () {
    lastTrigger = b;
    lightImg.src = src;
    lightImg.alt = label;
    lightCaption.textContent = label;
    lightbox.showModal();
  });
  return b;
}

// ── Test rows and filters ──────────────────────────────────────────────────────────────────
var rows = [], state = { status: 'all', tag: '', text: '' }, shown;
function matches(r) {
  var t = r.test;
  if (state.status === 'flaky' ? !t.flaky : state.status !== 'all' && t.status !== state.status) return false;
  if (state.tag && t.tags.indexOf(state.tag) < 0) return false;
  return !state.text || r.hay.indexOf(state.text) >= 0;
}
var nothing;
function applyFilters() {
  var n = 0;
  rows.forEach(function (r) { var ok = matches(r); r.node.hidden = !ok; if (ok) n++; });
  shown.textContent = 'Showing ' + n + ' of ' + rows.length + ' tests';
  nothing.hidden = n > 0 || rows.length === 0;
}
function clearFilters() {
  state.status = 'all'; state.tag = ''; state.text = '';
  doc.querySelectorAll('[data-filter-status]').forEach(function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-filter-status') === 'all')); });
  doc.getElementById('tag-filter').value = '';
  doc.getElementById('text-filter').value = '';
  applyFilters();
}
function buildFilters(tests) {
  var bar = doc.getElementById('filters');
  var group = add(bar, el('div'));
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'Filter by status');
  var count = function (f) { return tests.filter(f).length; };
  var choices = [
    ['all', 'All', tests.length],
    ['passed', 'Passed', count(function (t) { return t.status === 'passed'; })],
    ['failed', 'Failed', count(function (t) { return t.status === 'failed'; })],
    ['flaky', 'Flaky', count(function (t) { return t.flaky; })],
    ['skipped', 'Skipped', count(function (t) { return t.status === 'skipped'; })],
    ['no_run', 'No run', count(function (t) { return t.status === 'no_run'; })]
  ];
  var buttons = choices.map(function (c) {
    var b = add(group, button(null, c[1] + ' (' + c[2] + ')'));
    b.setAttribute('data-filter-status', c[0]);
    b.setAttribute('aria-pressed', String(c[0] === 'all'));
    b.addEventListener('click', function () {
      state.status = c[0];
      buttons.forEach(function (o) { o.setAttribute('aria-pressed', String(o === b)); });
      applyFilters();
    });
    return b;
  });
  var tags = [];
  tests.forEach(function (t) { t.tags.forEach(function (tag) { if (tags.indexOf(tag) < 0) tags.push(tag); }); });
  tags.sort();
  var select = add(bar, el('select'));
  select.id = 'tag-filter';
  select.setAttribute('aria-label', 'Filter by tag');
  add(select, el('option', null, 'All tags')).value = '';
  tags.forEach(function (tag) { add(select, el('option', null, tag)).value = tag; });
  select.addEventListener('change', function () { state.tag = select.value; applyFilters(); });
  var input = add(bar, el('input'));
  input.type = 'search';
  input.id = 'text-filter';
  input.placeholder = 'Filter by name, suite, tag or error';
  input.setAttribute('aria-label', 'Filter by text');
  var pending = 0;
  input.addEventListener('input', function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () { state.text = input.value.trim().toLowerCase(); applyFilters(); });
  });
  shown = add(bar, el('span'));
  shown.id = 'shown';
  shown.setAttribute('aria-live', 'polite');
  // A filter that matches nothing says so, with the way back.
  nothing = el('p', 'note');
  nothing.id = 'no-match';
  nothing.hidden = true;
  add(nothing, 'No test matches these filters. ');
  add(nothing, button(null, 'Clear the filters')).addEventListener('click', clearFilters);
  list.parentNode.insertBefore(nothing, list.nextSibling);
}
function buildRow(t, i) {
  var node = el('div', 'test');
  node.setAttribute('data-status', t.status);
  if (t.flaky) node.setAttribute('data-flaky', '');
  var row = add(node, button('row'));
  row.setAttribute('aria-expanded', 'false');
  row.setAttribute('aria-controls', 'd' + i);
  add(row, el('span', 'badge ' + (t.flaky ? 'flaky' : t.status), t.label));
  var middle = add(row, el('span'));
  add(middle, el('span', 'name', t.name));
  if (t.flaky) { add(middle, ' '); add(middle, el('span', 'badge flaky', 'Flaky')); }
  if (t.suite) { add(middle, ' '); add(middle, el('span', 'suite', t.suite)); }
  if (t.tags.length) { add(middle, ' '); t.tags.forEach(function (tag) { add(middle, el('span', 'tag', tag)); }); }
  if (t.error) add(middle, el('span', 'dim err-line' + (t.failure ? ' failed' : ''), t.error.split('\n')[0]));
  add(row, el('span', 'right', ms(t.duration) + (t.attempts > 1 ? ' · ' + t.attempts + ' attempts' : '')));
  var details = add(node, el('div', 'details'));
  details.id = 'd' + i;
  details.hidden = true;
  var rendered = false;
  function toggle(open) {
    if (open && !rendered) {
      rendered = true;
      // Details travel in their own block, unpacked after the list is drawn.
      if (executions) renderDetails(details, t, executions[i]);
      else {
        var wait = add(details, el('p', 'note', 'Loading…'));
        detailsReady.then(function () { wait.remove(); renderDetails(details, t, executions[i]); });
      }
    }
    details.hidden = !open;
    row.setAttribute('aria-expanded', String(open));
  }
  row.addEventListener('click', function () { toggle(row.getAttribute('aria-expanded') !== 'true'); });
  var hay = [t.name, t.suite, t.tags.join(' '), t.error || '', t.label].join('\n').toLowerCase();
  return { test: t, node: node, hay: hay, toggle: toggle };
}

// ── Details of one test, built when it is first opened ────────────────────────────────────
// A failure is said once: the failing step, what happened there, its screenshot and the trace.
function errorBlock(host, failure, image, label, trace) {
  var box = add(host, el('div', 'error'));
  add(box, el('strong', null, failure.heading));
  add(box, el('pre', null, failure.message));
  var s = shot(image, label);
  if (s) add(box, s);
  if (trace) {
    var p = add(box, el('p', 'trace'));
    add(p, 'Playwright trace: ');
    var link = add(p, el('a', null, 'trace.zip'));
    link.href = trace.url;
    add(p, ' · open it with ');
    add(p, el('code', null, trace.command));
  }
}
function renderDetails(box, t, runs) {
  if (t.flaky) add(box, el('p', 'flaky', 'Flaky: failed first, passed on attempt ' + t.attempts + '.'));
  else if (t.attempts > 1) add(box, el('p', 'dim', t.attempts + ' attempts.'));
  if (!runs.length) {
    if (t.failure) errorBlock(box, t.failure, t.error_shot, 'screenshot of the failure of ' + t.name, null);
    add(box, el('p', 'note', 'No results were recorded for this test (' + t.label + (t.note ? ': ' + t.note : '') + ').'));
    return;
  }
  var last = runs[runs.length - 1].attempt;
  if (runs.length === 1) { renderExecution(box, runs[0]); return; }
  runs.forEach(function (x) {
    var d = add(box, el('details', 'exec'));
    var parts = [];
    if (t.attempts > 1) parts.push('Attempt ' + (x.attempt + 1) + ' of ' + t.attempts);
    if (x.iteration !== null) parts.push('Iteration ' + x.iteration + (x.values ? ' (' + x.values + ')' : ''));
    parts.push(words(x.status), ms(x.duration));
    add(d, el('summary', x.status, parts.join(' · ')));
    d.open = x.attempt === last && x.status === 'failed';
    renderExecution(d, x);
  });
}
function renderExecution(host, x) {
  if (x.data) {
    add(host, el('h2', null, 'Data row' + (x.row !== null ? ' ' + (x.row + 1) : '')));
    add(host, table(['Column', 'Value'], Object.keys(x.data).map(function (k) { return [k, x.data[k]]; })));
  }
  if (x.failure) errorBlock(host, x.failure, x.error_shot, 'screenshot of this failure', x.trace);
  else if (x.note) add(host, el('p', 'note', x.note));
  if (x.start_url || x.end_url) add(host, el('p', 'dim', (x.start_url ? 'Start URL: ' + x.start_url : '') + (x.end_url ? '  End URL: ' + x.end_url : '')));
  if (x.steps.length) {
    add(host, el('h2', null, 'Steps (' + x.steps.length + ')'));
    var t = add(host, table(['#', 'Action', 'Step', 'Status', 'Duration'], []));
    var body = t.tBodies[0];
    x.steps.forEach(function (s) {
      var tr = add(body, el('tr', s[STEP.status] === 'failed' ? 'failed-step' : null));
      // Set-up and tear-down steps number their own lists: "Set-up 2" is no step of the test.
      add(tr, el('td', null, (PHASE[s[STEP.phase]] || '') + s[STEP.number]));
      add(tr, el('td', null, s[STEP.action]));
      var what = add(tr, el('td'));
      add(what, el('span', null, s[STEP.text] || ''));
      if (s[STEP.selector]) { add(what, el('br')); add(what, el('span', 'dim', s[STEP.selector])); }
      if (s[STEP.healed]) { add(what, el('br')); add(what, el('span', 'dim', 'Healed: ' + s[STEP.healed])); }
      if (s[STEP.input]) { add(what, el('br')); add(what, el('span', 'dim', 'Value: ' + s[STEP.input])); }
      if (s[STEP.title]) { add(what, el('br')); add(what, el('span', 'dim', 'Page: ' + s[STEP.title])); }
      // The step the failure above names is not said twice.
      var told = x.failure && !s[STEP.phase] && x.failure.step === s[STEP.number] && x.failure.message === s[STEP.error];
      if (s[STEP.error] && !told) add(what, el('pre', 'failed', s[STEP.error]));
      var image = shot(s[STEP.shot], 'screenshot of step ' + s[STEP.number]);
      if (image) add(what, image);
      add(tr, el('td', s[STEP.status], words(s[STEP.status])));
      add(tr, el('td', null, ms(s[STEP.ms])));
    });
  }
  if (x.checkpoints.length) {
    add(host, el('h2', null, 'Checkpoints (' + x.checkpoints.length + ')'));
    x.checkpoints.forEach(function (c) {
      entryHead(host, c.status, c.name, c.subject + (c.step ? ', step ' + c.step : '') + (c.selector ? ', ' + c.selector : '') + (c.diff !== null ? ', ' + c.diff + '% different' : ''));
      if (c.verifications.length) {
        add(host, table(['Property', 'Operator', 'Expected', 'Actual', 'Verdict'], c.verifications.map(function (v) {
          return [v.property, v.operator, v.expected, v.actual, el('span', v.passed ? 'passed' : 'failed', v.passed ? 'Passed' : 'Failed')];
        })));
      } else if (c.expected || c.actual) {
        add(host, table(['Expected', 'Actual'], [[c.expected, c.actual]]));
      }
      // With a verdict per property, the checkpoint's message would only repeat it.
      if (c.error && !c.verifications.length) add(host, el('pre', 'failed', c.error));
      [['baseline', 'baseline'], ['actual', 'actual screenshot'], ['diff', 'difference']].forEach(function (k) {
        var s = shot(c.images[k[0]], k[1] + ' of ' + c.name);
        if (s) add(host, s);
      });
    });
  }
  logTable(host, 'Console', x.console, ['Level', 'Message', 'Source', 'Step'], function (l) {
    return [el('span', l.level === 'error' ? 'failed' : l.level === 'warn' ? 'skipped' : null, l.level), el('pre', null, l.message), l.source ? l.source + (l.line !== null ? ':' + l.line : '') : '', l.step];
  });
  logTable(host, 'Network', x.network, ['Method', 'Status', 'URL', 'Type', 'Duration'], function (n) {
    var failed = n.error || (n.status !== null && n.status >= 400);
    return [n.method, el('span', failed ? 'failed' : null, n.error ? n.error : show(n.status) + (n.status_text ? ' ' + n.status_text : '')), n.url, n.type, ms(n.ms)];
  });
  if (x.scripts.length) {
    add(host, el('h2', null, 'Scripts (' + x.scripts.length + ')'));
    x.scripts.forEach(function (s) {
      entryHead(host, s.status, s.name, s.type + (s.language ? ', ' + s.language : '') + (s.exit_code !== null ? ', exit ' + s.exit_code : '') + ', ' + ms(s.ms) + (s.critical ? ', critical' : ''));
      if (s.stdout) add(host, el('pre', null, s.stdout));
      if (s.stderr) add(host, el('pre', 'failed', s.stderr));
      if (s.error) add(host, el('pre', 'failed', s.error));
    });
  }
}
// A checkpoint's or script's first line: status badge, name, then the details dimmed.
function entryHead(host, status, name, details) {
  var head = add(host, el('p'));
  add(head, el('span', 'badge ' + status, words(status)));
  add(head, ' ');
  add(head, el('strong', null, name));
  add(head, el('span', 'dim', ' ' + details));
}
function logTable(host, title, entries, headers, cells) {
  if (!entries.length) return;
  add(host, el('h2', null, title + ' (' + entries.length + ')'));
  var t = add(host, table(headers, entries.slice(0, LOG_LIMIT).map(cells)));
  if (entries.length > LOG_LIMIT) {
    var more = add(host, button('no-print', 'Show all ' + entries.length));
    more.addEventListener('click', function () { host.replaceChild(table(headers, entries.map(cells)), t); more.remove(); });
  }
}

// ── Start: unpack the data, draw the rows ─────────────────────────────────────────────────
function bytesOf(base64) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(base64);
  var text = atob(base64), out = new Uint8Array(text.length);
  for (var i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
// The summary above is plain HTML: let it paint before the rows are built, so it shows at once
// however many tests the run has.
function firstPaint() {
  return new Promise(function (resolve) { requestAnimationFrame(function () { setTimeout(resolve, 0); }); });
}
async function unpack(id) {
  var block = doc.getElementById(id);
  var stream = new Blob([bytesOf(block.textContent.trim())]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}
var executions = null, detailsReady = null;
window.addEventListener('beforeprint', function () {
  if (!executions) return;
  rows.forEach(function (r) { if (!r.node.hidden && (r.test.status === 'failed' || r.test.flaky)) r.toggle(true); });
  doc.querySelectorAll('details').forEach(function (d) { d.open = true; });
});
if (typeof DecompressionStream === 'undefined') {
  list.textContent = 'This browser cannot unpack the report data. Open it in a current Chrome, Edge, Firefox or Safari.';
  return;
}
// Rows are built in slices so the first screenful shows at once and the page stays responsive.
function buildRows(tests, from) {
  var end = Math.min(tests.length, from + (from === 0 ? 100 : 400));
  var fragment = doc.createDocumentFragment();
  for (var i = from; i < end; i++) {
    var r = buildRow(tests[i], i);
    r.node.hidden = !matches(r);
    rows.push(r);
    fragment.appendChild(r.node);
  }
  list.appendChild(fragment);
  if (end < tests.length) return new Promise(function (resolve) { setTimeout(function () { resolve(buildRows(tests, end)); }, 0); });
  return Promise.resolve();
}
unpack('report-data').then(function (text) {
  return firstPaint().then(function () { return JSON.parse(text); });
}).then(function (data) {
  images = data.images;
  list.textContent = '';
  buildFilters(data.tests);
  detailsReady = buildRows(data.tests, 0).then(function () {
    list.setAttribute('aria-busy', 'false');
    applyFilters();
    return unpack('report-details');
  }).then(function (text) {
    executions = JSON.parse(text);
    root.setAttribute('data-ready', '');
  });
  return detailsReady;
}).catch(function (error) {
  list.textContent = 'The report data could not be read: ' + (error && error.message ? error.message : error);
});
})();
`
