import type { Dataset } from './figures.service';

const width = 720;
const labelWidth = 260;
const barArea = 360;
const rowHeight = 30;
const barHeight = 20;

const formatValue = (value: number, percent?: boolean) =>
  `${value.toLocaleString('fr-FR')}${percent ? ' %' : ''}`;

/**
 * A horizontal bar chart as plain geometry for the template's server-rendered SVG (no script,
 * no inline style: colours come from CSS classes). The data table under it carries the figures.
 */
export function barChart(dataset: Dataset) {
  const max = dataset.percent ? 100 : Math.max(1, ...dataset.rows.map((r) => r.value));
  const bars = dataset.rows.map((r, i) => {
    const barWidth = Math.round((barArea * r.value) / max);
    return {
      label: r.label.length > 38 ? `${r.label.slice(0, 37)}…` : r.label,
      value: formatValue(r.value, dataset.percent),
      y: i * rowHeight,
      textY: i * rowHeight + barHeight / 2 + 5,
      barX: labelWidth,
      barWidth,
      valueX: labelWidth + barWidth + 8,
    };
  });
  return {
    width,
    height: Math.max(rowHeight, dataset.rows.length * rowHeight),
    labelX: labelWidth - 8,
    barHeight,
    bars,
    rows: dataset.rows.map((r) => ({
      label: r.label,
      value: formatValue(r.value, dataset.percent),
    })),
  };
}
