// A "Leads" tab on a process definition's page in Cockpit: each running lead by name, company and
// grade, where Cockpit's own list shows only ids. It reads the engine's REST API as the signed-in
// user, so it shows exactly the instances that user may read. Lead data is shown as text, never as
// markup: a company name is whatever an intake system sent.
// the newest first; a hundred ids still fit in one request line
const SHOWN = 100;

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function read(api, path) {
  const response = await fetch(api.engineApi + path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(response.status + ' ' + response.statusText);
  return response.json();
}

function started(iso) {
  const date = new Date(iso);
  return isNaN(date) ? '' : date.toLocaleString();
}

async function leads(api, definitionId) {
  const running = 'processDefinitionId=' + encodeURIComponent(definitionId) + '&unfinished=true';
  const instances = await read(api, '/history/process-instance?' + running
    + '&sortBy=startTime&sortOrder=desc&maxResults=' + SHOWN);
  const total = (await read(api, '/history/process-instance/count?' + running)).count;
  if (instances.length === 0) return { rows: [], total };
  const ids = instances.map(instance => instance.id).join(',');
  const values = {};
  for (const name of ['contactName', 'company', 'grade']) {
    const variables = await read(api, '/variable-instance?variableName=' + name + '&processInstanceIdIn=' + ids
      + '&deserializeValues=false');
    for (const variable of variables) {
      (values[variable.processInstanceId] ||= {})[name] = variable.value;
    }
  }
  const rows = instances.map(instance => ({
    id: instance.id,
    lead: instance.businessKey,
    contact: (values[instance.id] || {}).contactName || '',
    company: (values[instance.id] || {}).company || '',
    grade: (values[instance.id] || {}).grade || '',
    started: instance.startTime
  }));
  return { rows, total };
}

function table(rows, filter) {
  const wanted = filter.trim().toLowerCase();
  const shown = rows.filter(row => !wanted
    || [row.contact, row.company, row.grade, row.lead].some(value => String(value).toLowerCase().includes(wanted)));
  const result = element('table', undefined, 'cam-table leadflow-leads');
  const head = result.appendChild(element('thead')).appendChild(element('tr'));
  for (const title of ['Lead', 'Company', 'Grade', 'Started', 'Lead id']) head.appendChild(element('th', title));
  const body = result.appendChild(element('tbody'));
  for (const row of shown) {
    const line = body.appendChild(element('tr'));
    const name = line.appendChild(element('td'));
    const link = name.appendChild(element('a', row.contact || '(no contact name)'));
    link.href = '#/process-instance/' + encodeURIComponent(row.id) + '/runtime';
    line.appendChild(element('td', row.company));
    line.appendChild(element('td', row.grade));
    line.appendChild(element('td', started(row.started)));
    line.appendChild(element('td', row.lead));
  }
  if (shown.length === 0) {
    body.appendChild(element('tr')).appendChild(element('td', wanted ? 'No running lead matches.' : 'No running leads.')).colSpan = 5;
  }
  return result;
}

export default {
  id: 'leadflow.leads',
  pluginPoint: 'cockpit.processDefinition.runtime.tab',
  priority: 20,
  properties: { label: 'Leads' },
  render: (node, { api, processDefinitionId }) => {
    node.replaceChildren(element('p', 'Loading the running leads…'));
    leads(api, processDefinitionId).then(({ rows, total }) => {
      const search = element('input', undefined, 'form-control leadflow-leads-search');
      search.type = 'search';
      search.placeholder = 'Find a lead by name, company or grade';
      const note = element('p', total > rows.length
        ? 'The ' + rows.length + ' newest of ' + total + ' running leads.'
        : total + (total === 1 ? ' running lead.' : ' running leads.'));
      let shown = table(rows, '');
      search.addEventListener('input', () => {
        const next = table(rows, search.value);
        shown.replaceWith(next);
        shown = next;
      });
      node.replaceChildren(search, note, shown);
    }).catch(error => node.replaceChildren(element('p', 'The leads could not be read: ' + error.message)));
  }
};
