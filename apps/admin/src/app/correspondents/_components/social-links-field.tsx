'use client';

import type { Control, FieldErrors, UseFormRegister } from 'react-hook-form';
import { useFieldArray } from 'react-hook-form';
import { SOCIAL_LINKS_MAX } from '@newsdesk/contracts';
import type { CorrespondentFormInput, CorrespondentFormValues } from './correspondent-form-model';

interface Props {
  control: Control<CorrespondentFormInput, unknown, CorrespondentFormValues>;
  register: UseFormRegister<CorrespondentFormInput>;
  errors: FieldErrors<CorrespondentFormInput>['socialLinks'];
  disabled: boolean;
}

/** Social and web links: a label ("Bluesky") and a full address each. */
export function SocialLinksField({ control, register, errors, disabled }: Props) {
  const { fields, append, remove } = useFieldArray({ control, name: 'socialLinks' });
  return (
    <fieldset className="field" disabled={disabled}>
      <legend className="field-label">Links</legend>
      {fields.length === 0 ? (
        <p className="field-hint">No links yet: social profiles or a personal site, shown on the public profile.</p>
      ) : null}
      {fields.map((field, index) => {
        const error = errors?.[index];
        return (
          <div key={field.id} className="link-row">
            <div className={error?.label ? 'field-invalid' : undefined}>
              <label htmlFor={`link-${index}-label`} className="visually-hidden">
                Link {index + 1} label
              </label>
              <input
                id={`link-${index}-label`}
                placeholder="Bluesky"
                aria-invalid={error?.label ? true : undefined}
                {...register(`socialLinks.${index}.label`)}
              />
              {error?.label?.message ? (
                <p className="field-error" role="alert">
                  {error.label.message}
                </p>
              ) : null}
            </div>
            <div className={error?.url ? 'field-invalid' : undefined}>
              <label htmlFor={`link-${index}-url`} className="visually-hidden">
                Link {index + 1} address
              </label>
              <input
                id={`link-${index}-url`}
                type="url"
                placeholder="https://…"
                aria-invalid={error?.url ? true : undefined}
                {...register(`socialLinks.${index}.url`)}
              />
              {error?.url?.message ? (
                <p className="field-error" role="alert">
                  {error.url.message}
                </p>
              ) : null}
            </div>
            {!disabled ? (
              <button type="button" className="button button-quiet" aria-label={`Remove link ${index + 1}`} onClick={() => remove(index)}>
                Remove
              </button>
            ) : null}
          </div>
        );
      })}
      {!disabled && fields.length < SOCIAL_LINKS_MAX ? (
        <p>
          <button type="button" className="button button-quiet" onClick={() => append({ label: '', url: '' })}>
            Add a link
          </button>
        </p>
      ) : null}
    </fieldset>
  );
}
