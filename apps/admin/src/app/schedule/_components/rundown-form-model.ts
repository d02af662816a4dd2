import {
  IdSchema,
  RundownItemInputSchema,
  RundownItemKindSchema,
  formatDuration,
  parseDuration,
  type RichTextDoc,
  type Rundown,
  type SaveRundownInput,
} from '@newsdesk/contracts';
import { z } from 'zod';

/** The rundown editor's form: its schema, from and to the API's rundown, and API fields to form fields. */

/** The contract's rundown item, with the duration as typed ("4:10"). */
const ItemFormSchema = z.object({
  id: IdSchema.optional(),
  title: RundownItemInputSchema.shape.title,
  kind: RundownItemKindSchema,
  duration: z.string().refine((value) => {
    const seconds = parseDuration(value, 'minutes');
    return seconds !== null && seconds <= 86_400;
  }, 'm:ss'),
  storyId: z.string(),
  /** Who reads the script ('' = nobody named: the program's pace). */
  readerId: z.string(),
  notes: z.string().trim().max(2000, 'At most 2,000 characters'),
  /** Carried as saved (the script editor sets it; the clock sets posts). */
  script: z.custom<RichTextDoc>(),
  postAt: z.string().nullable(),
});
export const RundownFormSchema = z.object({ items: z.array(ItemFormSchema).max(200, 'At most 200 items') });
export type Input = z.input<typeof RundownFormSchema>;
export type Values = z.output<typeof RundownFormSchema>;
const ITEM_FIELDS = ['title', 'kind', 'storyId', 'readerId', 'notes'] as const;

export const toForm = (rundown: Rundown): Input => ({
  items: rundown.items.map((item) => ({
    id: item.id,
    title: item.title,
    kind: item.kind,
    duration: formatDuration(item.durationSeconds),
    storyId: item.storyId ?? '',
    readerId: item.readerId ?? '',
    notes: item.notes,
    script: item.script,
    postAt: item.postAt,
  })),
});

export const EMPTY_SCRIPT: RichTextDoc = { type: 'doc', content: [] };
export const paragraph = (text: string): RichTextDoc['content'][number] => ({
  type: 'paragraph',
  content: text ? [{ type: 'text', text }] : [],
});

export function toSave(version: number, values: Values): SaveRundownInput {
  return {
    version,
    items: values.items.map((item) => ({
      ...(item.id ? { id: item.id } : {}),
      title: item.title,
      kind: item.kind,
      durationSeconds: parseDuration(item.duration, 'minutes') ?? 0,
      storyId: item.storyId || null,
      readerId: item.readerId || null,
      notes: item.notes,
      script: item.script,
      postAt: item.postAt,
    })),
  };
}

/** The hook's records have an id: a rundown is the segment's. */
export type RundownRecord = Rundown & { id: string };
export const asRecord = (rundown: Rundown): RundownRecord => ({ ...rundown, id: rundown.segmentId });

/** The form field of an API field: items.<i>.<field> (durationSeconds is the duration field). */
export function itemFieldOf(apiField: string): `items.${number}.${(typeof ITEM_FIELDS)[number] | 'duration'}` | null {
  const match = /^items\.(\d+)\.(\w+)$/.exec(apiField);
  const field = match?.[2] === 'durationSeconds' ? 'duration' : ITEM_FIELDS.find((name) => name === match?.[2]);
  return match && field ? `items.${Number(match[1])}.${field}` : null;
}
