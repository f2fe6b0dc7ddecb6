// The chat page's script, served from our own origin (the Content-Security-Policy allows no inline script).
'use strict';
const LANG_NAMES = { en: 'English', ur: 'اردو', roman_ur: 'Roman Urdu' };
const log = document.getElementById('log'), form = document.getElementById('chat');
const input = document.getElementById('text'), send = document.getElementById('send');

// A fresh id per message, so a retried request gets the stored reply instead of a second answer.
// (crypto.randomUUID exists only in secure contexts; getRandomValues everywhere.)
function messageId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function bubble(cls, text) {
  const div = document.createElement('div');
  div.className = 'msg ' + cls;
  div.dir = 'auto';
  div.textContent = text;
  log.append(div);
  log.scrollTop = log.scrollHeight;
  return div;
}

async function ask(text) {
  bubble('user', text);
  send.disabled = true;
  try {
    // No user id: the server knows this visitor by the session cookie it set with the page.
    const r = await fetch('/api/chat', { method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text, channel: 'web', message_id: messageId() }) });
    const data = await r.json();
    if (!r.ok) {
      const detail = data.details && data.details.length ? ': ' + data.details[0].problem : '';
      bubble('bot', (data.error || ('Error ' + r.status)) + detail);
      return;
    }
    if (!data.reply) return;
    if (data.intent === 'human_handling') {
      // a person owns the conversation: the bot stays quiet; a notice says who will answer (not a bot answer),
      // the same notice once (a reminder with the expected time stays)
      for (const old of log.querySelectorAll('.notice')) if (old.textContent === data.reply) old.remove();
      const note = bubble('notice', data.reply);
      note.dir = data.language === 'ur' ? 'rtl' : 'ltr';
      return;
    }
    const div = bubble('bot', data.reply);
    div.dataset.language = data.language;
    div.dir = data.language === 'ur' ? 'rtl' : 'ltr';
    const meta = document.createElement('div');
    meta.className = 'lang';
    meta.textContent = LANG_NAMES[data.language] || data.language;
    div.append(meta);
    if (data.sources && data.sources.length) {
      const ul = document.createElement('ul');
      ul.className = 'sources';
      for (const s of data.sources) {
        const li = document.createElement('li');
        li.dir = 'auto';
        li.textContent = s.title + (s.as_of ? ' · ' + s.as_of : '');
        ul.append(li);
      }
      div.append(ul);
    }
  } catch (e) {
    bubble('bot', 'Network error, please try again.');
  } finally {
    send.disabled = false;
    input.focus();
  }
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  ask(text);
});
input.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); form.requestSubmit(); }
});
document.getElementById('examples').addEventListener('click', (ev) => {
  if (ev.target.tagName === 'BUTTON') ask(ev.target.textContent);
});

// The live channel: when a person from the team owns this conversation, their replies arrive here
// (server-sent events, scoped by this visitor's session cookie) without reloading the page.
(function live() {
  if (!('EventSource' in window)) return;
  const source = new EventSource('/api/live');
  source.addEventListener('message', (ev) => {
    let data;
    try { data = JSON.parse(ev.data); } catch (e) { return; }
    const div = bubble('bot staff', data.text);
    div.dataset.language = data.language;
    div.dir = data.language === 'ur' ? 'rtl' : 'auto';
  });
})();
