// "Import leads" in Cockpit's navigation (docs/import.md): marketing uploads a CSV file after a trade
// show or a purchased list, watches its progress, reads every failed row's problems by line and
// downloads the failed rows to fix and import again. Calls Leadflow's API with the Cockpit login; the
// X-Requested-With header is what lets the session count (the API refuses it from other sites).
// Lead data is written as text, never as markup.
const API = '/api/leads/imports';
const POLL_MS = 2000;

function element(tag, text, attributes) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  return node;
}

async function call(path, options) {
  const response = await fetch(path, Object.assign({ credentials: 'same-origin' }, options, {
    headers: Object.assign({ Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' }, (options || {}).headers)
  }));
  if (response.status === 401) throw new Error('your sign-in has ended: reload the page and sign in again');
  if (response.status === 403) throw new Error('only marketing imports leads');
  const body = (options || {}).text ? await response.text() : await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.detail || response.status + ' ' + response.statusText);
    error.fields = body.errors || [];
    throw error;
  }
  return body;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

// seconds from now → "in about 3 min"
function inAbout(iso) {
  const seconds = Math.max(0, Math.round((new Date(iso) - Date.now()) / 1000));
  if (seconds < 60) return 'in under a minute';
  if (seconds < 3600) return 'in about ' + Math.round(seconds / 60) + ' min';
  return 'in about ' + (seconds / 3600).toFixed(1) + ' hours';
}

function progress(status) {
  const share = status.total ? Math.floor(status.processed * 100 / status.total) : 100;
  const bar = element('div', null, { class: 'progress', style: 'margin: 0; min-width: 10em' });
  const kind = status.state === 'FAILED' ? ' progress-bar-danger' : status.state === 'DONE' ? ' progress-bar-success' : '';
  bar.appendChild(element('div', share + ' %', {
    class: 'progress-bar' + kind, role: 'progressbar', style: 'width: ' + share + '%; min-width: 3em',
    'aria-valuenow': String(share), 'aria-valuemin': '0', 'aria-valuemax': '100'
  }));
  return bar;
}

function stateWords(status) {
  if (status.state === 'DONE') return 'Done ' + when(status.finishedAt);
  if (status.state === 'FAILED') return status.problem;
  return status.eta ? 'Importing, done ' + inAbout(status.eta) : 'Importing';
}

async function download(status) {
  const csv = await call(API + '/' + status.id + '/errors', { headers: { Accept: 'text/csv' }, text: true });
  const link = element('a', null, {
    href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })),
    download: 'failed rows of ' + (status.fileName || 'import').replace(/\.csv$/i, '') + '.csv'
  });
  document.body.appendChild(link);
  link.click();
  link.remove();
}

async function showErrors(panel, status) {
  panel.replaceChildren(element('h3', 'Failed rows of ' + (status.fileName || 'the import')));
  const rows = await call(API + '/' + status.id + '/errors');
  const table = panel.appendChild(element('table', null, { class: 'cam-table leadflow-import-errors' }));
  const head = table.appendChild(element('thead')).appendChild(element('tr'));
  for (const heading of ['Line', 'Column', 'Problem']) head.appendChild(element('th', heading));
  const body = table.appendChild(element('tbody'));
  for (const row of rows) {
    for (const error of row.errors) {
      const line = body.appendChild(element('tr'));
      for (const text of [String(row.line), error.field === 'line' ? '(the whole row)' : error.field, error.message]) {
        line.appendChild(element('td', text));
      }
    }
  }
  // below a long list of imports: bring what was asked for into view
  panel.scrollIntoView({ block: 'start' });
}

function importsTable(list, errorsPanel) {
  const table = element('table', null, { class: 'cam-table leadflow-imports' });
  const head = table.appendChild(element('thead')).appendChild(element('tr'));
  for (const heading of ['File', 'Started', 'By', 'Progress', 'Rows', 'New leads', 'Already known', 'Failed',
    'Speed', 'State', '']) head.appendChild(element('th', heading));
  const body = table.appendChild(element('tbody'));
  for (const status of list) {
    const line = body.appendChild(element('tr', null, { 'data-import': status.id, 'data-state': status.state }));
    line.appendChild(element('td', status.fileName || 'sent by ' + (status.requestedByName || status.requestedBy) + ' as a file body'));
    line.appendChild(element('td', when(status.startedAt)));
    line.appendChild(element('td', status.requestedByName || status.requestedBy));
    line.appendChild(element('td')).appendChild(progress(status));
    line.appendChild(element('td', status.processed + ' of ' + status.total));
    line.appendChild(element('td', String(status.created)));
    line.appendChild(element('td', String(status.duplicates)));
    line.appendChild(element('td', String(status.failed), { class: 'leadflow-import-failed' }));
    line.appendChild(element('td', status.rowsPerSecond + ' rows/s'));
    line.appendChild(element('td', stateWords(status), { class: 'leadflow-import-state' }));
    const actions = line.appendChild(element('td'));
    if (status.failed > 0) {
      const show = actions.appendChild(element('button', 'Show failed rows', { class: 'btn btn-default btn-xs', type: 'button' }));
      show.addEventListener('click', () => showErrors(errorsPanel, status).catch(error => {
        errorsPanel.textContent = 'The failed rows could not be read: ' + error.message;
      }));
      const get = actions.appendChild(element('button', 'Download failed rows (CSV)', {
        class: 'btn btn-default btn-xs', type: 'button', style: 'margin-left: .5em'
      }));
      get.addEventListener('click', () => download(status).catch(error => {
        errorsPanel.textContent = 'The failed rows could not be downloaded: ' + error.message;
      }));
    }
  }
  return table;
}

