import { useId, type ReactNode } from 'react';

/**
 * The editor's fields: a label, the control, a hint and the file check's
 * message for this field, tied together for screen readers. Each reports
 * what was typed as it is; the content is checked as a whole (shared/
 * directory/directory-edits.ts), not field by field.
 */
interface FieldProps {
  label: string;
  hint?: string;
  error?: string;
  name: string;
}

function FieldFrame({ label, hint, error, control }: FieldProps & { control: (id: string, describedBy: string | undefined) => ReactNode }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control(id, describedBy)}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField(props: FieldProps & { value: string; onChange(value: string): void; long?: boolean; readOnly?: boolean; type?: 'text' | 'date' }) {
  const { value, onChange, long, readOnly, type = 'text', name, error } = props;
  return (
    <FieldFrame
      {...props}
      control={(id, describedBy) =>
        long ? (
          <textarea id={id} name={name} rows={3} value={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input
            id={id}
            name={name}
            type={type}
            value={value}
            readOnly={readOnly}
            spellCheck={type === 'text' && !readOnly}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    />
  );
}

/** A list the lead writes one item a line (keywords, example sentences, documents). */
export function LinesField(props: FieldProps & { value: string[]; onChange(value: string[]): void }) {
  const { value, onChange, name, error } = props;
  return (
    <FieldFrame
      {...props}
      control={(id, describedBy) => (
        <textarea
          id={id}
          name={name}
          rows={Math.min(8, Math.max(3, value.length + 1))}
          value={value.join('\n')}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value.split('\n'))}
        />
      )}
    />
  );
}

export function SelectField(props: FieldProps & { value: string; options: { value: string; label: string }[]; onChange(value: string): void }) {
  const { value, options, onChange, name, error } = props;
  // A value the list does not have (an id typed into the file by hand) is shown as it is, not silently replaced.
  const known = options.some((o) => o.value === value);
  return (
    <FieldFrame
      {...props}
      control={(id, describedBy) => (
        <select id={id} name={name} value={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
          {!known && <option value={value}>{value}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}
