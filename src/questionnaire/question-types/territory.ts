import { commune, department, region } from '../../reference';
import type { Question } from '../definition.types';
import { invalid, list, single } from '../form-input';
import { badValue, text } from './common';
import type { TerritoryAnswer, TypeHandler } from './types';

/** Territory: région → département → commune(s), by INSEE code, checked for consistency. */
const regionField = (q: Question) => `${q.id}Region`;
const departmentField = (q: Question) => `${q.id}Departement`;
const communesField = (q: Question) => `${q.id}Communes`;
export const territory: TypeHandler = {
  fields: (q) => [regionField(q), departmentField(q), communesField(q)],
  rules: (q, { complete }) => [
    {
      field: regionField(q),
      check: (body) => {
        const r = single(body, regionField(q));
        if (r === invalid) return badValue;
        if (!r) return complete && q.required ? 'Choisissez la région' : undefined;
        return region(r) ? undefined : 'Cette région n’existe pas : choisissez-la dans la liste';
      },
    },
    {
      field: departmentField(q),
      check: (body) => {
        const r = single(body, regionField(q));
        const d = single(body, departmentField(q));
        if (d === invalid || r === invalid) return badValue;
        if (!d) return complete && q.required && r ? 'Choisissez le département' : undefined;
        const dep = department(d);
        if (!dep) return 'Ce département n’existe pas : choisissez-le dans la liste';
        if (r && dep.region !== r)
          return `Le département ${dep.name} n’est pas dans la région choisie`;
        return undefined;
      },
    },
    {
      field: communesField(q),
      check: (body) => {
        const d = single(body, departmentField(q));
        const codes = list(body, communesField(q));
        if (codes === invalid || d === invalid) return badValue;
        const chosen = codes.filter(Boolean);
        if (chosen.length === 0)
          return complete && q.required && d ? 'Choisissez au moins une commune' : undefined;
        if (!q.multipleCommunes && chosen.length > 1) return 'Choisissez une seule commune';
        for (const code of chosen) {
          const c = commune(code);
          if (!c) return `La commune de code ${code} n’existe pas`;
          if (c.department !== d)
            return `La commune ${c.name} n’est pas dans le département choisi`;
        }
        return undefined;
      },
    },
  ],
  parse: (q, body) => {
    const r = text(body, regionField(q));
    const d = text(body, departmentField(q));
    if (!r) return undefined;
    const codes = [...new Set((list(body, communesField(q)) as string[]).filter(Boolean))];
    return {
      region: r,
      department: d,
      communes: codes.map((code) => ({ code, name: commune(code)!.name })),
    };
  },
  toForm: (q, value) => {
    const t = value as TerritoryAnswer;
    return {
      [regionField(q)]: t.region,
      [departmentField(q)]: t.department,
      [communesField(q)]: t.communes.map((c) => c.code),
    };
  },
  display: (_q, value) => {
    const t = value as TerritoryAnswer;
    const dep = t.department ? department(t.department) : undefined;
    return [
      `Région : ${region(t.region)?.name ?? t.region}`,
      ...(dep ? [`Département : ${dep.name} (${dep.code})`] : []),
      ...(t.communes.length
        ? [
            `Commune${t.communes.length > 1 ? 's' : ''} : ${t.communes.map((c) => `${c.name} (${c.code})`).join(', ')}`,
          ]
        : []),
    ];
  },
};
