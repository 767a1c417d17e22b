import type { Dataset } from './figures.service';

const width = 720;
const barArea = 600;
/** Each label on its own line above its bar: a long label is never cut. */
const labelLine = 20;
const barHeight = 18;
const rowHeight = labelLine + barHeight + 12;

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
      label: r.label,
      value: formatValue(r.value, dataset.percent),
      labelY: i * rowHeight + labelLine - 5,
      y: i * rowHeight + labelLine,
      textY: i * rowHeight + labelLine + barHeight - 4,
      barWidth,
      valueX: barWidth + 8,
    };
  });
  return {
    width,
    height: Math.max(rowHeight, dataset.rows.length * rowHeight),
    barHeight,
    bars,
    rows: dataset.rows.map((r) => ({
      label: r.label,
      value: formatValue(r.value, dataset.percent),
    })),
  };
}
