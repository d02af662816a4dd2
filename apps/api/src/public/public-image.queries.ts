/**
 * An image as the public API shows it (contracts' PublicImageSchema), for the media id the SQL
 * expression `mediaId` gives: the original's URL, alt, credit, caption, upright size, focal point,
 * and the renditions with a srcset per aspect. The renditions are those of the current focal point
 * and crops once they are ready; until then the last ready ones (a crop change never leaves a
 * published image without renditions).
 *
 * Only a publishable image is shown (docs/images.md, leak matrix): alt text and credit set and at
 * least one plan's renditions ready; otherwise the expression is NULL. No staff field (file name,
 * sha256, byte size, rendition job state) is ever part of it.
 */
export const PUBLIC_IMAGE = (mediaId: string) => `(SELECT json_build_object(
      'url', '/api/media/' || m.id, 'alt', m.alt, 'credit', m.credit, 'caption', m.caption, 'width', m.width, 'height', m.height,
      'focal', json_build_object('x', m.focal_x, 'y', m.focal_y),
      'renditions', rj.delivery->'renditions', 'srcset', rj.delivery->'srcset')
    FROM media m
    JOIN LATERAL (SELECT j.delivery FROM image_rendition_jobs j WHERE j.media_id = m.id AND j.state = 'ready'
                   ORDER BY (j.plan_key = m.plan_key) DESC, j.finished_at DESC LIMIT 1) rj ON true
   WHERE m.id = ${mediaId} AND btrim(m.alt) <> '' AND btrim(m.credit) <> '')`;

/** An uploaded image's address in a body (`/api/media/{uuid}`), strictly: nothing else may reach the uuid cast. */
const MEDIA_SRC = `'^/api/media/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

/**
 * The images of a story body (every image block, at any depth, in order) as the public story JSON's
 * `images`: absolute URLs with the public API address `publicUrl` (a parameter), alt text and credit
 * from the block, else from the uploaded image, and an upload's size. An external or other site
 * image keeps its own address; only a strict `/api/media/{uuid}` is looked up (a CASE, so PostgreSQL
 * never casts another address to uuid, whatever order it evaluates the join in).
 */
export const BODY_IMAGES = (body: string, publicUrl: string) => `COALESCE((SELECT jsonb_agg(jsonb_build_object(
    'url', CASE WHEN m.id IS NOT NULL THEN ${publicUrl}::text || '/api/media/' || m.id
                WHEN img.attrs->>'src' LIKE '/%' THEN ${publicUrl}::text || (img.attrs->>'src') ELSE img.attrs->>'src' END,
    'alt', COALESCE(NULLIF(img.attrs->>'alt', ''), m.alt, ''), 'credit', COALESCE(NULLIF(img.attrs->>'credit', ''), m.credit, ''),
    'width', m.width, 'height', m.height) ORDER BY img.n)
  FROM jsonb_path_query(${body}, 'strict $.** ? (@.type == "image").attrs') WITH ORDINALITY AS img(attrs, n)
  LEFT JOIN media m ON m.id = CASE WHEN (img.attrs->>'src') ~* ${MEDIA_SRC} THEN substring(img.attrs->>'src' FROM 12)::uuid END),
  '[]'::jsonb)`;
