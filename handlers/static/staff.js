// The staff console's script, from our own origin (the CSP allows no inline script and no CDN).
// Queue page: polls /staff/api/queue, redraws the rows with textContent (user text is never HTML) and
// raises a browser notification when a conversation lands in one of the staff member's teams.
'use strict';

function pk(iso) {
  const d = new Date(iso);
  return d.toLocaleString('en-GB', { timeZone: 'Asia/Karachi', weekday: 'short', day: '2-digit', month: 'short',
    hour: '2-digit', minute: '2-digit', hour12: false }).replace(',', '');
}

function cell(tr, text) {
  const td = document.createElement('td');
  td.textContent = text;
  tr.append(td);
  return td;
}

function drawRows(tbody, rows) {
  const names = { en: 'English', ur: 'اردو', roman_ur: 'Roman Urdu' };
  tbody.replaceChildren();
  for (const r of rows) {
    const tr = document.createElement('tr');
    tr.dataset.item = r.item;
    tr.className = 'p-' + r.priority + (r.overdue ? ' overdue' : '');
    cell(tr, r.priority);
    cell(tr, pk(r.due_at));
    cell(tr, r.team);
    cell(tr, r.channel + ' · ' + (names[r.language] || r.language || '?'));
    cell(tr, r.state);
    cell(tr, r.assignee || '—');
    const td = cell(tr, '');
    const a = document.createElement('a');
    a.href = '/staff/c/' + encodeURIComponent(r.conversation);
    a.textContent = r.summary_en;
    const ur = document.createElement('div');
    ur.className = 'ur'; ur.dir = 'rtl'; ur.lang = 'ur';
    ur.textContent = r.summary_ur;
    td.append(a, ur);
    tbody.append(tr);
  }
}

function watchQueue(section) {
  const tbody = document.getElementById('rows');
  const fresh = document.getElementById('fresh');
  const mine = (section.dataset.teams || '').split(',').filter(Boolean);
  const seen = new Set(Array.from(tbody.querySelectorAll('tr')).map((tr) => tr.dataset.item));
  const every = parseInt(section.dataset.poll || '3000', 10);
  async function poll() {
    try {
      const r = await fetch('/staff/api/queue' + window.location.search, { credentials: 'same-origin',
        headers: { Accept: 'application/json' } });
      if (r.status === 401) { window.location.href = '/staff/login'; return; }
      if (!r.ok) return;
      const data = await r.json();
      const arrived = data.rows.filter((row) => !seen.has(String(row.item)));
      drawRows(tbody, data.rows);
      const ours = arrived.filter((row) => mine.length === 0 || mine.includes(row.team));
      for (const row of data.rows) seen.add(String(row.item));
      if (ours.length) {
        fresh.hidden = false;
        fresh.textContent = ours.length + ' new conversation(s) in your team(s): ' + ours.map((r) => r.team).join(', ');
        if ('Notification' in window && Notification.permission === 'granted') {
          new Notification('parkbot: ' + ours.length + ' new conversation(s)', { body: ours[0].summary_en });
        }
      }
      for (const span of document.querySelectorAll('#counts [data-team]')) {
        span.textContent = span.dataset.team + ': ' + (data.counts[span.dataset.team] || 0);
      }
      const h = section.querySelector('h1 small');
      if (h) h.textContent = data.total + ' open';
    } catch (e) { /* the next poll tries again */ }
  }
  setInterval(poll, every);
  const button = document.getElementById('notify');
  if (button) {
    button.addEventListener('click', () => {
      if ('Notification' in window) Notification.requestPermission();
    });
  }
}

function cannedReplies() {
  const box = document.getElementById('reply-text');
  if (!box) return;
  for (const b of document.querySelectorAll('.canned-btn')) {
    b.addEventListener('click', () => { box.value = b.dataset.text; box.focus(); });
  }
}

// Conversation page: new messages appear as they arrive; a change of state (another member of staff
// claimed it, the user went back to the bot) is announced, since the page's actions depend on it.
function followConversation(section) {
  const list = document.getElementById('history');
  let count = parseInt(section.dataset.count || '0', 10);
  async function poll() {
    try {
      const r = await fetch('/staff/api/c/' + encodeURIComponent(section.dataset.id), { credentials: 'same-origin',
        headers: { Accept: 'application/json' } });
      if (r.status === 401) { window.location.href = '/staff/login'; return; }
      if (!r.ok) return;
      const data = await r.json();
      for (const m of data.messages.slice(count)) {
        const li = document.createElement('li');
        li.className = 'msg ' + m.direction + (m.staff ? ' staff' : '');
        li.dir = m.language === 'ur' ? 'rtl' : 'auto';
        const who = document.createElement('span');
        who.className = 'who';
        who.textContent = m.who + ' · ' + m.at;
        const text = document.createElement('span');
        text.className = 'text';
        text.textContent = m.text;
        li.append(who, text);
        list.append(li);
      }
      count = data.messages.length;
      if (data.state !== section.dataset.state) document.getElementById('changed').hidden = false;
    } catch (e) { /* the next poll tries again */ }
  }
  setInterval(poll, 3000);
}

document.addEventListener('DOMContentLoaded', () => {
  const conversation = document.getElementById('conversation');
  if (conversation) followConversation(conversation);
  const section = document.getElementById('queue');
  if (section) watchQueue(section);
  cannedReplies();
});
