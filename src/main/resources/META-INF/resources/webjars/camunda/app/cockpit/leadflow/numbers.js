// Leadflow's numbers inside Cockpit (docs/metrics.md): the funnel, the speed to accept, rejections
// by reason, the team's report card, dispositions, cultivation and the accounts' Quality of
// Engagement with one account's weekly EKG line, each
// drawn as a chart with its figures in a table under it, for the period and filters in the URL
// (#/leadflow-numbers?from=…&to=…&by=…&campaign=…), so a manager can send a link. The figures come
// from Leadflow's own API with the Cockpit login (no second sign-in); what the user may see is
// the API's business. Lead data is written as text, never as markup.
const CHART_JS = '/webjars/chart.js/4.4.1/dist/chart.umd.js';
const FILTERS = ['from', 'to', 'by', 'source', 'campaign', 'team', 'partner', 'account'];
const STEPS = [
  ['received', 'Received'], ['salesReady', 'Sales-ready'], ['cultivated', 'Cultivated'], ['routed', 'Routed'],
  ['accepted', 'Accepted'], ['rejected', 'Rejected'], ['won', 'Won'], ['lost', 'Lost'], ['notALead', 'Not a lead']
];
const GROUPINGS = { source: 'Source', campaign: 'Campaign', team: 'Team', partner: 'Partner', rep: 'Rep' };

let chartJs;
function loadChartJs() {
  chartJs ||= new Promise((resolve, reject) => {
    if (window.Chart) return resolve(window.Chart);
    const script = document.createElement('script');
    script.src = CHART_JS;
    script.onload = () => resolve(window.Chart);
    script.onerror = () => reject(new Error('the chart library could not be loaded'));
    document.head.appendChild(script);
  });
  return chartJs;
}

function element(tag, text, attributes) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  return node;
}

function params() {
  const hash = window.location.hash;
  const query = hash.includes('?') ? hash.substring(hash.indexOf('?') + 1) : '';
  const found = new URLSearchParams(query);
  const kept = new URLSearchParams();
  for (const name of FILTERS) if (found.get(name)) kept.set(name, found.get(name));
  return kept;
}

async function read(path, query) {
  const response = await fetch('/api/metrics/' + path + '?' + query, {
    credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' }
  });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) throw new Error('your sign-in has ended: reload the page and sign in again');
  if (!response.ok) throw new Error(body.detail || response.status + ' ' + response.statusText);
  return body;
}

function percent(share) {
  return share === null || share === undefined ? '–' : Math.round(share * 100) + ' %';
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 60) return seconds + ' s';
  if (seconds < 3600) return Math.round(seconds / 60) + ' min';
  if (seconds < 86400) return (seconds / 3600).toFixed(1) + ' h';
  return (seconds / 86400).toFixed(1) + ' days';
}

// WRONG_TERRITORY → "Wrong territory": codes stay in the API, people read words
function words(code) {
  if (!code) return '';
  const spelt = code.replace(/_/g, ' ').toLowerCase();
  return spelt.charAt(0).toUpperCase() + spelt.substring(1);
}

function table(headings, rows, className) {
  const result = element('table', null, { class: 'cam-table ' + className });
  const head = result.appendChild(element('thead')).appendChild(element('tr'));
  for (const heading of headings) head.appendChild(element('th', heading));
  const body = result.appendChild(element('tbody'));
  for (const row of rows) {
    const line = body.appendChild(element('tr'));
    for (const cell of row) line.appendChild(element('td', cell));
  }
  return result;
}

function form(current, onApply) {
  const result = element('form', null, { class: 'form-inline leadflow-numbers-filters' });
  const fields = {};
  const add = (name, label, input) => {
    const wrap = result.appendChild(element('label', label + ' ', { style: 'margin-right: 1em' }));
    wrap.appendChild(input);
    input.name = name;
    input.value = current.get(name) || '';
    fields[name] = input;
  };
  add('from', 'From', element('input', null, { type: 'date', class: 'form-control' }));
  add('to', 'to', element('input', null, { type: 'date', class: 'form-control' }));
  const by = element('select', null, { class: 'form-control' });
  for (const [value, label] of Object.entries(GROUPINGS)) by.appendChild(element('option', label, { value }));
  add('by', 'Funnel by', by);
  if (!current.get('by')) by.value = 'source';
  add('campaign', 'Campaign', element('input', null, { type: 'text', class: 'form-control', size: '14' }));
  add('source', 'Source', element('input', null, { type: 'text', class: 'form-control', size: '10' }));
  add('team', 'Team', element('input', null, { type: 'text', class: 'form-control', size: '14' }));
  result.appendChild(element('button', 'Show', { type: 'submit', class: 'btn btn-primary' }));
  result.addEventListener('submit', event => {
    event.preventDefault();
    const chosen = new URLSearchParams();
    for (const [name, input] of Object.entries(fields)) if (input.value) chosen.set(name, input.value);
    onApply(chosen);
  });
  return result;
}

