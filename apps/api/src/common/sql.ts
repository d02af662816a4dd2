/** An instant as ISO-8601 UTC with milliseconds ("2017-01-23T10:04:00.000Z"), the API's format, built in SQL. */
export const iso = (expression: string) => `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Escapes LIKE wildcards so user text matches literally. */
export const likeEscape = (text: string) => text.replace(/[\\%_]/g, '\\$&');
