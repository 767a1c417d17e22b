import fs from 'node:fs';
/**
 * Régions, départements and communes from @etalab/decoupage-administratif (INSEE COG, Licence
 * Ouverte). Loaded lazily once per process; lookups are by official INSEE code.
 */
export interface Region {
  code: string;
  name: string;
}
export interface Department {
  code: string;
  name: string;
  region: string;
}
export interface Commune {
  code: string;
  name: string;
  department: string;
  region: string;
}

interface Geography {
  regions: Region[];
  departments: Department[];
  regionByCode: Map<string, Region>;
  departmentByCode: Map<string, Department>;
}

let cache: Geography | undefined;
/** Per département, its communes as « code TAB name » lines sorted by name: loaded on first use. */
let communeLines: Map<string, string> | undefined;

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'fr');

/* eslint-disable @typescript-eslint/no-require-imports */
function load(): Geography {
  const rawRegions: Array<{
    code: string;
    nom: string;
  }> = require('@etalab/decoupage-administratif/data/regions.json');
  const rawDepartments: Array<{
    code: string;
    nom: string;
    region: string;
  }> = require('@etalab/decoupage-administratif/data/departements.json');
  const regions = rawRegions.map((r) => ({ code: r.code, name: r.nom })).sort(byName);
  const departments = rawDepartments
    .map((d) => ({ code: d.code, name: d.nom, region: d.region }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    regions,
    departments,
    regionByCode: new Map(regions.map((r) => [r.code, r])),
    departmentByCode: new Map(departments.map((d) => [d.code, d])),
  };
}

/**
 * The 35,000 communes are only needed by forms (questionnaire, sheet editor): read on first use
 * (not through `require`, whose cache would keep the whole file) and kept as one string per
 * département, not as objects that every garbage collection of the process would walk.
 */
function loadCommunes(): Map<string, string> {
  const file = require.resolve('@etalab/decoupage-administratif/data/communes.json');
  const raw: Array<{ code: string; nom: string; type: string; departement: string }> = JSON.parse(
    fs.readFileSync(file, 'utf8'),
  );
  const byDepartment = new Map<string, Array<{ code: string; name: string }>>();
  for (const c of raw) {
    if (c.type !== 'commune-actuelle') continue;
    const list = byDepartment.get(c.departement) ?? [];
    list.push({ code: c.code, name: c.nom });
    byDepartment.set(c.departement, list);
  }
  return new Map(
    [...byDepartment].map(([code, list]) => [
      code,
      list
        .sort(byName)
        .map((c) => `${c.code}\t${c.name}`)
        .join('\n'),
    ]),
  );
}
/* eslint-enable @typescript-eslint/no-require-imports */

function geo(): Geography {
  cache ??= load();
  return cache;
}

export const regions = (): Region[] => geo().regions;
export const region = (code: string): Region | undefined => geo().regionByCode.get(code);
export const department = (code: string): Department | undefined =>
  geo().departmentByCode.get(code);
export const departmentsOf = (regionCode: string): Department[] =>
  geo().departments.filter((d) => d.region === regionCode);
export const departments = (): Department[] => geo().departments;

/** A département's communes, sorted by name. */
export function communesOf(departmentCode: string): Commune[] {
  const dept = department(departmentCode);
  communeLines ??= loadCommunes();
  const lines = dept && communeLines.get(dept.code);
  if (!lines) return [];
  return lines.split('\n').map((line) => {
    const [code, name] = line.split('\t');
    return { code, name, department: dept.code, region: dept.region };
  });
}

/** The département of an INSEE commune code: its first two characters, three overseas. */
const departmentOfCommune = (code: string) =>
  /^9[78]/.test(code) ? code.slice(0, 3) : code.slice(0, 2);

export const commune = (code: string): Commune | undefined =>
  communesOf(departmentOfCommune(code)).find((c) => c.code === code);
