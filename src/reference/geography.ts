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
  postalCodes: string[];
}

interface Geography {
  regions: Region[];
  departments: Department[];
  regionByCode: Map<string, Region>;
  departmentByCode: Map<string, Department>;
  communeByCode: Map<string, Commune>;
  communesByDepartment: Map<string, Commune[]>;
}

let cache: Geography | undefined;

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'fr');

function load(): Geography {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const rawRegions: Array<{
    code: string;
    nom: string;
  }> = require('@etalab/decoupage-administratif/data/regions.json');
  const rawDepartments: Array<{
    code: string;
    nom: string;
    region: string;
  }> = require('@etalab/decoupage-administratif/data/departements.json');
  const rawCommunes: Array<{
    code: string;
    nom: string;
    type: string;
    departement: string;
    region: string;
    codesPostaux?: string[];
  }> = require('@etalab/decoupage-administratif/data/communes.json');
  /* eslint-enable @typescript-eslint/no-require-imports */

  const regions = rawRegions.map((r) => ({ code: r.code, name: r.nom })).sort(byName);
  const departments = rawDepartments
    .map((d) => ({ code: d.code, name: d.nom, region: d.region }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const communeByCode = new Map<string, Commune>();
  const communesByDepartment = new Map<string, Commune[]>();
  for (const c of rawCommunes) {
    if (c.type !== 'commune-actuelle') continue;
    const commune: Commune = {
      code: c.code,
      name: c.nom,
      department: c.departement,
      region: c.region,
      postalCodes: c.codesPostaux ?? [],
    };
    communeByCode.set(commune.code, commune);
    const list = communesByDepartment.get(commune.department) ?? [];
    list.push(commune);
    communesByDepartment.set(commune.department, list);
  }
  for (const list of communesByDepartment.values()) list.sort(byName);
  return {
    regions,
    departments,
    regionByCode: new Map(regions.map((r) => [r.code, r])),
    departmentByCode: new Map(departments.map((d) => [d.code, d])),
    communeByCode,
    communesByDepartment,
  };
}

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
export const commune = (code: string): Commune | undefined => geo().communeByCode.get(code);
export const communesOf = (departmentCode: string): Commune[] =>
  geo().communesByDepartment.get(departmentCode) ?? [];
export const departments = (): Department[] => geo().departments;
