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
