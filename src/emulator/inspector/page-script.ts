/**
 * The inspector page's script (served as /_inspector/app.js). Plain browser JavaScript, no framework: it fetches the
 * state as JSON when the server-sent events say something changed, and rebuilds each panel from DOM nodes whose text
 * is set with text nodes only (never HTML), so a request path or body holding markup shows as the characters it is.
 * Actions are POSTs of JSON to the same origin. Focus is kept across re-renders by each control's data-key.
 */
export const INSPECTOR_SCRIPT = String.raw`'use strict';
(function () {
  var state = null;
  var selected = null;
  var fetching = false;
  var again = false;

  function $(id) { return document.getElementById(id); }

  // An element with attributes (set as properties or attributes, never as HTML) and children (nodes or text).
  function el(tag, attrs) {
    var node = document.createElement(tag);
    var key;
    for (key in attrs || {}) {
      var value = attrs[key];
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') node.textContent = String(value);
      else if (key === 'onclick') node.addEventListener('click', value);
      else if (key === 'key') node.dataset.key = value;
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function append(node, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }

  // Rebuilds a container, keeping the focus on the control with the same data-key.
  function fill(container, children) {
    var active = document.activeElement;
    var key = active && container.contains(active) && active.dataset ? active.dataset.key : undefined;
    container.replaceChildren();
    append(container, children);
    if (key !== undefined) {
      var target = container.querySelector('[data-key="' + CSS.escape(key) + '"]');
      if (target) target.focus();
    }
  }

  function time(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? String(iso) : d.toLocaleTimeString([], { hour12: false });
  }
  function statusClass(status) {
    if (status === null || status === undefined) return 'bad';
    return status >= 500 ? 'bad' : status >= 400 ? 'warn' : 'good';
  }
  function pill(text, kind) { return el('span', { class: 'pill ' + (kind || ''), text: text }); }
  function empty(text) { return el('li', { class: 'empty', text: text }); }
  function pre(text) { return el('pre', { text: text === null || text === undefined ? '(none)' : text }); }
  function headerList(headers) {
    var names = Object.keys(headers || {});
    if (names.length === 0) return el('p', { text: '(none)' });
    return el('dl', { class: 'headers' }, names.map(function (name) { return [el('dt', { text: name }), el('dd', { text: headers[name] })]; }));
  }
  function say(id, text, bad) {
    var node = $(id);
    node.textContent = text;
    node.className = bad ? 'bad' : '';
  }

  async function post(action, body, resultId) {
    try {
      var response = await fetch('/_inspector/actions/' + action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body || {}),
      });
      var text = await response.text();
      var answer;
      try { answer = JSON.parse(text); } catch (e) { answer = text.trim(); }
      if (!response.ok) {
        var message = answer && answer.error && answer.error.message ? answer.error.message : String(answer);
        say(resultId, response.status + ': ' + message, true);
        return undefined;
      }
      refresh();
      return answer;
    } catch (error) {
      say(resultId, 'The emulator did not answer: ' + error.message, true);
      return undefined;
    }
  }

  // ---- Requests -------------------------------------------------------------------------------------------------

  function renderRequests() {
    var provider = $('request-provider').value;
    var failedOnly = $('request-failed').checked;
    var rows = state.requests.filter(function (r) {
      return (provider === '' || r.provider === provider) && (!failedOnly || r.failed);
    });
    fill($('request-list'), rows.length === 0 ? empty('No requests yet.') : rows.map(function (r) {
      return el('li', {},
        el('button', { type: 'button', class: 'row' + (r.id === selected ? ' selected' : ''), key: 'request-' + r.id, 'aria-pressed': r.id === selected ? 'true' : 'false', onclick: function () { select(r.id); } },
          el('span', { class: 'time', text: time(r.at) }), ' ',
          pill(r.provider), ' ',
          el('span', { class: 'method', text: r.method }), ' ',
          el('span', { class: 'path', text: r.path }), ' ',
          pill(r.status === null ? 'no answer' : String(r.status), statusClass(r.status)), ' ',
          el('span', { class: 'ms', text: r.ms + ' ms' }),
          r.fault ? [' ', pill('fault: ' + r.fault, 'warn')] : null,
          r.contract ? [' ', pill('contract', 'warn')] : null));
    }));
  }

  async function select(id) {
    selected = selected === id ? null : id;
    renderRequests();
    var detail = $('request-detail');
    if (selected === null) { detail.hidden = true; return; }
    var response = await fetch('/_inspector/requests/' + id);
    if (!response.ok) { fill(detail, el('p', { text: 'This request is no longer kept.' })); detail.hidden = false; return; }
    var r = await response.json();
    fill(detail, [
      el('h3', {}, r.method + ' ', el('span', { class: 'path', text: r.path })),
      el('p', {}, time(r.at) + ' · ' + r.provider + ' · ', pill(r.status === null ? 'no answer' : String(r.status), statusClass(r.status)), ' · ' + r.ms + ' ms', r.fault ? ' · fault: ' + r.fault : ''),
      r.contract_violation ? el('div', { class: 'violation' },
        el('h4', { text: 'Contract violation' }),
        el('p', { text: r.contract_violation.message }),
        el('p', { class: 'small', text: r.contract_violation.field + ' · rule ' + r.contract_violation.rule + ' · ' + r.contract_violation.spec })) : null,
      el('h4', { text: 'Request headers (secrets masked)' }), headerList(r.request.headers),
      el('h4', { text: 'Request body' }), pre(r.request.body),
      el('h4', { text: 'Answer headers' }), r.response ? headerList(r.response.headers) : el('p', { text: 'Nothing was answered.' }),
      el('h4', { text: 'Answer body' }), pre(r.response ? r.response.body : null),
      el('button', { type: 'button', key: 'close-detail', onclick: function () { select(id); } }, 'Close'),
    ]);
    detail.hidden = false;
    detail.focus();
  }

  // ---- Solaris webhooks -----------------------------------------------------------------------------------------

  function renderWebhooks() {
    var solaris = state.sections.solaris;
    fill($('subscriptions'), solaris.subscriptions.length === 0 ? empty('No subscriptions. Create one: fintech-cli webhooks create --emulator --event-type … --url …') : solaris.subscriptions.map(function (s) {
      return el('li', {}, pill(s.event_type), ' → ', el('span', { class: 'path', text: s.url }), ' ', el('span', { class: 'small', text: s.id }));
    }));
    var types = $('trigger-type');
    if (types.options.length === 0) {
      solaris.event_types.forEach(function (type) { types.appendChild(el('option', { text: type })); });
    }
    fill($('notifications'), solaris.notifications.length === 0 ? empty('No deliveries yet.') : solaris.notifications.map(function (n) {
      return el('li', { class: 'card' },
        el('p', {}, pill(n.event_type), ' ', el('span', { class: 'small', text: 'entity ' + n.entity_id }), ' → ', el('span', { class: 'path', text: n.url })),
        el('p', {}, 'Outcome: ', pill(n.outcome || 'sending', n.outcome === 'delivered' ? 'good' : n.outcome === 'retry' || !n.outcome ? 'warn' : 'bad'),
          ' · attempts: ' + n.attempts,
          n.next_retry_at ? ' · next retry at ' + time(n.next_retry_at) : ''),
        el('p', { class: 'small' }, 'Notification ' + n.notification_id),
        el('p', { class: 'small' }, 'Solaris-Webhook-Signature: ', el('code', { text: n.signature })),
        el('ol', { class: 'attempts' }, n.attempt_log.map(function (a) {
          return el('li', {}, '#' + a.attempt + ' ' + time(a.at) + ' ', a.error === undefined ? pill(String(a.status), statusClass(a.status)) : pill(a.error, 'bad'), ' ' + a.outcome);
        })),
        el('button', { type: 'button', key: 'redeliver-' + n.notification_id, onclick: function () {
          post('solaris/redeliver', { notification_id: n.notification_id }, 'trigger-result').then(function (answer) {
            if (answer) say('trigger-result', 'Re-delivering ' + n.notification_id + '.');
          });
        } }, 'Re-deliver'));
    }));
  }

  $('trigger-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var entity = $('trigger-entity').value.trim();
    var body = { event_type: $('trigger-type').value };
    if (entity !== '') body.entity_id = entity;
    post('solaris/trigger', body, 'trigger-result').then(function (answer) {
      if (!answer) return;
      say('trigger-result', answer.notifications.length === 0
        ? 'No subscription for ' + answer.event_type + ': nothing was sent.'
        : 'Sent ' + answer.event_type + ' for entity ' + answer.entity_id + ' to ' + answer.notifications[0].url + '.');
    });
  });

  // ---- GiroIdent ------------------------------------------------------------------------------------------------

  function renderGiroident() {
    var checks = state.sections.finapi.checks;
    fill($('checks'), checks.length === 0 ? empty('No checks yet. Create one with a user token: POST /finapi/giroident/api/v2/checks.') : checks.map(function (c) {
      var done = c.status === 'COMPLETED' || c.status === 'COMPLETED_WITH_ERROR';
      return el('li', { class: 'card', 'data-check': c.id },
        el('p', {}, pill(c.status, c.status === 'COMPLETED' ? 'good' : c.status === 'COMPLETED_WITH_ERROR' ? 'bad' : 'warn'), ' ', el('span', { text: c.name || '(no name)' }), ' ', el('span', { class: 'small', text: c.product + ' · ' + (c.account || 'account chosen by the end user') })),
        c['error-message'] ? el('p', { class: 'bad', text: c['error-message'] }) : null,
        c['name-equality'] !== undefined ? el('p', { class: 'small', text: 'name equality: ' + c['name-equality'] + ' (score ' + c['name-equality-score'] + ')' }) : null,
        el('p', { class: 'small', text: 'Check ' + c.id }),
        done || c.page.charAt(0) !== '/' ? null : el('a', { href: c.page, target: '_blank', rel: 'noopener', key: 'page-' + c.id }, 'Open the end-user page'));
    }));
  }

  // ---- Soldo ----------------------------------------------------------------------------------------------------

  function money(amount) { return typeof amount === 'number' ? amount.toFixed(2) : String(amount); }

  function renderSoldo() {
    var soldo = state.sections.soldo;
    fill($('wallets').tBodies[0], soldo.wallets.map(function (w) {
      return el('tr', {}, el('td', {}, w.name, el('br'), el('span', { class: 'small', text: w.id })), el('td', { text: w.currency_code }), el('td', { class: 'num', text: money(w.available_amount) }), el('td', { class: 'num', text: money(w.blocked_amount) }));
    }));
    fill($('verifications'), soldo.verifications.length === 0 ? empty('No signed requests yet.') : soldo.verifications.map(function (v, i) {
      var b = v.breakdown;
      return el('li', { class: 'card' },
        el('p', {}, time(v.at) + ' ', pill(v.error_code ? v.error_code : 'accepted', v.error_code ? 'bad' : 'good'), ' ', el('span', { text: v.operation }), ' ', el('span', { class: 'path small', text: v.method + ' ' + v.path })),
        v.reason ? el('p', { class: 'small', text: v.reason }) : null,
        b ? el('details', {},
          el('summary', { key: 'breakdown-' + i }, 'Breakdown'),
          el('div', { class: 'scroll' }, el('table', {},
            el('thead', {}, el('tr', {}, el('th', { text: '#' }), el('th', { text: 'Field' }), el('th', { text: 'Value' }))),
            el('tbody', {}, b.fields.map(function (f, j) {
              return el('tr', {}, el('td', { text: String(j + 1) }), el('td', { text: f.field }), el('td', { class: 'path', text: f.value === null ? '(' + (f.skipped ? 'skipped' : 'absent') + ')' : f.value }));
            })))),
          el('p', { class: 'small' }, 'Concatenated: ', el('code', { text: b.concatenated })),
          el('p', { class: 'small' }, 'Expected X-Soldo-Fingerprint: ', el('code', { text: b.expected })),
          v.sent ? el('p', { class: 'small' }, 'Sent: ', el('code', { text: v.sent })) : null,
          b.likely_mistake ? el('p', { class: 'violation' }, 'Likely mistake: ' + b.likely_mistake.explanation + ' (' + b.likely_mistake.name + ')')
            : b.tried !== undefined ? el('p', { class: 'small', text: 'No common mistake explains it (' + b.tried + ' single mistakes and ' + b.tried_pairs + ' pairs tried).' }) : null) : null);
    }));
  }

  // ---- Faults ---------------------------------------------------------------------------------------------------

  function renderFaults() {
    var faults = state.sections.emulator.faults;
    fill($('fault-list'), faults.length === 0 ? empty('No faults: every route answers normally.') : faults.map(function (f) {
      return el('li', {}, pill(f.fault === 'status' ? String(f.status) : f.fault, 'warn'), ' ', f.method + ' ', el('span', { class: 'path', text: f.path }), ' · ' + f.remaining + ' call(s) left ',
        el('button', { type: 'button', key: 'remove-fault-' + f.id, 'aria-label': 'Clear the fault on ' + f.method + ' ' + f.path, onclick: function () {
          post('emulator/remove-fault', { id: f.id }, 'fault-result').then(function (answer) { if (answer) say('fault-result', 'Cleared the fault on ' + f.method + ' ' + f.path + '.'); });
        } }, 'Clear'));
    }));
  }

  $('fault-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var body = { method: $('fault-method').value, path: $('fault-path').value.trim(), fault: $('fault-kind').value, count: Number($('fault-count').value) };
    if (body.fault === 'status') body.status = Number($('fault-status').value);
    post('emulator/fault', body, 'fault-result').then(function (answer) {
      if (answer) say('fault-result', 'Fault ' + answer.id + ' set on ' + answer.method + ' ' + answer.path + '.');
    });
  });
  $('clear-faults').addEventListener('click', function () {
    post('emulator/clear-faults', {}, 'fault-result').then(function (answer) { if (answer) say('fault-result', 'Cleared ' + answer.cleared + ' fault(s).'); });
  });
  $('expire-tokens').addEventListener('click', function () {
    post('emulator/expire-tokens', {}, 'fault-result').then(function (answer) { if (answer) say('fault-result', 'Expired ' + answer.expired + ' token(s).'); });
  });
  $('request-provider').addEventListener('change', function () { if (state) renderRequests(); });
  $('request-failed').addEventListener('change', function () { if (state) renderRequests(); });

  // ---- Live updates ---------------------------------------------------------------------------------------------

  function render() {
    renderRequests();
    renderWebhooks();
    renderGiroident();
    renderSoldo();
    renderFaults();
  }

  async function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    try {
      var response = await fetch('/_inspector/state', { cache: 'no-store' });
      if (response.ok) {
        state = await response.json();
        render();
      }
    } catch (error) {
      say('live', 'The emulator is not answering (' + error.message + ').', true);
    } finally {
      fetching = false;
      if (again) { again = false; refresh(); }
    }
  }

  var events = new EventSource('/_inspector/events');
  events.onopen = function () { say('live', 'Live: updates as requests arrive.'); };
  events.onmessage = function () { refresh(); };
  events.onerror = function () { say('live', 'Disconnected from the emulator; retrying…', true); };
  refresh();
})();
`;
