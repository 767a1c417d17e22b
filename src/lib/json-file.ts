import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';

/** Reads a JSON file and validates it; the error names the file and each bad path. */
export function readValidatedJson<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 10)
      .map((issue) => `  - ${issue.path.join('.')} : ${issue.message}`)
      .join('\n');
    throw new Error(`${path.basename(file)} invalide :\n${problems}`);
  }
  return parsed.data;
}
