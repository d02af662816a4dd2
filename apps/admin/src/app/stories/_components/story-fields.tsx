'use client';

import { slugify, type RichTextDoc, type Story } from '@newsdesk/contracts';
import { useController, useWatch, type FieldError, type UseFormReturn } from 'react-hook-form';
import { Field, fieldAria } from '@/components/field';
import { BodyEditor } from './body-editor/body-editor';
import { BylinePicker } from './byline-picker';
import { LeadImageField } from './lead-image-field';
import { RecommendUntilField } from './recommend-until-field';
import { StoryAudioSection } from './story-audio-section';
import { TagPicker } from './tag-picker';
import type { StoryFormInput, StoryFormValues } from './story-form-model';

interface Props {
  form: UseFormReturn<StoryFormInput, unknown, StoryFormValues>;
  story: Story | undefined;
  canWrite: boolean;
  /** Bumped when the body is replaced from outside (reload, restore), so the editor shows the new document. */
  bodyReset: number;
}

/** The first message in a (possibly nested) field error: the body's errors sit deep in its document. */
function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { message } = error as { message?: unknown };
  if (typeof message === 'string' && message) return message;
  for (const [key, value] of Object.entries(error)) {
    if (key === 'ref') continue;
    const found = firstMessage(value);
    if (found) return found;
  }
  return undefined;
}

const asFieldError = (error: unknown): FieldError | undefined => {
  const message = firstMessage(error);
  return message ? { type: 'validation', message } : undefined;
};

/** A list field's own message (not its items'): react-hook-form keeps it as `message` or `root.message`. */
function listError(error: unknown): string | undefined {
  const list = error as { message?: unknown; root?: { message?: unknown } } | undefined;
  const message = list?.root?.message ?? list?.message;
  return typeof message === 'string' && message ? message : undefined;
}

/** The story's editable fields: text, the rich-text body, bylines, tags, audio and credit. */
export function StoryFields({ form, story, canWrite, bodyReset }: Props) {
  const {
    register,
    control,
    setValue,
    formState: { errors, isDirty },
  } = form;
  const headline = useWatch({ control, name: 'headline' });
  const tags = useWatch({ control, name: 'tags' }) ?? [];
  const bylines = useWatch({ control, name: 'bylines' }) ?? [];
  const { field: body } = useController({ control, name: 'body' });
  const { field: leadImage } = useController({ control, name: 'leadImageId' });
  const { field: recommendUntil } = useController({ control, name: 'recommendUntil' });
  const bodyError = asFieldError(errors.body);

  return (
    <fieldset className="editor-fields" disabled={!canWrite}>
      <legend className="visually-hidden">Story</legend>
      <Field id="story-headline" label="Headline" error={errors.headline}>
        <input
          className="input-headline"
          autoComplete="off"
          {...fieldAria('story-headline', { error: errors.headline })}
          {...register('headline')}
        />
      </Field>
      <Field
        id="story-slug"
        label="Slug"
        hint="The story's address on the web. Leave empty to derive it from the headline."
        error={errors.slug}
      >
        <input
          className="input-mono"
          autoComplete="off"
          spellCheck={false}
          placeholder={slugify(headline ?? '') || 'derived-from-the-headline'}
          {...fieldAria('story-slug', { hint: true, error: errors.slug })}
          {...register('slug')}
        />
      </Field>
      <Field id="story-teaser" label="Teaser" hint="The host's introduction; also the summary on lists." error={errors.teaser}>
        <textarea rows={3} {...fieldAria('story-teaser', { hint: true, error: errors.teaser })} {...register('teaser')} />
      </Field>
      <Field id="story-dateline" label="Dateline" hint="Where the story was reported from, e.g. MOSCOW." error={errors.dateline}>
        <input autoComplete="off" {...fieldAria('story-dateline', { hint: true, error: errors.dateline })} {...register('dateline')} />
      </Field>

      <LeadImageField
        value={leadImage.value ?? null}
        onChange={(id) => leadImage.onChange(id)}
        disabled={!canWrite}
        error={firstMessage(errors.leadImageId)}
      />

      <div className={bodyError ? 'field field-invalid' : 'field'}>
        <span className="label" id="story-body-label">
          Body
        </span>
        <BodyEditor
          id="story-body"
          labelId="story-body-label"
          describedBy={[canWrite ? 'story-body-hint' : null, bodyError ? 'story-body-error' : null].filter(Boolean).join(' ') || undefined}
          invalid={Boolean(bodyError)}
          value={body.value as RichTextDoc}
          resetKey={bodyReset}
          editable={canWrite}
          onChange={(doc) => body.onChange(doc)}
          ref={body.ref}
        />
        {canWrite ? (
          <p id="story-body-hint" className="field-hint">
            Headings, lists, quotes, links and images (with alt text and a credit). Ctrl+K adds a link.
          </p>
        ) : null}
        {bodyError ? (
          <p id="story-body-error" className="field-error" role="alert">
            {bodyError.message}
          </p>
        ) : null}
      </div>

      <BylinePicker
        bylines={bylines}
        onChange={(next) => setValue('bylines', next, { shouldDirty: true, shouldValidate: true })}
        disabled={!canWrite}
        error={firstMessage(errors.bylines)}
      />

      <TagPicker
        tags={tags}
        onChange={(next) => setValue('tags', next, { shouldDirty: true, shouldValidate: true })}
        disabled={!canWrite}
        storyId={story?.id}
        storyVersion={story?.version}
        unsaved={isDirty}
        error={firstMessage(errors.tags)}
      />

      <StoryAudioSection form={form} story={story} canWrite={canWrite} error={listError(errors.audio)} />

      <Field id="story-credit" label="Credit" hint='e.g. "Transcript provided by NPR, Copyright NPR."' error={errors.credit}>
        <input autoComplete="off" {...fieldAria('story-credit', { hint: true, error: errors.credit })} {...register('credit')} />
      </Field>

      <RecommendUntilField
        value={recommendUntil.value ?? null}
        disabled={!canWrite}
        onChange={(instant) => recommendUntil.onChange(instant)}
        error={firstMessage(errors.recommendUntil)}
      />
    </fieldset>
  );
}
