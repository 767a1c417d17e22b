import { PracticeModel } from './practice.model';

/**
 * The current slug of a published sheet that used to be reachable at `oldSlug`, for a 301 from
 * `/recueil/<old>` (the public compendium route calls this when no sheet has that slug).
 */
export async function currentSlugFor(oldSlug: string): Promise<string | undefined> {
  const sheet = await PracticeModel.findOne({ slugHistory: oldSlug, status: 'publiee' }, 'slug')
    .lean()
    .exec();
  return sheet?.slug;
}
