import type { PipeTransform } from '@nestjs/common';
import { fieldErrors } from '@newsdesk/contracts';
import type { z } from 'zod';
import { ValidationError } from './errors.js';
import { findBadText } from './text.js';

/** Validates a request body, query or params against a contract schema; 400 names each bad field. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const bad = findBadText(value);
    if (bad) throw new ValidationError([bad]);
    const result = this.schema.safeParse(value ?? {});
    if (!result.success) throw new ValidationError(fieldErrors(result.error));
    return result.data;
  }
}
