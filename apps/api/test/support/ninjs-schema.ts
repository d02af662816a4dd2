/**
 * A JSON Schema (draft 2020-12) of IPTC ninjs 2.1, written for these tests from the published
 * standard (https://www.iptc.org/std/ninjs/ninjs-schema_2.1.json and the ninjs 2.x user guide at
 * https://www.iptc.org/std/ninjs/userguide/), not copied from it. Where each rule comes from:
 * - `uri` is the only required property of an item, a URI (2.1: "This is the only required property");
 * - `type` is one of text, audio, video, picture, graphic, composite, component (cv.iptc.org ninature);
 * - `representationtype` is full or partial; `pubstatus` usable, withheld or canceled;
 * - `urgency` an integer 1-9; instants (`firstcreated`, `versioncreated`, `contentcreated`,
 *   `embargoed`, `expires`) are RFC 3339 date-times;
 * - `headlines`, `descriptions`, `bodies` are arrays of objects with a required string `value` and
 *   optional `role`, `contenttype` (bodies also `charcount`, `wordcount` numbers);
 * - `people`, `organisations`, `places`, `subjects`, `events`, `objects`, `infosources`, `genres`
 *   are arrays of concept objects (`name`, `rel` or `role`, `uri` as a URI, `literal`);
 * - `renditions` are objects with a required `name`, `href` a URI, `contenttype`, `title`, and
 *   numbers `height`, `width`, `sizeinbytes`, `duration`, and `format`;
 * - `associations` are whole ninjs items that also require `name` and `uri`;
 * - `altids` (role/value), `standard` (name, version, schema as a URI);
 * - 2.x has no patternProperties: every property has a name, and anything else is refused
 *   (`unevaluatedProperties: false`), at every level.
 */
const text = (extra: Record<string, unknown> = {}) => ({
  type: 'array',
  items: {
    type: 'object',
    required: ['value'],
    additionalProperties: false,
    properties: { role: { type: 'string' }, contenttype: { type: 'string' }, value: { type: 'string' }, ...extra },
  },
});

const concept = (relation: 'rel' | 'role' = 'rel', extra: Record<string, unknown> = {}) => ({
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string' },
      [relation]: { type: 'string' },
      uri: { type: 'string', format: 'uri' },
      literal: { type: 'string' },
      ...extra,
    },
  },
});

const instant = { type: 'string', format: 'date-time' };

export const NINJS_2_1_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:newsdesk:test:ninjs-2.1',
  type: 'object',
  $ref: '#/$defs/item',
  required: ['uri'],
  unevaluatedProperties: false,
  $defs: {
    item: {
      type: 'object',
      properties: {
        uri: { type: 'string', format: 'uri' },
        type: { enum: ['text', 'audio', 'video', 'picture', 'graphic', 'composite', 'component'] },
        representationtype: { enum: ['full', 'partial'] },
        profile: { type: 'string' },
        version: { type: 'string' },
        firstcreated: instant,
        versioncreated: instant,
        contentcreated: instant,
        embargoed: instant,
        expires: instant,
        pubstatus: { enum: ['usable', 'withheld', 'canceled'] },
        urgency: { type: 'integer', minimum: 1, maximum: 9 },
        copyrightholder: { type: 'string' },
        copyrightnotice: { type: 'string' },
        usageterms: { type: 'string' },
        ednote: { type: 'string' },
        language: { type: 'string' },
        title: { type: 'string' },
        by: { type: 'string' },
        slugline: { type: 'string' },
        located: { type: 'string' },
        headlines: text(),
        descriptions: text(),
        bodies: text({ charcount: { type: 'number' }, wordcount: { type: 'number' } }),
        people: concept(),
        organisations: concept(),
        places: concept(),
        subjects: concept('rel', {
          creator: { type: 'string' },
          relevance: { type: 'integer', minimum: 0, maximum: 100 },
          confidence: { type: 'integer', minimum: 0, maximum: 100 },
        }),
        events: concept(),
        objects: concept(),
        infosources: concept('role'),
        genres: concept(),
        renditions: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name'],
            additionalProperties: false,
            properties: {
              name: { type: 'string' },
              href: { type: 'string', format: 'uri' },
              contenttype: { type: 'string' },
              title: { type: 'string' },
              height: { type: 'number' },
              width: { type: 'number' },
              sizeinbytes: { type: 'number' },
              duration: { type: 'number' },
              format: { type: 'string' },
            },
          },
        },
        associations: {
          type: 'array',
          items: {
            type: 'object',
            $ref: '#/$defs/item',
            properties: { name: { type: 'string' } },
            required: ['name', 'uri'],
            unevaluatedProperties: false,
          },
        },
        altids: {
          type: 'array',
          items: { type: 'object', additionalProperties: false, properties: { role: { type: 'string' }, value: { type: 'string' } } },
        },
        trustindicators: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: { role: { type: 'string', format: 'uri' }, title: { type: 'string' }, href: { type: 'string', format: 'uri' } },
          },
        },
        standard: {
          type: 'object',
          additionalProperties: false,
          properties: { name: { type: 'string' }, version: { type: 'string' }, schema: { type: 'string', format: 'uri' } },
        },
      },
    },
  },
} as const;
