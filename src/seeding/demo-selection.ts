import { SheetModel } from '../sheets';
import { MeetingModel } from '../meetings';

/** The meeting whose workshops the demo fills, and the two recueil chapters with their theme. */
const demoMeeting = 'centre-val-de-loire-2022';
const demoChapters = [
  { chapter: 'preparer-le-contrat', theme: 'famille-preparation-contrat' },
  { chapter: 'realiser-la-clause', theme: 'famille-realisation-clause' },
];
const perList = 2;

/**
 * Makes the editorial chain visible on a fresh install: a few demo sheets selected for each
 * workshop of the Orléans meeting that the demo file leaves empty (sheets of its région first), and
 * for two recueil chapters. Idempotent: a sheet already selected (by the demo file, the seed or an
 * editor) is left as it is.
 */
export async function seedDemoSelection(): Promise<void> {
  const meeting = await MeetingModel.findOne({ slug: demoMeeting }, 'region programme').lean();
  const demo = await SheetModel.find(
    { 'origin.kind': 'demo' },
    'slug themes region structureName meetingSelections recueil',
  )
    .sort({ slug: 1 })
    .lean();
  const workshops = meeting?.programme.flatMap((s) => s.workshops ?? []);
  const used = new Set(demo.filter((p) => p.meetingSelections.length).map((p) => p.slug));
  const filled = (code: string) =>
    demo.some((p) =>
      p.meetingSelections.some((s) => s.meeting === demoMeeting && s.workshop === code),
    );
  for (const w of (workshops ?? []).filter((x) => !filled(x.code))) {
    const chosen = demo
      .filter((p) => w.theme && p.themes.includes(w.theme) && !used.has(p.slug))
      .sort(
        (a, b) =>
          Number(b.region === meeting!.region ? 1 : 0) -
          Number(a.region === meeting!.region ? 1 : 0),
      )
      .slice(0, perList);
    for (const [position, p] of chosen.entries()) {
      used.add(p.slug);
      await SheetModel.updateOne(
        { _id: p._id, 'meetingSelections.0': { $exists: false } },
        {
          $set: {
            meetingSelections: [
              {
                meeting: demoMeeting,
                workshop: w.code,
                presenterStructure: p.structureName,
                position,
              },
            ],
          },
        },
      );
    }
  }
  for (const { chapter, theme } of demoChapters) {
    if (demo.some((p) => p.recueil?.chapter === chapter)) continue;
    const chosen = demo
      .filter((p) => p.themes.includes(theme) && !p.recueil?.chapter)
      .slice(0, perList + 1);
    for (const [position, p] of chosen.entries()) {
      await SheetModel.updateOne(
        { _id: p._id, 'recueil.chapter': { $exists: false } },
        { $set: { recueil: { chapter, position } } },
      );
      p.recueil = { chapter, position };
    }
  }
}
