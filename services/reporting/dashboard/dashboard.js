// The leaders' dashboard: the figures of a unit and period against their targets (chart and
// table), the same figures for each commune, and who has submitted. Everything comes from
// the reporting API with the reader's token (small counts arrive already hidden).
/* global document, window, location, history, echarts */
(function () {
  'use strict';
  const KEY_FIGURES = [
    'management-list',
    'determined-addicted',
    'compulsory-total',
    'voluntary-home',
    'voluntary-facility',
    'mmt-total',
  ];
  const params = new URLSearchParams(location.search);
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('reporting-token', fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const now = new Date();
  const state = {
    period: params.get('period') || `${now.getFullYear()}Q${Math.floor(now.getMonth() / 3) + 1}`,
    unitCode: params.get('unitCode') || '99',
    token: sessionStorage.getItem('reporting-token') || '',
  };
  const form = document.getElementById('query');
  form.period.value = state.period;
  form.unitCode.value = state.unitCode;
  const status = document.getElementById('status');
  const chart = echarts.init(document.getElementById('chart'));

  const api = async (path) => {
    const res = await fetch(`/reporting/v1${path}`, {
      headers: { Authorization: `Bearer ${state.token}`, 'Accept-Language': 'vi' },
    });
    const body = await res.json();
    if (!res.ok) throw new Error(body.detail || body.title || String(res.status));
    return body;
  };
  const cell = (text, numeric) => {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '–' : String(text);
    if (numeric) td.className = 'n';
    return td;
  };
  const percent = (share) => (typeof share === 'number' ? `${(share * 100).toFixed(1)}%` : '–');

  function renderFigures(report) {
    const body = document.getElementById('figures');
    body.replaceChildren();
    for (const item of report.items.filter((i) => i.available)) {
      const tr = document.createElement('tr');
      tr.dataset.indicator = item.id;
      tr.dataset.value = String(item.value);
      tr.append(
        cell(`${item.table.section}.${item.table.row}`),
        cell(item.name.vi),
        cell(item.kind === 'ratio' ? percent(item.value) : item.value, true),
        cell(item.target, true),
        cell(percent(item.achieved), true),
      );
      body.append(tr);
    }
    const targeted = report.items.filter(
      (i) => i.available && i.target !== null && i.kind !== 'ratio',
    );
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: ['Kết quả', 'Chỉ tiêu'] },
      grid: { left: 220, right: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: targeted.map((i) => i.name.vi) },
      series: [
        {
          name: 'Kết quả',
          type: 'bar',
          data: targeted.map((i) => (typeof i.value === 'number' ? i.value : 0)),
        },
        { name: 'Chỉ tiêu', type: 'bar', data: targeted.map((i) => i.target) },
      ],
    });
  }

  async function renderUnits(units) {
    const head = document.getElementById('units-head');
    const body = document.getElementById('units');
    const reports = await Promise.all(
      units.map((u) => api(`/indicators?period=${state.period}&unitCode=${u.unitCode}`)),
    );
    const names = new Map(reports[0]?.items.map((i) => [i.id, i.name.vi]) ?? []);
    const headRow = document.createElement('tr');
    headRow.append(
      ...['Đơn vị', ...KEY_FIGURES.map((id) => names.get(id) ?? id)].map((t) => {
        const th = document.createElement('th');
        th.textContent = t;
        return th;
      }),
    );
    head.replaceChildren(headRow);
    body.replaceChildren(
      ...reports.map((report) => {
        const tr = document.createElement('tr');
        tr.dataset.unit = report.unitCode;
        const byId = new Map(report.items.map((i) => [i.id, i]));
        tr.append(
          cell(`${report.unitName} (${report.unitCode})`),
          ...KEY_FIGURES.map((id) =>
            cell(byId.get(id)?.available ? byId.get(id).value : null, true),
          ),
        );
        return tr;
      }),
    );
  }

  function renderCompleteness(completeness) {
    document.getElementById('completeness-summary').textContent =
      `Hạn nộp ${completeness.dueDate}: ${completeness.submitted}/${completeness.expected} đơn vị đã nộp, ${completeness.onTime} đúng hạn.`;
    document.getElementById('completeness').replaceChildren(
      ...completeness.units.map((u) => {
        const tr = document.createElement('tr');
        tr.dataset.unit = u.unitCode;
        tr.append(
          cell(`${u.unitName} (${u.unitCode})`),
          cell(u.submitted ? 'Có' : 'Chưa'),
          cell(u.onTime ? 'Có' : 'Không'),
          cell(u.latestVersion, true),
        );
        if (!u.onTime) tr.className = 'late';
        return tr;
      }),
    );
  }

  async function load() {
    if (!state.token) {
      status.textContent = 'Nhập mã truy cập để xem báo cáo.';
      return;
    }
    status.textContent = 'Đang tải…';
    try {
      const [report, completeness] = await Promise.all([
        api(`/indicators?period=${state.period}&unitCode=${state.unitCode}`),
        api(`/completeness?period=${state.period}&unitCode=${state.unitCode}`),
      ]);
      renderFigures(report);
      renderCompleteness(completeness);
      await renderUnits(completeness.units);
      status.textContent = `${report.unitName}, kỳ ${report.period} (${report.from} đến ${report.to}); số liệu đến ${report.asOf ?? '–'}.`;
      document.body.dataset.ready = 'true';
    } catch (error) {
      status.textContent = `Không tải được báo cáo: ${error.message}`;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.period = form.period.value;
    state.unitCode = form.unitCode.value;
    if (form.token.value) {
      state.token = form.token.value;
      sessionStorage.setItem('reporting-token', state.token);
    }
    history.replaceState(null, '', `?period=${state.period}&unitCode=${state.unitCode}`);
    void load();
  });
  window.addEventListener('resize', () => chart.resize());
  void load();
})();
