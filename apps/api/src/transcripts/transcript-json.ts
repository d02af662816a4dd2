/**
 * SQL fragments that build a story's transcript as JSON inside the statement that reads the story
 * (`s` is the story's alias): one statement per response, in position order.
 */

/** The staff view: the stored speaker reference, the person's summary, the rendered label. */
const STAFF_SPOKEN_FIELDS = `'personId', tt.person_id,
           'person', CASE WHEN tp.id IS NULL THEN NULL ELSE json_build_object(
             'id', tp.id, 'slug', tp.slug, 'displayName', tp.display_name, 'givenName', tp.given_name, 'familyName', tp.family_name,
             'labelTitle', tp.label_title, 'isStaff', EXISTS (SELECT 1 FROM correspondents tc WHERE tc.person_id = tp.id)) END,
           'unidentified', CASE WHEN tt.unidentified IS NULL THEN NULL ELSE json_build_object('descriptor', tt.unidentified, 'number', tt.unidentified_number) END,
           'role', tt.role, 'title', tt.title, 'annotation', tt.annotation, 'text', tt.text, 'label', tt.label, 'renderedLabel', tt.rendered_label`;
/** A timed turn's times (and marks, when it has some), appended to its fields; untimed turns keep their old shape. */
const STAFF_TIMES = `'startMs', tt.start_ms, 'endMs', tt.end_ms`;

/** A spoken turn's fields, its times when timed, and its spelling spans when it has some (so other turns keep their old shape). */
const staffSpoken = (spellings: string) => `CASE
           WHEN tt.start_ms IS NULL THEN json_build_object(${STAFF_SPOKEN_FIELDS}${spellings})
           WHEN tt.marks IS NULL THEN json_build_object(${STAFF_SPOKEN_FIELDS}, ${STAFF_TIMES}${spellings})
           ELSE json_build_object(${STAFF_SPOKEN_FIELDS}, ${STAFF_TIMES}, 'marks', tt.marks${spellings}) END`;

export const STAFF_TRANSCRIPT_JSON = `json_build_object('turns', COALESCE((
  SELECT json_agg(CASE
           WHEN tt.cue IS NOT NULL AND tt.start_ms IS NULL THEN json_build_object('cue', tt.cue)
           WHEN tt.cue IS NOT NULL THEN json_build_object('cue', tt.cue, ${STAFF_TIMES})
           WHEN tt.spellings IS NULL THEN ${staffSpoken('')}
           ELSE ${staffSpoken(`, 'spellings', tt.spellings`)} END
         ORDER BY tt.position)
    FROM transcript_turns tt LEFT JOIN people tp ON tp.id = tt.person_id
   WHERE tt.story_id = s.id), '[]'::json))`;

/**
 * The public text of a turn: " (ph)" after each unverified spelling (`public_text`, set on write),
 * else the text. The spans themselves never leave the staff API.
 */
const PUBLIC_TEXT = 'COALESCE(tt.public_text, tt.text)';

/** The public view: rendered label, speaker name and slug, annotation, text; or a cue. */
export const PUBLIC_TRANSCRIPT_JSON = `jsonb_build_object('turns', COALESCE((
  SELECT jsonb_agg((CASE WHEN tt.cue IS NOT NULL THEN jsonb_build_object('cue', tt.cue) ELSE jsonb_build_object(
           'label', COALESCE(tt.rendered_label, tt.label, ''),
           'speaker', CASE WHEN tp.id IS NULL THEN NULL ELSE jsonb_build_object('name', tp.display_name, 'slug', tp.slug) END,
           'annotation', tt.annotation, 'text', ${PUBLIC_TEXT}) END)
           || CASE WHEN tt.start_ms IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('startMs', tt.start_ms, 'endMs', tt.end_ms) END
         ORDER BY tt.position)
    FROM transcript_turns tt LEFT JOIN people tp ON tp.id = tt.person_id
   WHERE tt.story_id = s.id), '[]'::jsonb))`;

/**
 * The broadcast plain text of a story's transcript, as contracts' transcriptToText writes it:
 * "LABEL: (Annotation) text" paragraphs, "(CUE)" paragraphs, a turn of only an annotation as
 * "LABEL: (Speaking Russian).", the credit line last, blank lines between, a final newline.
 * NULL when the story has no turns.
 */
export const TRANSCRIPT_TEXT_SQL = `(SELECT string_agg(
    CASE WHEN tt.cue IS NOT NULL THEN '(' || tt.cue || ')'
         ELSE COALESCE(tt.rendered_label, tt.label, '') || ':' || COALESCE(' (' || tt.annotation || ')', '')
              || CASE WHEN tt.text <> '' THEN ' ' || ${PUBLIC_TEXT} WHEN tt.annotation IS NOT NULL THEN '.' ELSE '' END END,
    E'\\n\\n' ORDER BY tt.position)
  FROM transcript_turns tt WHERE tt.story_id = s.id)
  || CASE WHEN btrim(s.credit) <> '' THEN E'\\n\\n' || btrim(s.credit) ELSE '' END || E'\\n'`;

/**
 * The turns the timed exports (transcript.vtt/.srt/.json) are written from: rendered label,
 * annotation, text or cue, times and sentence marks, the unverified spellings' spans (contracts' ExportTurn, which
 * prints " (ph)" after them). `s` is the story.
 */
export const EXPORT_TRANSCRIPT_JSON = `COALESCE((
  SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
           'cue', tt.cue,
           'label', CASE WHEN tt.cue IS NULL THEN COALESCE(tt.rendered_label, tt.label, '') END,
           'annotation', tt.annotation, 'text', tt.text,
           'startMs', tt.start_ms, 'endMs', tt.end_ms, 'marks', tt.marks,
           'spellings', (SELECT jsonb_agg(jsonb_build_object('at', (sp->>'at')::int, 'end', (sp->>'end')::int)) FROM jsonb_array_elements(tt.spellings) sp
                          WHERE NOT (sp->>'verified')::boolean))) ORDER BY tt.position)
    FROM transcript_turns tt WHERE tt.story_id = s.id), '[]'::jsonb)`;
