import { Field } from './Field';

interface Props {
  label?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/** The account's password as it is now: to log in, or to confirm a change to the account. */
export function CurrentPasswordField({
  label = 'Current password',
  value,
  onChange,
  error,
}: Props) {
  return (
    <Field
      label={label}
      name="password"
      type="password"
      autoComplete="current-password"
      required
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
    />
  );
}
