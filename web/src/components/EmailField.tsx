import { Field } from './Field';

interface Props {
  label?: string;
  name?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/** The email input of the account forms (autofill, mobile keyboard, required). */
export function EmailField({ label = 'Email', name = 'email', value, onChange, error }: Props) {
  return (
    <Field
      label={label}
      name={name}
      type="email"
      autoComplete="email"
      required
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
    />
  );
}
