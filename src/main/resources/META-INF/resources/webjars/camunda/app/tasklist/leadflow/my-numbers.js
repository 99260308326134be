// A rep's report card inside Tasklist (docs/metrics.md, "Report cards"): "My numbers" in the
// header opens the rep's own figures beside the median rep of their team — the same figures as
// the weekly mail, for the mail's period, this week so far or the last 30 days. Read from Leadflow's API
// with the Tasklist login (no second sign-in); the API decides what the rep may see. Text only,
// never markup.
const FIGURES = [
  ['received', 'Leads received'], ['accepted', 'Accepted'], ['rejected', 'Rejected'],
  ['missedDeadlines', 'Deadlines missed'], ['won', 'Won'], ['wonValue', 'Won value'], ['lost', 'Lost'],
  ['notALead', 'Not a lead'], ['timeToAcceptP50Seconds', 'Median time to accept']
];

function element(tag, text, attributes) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  return node;
}

function day(date) {
  return date.toISOString().substring(0, 10);
}

// the periods a rep picks from; without dates the API answers for the weekly mail's period, the
// days before today that marketing's table report-card-period says
function periods() {
  const today = new Date();
  const daysAgo = n => day(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - n)));
  const monday = (today.getUTCDay() + 6) % 7;
  return [
    ['As in the weekly mail', ''],
    ['This week so far', 'from=' + daysAgo(monday) + '&to=' + daysAgo(0)],
    ['Last 30 days', 'from=' + daysAgo(29) + '&to=' + daysAgo(0)]
  ];
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 60) return Math.round(seconds) + ' s';
  if (seconds < 3600) return Math.round(seconds / 60) + ' min';
  if (seconds < 86400) return (seconds / 3600).toFixed(1) + ' h';
  return (seconds / 86400).toFixed(1) + ' days';
}

function figure(key, value) {
  if (value === null || value === undefined) return '–';
  if (key === 'timeToAcceptP50Seconds') return duration(value);
  if (key === 'wonValue') return Number(value).toLocaleString();
  return Number.isInteger(value) ? String(value) : Number(value).toFixed(1);
}

async function readCard(query) {
  const response = await fetch('/api/metrics/report-cards/rep' + (query ? '?' + query : ''), {
    credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' }
  });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) throw new Error('your sign-in has ended: reload the page and sign in again');
  if (response.status === 404) throw new Error('a report card is a rep\'s: the numbers are in Cockpit → Numbers');
  if (!response.ok) throw new Error(body.detail || response.status + ' ' + response.statusText);
  return body;
}

async function fill(panel, query) {
  const content = panel.querySelector('.leadflow-card-content');
  content.replaceChildren(element('p', 'Loading…'));
  try {
    const card = await readCard(query);
    const table = element('table', null, { class: 'table table-condensed leadflow-card-table' });
    const head = table.appendChild(element('thead')).appendChild(element('tr'));
    head.appendChild(element('th', ''));
    head.appendChild(element('th', 'You'));
    for (const median of card.teams) head.appendChild(element('th', median.name + ' median'));
    const body = table.appendChild(element('tbody'));
    for (const [key, label] of FIGURES) {
      const row = body.appendChild(element('tr', null, { 'data-figure': key }));
      row.appendChild(element('td', label));
      row.appendChild(element('td', figure(key, card.card[key]), { class: 'leadflow-card-you' }));
      for (const median of card.teams) row.appendChild(element('td', figure(key, median[key])));
    }
    content.replaceChildren(element('p', card.name + ', ' + card.from + ' to ' + card.to + ' (UTC)',
      { class: 'leadflow-card-period' }), table);
    if (card.teams.length) {
      content.appendChild(element('p', 'The median rep of ' + card.teams.map(median => median.name + ' (' + median.reps + ' reps)').join(', ')
        + ': half the team did more, half did less.', { class: 'text-muted' }));
    }
  } catch (error) {
    content.replaceChildren(element('p', 'Your numbers could not be read: ' + error.message, { class: 'text-danger' }));
  }
}

function openPanel() {
  let panel = document.querySelector('.leadflow-card');
  if (panel) {
    panel.remove();
    return;
  }
  panel = element('div', null, {
    class: 'leadflow-card', role: 'dialog', 'aria-label': 'My numbers',
    style: 'position: fixed; top: 50px; right: 20px; z-index: 2000; width: 460px; background: #fff; '
      + 'border: 1px solid #ccc; box-shadow: 0 4px 16px rgba(0,0,0,.2); padding: 12px 16px'
  });
  const header = panel.appendChild(element('div', null, { style: 'display: flex; justify-content: space-between' }));
  header.appendChild(element('h4', 'My numbers', { style: 'margin-top: 0' }));
  const close = header.appendChild(element('button', '×', { type: 'button', class: 'close', 'aria-label': 'Close' }));
  close.addEventListener('click', () => panel.remove());
  const choice = panel.appendChild(element('select', null, { class: 'form-control input-sm leadflow-card-period-choice' }));
  for (const [label, query] of periods()) choice.appendChild(element('option', label, { value: query }));
  choice.addEventListener('change', () => fill(panel, choice.value));
  panel.appendChild(element('div', null, { class: 'leadflow-card-content', style: 'margin-top: 8px' }));
  document.body.appendChild(panel);
  fill(panel, '');
}

export default [
  {
    id: 'leadflow.my-numbers',
    pluginPoint: 'tasklist.navbar.action',
    priority: 200,
    render: container => {
      const link = element('a', 'My numbers', { href: '', class: 'leadflow-my-numbers', role: 'button' });
      link.addEventListener('click', event => {
        event.preventDefault();
        openPanel();
      });
      container.replaceChildren(link);
    }
  }
];
