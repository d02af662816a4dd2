import type { BannerError } from '@/lib/form-errors';

/** A failed request's banner: what went wrong, and the errors that belong to no field of the form. */
export function ErrorBanner({ error }: { error: BannerError }) {
  return (
    <div className="banner banner-error" role="alert">
      <p className="banner-title">{error.title}</p>
      {error.detail ? <p>{error.detail}</p> : null}
      {error.items?.length ? (
        <ul>
          {error.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