function chart(Chart, canvas, labels, values, label, horizontal) {
  return new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label, data: values, backgroundColor: '#4d90d6' }] },
    options: {
      indexAxis: horizontal ? 'y' : 'x', animation: false, responsive: true, maintainAspectRatio: false,
      plugins: { legend: { display: false } }
    }
  });
}

function section(container, title, id) {
  const part = container.appendChild(element('section', null, { class: 'leadflow-' + id, style: 'margin: 1.5em 0' }));
  part.appendChild(element('h3', title));
  const holder = part.appendChild(element('div', null, { style: 'position: relative; height: 260px; max-width: 900px' }));
  const canvas = holder.appendChild(element('canvas', null, { id: 'leadflow-' + id + '-chart' }));
  return { part, canvas };
}

function csvLink(path, query) {
  const csv = new URLSearchParams(query);
  csv.set('format', 'csv');
  return element('a', 'Download as CSV', { href: '/api/metrics/' + path + '?' + csv, download: path + '.csv' });
}

// the account names link to the same page with the account chosen, so the EKG has a link too
function accountsTable(headings, rows, cells, query, className) {
  const result = table(headings, rows.map(row => [''].concat(cells(row))), className);
  result.querySelectorAll('tbody tr').forEach((line, index) => {
    const chosen = new URLSearchParams(query);
    chosen.set('account', rows[index].accountId);
    line.firstChild.appendChild(element('a', rows[index].name, { href: '#/leadflow-numbers?' + chosen }));
  });
  return result;
}

async function ekg(Chart, container, query) {
  const account = query.get('account');
  const period = new URLSearchParams([...query].filter(([name]) => name === 'from' || name === 'to'));
  const line = await read('engagement/accounts/' + encodeURIComponent(account), period);
  const part = section(container, 'EKG of ' + line.name + ': Quality of Engagement week by week', 'ekg');
  new Chart(part.canvas, {
    type: 'line',
    data: {
      labels: line.weeks.map(week => week.weekOf),
      datasets: [{ label: 'Score', data: line.weeks.map(week => week.score), borderColor: '#c0392b', tension: 0.2 }]
    },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } },
      scales: { y: { min: 0, max: 10, title: { display: true, text: 'Score (1 to 10)' } } }
    }
  });
  part.part.appendChild(table(['Week of', 'Score'], line.weeks.map(week => [week.weekOf, String(week.score)]),
    'leadflow-ekg-table'));
  part.part.appendChild(csvLink('engagement/accounts/' + encodeURIComponent(account), period));
}

// the team's report card: each rep's week beside the team's median rep (the weekly mail's figures)
async function teamCard(Chart, container, query) {
  const cardQuery = new URLSearchParams([...query].filter(([name]) => ['from', 'to', 'team'].includes(name)));
  if (!cardQuery.get('team') && query.get('partner')) cardQuery.set('team', query.get('partner'));
  let card;
  try {
    card = await read('report-cards/team', cardQuery);
  } catch (error) {
    const part = container.appendChild(element('section', null, { class: 'leadflow-report-card', style: 'margin: 1.5em 0' }));
    part.appendChild(element('h3', 'Report card'));
    part.appendChild(element('p', 'Choose a team in the filter (e.g. territory-emea) for its reps\' report cards. (' + error.message + ')',
      { class: 'text-muted' }));
    return;
  }
  const part = section(container, 'Report card of ' + card.name + ', ' + card.from + ' to ' + card.to, 'report-card');
  chart(Chart, part.canvas, card.reps.map(row => row.name), card.reps.map(row => row.accepted), 'Accepted', false);
  const columns = [['received', 'Received'], ['accepted', 'Accepted'], ['rejected', 'Rejected'],
    ['missedDeadlines', 'Deadlines missed'], ['won', 'Won'], ['wonValue', 'Won value'], ['lost', 'Lost'],
    ['notALead', 'Not a lead']];
  const number = value => value === null || value === undefined ? '–'
    : Number.isInteger(value) ? String(value) : Number(value).toFixed(1);
  part.part.appendChild(table(['Rep'].concat(columns.map(([, label]) => label), ['Median to accept']),
    card.reps.map(row => [row.name].concat(columns.map(([key]) => number(row[key])), [duration(row.timeToAcceptP50Seconds)]))
      .concat([['Total'].concat(columns.map(([key]) => number(card.total[key])), ['–'])],
        [['Median rep'].concat(columns.map(([key]) => number(card.median[key])),
          [duration(card.median.timeToAcceptP50Seconds)])]),
    'leadflow-report-card-table'));
  part.part.appendChild(csvLink('report-cards/team', cardQuery));
}

