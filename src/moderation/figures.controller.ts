import type { RequestHandler } from 'express';
import { regionScope } from '../accounts';
import { streamCsv } from '../lib/export';
import { NotFoundError } from '../lib/errors';
import { barChart } from './chart';
import { computeFigures } from './figures.service';

// GET /moderation/chiffres — figures of the responses the moderator may see, charts and tables.
export const figuresPage: RequestHandler = async (req, res) => {
  const { total, datasets } = await computeFigures(regionScope(req.user!));
  res.render('moderation/figures', {
    pageTitle: 'Chiffres des réponses',
    total,
    charts: datasets.map((d) => ({
      slug: d.slug,
      title: d.title,
      keyLabel: d.keyLabel,
      valueLabel: d.valueLabel,
      note: d.note,
      csv: `/moderation/chiffres/${d.slug}.csv`,
      ...barChart(d),
    })),
  });
};

// GET /moderation/chiffres/:jeu.csv — the data table of one chart.
export const figuresCsv: RequestHandler = async (req, res) => {
  const { datasets } = await computeFigures(regionScope(req.user!));
  const dataset = datasets.find((d) => d.slug === req.params.jeu);
  if (!dataset) throw new NotFoundError();
  async function* rows() {
    for (const r of dataset!.rows) yield [r.label, r.value];
  }
  await streamCsv(
    res,
    `chiffres-${dataset.slug}.csv`,
    [dataset.keyLabel, dataset.valueLabel],
    rows(),
  );
};
