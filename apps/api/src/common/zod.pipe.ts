import type { PipeTransform } from '@nestjs/common';
import { fieldErrors } from '@newsdesk/contracts';
import type { z } from 'zod';
import { ValidationError } from './errors.js';

/** Validates a request body, query or params against a contract schema; 400 names each bad field. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const nul = findNul(value, []);
    if (nul) throw new ValidationError([{ field: nul, message: 'Text must not contain NUL characters' }]);
    const result = this.schema.safeParse(value ?? {});
    if (!result.success) throw new ValidationError(fieldErrors(result.error));
    return result.data;
  }
}

/** PostgreSQL text cannot hold U+0000: find the first string that has one, as a dotted path. */
function findNul(value: unknown, path: string[]): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '(body)' : null;
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const found = findNul(child, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
