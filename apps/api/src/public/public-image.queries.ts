/**
 * An image as the public API shows it (contracts' PublicImageSchema), for the media id the SQL
 * expression `mediaId` gives: the original's URL, alt, credit, upright size, focal point, and the
 * renditions with a srcset per aspect. The renditions are those of the current focal point and
 * crops once they are ready; until then the last ready ones (a crop change never leaves a
 * published image without renditions); none before the first are made.
 */
export const PUBLIC_IMAGE = (mediaId: string) => `(SELECT json_build_object(
      'url', '/api/media/' || m.id, 'alt', m.alt, 'credit', m.credit, 'width', m.width, 'height', m.height,
      'focal', json_build_object('x', m.focal_x, 'y', m.focal_y),
      'renditions', COALESCE(rj.delivery->'renditions', '[]'::jsonb), 'srcset', COALESCE(rj.delivery->'srcset', '{}'::jsonb))
    FROM media m
    LEFT JOIN LATERAL (SELECT j.delivery FROM image_rendition_jobs j WHERE j.media_id = m.id AND j.state = 'ready'
                        ORDER BY (j.plan_key = m.plan_key) DESC, j.finished_at DESC LIMIT 1) rj ON true
   WHERE m.id = ${mediaId})`;