function uploadForm(message, refresh) {
  const form = element('form', null, { class: 'form-inline leadflow-import-form', style: 'margin-bottom: 1.5em' });
  const field = (label, input) => {
    const wrap = form.appendChild(element('label', label + ' ', { style: 'margin-right: 1em; font-weight: normal' }));
    wrap.appendChild(input);
    return input;
  };
  const file = field('CSV file', element('input', null, { type: 'file', name: 'file', accept: '.csv,text/csv', required: '' }));
  const source = field('Source for rows without one', element('input', null, {
    type: 'text', name: 'source', class: 'form-control', placeholder: 'e.g. trade-show', maxlength: '100'
  }));
  const campaign = field('Campaign for rows without one', element('input', null, {
    type: 'text', name: 'campaign', class: 'form-control', placeholder: 'e.g. Expo Berlin 2026', maxlength: '100'
  }));
  const button = form.appendChild(element('button', 'Import', { type: 'submit', class: 'btn btn-primary' }));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!file.files.length) return;
    const data = new FormData();
    data.append('file', file.files[0]);
    const query = new URLSearchParams();
    if (source.value.trim()) query.set('source', source.value.trim());
    if (campaign.value.trim()) query.set('campaign', campaign.value.trim());
    button.disabled = true;
    message.replaceChildren();
    try {
      const started = await call(API + '?' + query, { method: 'POST', body: data });
      message.textContent = (started.state === 'RUNNING' ? 'Importing ' : 'This file was imported before: ')
        + (started.fileName || 'the file') + ', ' + started.total + ' rows.';
      form.reset();
      refresh();
    } catch (error) {
      message.textContent = 'The file was not imported: ' + error.message;
      const list = message.appendChild(element('ul', null, { class: 'leadflow-import-refused' }));
      for (const problem of error.fields || []) list.appendChild(element('li', problem.field + ': ' + problem.message));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function show(page) {
  page.appendChild(element('h2', 'Import leads'));
  page.appendChild(element('p', 'A CSV file (UTF-8) with a header row of lead fields, one lead per row, up to 100,000 '
    + 'rows. Leads Leadflow already has are recorded on them, not made twice. Columns: see docs/import.md.'));
  const message = element('div', null, { class: 'leadflow-import-message', role: 'status', style: 'margin-bottom: 1em' });
  const list = element('div', null, { class: 'leadflow-import-list' });
  const errorsPanel = element('div', null, { class: 'leadflow-import-errors-panel', style: 'margin-top: 1.5em' });
  let timer;
  const refresh = async () => {
    clearTimeout(timer);
    if (!page.isConnected) return;
    try {
      const imports = await call(API);
      list.replaceChildren(imports.length ? importsTable(imports, errorsPanel) : element('p', 'No imports yet.'));
      if (imports.some(status => status.state === 'RUNNING')) timer = setTimeout(refresh, POLL_MS);
    } catch (error) {
      list.textContent = 'The imports could not be read: ' + error.message;
    }
  };
  page.appendChild(uploadForm(message, refresh));
  page.appendChild(message);
  page.appendChild(list);
  page.appendChild(errorsPanel);
  refresh();
}

export default [
  {
    id: 'leadflow.imports.route',
    pluginPoint: 'cockpit.route',
    priority: 1,
    properties: { path: '/leadflow-imports', label: '/leadflow-imports' },
    render: container => {
      const page = element('div', null, { class: 'leadflow-imports-page', style: 'padding: 1em 2em' });
      container.replaceChildren(page);
      show(page);
    }
  },
  {
    id: 'leadflow.imports.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 4,
    properties: { path: '/leadflow-imports' },
    render: container => {
      container.replaceChildren(element('a', 'Import leads', { href: '#/leadflow-imports' }));
    }
  }
];