async function show(container) {
  const query = params();
  container.replaceChildren(element('h2', 'Leadflow numbers'));
  container.appendChild(form(query, chosen => {
    window.location.hash = '#/leadflow-numbers?' + chosen.toString();
  }));
  const status = container.appendChild(element('p', 'Loading…'));
  try {
    const Chart = await loadChartJs();
    const [funnel, speed] = await Promise.all([read('funnel', query),
      read('speed', new URLSearchParams([...query].filter(([name]) => name !== 'by')))]);
    status.textContent = 'Leads received from ' + funnel.from + ' to ' + funnel.to + ' (UTC), followed to today.';

    const funnelPart = section(container, 'Funnel', 'funnel');
    const total = funnel.total;
    chart(Chart, funnelPart.canvas, STEPS.map(([, label]) => label), STEPS.map(([key]) => total[key]), 'Leads', true);
    funnelPart.part.appendChild(element('p', 'Won value: ' + Number(total.wonValue).toLocaleString()
      + ' · accepted of routed: ' + percent(total.routed ? total.accepted / total.routed : null)
      + ' · won of accepted: ' + percent(total.accepted ? total.won / total.accepted : null)));
    funnelPart.part.appendChild(table([GROUPINGS[funnel.by]].concat(STEPS.map(([, label]) => label), ['Won value']),
      funnel.rows.map(row => [row.key ?? '(none)'].concat(STEPS.map(([key]) => String(row[key])), [String(row.wonValue)]))
        .concat([['Total'].concat(STEPS.map(([key]) => String(total[key])), [String(total.wonValue)])]),
      'leadflow-funnel-table'));
    funnelPart.part.appendChild(csvLink('funnel', query));

    const speedPart = section(container, 'Speed to accept, by rep', 'speed');
    const reps = speed.rows.filter(row => row.key);
    chart(Chart, speedPart.canvas, reps.map(row => row.key),
      reps.map(row => row.timeToAcceptP50Seconds === null ? 0 : Math.round(row.timeToAcceptP50Seconds / 60)),
      'Median minutes to accept', false);
    speedPart.part.appendChild(table(['Rep', 'Offered', 'Accepted', 'SLA compliance', 'Median to accept',
      '90 % accepted within', 'Missed deadlines', 'Waiting'],
      speed.rows.map(row => [row.key ?? '(offered to the team)', String(row.offered), String(row.accepted),
        percent(row.slaCompliance), duration(row.timeToAcceptP50Seconds), duration(row.timeToAcceptP90Seconds),
        String(row.missedDeadlines), String(row.pending)]), 'leadflow-speed-table'));
    speedPart.part.appendChild(csvLink('speed', new URLSearchParams([...query].filter(([name]) => name !== 'by'))));

    await teamCard(Chart, container, query);

    const [rejections, dispositions] = await Promise.all([read('rejections', query), read('dispositions', query)]);
    const saysPart = section(container, 'What sales says about the leads: rejections by reason', 'rejections');
    const byReason = {};
    for (const row of rejections.rows) byReason[row.reason] = (byReason[row.reason] || 0) + row.rejections;
    chart(Chart, saysPart.canvas, Object.keys(byReason).map(words), Object.values(byReason), 'Rejections', true);
    saysPart.part.appendChild(table([GROUPINGS[rejections.by], 'Reason', 'Rejections'],
      rejections.rows.map(row => [row.key ?? '(none)', words(row.reason), String(row.rejections)]), 'leadflow-rejections-table'));
    saysPart.part.appendChild(csvLink('rejections', query));

    const endedPart = section(container, 'How the leads ended: dispositions reported', 'dispositions');
    const byOutcome = {};
    for (const row of dispositions.rows) {
      const label = words(row.outcome) + (row.lostReason ? ' (' + words(row.lostReason).toLowerCase() + ')' : '');
      byOutcome[label] = (byOutcome[label] || 0) + row.leads;
    }
    chart(Chart, endedPart.canvas, Object.keys(byOutcome), Object.values(byOutcome), 'Leads', true);
    endedPart.part.appendChild(table([GROUPINGS[dispositions.by], 'Outcome', 'Lost because', 'Leads', 'Won value'],
      dispositions.rows.map(row => [row.key ?? '(none)', words(row.outcome), words(row.lostReason), String(row.leads),
        String(row.dealValue)]), 'leadflow-dispositions-table'));
    endedPart.part.appendChild(csvLink('dispositions', query));

    const nurtured = await read('cultivation', new URLSearchParams([...query].filter(([name]) => name !== 'by')));
    const nurturePart = section(container, 'Cultivation: the leads marketing nurtured', 'cultivation');
    const steps = [['cultivated', 'Cultivated'], ['inCultivation', 'In cultivation now'], ['dormant', 'Dormant now'],
      ['woken', 'Woken by an engagement'], ['requalified', 'Ready for sales again'], ['won', 'Won']];
    const sums = steps.map(([key]) => nurtured.rows.reduce((sum, row) => sum + row[key], 0));
    chart(Chart, nurturePart.canvas, steps.map(([, label]) => label), sums, 'Leads', true);
    nurturePart.part.appendChild(table(['Campaign'].concat(steps.map(([, label]) => label), ['Loops per lead']),
      nurtured.rows.map(row => [row.key ?? '(none)'].concat(steps.map(([key]) => String(row[key])), [String(row.loopsPerLead)])),
      'leadflow-cultivation-table'));
    nurturePart.part.appendChild(element('p', 'Leads in cultivation or dormant have no task in Tasklist; the API lists them: '
      + '/api/leads?status=CULTIVATING and /api/leads?status=DORMANT.'));
    nurturePart.part.appendChild(csvLink('cultivation', new URLSearchParams([...query].filter(([name]) => name !== 'by'))));

    // every team's accounts: marketing's and managers' only, so a partner's manager sees no section
    const period = new URLSearchParams([...query].filter(([name]) => name === 'from' || name === 'to'));
    const quality = await read('engagement', period).catch(() => null);
    if (quality) {
      const qualityPart = section(container, 'Accounts by Quality of Engagement (1 to 10)', 'engagement');
      chart(Chart, qualityPart.canvas, quality.distribution.map(bucket => String(bucket.score)),
        quality.distribution.map(bucket => bucket.accounts), 'Accounts', false);
      qualityPart.part.appendChild(element('h4', 'Most engaged'));
      qualityPart.part.appendChild(accountsTable(['Account', 'Score', '4 weeks ago'], quality.highest,
        row => [String(row.score), String(row.fourWeeksAgo)], query, 'leadflow-engagement-highest'));
      qualityPart.part.appendChild(element('h4', 'Falling fastest'));
      qualityPart.part.appendChild(accountsTable(['Account', 'Score', '4 weeks ago', 'Change'], quality.fastestFalling,
        row => [String(row.score), String(row.fourWeeksAgo), String(row.change)], query, 'leadflow-engagement-falling'));
      qualityPart.part.appendChild(element('p', 'Click an account for its EKG: its score week by week.', { class: 'text-muted' }));
      qualityPart.part.appendChild(element('h4', 'The account\'s score when the outcome was reported'));
      qualityPart.part.appendChild(table(['Outcome', 'Dispositions', 'Average score'],
        quality.atDisposition.map(row => [words(row.outcome), String(row.dispositions), String(row.averageScore)]),
        'leadflow-engagement-outcomes'));
      if (query.get('account')) await ekg(Chart, container, query);
    }
  } catch (error) {
    status.textContent = 'The numbers could not be read: ' + error.message;
  }
}

export default [
  {
    id: 'leadflow.numbers.route',
    pluginPoint: 'cockpit.route',
    priority: 1,
    properties: { path: '/leadflow-numbers', label: '/leadflow-numbers' },
    render: container => {
      const page = element('div', null, { class: 'leadflow-numbers', style: 'padding: 1em 2em' });
      container.replaceChildren(page);
      show(page);
    }
  },
  {
    id: 'leadflow.numbers.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 5,
    properties: { path: '/leadflow-numbers' },
    render: container => {
      container.replaceChildren(element('a', 'Numbers', { href: '#/leadflow-numbers' }));
    }
  }
];
