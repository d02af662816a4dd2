import { splitName } from '@newsdesk/contracts';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { Field, fieldAria } from './field';

/** One of the name inputs: its react-hook-form registration and error. */
interface NameInput {
  registration: UseFormRegisterReturn;
  error?: FieldError;
}

interface Props {
  /** The inputs' ids are `${idPrefix}-name`, `${idPrefix}-given` and `${idPrefix}-family`. */
  idPrefix: string;
  /** The name as typed now: the given and family names derived from it are the placeholders. */
  fullName: string;
  name: NameInput & { label: string; hint?: string };
  givenName: NameInput & { hint: string };
  familyName: NameInput & { hint: string };
  readOnly?: boolean;
}

/**
 * A person's name and, beside each other, the given and family names. Those two may be left empty:
 * the API derives them from the name, as their placeholders show.
 */
export function NameFields({ idPrefix, fullName, name, givenName, familyName, readOnly }: Props) {
  const derived = splitName(fullName);
  const nameId = `${idPrefix}-name`;
  const givenId = `${idPrefix}-given`;
  const familyId = `${idPrefix}-family`;

  return (
    <>
      <Field id={nameId} label={name.label} hint={name.hint} error={name.error}>
        <input
          className="input-headline"
          autoComplete="off"
          readOnly={readOnly}
          {...fieldAria(nameId, { hint: Boolean(name.hint), error: name.error })}
          {...name.registration}
        />
      </Field>
      <div className="field-row">
        <Field id={givenId} label="Given name" hint={givenName.hint} error={givenName.error}>
          <input
            autoComplete="off"
            readOnly={readOnly}
            placeholder={derived.givenName}
            {...fieldAria(givenId, { hint: true, error: givenName.error })}
            {...givenName.registration}
          />
        </Field>
        <Field id={familyId} label="Family name" hint={familyName.hint} error={familyName.error}>
          <input
            autoComplete="off"
            readOnly={readOnly}
            placeholder={derived.familyName}
            {...fieldAria(familyId, { hint: true, error: familyName.error })}
            {...familyName.registration}
          />
        </Field>
      </div>
    </>
  );
}
