import { Field } from './Field';

interface Props {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/** The email input of the log-in and password forms (autofill, mobile keyboard, required). */
export function EmailField({ value, onChange, error }: Props) {
  return (
    <Field
      label="Email"
      name="email"
      type="email"
      autoComplete="email"
      required
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
    />
  );
}
