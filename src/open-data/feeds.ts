import type { PublishedPractice } from '../compendium';

const xml = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** Atom feed of the latest publications of a search (`path`: the feed's own address). */
export function atomFeed(
  practices: PublishedPractice[],
  baseUrl: string,
  search: { path: string; list: string; q?: string } = { path: '/flux.atom', list: '/recueil' },
): string {
  const latest = [...practices]
    .sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0))
    .slice(0, 50);
  const updated = (latest[0]?.publishedAt ?? new Date(0)).toISOString();
  const entries = latest.map((p) => {
    const url = `${baseUrl}/recueil/${p.slug}`;
    return `  <entry>
    <id>${xml(url)}</id>
    <title>${xml(p.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(url)}"/>
    <updated>${(p.updatedAt ?? p.publishedAt ?? new Date(0)).toISOString()}</updated>
    <published>${(p.publishedAt ?? new Date(0)).toISOString()}</published>
    <summary>${xml(p.summary)}</summary>
    <category term="${xml(p.region)}" label="${xml(p.regionName)}"/>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <id>${xml(baseUrl + search.path)}</id>
  <title>Bonnes pratiques de la clause sociale : nouvelles fiches publiées${search.path === '/flux.atom' ? '' : xml(search.q ? ` pour « ${search.q} »` : ' (recherche filtrée)')}</title>
  <link rel="self" href="${xml(baseUrl + search.path)}"/>
  <link rel="alternate" type="text/html" href="${xml(baseUrl + search.list)}"/>
  <updated>${updated}</updated>
  <author><name>Alliance Villes Emploi</name></author>
  <rights>Licence Ouverte 2.0 (Etalab)</rights>
${entries.join('\n')}
</feed>
`;
}

const publicPaths = [
  '/',
  '/recueil',
  '/recueil/national',
  '/chiffres-cles',
  '/rencontres',
  '/licence',
];

export function sitemap(practices: PublishedPractice[], baseUrl: string): string {
  const urls = [
    ...publicPaths.map((path) => `  <url><loc>${xml(baseUrl + path)}</loc></url>`),
    ...practices.map((p) => {
      const lastmod = (p.updatedAt ?? p.publishedAt)?.toISOString().slice(0, 10);
      return `  <url><loc>${xml(`${baseUrl}/recueil/${p.slug}`)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`;
    }),
  ];
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join('\n')}
</urlset>
`;
}

export function robots(baseUrl: string): string {
  return [
    'User-agent: *',
    'Disallow: /moderation',
    'Disallow: /questionnaire/reprendre/',
    'Disallow: /fiches/validation/',
    'Disallow: /compte',
    'Disallow: /connexion',
    'Allow: /',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
