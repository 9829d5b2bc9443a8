// A small SVG writer for the results chart: per load run, throughput bars beside p50-p99
// latency on a log scale; below, the mixed workload's latency against offered rate.

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function el(name, attrs, children = '') {
  const a = Object.entries(attrs)
    .map(([k, v]) => `${k}="${esc(v)}"`)
    .join(' ');
  return `<${name} ${a}>${children}</${name}>`;
}

const text = (x, y, s, extra = {}) =>
  el('text', { x, y, 'font-size': 11, 'font-family': 'sans-serif', ...extra }, esc(s));
const line = (x1, y1, x2, y2, stroke = '#999', extra = {}) =>
  el('line', { x1, y1, x2, y2, stroke, ...extra });

function logScale(min, max, from, to) {
  const lo = Math.log10(min);
  const hi = Math.log10(max);
  return (v) => from + ((Math.log10(Math.max(min, v)) - lo) / (hi - lo)) * (to - from);
}

export function renderChart({ title, loads, curve, sloMs }) {
  const rowH = 18;
  const top = 50;
  const labelW = 190;
  const barW = 260;
  const latX = labelW + barW + 40;
  const latW = 330;
  const width = latX + latW + 30;
  const rowsH = loads.length * rowH;
  const curveTop = top + rowsH + 70;
  const curveH = curve.length > 0 ? 220 : 0;
  const height = curveTop + curveH + 50;
  const parts = [el('rect', { x: 0, y: 0, width, height, fill: 'white' })];
  parts.push(text(10, 20, title, { 'font-size': 14, 'font-weight': 'bold' }));
  parts.push(text(labelW, top - 12, 'throughput (req/s)', { 'font-weight': 'bold' }));
  parts.push(text(latX, top - 12, 'latency ms (log): ● p50 — ■ p99', { 'font-weight': 'bold' }));
  const maxRps = Math.max(1, ...loads.map((l) => l.rps));
  const maxLat = Math.max(10, ...loads.map((l) => l.p99));
  const lx = logScale(1, maxLat * 1.2, latX, latX + latW);
  for (const tick of [1, 10, 100, 1000, 10000].filter((t) => t <= maxLat * 1.2)) {
    parts.push(line(lx(tick), top - 4, lx(tick), top + rowsH, '#ddd'));
    parts.push(text(lx(tick) - 6, top + rowsH + 14, tick));
  }
  loads.forEach((l, i) => {
    const y = top + i * rowH;
    parts.push(text(10, y + 12, l.label));
    const w = (l.rps / maxRps) * barW;
    parts.push(
      el('rect', { x: labelW, y: y + 3, width: Math.max(1, w), height: rowH - 6, fill: '#4a7ebb' }),
    );
    parts.push(text(labelW + w + 4, y + 12, l.rps, { 'font-size': 10 }));
    parts.push(line(lx(l.p50), y + 9, lx(l.p99), y + 9, '#c44', { 'stroke-width': 2 }));
    parts.push(el('circle', { cx: lx(l.p50), cy: y + 9, r: 4, fill: '#c44' }));
    parts.push(el('rect', { x: lx(l.p99) - 4, y: y + 5, width: 8, height: 8, fill: '#822' }));
  });
  if (curve.length > 0) {
    const cx0 = 60;
    const cw = width - 120;
    const maxRate = Math.max(...curve.map((p) => Math.max(p.offered, p.achieved)));
    const maxY = Math.max(sloMs * 2, ...curve.map((p) => p.p99));
    const xs = (v) => cx0 + (v / maxRate) * cw;
    const ys = logScale(1, maxY * 1.2, curveTop + curveH, curveTop);
    parts.push(
      text(
        10,
        curveTop - 20,
        'Mixed workload (60 % feed, 30 % user posts, 10 % create post): latency against achieved throughput',
        { 'font-weight': 'bold' },
      ),
    );
    parts.push(line(cx0, curveTop + curveH, cx0 + cw, curveTop + curveH, '#333'));
    parts.push(line(cx0, curveTop, cx0, curveTop + curveH, '#333'));
    for (const tick of [1, 10, 100, 1000, 10000].filter((t) => t <= maxY * 1.2)) {
      parts.push(line(cx0 - 4, ys(tick), cx0 + cw, ys(tick), '#eee'));
      parts.push(text(cx0 - 40, ys(tick) + 4, `${tick} ms`));
    }
    parts.push(line(cx0, ys(sloMs), cx0 + cw, ys(sloMs), '#e90', { 'stroke-dasharray': '6 4' }));
    parts.push(text(cx0 + cw - 90, ys(sloMs) - 4, `p99 SLO ${sloMs} ms`, { fill: '#b70' }));
    for (const [key, color] of [
      ['p50', '#4a7ebb'],
      ['p99', '#c44'],
    ]) {
      const pts = curve
        .map((p) => `${xs(p.achieved).toFixed(1)},${ys(p[key]).toFixed(1)}`)
        .join(' ');
      parts.push(el('polyline', { points: pts, fill: 'none', stroke: color, 'stroke-width': 2 }));
      for (const p of curve)
        parts.push(el('circle', { cx: xs(p.achieved), cy: ys(p[key]), r: 3, fill: color }));
    }
    for (const p of curve)
      parts.push(text(xs(p.achieved) - 8, curveTop + curveH + 14, Math.round(p.achieved)));
    parts.push(
      text(cx0 + cw / 2 - 60, curveTop + curveH + 30, 'achieved req/s (blue p50, red p99)'),
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n${parts.join('\n')}\n</svg>\n`;
}
