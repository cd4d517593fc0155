/* Staff queue: refreshes the table from GET /api/staff/cases as soon as a case changes (the
   server-sent events of /api/staff/cases/events, from any app process), when the tab comes
   back, and periodically as the fallback: every 10 s while the live stream is down, every
   30 s while it is up. Visitor text only ever goes in through textContent. */
(function () {
  'use strict';
  var table = document.getElementById('queue');
  if (!table) { return; }
  var body = table.tBodies[0];
  var banner = document.getElementById('dead-letters');
  var status = document.getElementById('refresh-status');
  var url = table.getAttribute('data-poll-url');
  var seconds = Number(table.getAttribute('data-refresh-seconds')) || 10;
  var eventsUrl = table.getAttribute('data-events-url');
  var fallbackSeconds = Number(table.getAttribute('data-fallback-seconds')) || 30;
  var okText = status ? status.textContent : '';
  var busy = false;
  var again = false; // a change announced during a refresh: refresh once more after it
  var live = false; // the live stream is open
  var lastRefresh = 0;
  // New cases are announced (status region) and counted in the tab title, so a staff member
  // working in another tab sees "(2) File d'attente" without watching the table.
  var baseTitle = document.title;
  var seen = {};
  var fresh = 0;
  Array.prototype.forEach.call(body.querySelectorAll('tr[data-case-id]'), function (row) {
    seen[row.getAttribute('data-case-id')] = true;
  });

  function cell(row, text, className) {
    var td = document.createElement('td');
    if (className) { td.className = className; }
    if (text !== undefined) { td.textContent = text; }
    row.appendChild(td);
    return td;
  }

  function caseRow(item) {
    var row = document.createElement('tr');
    var known = ['new', 'claimed', 'email'];
    row.className = 'status-' + (known.indexOf(item.status) >= 0 ? item.status : 'other');
    row.setAttribute('data-case-id', String(item.id));
    var link = document.createElement('a');
    link.href = '/staff/cases/' + encodeURIComponent(String(item.id));
    link.textContent = item.reference;
    cell(row).appendChild(link);
    var time = document.createElement('time');
    time.setAttribute('datetime', item.created_at);
    time.textContent = item.age_label;
    cell(row).appendChild(time);
    cell(row, item.audience_label);
    cell(row, item.language_label);
    var state = cell(row, item.status_label);
    if (item.claimed_by_name) {
      var owner = document.createElement('span');
      owner.className = 'owner';
      owner.textContent = '(' + item.claimed_by_name + ')';
      state.appendChild(document.createTextNode(' '));
      state.appendChild(owner);
    }
    cell(row, item.reason_label);
    cell(row, item.visitor || '—', 'visitor');
    cell(row, item.summary_excerpt, 'summary');
    return row;
  }

  function render(data) {
    var rows = document.createDocumentFragment();
    data.cases.forEach(function (item) { rows.appendChild(caseRow(item)); });
    if (!data.cases.length) {
      var empty = document.createElement('tr');
      empty.className = 'empty';
      var td = cell(empty, table.getAttribute('data-empty'));
      td.colSpan = 8;
      rows.appendChild(empty);
    }
    body.replaceChildren(rows);
    data.cases.forEach(function (item) {
      if (!seen[String(item.id)]) {
        seen[String(item.id)] = true;
        if (item.status === 'new') { fresh += 1; }
      }
    });
    if (banner) {
      banner.textContent = banner.getAttribute('data-template').replace('{count}', String(data.dead_emails));
      banner.hidden = !data.dead_emails;
    }
    table.setAttribute('data-refreshed-at', new Date().toISOString());
  }

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    again = false;
    lastRefresh = Date.now();
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (response.status === 401) {
          window.location.assign('/staff/login?next=%2Fstaff');
          return null;
        }
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      })
      .then(function (data) {
        if (data) { render(data); }
        if (status && fresh) {
          status.textContent = table.getAttribute('data-new-template').replace('{count}', String(fresh));
          status.classList.remove('error');
          document.title = '(' + fresh + ') ' + baseTitle;
        } else if (status) {
          status.textContent = okText;
          status.classList.remove('error');
        }
      })
      .catch(function () {
        if (status) {
          status.textContent = table.getAttribute('data-error');
          status.classList.add('error');
        }
      })
      .then(function () {
        busy = false;
        if (again) { refresh(); }
      });
  }

  if (eventsUrl && window.EventSource) {
    // Same origin: the session cookie goes along; the server checks it as for the list.
    var source = new EventSource(eventsUrl);
    source.addEventListener('open', function () {
      if (live) { return; }
      live = true;
      table.setAttribute('data-live', 'true');
      refresh(); // catch up on what changed while the stream was down
    });
    source.addEventListener('cases', function () { refresh(); });
    source.addEventListener('error', function () {
      live = false; // EventSource reconnects by itself; meanwhile the 10 s refresh runs
      table.setAttribute('data-live', 'false');
    });
  }

  window.setInterval(function () {
    if (document.hidden) { return; }
    if (!live || Date.now() - lastRefresh >= fallbackSeconds * 1000) { refresh(); }
  }, seconds * 1000);
  document.addEventListener('visibilitychange', function () { if (!document.hidden) { refresh(); } });
})();
