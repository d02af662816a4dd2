'use client';

import type { Media } from '@newsdesk/contracts';
import { FocalPointControl } from './focal-point-control';
import { RenditionsPanel } from './renditions-panel';
import { useMediaRecord } from './use-media-record';
import './images.css';

interface Props {
  media: Media;
  /** Told of every newer record (a save, a retry, the renditions' progress): the page keeps the version current. */
  onChange?: (media: Media) => void;
  disabled?: boolean;
}

/** An uploaded image's focal point and renditions (the photo field and the body image dialog). */
export function ImageRenditions({ media: initial, onChange, disabled }: Props) {
  const [media, setMedia] = useMediaRecord(initial, onChange);
  return (
    <div className="image-renditions">
      <FocalPointControl media={media} onSaved={setMedia} disabled={disabled} />
      <RenditionsPanel media={media} onChange={setMedia} disabled={disabled} />
    </div>
  );
}
